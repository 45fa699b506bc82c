//! Listings, read streams and atomic writers of an async backend, seen from
//! sync code.

use std::future::Future;
use std::io::{self, Write};

use bytes::Bytes;
use tokio::sync::{mpsc, oneshot};

use super::super::park::{bridge_runtime, joined, park_on, wait_bridged};
use super::super::pipe::ChunkReader;
use super::super::streams::{ChannelStream, next_item};
use super::super::{AsyncAtomicWriter, BoxStream, ListStream};
use crate::{AtomicWriter, Error, Listing, ReadStream, Result, WriteResult};

/// A listing that polls the async stream on the calling thread, one item
/// per `next` (so pages are fetched only when the iterator gets to them).
/// The stream borrows the backend for as long as the listing borrows the
/// bridge, so nothing has to move to another thread.
pub(super) fn listing<'a, T: Send + 'a>(stream: ListStream<'a, T>) -> Listing<'a, T> {
    Box::new(InlineListing(stream))
}

struct InlineListing<'a, T>(ListStream<'a, T>);

impl<T> Iterator for InlineListing<'_, T> {
    type Item = Result<T>;

    fn next(&mut self) -> Option<Result<T>> {
        wait_bridged(next_item(&mut self.0))
    }
}

/// The sending half a read stream is fed through: first whether the stream
/// could be opened, then its chunks.
pub(super) struct Feed {
    opened: oneshot::Sender<Result<()>>,
    chunks: mpsc::Sender<Result<Bytes>>,
}

impl Feed {
    /// Reports how opening went, then forwards the chunks until the stream
    /// ends or the reader is gone.
    pub(super) async fn run(self, opened: Result<BoxStream<'_, Result<Bytes>>>) {
        let mut stream = match opened {
            Ok(stream) => stream,
            Err(error) => {
                let _ = self.opened.send(Err(error));
                return;
            }
        };
        if self.opened.send(Ok(())).is_err() {
            return;
        }
        while let Some(chunk) = next_item(&mut stream).await {
            if self.chunks.send(chunk).await.is_err() {
                return;
            }
        }
    }
}

/// A sequential [`ReadStream`] (which must own what it reads from) fed by a
/// task on the bridge runtime that holds the async chunk stream, a chunk
/// ahead of the reader. Waits until the stream is open.
pub(super) fn read_stream<Fut>(feed_with: impl FnOnce(Feed) -> Fut) -> Result<ReadStream>
where
    Fut: Future<Output = ()> + Send + 'static,
{
    let (opened, opened_rx) = oneshot::channel();
    let (chunks, chunks_rx) = mpsc::channel(1);
    let task = bridge_runtime().spawn(feed_with(Feed { opened, chunks }));
    match park_on(opened_rx) {
        Ok(outcome) => outcome?,
        Err(_) => {
            // The task ended without answering: resume its panic here.
            joined(park_on(task).map(Ok), "")?;
            return Err(Error::backend_unavailable(
                "",
                "the read stream's task ended without opening",
            ));
        }
    }
    let chunks = ChannelStream::new(chunks_rx).finished_by(task);
    Ok(ReadStream::Sequential(Box::new(ChunkReader::new(chunks))))
}

/// The sync [`AtomicWriter`] over an async one, polled on the calling thread.
pub(super) struct InlineWriter<'a> {
    writer: Option<Box<dyn AsyncAtomicWriter<'a> + 'a>>,
    position: u64,
}

impl<'a> InlineWriter<'a> {
    pub(super) fn new(writer: Box<dyn AsyncAtomicWriter<'a> + 'a>) -> Self {
        InlineWriter {
            writer: Some(writer),
            position: 0,
        }
    }
}

impl Write for InlineWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let Some(writer) = self.writer.as_mut() else {
            return Err(io::Error::other("the atomic writer is already finished"));
        };
        wait_bridged(writer.write(Bytes::copy_from_slice(buf))).map_err(io::Error::other)?;
        self.position += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl AtomicWriter for InlineWriter<'_> {
    fn position(&self) -> u64 {
        self.position
    }

    fn commit(mut self: Box<Self>) -> Result<WriteResult> {
        match self.writer.take() {
            Some(writer) => wait_bridged(writer.commit()),
            None => Err(Error::invalid_argument(
                "",
                "the atomic writer is already finished",
            )),
        }
    }
}

impl Drop for InlineWriter<'_> {
    fn drop(&mut self) {
        // Waits until the async writer has discarded, so that nothing of it
        // is left once the sync writer is gone (as for a sync backend).
        if let Some(writer) = self.writer.take() {
            let _ = wait_bridged(writer.abort());
        }
    }
}
