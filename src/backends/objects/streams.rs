//! One stream adapter: `filter_map` over a boxed stream, so that the crate
//! needs only the `Stream` trait, not a combinator library.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use crate::aio::BoxStream;

/// The items of `inner` that `map` turns into `Some`.
pub(super) struct FilterMap<'a, T, F> {
    inner: BoxStream<'a, T>,
    map: F,
}

impl<'a, T, U, F: FnMut(T) -> Option<U>> FilterMap<'a, T, F> {
    pub(super) fn new(inner: BoxStream<'a, T>, map: F) -> Self {
        FilterMap { inner, map }
    }
}

impl<T, U, F: FnMut(T) -> Option<U> + Unpin> Stream for FilterMap<'_, T, F> {
    type Item = U;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<U>> {
        let this = &mut *self;
        loop {
            match this.inner.as_mut().poll_next(cx) {
                Poll::Ready(Some(item)) => {
                    if let Some(mapped) = (this.map)(item) {
                        return Poll::Ready(Some(mapped));
                    }
                }
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}
