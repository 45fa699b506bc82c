//! Listings, read streams and atomic writers that live on the bridge's
//! runtime, seen from sync code.

use std::future::Future;
use std::io::{self, Write};

use bytes::Bytes;
use tokio::sync::{mpsc, oneshot};

use super::super::park::{bridge_runtime, park_on};
use super::super::pipe::{ChunkReader, WriterCommand};
use super::super::streams::next_item;
use super::super::{AsyncAtomicWriter, BoxStream};
use crate::{AtomicWriter, Error, Listing, ReadStream, Result, WriteResult};

/// The sending half a bridged stream is fed through: first whether the
/// stream could be opened, then its items, one at a time.
pub(super) struct Feed<T> {
    opened: oneshot::Sender<Result<()>>,
    items: mpsc::Sender<T>,
}

impl<T: Send> Feed<T> {
    /// Reports how opening went, then forwards the items until the stream
    /// ends or the consumer is gone.
    pub(super) async fn run(self, opened: Result<BoxStream<'_, T>>) {
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
        while let Some(item) = next_item(&mut stream).await {
            if self.items.send(item).await.is_err() {
                return;
            }
        }
    }
}

/// Spawns `feed_with` on the bridge runtime and waits until the stream is
/// open. The channel holds one item, so the task pulls (a page) only a step
/// ahead of the consumer.
pub(super) fn open_bridged<T, Fut>(
    feed_with: impl FnOnce(Feed<T>) -> Fut,
) -> Result<mpsc::Receiver<T>>
where
    T: Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let (items, items_rx) = mpsc::channel(1);
    spawn_opening(|opened| feed_with(Feed { opened, items }))?;
    Ok(items_rx)
}

/// Spawns `task` on the bridge runtime and waits for the first thing it
/// reports: whether what it opens (a stream, a writer) could be opened.
pub(super) fn spawn_opening<Fut>(
    task: impl FnOnce(oneshot::Sender<Result<()>>) -> Fut,
) -> Result<()>
where
    Fut: Future<Output = ()> + Send + 'static,
{
    let (opened, opened_rx) = oneshot::channel();
    bridge_runtime().spawn(task(opened));
    match park_on(opened_rx) {
        Ok(outcome) => outcome,
        // The task ended without answering: it panicked.
        Err(_) => Err(Error::BackendUnavailable {
            path: String::new(),
            backend: None,
            reason: "the async backend panicked while opening a stream or writer".to_owned(),
        }),
    }
}

/// A listing whose items come from a stream on the bridge runtime.
pub(super) fn listing<T: Send + 'static>(items: mpsc::Receiver<Result<T>>) -> Listing<'static, T> {
    Box::new(BridgedListing(items))
}

struct BridgedListing<T>(mpsc::Receiver<Result<T>>);

impl<T> Iterator for BridgedListing<T> {
    type Item = Result<T>;

    fn next(&mut self) -> Option<Result<T>> {
        park_on(self.0.recv())
    }
}

/// A sequential read stream over chunks from the bridge runtime.
pub(super) fn read_stream(chunks: mpsc::Receiver<Result<Bytes>>) -> ReadStream {
    ReadStream::Sequential(Box::new(ChunkReader::new(chunks)))
}

/// Reports that the writer is open, then holds it on the bridge runtime and
/// obeys `commands`. A closed channel (the sync writer vanished without a
/// word) discards.
pub(super) async fn serve_writer(
    opened: oneshot::Sender<Result<()>>,
    mut writer: Box<dyn AsyncAtomicWriter<'_> + '_>,
    mut commands: mpsc::Receiver<WriterCommand>,
) {
    if opened.send(Ok(())).is_err() {
        let _ = writer.abort().await;
        return;
    }
    while let Some(command) = commands.recv().await {
        match command {
            WriterCommand::Write(chunk, reply) => {
                let _ = reply.send(writer.write(chunk).await);
            }
            WriterCommand::Commit(reply) => {
                let _ = reply.send(writer.commit().await);
                return;
            }
            WriterCommand::Abort(reply) => {
                let _ = writer.abort().await;
                let _ = reply.send(());
                return;
            }
        }
    }
    let _ = writer.abort().await;
}

/// The sync [`AtomicWriter`] that drives an async one through commands.
pub(super) struct BridgedWriter {
    commands: Option<mpsc::Sender<WriterCommand>>,
    position: u64,
    path: String,
}

impl BridgedWriter {
    pub(super) fn new(commands: mpsc::Sender<WriterCommand>, path: String) -> Self {
        BridgedWriter {
            commands: Some(commands),
            position: 0,
            path,
        }
    }

    fn gone(&self) -> Error {
        Error::BackendUnavailable {
            path: self.path.clone(),
            backend: None,
            reason: "the async atomic writer is gone (its task ended)".to_owned(),
        }
    }

    fn ask<T>(&self, command: impl FnOnce(oneshot::Sender<T>) -> WriterCommand) -> Option<T> {
        let commands = self.commands.as_ref()?;
        let (reply, answer) = oneshot::channel();
        park_on(commands.send(command(reply))).ok()?;
        park_on(answer).ok()
    }
}

impl Write for BridgedWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let chunk = Bytes::copy_from_slice(buf);
        match self.ask(|reply| WriterCommand::Write(chunk, reply)) {
            Some(Ok(())) => {
                self.position += buf.len() as u64;
                Ok(buf.len())
            }
            Some(Err(error)) => Err(io::Error::other(error)),
            None => Err(io::Error::other(self.gone())),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl AtomicWriter for BridgedWriter {
    fn position(&self) -> u64 {
        self.position
    }

    fn commit(mut self: Box<Self>) -> Result<WriteResult> {
        let outcome = self.ask(WriterCommand::Commit);
        self.commands = None;
        outcome.unwrap_or_else(|| Err(self.gone()))
    }
}

impl Drop for BridgedWriter {
    fn drop(&mut self) {
        // Waits until the async writer has discarded, so that nothing of it
        // is left once the sync writer is gone (as for a sync backend).
        let _ = self.ask(WriterCommand::Abort);
    }
}
