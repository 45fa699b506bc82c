//! Listings, read streams and atomic writers of a sync backend, produced on
//! a blocking-pool thread and seen from async code.

use std::io::{Read, Write};
use std::sync::Arc;

use bytes::Bytes;
use tokio::sync::{mpsc, oneshot};
use tokio::task::{JoinHandle, spawn_blocking};

use super::super::park::{joined, park_on};
use super::super::pipe::{CHUNK, WriterCommand};
use super::super::streams::ChannelStream;
use super::super::{AsyncAtomicWriter, BoxFuture, BoxStream};
use crate::{AtomicWriter, Backend, Error, Result, WriteResult};

/// Listing items a pool thread may run ahead of the stream: a sync listing
/// has its pages (a directory) in hand already, and handing items over one
/// by one would cost a thread switch each.
const LISTING_AHEAD: usize = 32;

/// Read chunks (64 KiB each) a pool thread may run ahead of the stream.
const READ_AHEAD: usize = 2;

/// Runs `produce` on the blocking pool: it reports through `opened` whether
/// its stream could be opened, then sends up to `ahead` items before they
/// are taken. Resolves to the stream once opened; a panic on the pool thread
/// is resumed here.
async fn spawn_producer<T, F>(
    name: String,
    ahead: usize,
    produce: F,
) -> Result<BoxStream<'static, T>>
where
    T: Send + 'static,
    F: FnOnce(oneshot::Sender<Result<()>>, mpsc::Sender<T>) + Send + 'static,
{
    let (opened, opened_rx) = oneshot::channel();
    let (items, items_rx) = mpsc::channel(ahead);
    let job: JoinHandle<()> = spawn_blocking(move || produce(opened, items));
    match opened_rx.await {
        Ok(Ok(())) => Ok(Box::pin(ChannelStream::new(items_rx).finished_by(job))),
        Ok(Err(error)) => Err(error),
        Err(_) => {
            joined(job.await.map(Ok), &name)?;
            Err(ended_without_opening(name))
        }
    }
}

/// A sync listing, pulled on a pool thread a few items ahead of the stream.
pub(super) async fn forward_listing<B, T, F>(
    backend: Arc<B>,
    open: F,
) -> Result<BoxStream<'static, Result<T>>>
where
    B: Backend + ?Sized,
    T: Send + 'static,
    F: for<'b> FnOnce(&'b B) -> Result<crate::Listing<'b, T>> + Send + 'static,
{
    let name = backend.name().to_owned();
    spawn_producer(name, LISTING_AHEAD, move |opened, items| {
        match open(&backend) {
            Err(error) => {
                let _ = opened.send(Err(error));
            }
            Ok(listing) => {
                if opened.send(Ok(())).is_err() {
                    return;
                }
                for item in listing {
                    if park_on(items.send(item)).is_err() {
                        return;
                    }
                }
            }
        }
    })
    .await
}

/// A sync read stream, read on a pool thread in 64 KiB chunks.
pub(super) async fn forward_read<B: Backend + ?Sized>(
    backend: Arc<B>,
    path: crate::RemotePath,
) -> Result<BoxStream<'static, Result<Bytes>>> {
    let name = backend.name().to_owned();
    spawn_producer(name, READ_AHEAD, move |opened, chunks| {
        let mut stream = match backend.read(&path) {
            Err(error) => {
                let _ = opened.send(Err(error));
                return;
            }
            Ok(stream) => stream,
        };
        if opened.send(Ok(())).is_err() {
            return;
        }
        let mut buffer = vec![0u8; CHUNK];
        loop {
            let chunk = match stream.read(&mut buffer) {
                Ok(0) => return,
                Ok(n) => Ok(Bytes::copy_from_slice(&buffer[..n])),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => Err(Error::io(path.as_str(), "reading the file failed", e)),
            };
            let last = chunk.is_err();
            if park_on(chunks.send(chunk)).is_err() || last {
                return;
            }
        }
    })
    .await
}

