//! A storage abstraction with an exact, fast, thread-safe in-memory backend,
//! and the tools to prove that any backend behaves like every other one.
//!
//! * [`Backend`] is the contract; [`Store`] scopes a backend to a root path and
//!   gates each method on the backend's [`CapabilitySet`].
//! * [`backends::MemoryBackend`] keeps a tree of explicit folders in memory:
//!   use it instead of temporary directories in unit tests.
//! * [`backends::LocalBackend`] is the same contract on real files, the
//!   semantic twin of the memory backend.
//! * [`Registry`] builds named stores from a [`RegistryConfig`] (in code, or
//!   from TOML with the `toml` feature); [`ext::glob::glob_files`] globs any
//!   store.
//!
//! ```
//! use remote_store::backends::MemoryBackend;
//! use remote_store::Store;
//!
//! let store = Store::new(MemoryBackend::new(), "data")?;
//! store.write_text("hello.txt", "Hello, world!")?;
//! assert_eq!(store.read_text("hello.txt")?, "Hello, world!");
//! # Ok::<(), remote_store::Error>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod backend;
pub mod backends;
mod capability;
mod error;
pub mod ext;
mod models;
mod options;
mod path;
pub mod registry;
mod store;
mod stream;

pub use self::backend::{Backend, Listing};
pub use self::capability::{Capability, CapabilitySet, Iter as CapabilityIter, UnknownCapability};
pub use self::error::{Error, ErrorKind, Result};
pub use self::models::{
    Child, ContentDigest, FileInfo, FolderEntry, FolderInfo, Metadata, WriteResult, WriteSource,
};
pub use self::options::{
    DeleteFolderOptions, DeleteOptions, ListOptions, TransferOptions, WriteOptions,
};
pub use self::path::RemotePath;
pub use self::registry::{BackendConfig, Registry, RegistryConfig, StoreProfile};
pub use self::store::{Store, StoreAtomicWriter};
pub use self::stream::{AtomicWriter, Content, ReadStream, SeekRead};

/// Keeps the README's examples compiling and passing.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
