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
//! * [`AsyncStore`] scopes an async backend to a root path and gates each
//!   method on its capabilities, with the very code [`Store`](crate::Store)
//!   uses.
//! * [`MemoryBackend`](crate::backends::MemoryBackend) implements
//!   `AsyncBackend` natively: its operations never block for long, so they
//!   run inside the future, with no thread hop.
//! * [`Blocking`] turns any `AsyncBackend` into a [`Backend`](crate::Backend)
//!   (the conformance suite, the model test and the fuzz harness reach async
//!   backends through it). It drives the futures on a tokio runtime of its
//!   own, on its own threads, so it works from a plain `#[test]` and from
//!   inside any tokio runtime.
//! * [`SpawnBlocking`] turns any sync `Backend` (such as
//!   [`LocalBackend`](crate::backends::LocalBackend)) into an `AsyncBackend`,
//!   running each call on tokio's blocking thread pool.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> remote_store::Result<()> {
//! use remote_store::aio::{AsyncStore, collect_stream};
//! use remote_store::backends::MemoryBackend;
//!
//! let store = AsyncStore::new(MemoryBackend::new(), "data")?;
//! store.write_text("hello.txt", "Hello, async!").await?;
//! assert_eq!(store.read_text("hello.txt").await?, "Hello, async!");
//! let files = collect_stream(store.list_files("").await?).await?;
//! assert_eq!(files[0].path.as_str(), "hello.txt");
//! # Ok(())
//! # }
//! ```
//!
//! Listings and read streams implement `futures_core::Stream`; consume them
//! with `StreamExt::next` (from `futures-util` or `tokio-stream`), or with
//! [`next_item`] and [`collect_stream`] here.

mod backend;
mod blocking;
mod content;
mod park;
mod pipe;
mod spawn_blocking;
mod store;
pub(crate) mod streams;

use std::future::Future;
use std::pin::Pin;

pub use self::backend::AsyncBackend;
pub use self::blocking::Blocking;
pub use self::content::{AsyncAtomicWriter, AsyncContent};
pub use self::spawn_blocking::SpawnBlocking;
pub use self::store::{AsyncStore, AsyncStoreAtomicWriter};
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
