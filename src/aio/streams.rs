//! Small stream plumbing, so that the crate needs only the `Stream` trait
//! (`futures-core`), not a combinator library.

use std::future::poll_fn;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use tokio::sync::mpsc;

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

/// A stream over the receiving end of a channel.
pub(crate) struct ChannelStream<T>(pub(crate) mpsc::Receiver<T>);

impl<T> Stream for ChannelStream<T> {
    type Item = T;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        self.0.poll_recv(cx)
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