/// Opens a sync atomic writer on a pool thread, which holds it and obeys
/// commands until commit, abort, or the async writer being dropped.
pub(super) async fn open_thread_writer<B: Backend + ?Sized>(
    backend: Arc<B>,
    path: crate::RemotePath,
    options: crate::WriteOptions,
) -> Result<ThreadWriter> {
    let name = backend.name().to_owned();
    let (commands, commands_rx) = mpsc::channel::<WriterCommand>(1);
    let (opened, opened_rx) = oneshot::channel();
    let job = spawn_blocking(move || {
        let writer = match backend.open_atomic(&path, &options) {
            Err(error) => {
                let _ = opened.send(Err(error));
                return;
            }
            Ok(writer) => writer,
        };
        if opened.send(Ok(())).is_err() {
            return;
        }
        serve(writer, &path, commands_rx);
    });
    match opened_rx.await {
        Ok(outcome) => outcome.map(|()| ThreadWriter {
            commands,
            position: 0,
            name,
        }),
        Err(_) => {
            joined(job.await.map(Ok), &name)?;
            Err(ended_without_opening(name))
        }
    }
}

/// The sync backend's thread ended before it said whether the call opened.
fn ended_without_opening(name: String) -> Error {
    Error::backend_unavailable("", "the sync backend's thread ended without opening")
        .with_backend(name)
}

fn serve(
    mut writer: Box<dyn AtomicWriter + '_>,
    path: &crate::RemotePath,
    mut commands: mpsc::Receiver<WriterCommand>,
) {
    // A closed channel (the async writer was dropped) discards: `writer`
    // is dropped on return.
    while let Some(command) = park_on(commands.recv()) {
        match command {
            WriterCommand::Write(chunk, reply) => {
                let outcome = writer.write_all(&chunk).map_err(|e| {
                    Error::io(path.as_str(), "writing to the atomic writer failed", e)
                });
                let _ = reply.send(outcome);
            }
            WriterCommand::Commit(reply) => {
                let _ = reply.send(writer.commit());
                return;
            }
            WriterCommand::Abort(reply) => {
                drop(writer);
                let _ = reply.send(());
                return;
            }
        }
    }
}

/// The async side of a sync atomic writer held on a pool thread. Dropping it
/// closes the command channel, and the thread then discards the writer.
pub(super) struct ThreadWriter {
    commands: mpsc::Sender<WriterCommand>,
    position: u64,
    name: String,
}

impl ThreadWriter {
    fn gone(&self) -> Error {
        Error::backend_unavailable("", "the sync atomic writer's thread ended")
            .with_backend(self.name.clone())
    }

    async fn ask<T>(&self, command: impl FnOnce(oneshot::Sender<T>) -> WriterCommand) -> Option<T> {
        let (reply, answer) = oneshot::channel();
        self.commands.send(command(reply)).await.ok()?;
        answer.await.ok()
    }
}

impl<'a> AsyncAtomicWriter<'a> for ThreadWriter {
    fn position(&self) -> u64 {
        self.position
    }

    fn write(&mut self, chunk: Bytes) -> BoxFuture<'_, Result<()>> {
        Box::pin(async move {
            let len = chunk.len() as u64;
            let outcome = self.ask(|reply| WriterCommand::Write(chunk, reply)).await;
            let outcome = outcome.unwrap_or_else(|| Err(self.gone()));
            if outcome.is_ok() {
                self.position += len;
            }
            outcome
        })
    }

    fn commit(self: Box<Self>) -> BoxFuture<'a, Result<WriteResult>> {
        Box::pin(async move {
            let outcome = self.ask(WriterCommand::Commit).await;
            outcome.unwrap_or_else(|| Err(self.gone()))
        })
    }

    fn abort(self: Box<Self>) -> BoxFuture<'a, Result<()>> {
        Box::pin(async move {
            self.ask(WriterCommand::Abort).await;
            Ok(())
        })
    }
}
