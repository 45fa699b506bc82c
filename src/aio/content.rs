//! Bytes in and out of an async backend: [`AsyncContent`] to write,
//! [`AsyncAtomicWriter`] for `open_atomic`.

use std::fmt;
use std::io;

use bytes::{Bytes, BytesMut};

use super::streams::next_item;
use super::{BoxFuture, BoxStream, ByteStream};
use crate::{Error, RemotePath, Result, WriteResult};

/// Content to write asynchronously: bytes already in memory, or a stream of
/// chunks (the async form of [`Content`](crate::Content)). A chunk that is an
/// error fails the write, which then leaves the backend unchanged.
///
/// ```
/// use bytes::Bytes;
/// use remote_store::aio::AsyncContent;
///
/// let in_memory: AsyncContent = "hello".into();
/// let chunks = AsyncContent::stream(futures_util::stream::iter([
///     Ok(Bytes::from("hel")),
///     Ok(Bytes::from("lo")),
/// ]));
/// # let _ = (in_memory, chunks);
/// ```
pub enum AsyncContent<'a> {
    /// Bytes in memory (shared, not copied, when given as [`Bytes`]).
    Bytes(Bytes),
    /// A stream of chunks, consumed to its end.
    Stream(BoxStream<'a, io::Result<Bytes>>),
}

impl<'a> AsyncContent<'a> {
    /// Content from a stream of chunks.
    pub fn stream(chunks: impl futures_core::Stream<Item = io::Result<Bytes>> + Send + 'a) -> Self {
        AsyncContent::Stream(Box::pin(chunks))
    }

    /// Gathers the content into one buffer. A failing chunk becomes
    /// [`Error::Io`] naming `path`.
    pub async fn into_bytes(self, path: &RemotePath) -> Result<Bytes> {
        match self {
            AsyncContent::Bytes(bytes) => Ok(bytes),
            AsyncContent::Stream(stream) => {
                let chunks = mapped(stream, |e| {
                    Error::io(path.as_str(), "reading the content to write failed", e)
                });
                collect_bytes(chunks).await
            }
        }
    }
}

fn mapped<'a, T, E>(
    stream: BoxStream<'a, std::result::Result<T, E>>,
    map: impl Fn(E) -> Error + Send + Unpin + 'a,
) -> BoxStream<'a, Result<T>>
where
    T: Send + 'a,
    E: Send + 'a,
{
    Box::pin(super::streams::MapErr::new(stream, map))
}

/// Concatenates a chunk stream; one chunk is returned as it is (no copy).
pub(crate) async fn collect_bytes(mut stream: ByteStream<'_>) -> Result<Bytes> {
    let Some(first) = next_item(&mut stream).await else {
        return Ok(Bytes::new());
    };
    let first = first?;
    let Some(second) = next_item(&mut stream).await else {
        return Ok(first);
    };
    let mut buffer = BytesMut::from(&first[..]);
    buffer.extend_from_slice(&second?);
    while let Some(chunk) = next_item(&mut stream).await {
        buffer.extend_from_slice(&chunk?);
    }
    Ok(buffer.freeze())
}

impl fmt::Debug for AsyncContent<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AsyncContent::Bytes(bytes) => write!(f, "AsyncContent::Bytes({} bytes)", bytes.len()),
            AsyncContent::Stream(_) => f.write_str("AsyncContent::Stream(..)"),
        }
    }
}

crate::stream::content_from_bytes!(AsyncContent);

/// A writer returned by [`AsyncBackend::open_atomic`](super::AsyncBackend::open_atomic):
/// nothing is visible at the target until [`commit`](AsyncAtomicWriter::commit)
/// succeeds. [`abort`](AsyncAtomicWriter::abort) discards everything and
/// waits until it is gone; dropping the writer discards too, without waiting.
pub trait AsyncAtomicWriter<'a>: Send + 'a {
    /// Bytes written so far (the position, like `tell`).
    fn position(&self) -> u64;

    /// Appends a chunk.
    fn write(&mut self, chunk: Bytes) -> BoxFuture<'_, Result<()>>;

    /// Publishes the written bytes at the target, re-checking the write
    /// preconditions at this moment.
    fn commit(self: Box<Self>) -> BoxFuture<'a, Result<WriteResult>>;

    /// Discards everything written. The default drops the writer.
    fn abort(self: Box<Self>) -> BoxFuture<'a, Result<()>> {
        Box::pin(async move {
            drop(self);
            Ok(())
        })
    }
}

impl fmt::Debug for dyn AsyncAtomicWriter<'_> + '_ {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AsyncAtomicWriter(position={})", self.position())
    }
}
