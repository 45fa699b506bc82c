//! Small stream plumbing, so that the crate needs only the `Stream` trait
//! (`futures-core`), not a combinator library.

use std::future::{Future, poll_fn};
use std::panic::resume_unwind;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures_core::Stream;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::{BoxStream, ListStream};
use crate::{Child, FileInfo, FolderEntry, Result};

/// The next item of a boxed stream (`StreamExt::next` without the import).
pub async fn next_item<T>(stream: &mut BoxStream<'_, T>) -> Option<T> {
    poll_fn(|cx| stream.as_mut().poll_next(cx)).await
}

/// Collects a listing into a `Vec`, stopping at the first error.
pub async fn collect_stream<T>(mut stream: ListStream<'_, T>) -> Result<Vec<T>> {
    let mut items = Vec::new();
    while let Some(item) = next_item(&mut stream).await {
        items.push(item?);
    }
    Ok(items)
}

/// A stream over an iterator that never blocks (a memory listing).
pub(crate) struct IterStream<I>(pub(crate) I);

impl<I: Iterator + Unpin> Stream for IterStream<I> {
    type Item = I::Item;

    fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<I::Item>> {
        Poll::Ready(self.0.next())
    }
}

/// A stream over the receiving end of a channel, optionally fed by a task
/// whose panic is resumed once the channel ends (so that a producer that
/// panicked mid-way is not mistaken for the end of the stream).
pub(crate) struct ChannelStream<T> {
    items: mpsc::Receiver<T>,
    producer: Option<JoinHandle<()>>,
}

impl<T> ChannelStream<T> {
    pub(crate) fn new(items: mpsc::Receiver<T>) -> Self {
        ChannelStream {
            items,
            producer: None,
        }
    }

    /// Checks `producer` for a panic when the channel ends.
    pub(crate) fn finished_by(mut self, producer: JoinHandle<()>) -> Self {
        self.producer = Some(producer);
        self
    }
}

impl<T> Stream for ChannelStream<T> {
    type Item = T;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        if let Some(item) = ready!(self.items.poll_recv(cx)) {
            return Poll::Ready(Some(item));
        }
        if let Some(producer) = self.producer.as_mut() {
            let outcome = ready!(Pin::new(producer).poll(cx));
            self.producer = None;
            if let Err(error) = outcome {
                if let Ok(payload) = error.try_into_panic() {
                    resume_unwind(payload);
                }
            }
        }
        Poll::Ready(None)
    }
}

/// Maps the error of every failing item.
pub(crate) struct MapErr<'a, T, E, F> {
    inner: BoxStream<'a, std::result::Result<T, E>>,
    map: F,
}

impl<'a, T, E, F> MapErr<'a, T, E, F> {
    pub(crate) fn new(inner: BoxStream<'a, std::result::Result<T, E>>, map: F) -> Self {
        MapErr { inner, map }
    }
}

impl<T, E, F: Fn(E) -> crate::Error + Unpin> Stream for MapErr<'_, T, E, F> {
    type Item = Result<T>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<T>>> {
        let this = &mut *self;
        this.inner
            .as_mut()
            .poll_next(cx)
            .map(|item| item.map(|r| r.map_err(&this.map)))
    }
}

/// Files, then folders, as children (the default `iter_children`).
pub(crate) fn chain_children<'a>(
    files: ListStream<'a, FileInfo>,
    folders: ListStream<'a, FolderEntry>,
) -> ListStream<'a, Child> {
    Box::pin(Children {
        files: Some(files),
        folders,
    })
}

struct Children<'a> {
    files: Option<ListStream<'a, FileInfo>>,
    folders: ListStream<'a, FolderEntry>,
}

impl Stream for Children<'_> {
    type Item = Result<Child>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Child>>> {
        if let Some(files) = self.files.as_mut() {
            match files.as_mut().poll_next(cx) {
                Poll::Ready(Some(item)) => return Poll::Ready(Some(item.map(Child::File))),
                Poll::Ready(None) => self.files = None,
                Poll::Pending => return Poll::Pending,
            }
        }
        self.folders
            .as_mut()
            .poll_next(cx)
            .map(|item| item.map(|r| r.map(Child::Folder)))
    }
}

/// Maps every item, dropping those the function answers `None` for.
pub(crate) struct FilterMapStream<'a, T, F> {
    inner: BoxStream<'a, T>,
    map: F,
}

impl<'a, T, U, F: FnMut(T) -> Option<U>> FilterMapStream<'a, T, F> {
    pub(crate) fn new(inner: BoxStream<'a, T>, map: F) -> Self {
        FilterMapStream { inner, map }
    }
}

impl<T, U, F: FnMut(T) -> Option<U> + Unpin> Stream for FilterMapStream<'_, T, F> {
    type Item = U;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<U>> {
        let this = &mut *self;
        loop {
            match ready!(this.inner.as_mut().poll_next(cx)) {
                None => return Poll::Ready(None),
                Some(item) => {
                    if let Some(mapped) = (this.map)(item) {
                        return Poll::Ready(Some(mapped));
                    }
                }
            }
        }
    }
}
