//! Async storage (feature `async`): [`AsyncBackend`], the same contract as
//! [`Backend`](crate::Backend) with async methods, [`AsyncStore`], and bridges
//! both ways.
//!
//! * [`AsyncBackend`] follows [the contract](crate::contract) method for
//!   method. It is object safe (`Arc<dyn AsyncBackend>` is a backend too):
//!   methods return [`BoxFuture`]s, listings are [`BoxStream`]s of `Result`
//!   items, `read_bytes` gives the whole content as [`Bytes`](bytes::Bytes)
//!   and `read` a [`ByteStream`] of chunks, and `open_atomic` an
//!   [`AsyncAtomicWriter`] that publishes on `commit`.
//! * [`MemoryBackend`](crate::backends::MemoryBackend) implements
//!   `AsyncBackend` natively: its operations never block for long, so they
//!   run inside the future, with no thread hop.
//! * [`Blocking`] turns any `AsyncBackend` into a [`Backend`](crate::Backend)
//!   (the conformance suite, the model test and the fuzz harness reach async
//!   backends through it). It drives the futures on a tokio runtime of its
//!   own, on its own threads, so it works from a plain `#[test]` and from
//!   inside any tokio runtime.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> remote_store::Result<()> {
//! use remote_store::aio::{AsyncBackend, collect_stream};
//! use remote_store::backends::MemoryBackend;
//! use remote_store::{ListOptions, RemotePath, WriteOptions};
//!
//! let backend = MemoryBackend::new();
//! let path = RemotePath::parse("data/hello.txt")?;
//! AsyncBackend::write(&backend, &path, "Hello, async!".into(), &WriteOptions::new()).await?;
//! assert_eq!(AsyncBackend::read_bytes(&backend, &path).await?, "Hello, async!");
//! let data = RemotePath::parse("data")?;
//! let files = collect_stream(AsyncBackend::list_files(&backend, &data, ListOptions::new()).await?).await?;
//! assert_eq!(files[0].path, path);
//! # Ok(())
//! # }
//! ```

mod backend;
mod blocking;
mod content;
mod park;
mod pipe;
mod streams;

use std::future::Future;
use std::pin::Pin;

pub use self::backend::AsyncBackend;
pub use self::blocking::Blocking;
pub use self::content::{AsyncAtomicWriter, AsyncContent};
pub(crate) use self::streams::IterStream;
pub use self::streams::{collect_stream, next_item};

/// A boxed, `Send` future: what every [`AsyncBackend`] method returns. The
/// same type as `futures::future::BoxFuture`, so `.boxed()` produces one.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A boxed, `Send` stream. The same type as `futures::stream::BoxStream`.
pub type BoxStream<'a, T> = Pin<Box<dyn futures_core::Stream<Item = T> + Send + 'a>>;

/// An async listing: a stream of `Result` items, so that a listing whose
/// pages fail mid-way reports it at that item. The async form of
/// [`Listing`](crate::Listing).
pub type ListStream<'a, T> = BoxStream<'a, crate::Result<T>>;

/// A file's content as a stream of chunks, the async form of
/// [`ReadStream`](crate::ReadStream).
pub type ByteStream<'a> = BoxStream<'a, crate::Result<bytes::Bytes>>;
