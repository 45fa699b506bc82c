//! Bytes between the sync and the async side: a sync reader over a channel of
//! chunks, a pump from a sync reader into such a channel, and the commands
//! that drive an atomic writer living on the other side.

use std::future::poll_fn;
use std::io::{self, Read};
use std::pin::Pin;

use futures_core::Stream;

use bytes::Bytes;
use tokio::sync::{mpsc, oneshot};

use super::park::park_on;
use super::streams::ChannelStream;
use crate::{Result, WriteResult};

/// Size of the chunks a sync reader is cut into.
pub(crate) const CHUNK: usize = 64 * 1024;

/// A sync `Read` over a channel of chunks; usable on any thread (it parks,
/// never `block_on`s).
pub(crate) struct ChunkReader<E> {
    chunks: ChannelStream<std::result::Result<Bytes, E>>,
    current: Bytes,
}

impl<E> ChunkReader<E> {
    pub(crate) fn new(chunks: ChannelStream<std::result::Result<Bytes, E>>) -> Self {
        ChunkReader {
            chunks,
            current: Bytes::new(),
        }
    }
}

impl<E: Into<Box<dyn std::error::Error + Send + Sync>>> Read for ChunkReader<E> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.current.is_empty() {
            match park_on(poll_fn(|cx| Pin::new(&mut self.chunks).poll_next(cx))) {
                Some(Ok(chunk)) => self.current = chunk,
                Some(Err(error)) => return Err(io::Error::other(error)),
                None => return Ok(0),
            }
        }
        let n = buf.len().min(self.current.len());
        buf[..n].copy_from_slice(&self.current.split_to(n));
        Ok(n)
    }
}

/// Feeds `reader` into `chunks` until its end, its first error (sent on as
/// the last item) or until the receiving side hangs up.
pub(crate) fn pump_reader(reader: &mut dyn Read, chunks: &mpsc::Sender<io::Result<Bytes>>) {
    let mut buffer = vec![0u8; CHUNK];
    loop {
        let item = match reader.read(&mut buffer) {
            Ok(0) => return,
            Ok(n) => Ok(Bytes::copy_from_slice(&buffer[..n])),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => Err(e),
        };
        let last = item.is_err();
        if park_on(chunks.send(item)).is_err() || last {
            return;
        }
    }
}

/// What the owner of a bridged atomic writer asks the side that holds it.
pub(crate) enum WriterCommand {
    /// Append a chunk.
    Write(Bytes, oneshot::Sender<Result<()>>),
    /// Publish.
    Commit(oneshot::Sender<Result<WriteResult>>),
    /// Discard, and answer once it is gone.
    Abort(oneshot::Sender<()>),
}
