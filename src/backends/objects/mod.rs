//! [`ObjectStoreBackend`]: any `object_store::ObjectStore` (S3, GCS, Azure,
//! local files, memory) as an [`AsyncBackend`](crate::aio::AsyncBackend),
//! and through [`Blocking`](crate::aio::Blocking) as a [`Backend`](crate::Backend).

mod async_impl;
mod errors;
mod listing;
mod ops;
mod scratch;
#[cfg(test)]
mod tests;
mod transfer;

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use object_store::path::Path;
use object_store::{ObjectMeta, ObjectStore};

pub use self::scratch::ScratchBackend;
use crate::{Capability, CapabilitySet, Error, FileInfo, Metadata, RemotePath, Result};

/// What a store keeps and guarantees beyond what every `ObjectStore` does.
/// No trait of the `ObjectStore` API tells these apart, so the caller says
/// which store it is; [`capabilities`](crate::aio::AsyncBackend::capabilities) follows from it.
///
/// Where a guarantee is missing the backend checks, then acts (a `HEAD`
/// before a no-clobber write, copy or rename): right when nobody else writes
/// the same key at the same moment, a race otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct StoreTraits {
    /// User metadata written as `Attribute::Metadata` is kept and returned
    /// by `get` (declares `USER_METADATA`).
    pub user_metadata: bool,
    /// `PutMode::Create` is an atomic no-clobber write.
    pub conditional_put: bool,
    /// `copy_opts`/`rename_opts` with the `Create` mode are atomic no-clobber
    /// operations and keep user metadata.
    pub copy_if_not_exists: bool,
    /// `rename_opts` is one atomic operation (declares `ATOMIC_MOVE`);
    /// otherwise it is a copy and a delete.
    pub atomic_rename: bool,
    /// `get` streams from the source as the caller reads (declares `LAZY_READ`).
    pub lazy_read: bool,
}

impl StoreTraits {
    /// Nothing beyond the `ObjectStore` API: no user metadata, and
    /// no-clobber operations check first. Right for any store.
    pub const fn conservative() -> Self {
        StoreTraits {
            user_metadata: false,
            conditional_put: false,
            copy_if_not_exists: false,
            atomic_rename: false,
            lazy_read: false,
        }
    }

    /// `object_store::memory::InMemory`: keeps attributes, no-clobber put
    /// and copy under its lock; rename is copy then delete.
    pub const fn in_memory() -> Self {
        StoreTraits {
            user_metadata: true,
            conditional_put: true,
            copy_if_not_exists: true,
            atomic_rename: false,
            lazy_read: false,
        }
    }

    /// `object_store::local::LocalFileSystem`: no attributes (a write with
    /// metadata is refused); no-clobber put, copy and rename by hard links;
    /// rename is one `rename(2)`; reads stream the file.
    pub const fn local_file_system() -> Self {
        StoreTraits {
            user_metadata: false,
            conditional_put: true,
            copy_if_not_exists: true,
            atomic_rename: true,
            lazy_read: true,
        }
    }

    /// `object_store::aws::AmazonS3` (and S3-compatible servers) as
    /// `AmazonS3Builder` configures it by default: `x-amz-meta-*` user
    /// metadata, `If-None-Match: *` no-clobber puts; copy without
    /// overwrite has no native form that keeps metadata, so it checks
    /// first; rename is copy then delete.
    pub const fn amazon_s3() -> Self {
        StoreTraits {
            user_metadata: true,
            conditional_put: true,
            copy_if_not_exists: false,
            atomic_rename: false,
            lazy_read: true,
        }
    }

    fn capabilities(self) -> CapabilitySet {
        let mut caps = CapabilitySet::of(&[
            Capability::READ,
            Capability::WRITE,
            Capability::DELETE,
            Capability::LIST,
            Capability::MOVE,
            Capability::COPY,
            Capability::ATOMIC_WRITE,
            Capability::METADATA,
        ]);
        for (on, cap) in [
            (self.user_metadata, Capability::USER_METADATA),
            (self.atomic_rename, Capability::ATOMIC_MOVE),
            (self.lazy_read, Capability::LAZY_READ),
        ] {
            if on {
                caps = caps.with(cap);
            }
        }
        caps
    }
}

impl Default for StoreTraits {
    fn default() -> Self {
        StoreTraits::conservative()
    }
}

/// Any `object_store::ObjectStore` as a backend of this crate: a flat
/// namespace of keys under an optional key prefix, with folders implied by
/// the keys below them (feature `object-store`).
///
/// * A key is the prefix, `/`, and the path; `native_path` shows it and
///   `to_key` strips it. Only keys below the prefix are ever listed,
///   written or deleted.
/// * **Folders are implied**: `a/b` is a folder while some key starts with
///   `a/b/`. There are no empty folders: deleting the last file of a folder
///   removes the folder. Prove it with the suite's `flat_namespace` flag.
/// * **Type rules are checked** as on a hierarchical backend where one
///   listing or `HEAD` can tell: a write, copy or rename onto a folder, and
///   a file operation on the root or a folder, are `InvalidPath`. A write
///   under a file is allowed (object stores allow it), unless the store
///   itself refuses it, which is then `InvalidPath` naming the file in the
///   way.
/// * **Capabilities** follow the [`StoreTraits`] given: always `READ`,
///   `WRITE`, `DELETE`, `LIST`, `MOVE`, `COPY`, `ATOMIC_WRITE` (an object
///   appears whole or not at all), `METADATA`; `USER_METADATA`,
///   `ATOMIC_MOVE` and `LAZY_READ` where the store has them. Never `GLOB`,
///   `SEEKABLE_READ` or `WRITE_RESULT_NATIVE` (a put does not report its
///   time).
/// * **Content is buffered**: a write (and `open_atomic` until commit)
///   gathers the content in memory, then puts it in one request.
/// * **Errors** keep their kind (`NotFound`, `AlreadyExists`,
///   `PermissionDenied`); anything else is [`Error::Io`] with the store's
///   error as its source. Every error names the path and backend
///   `"object_store"`.
///
/// ```
/// use std::sync::Arc;
/// use object_store::memory::InMemory;
/// use remote_store::aio::Blocking;
/// use remote_store::backends::{ObjectStoreBackend, StoreTraits};
/// use remote_store::Store;
///
/// let backend = ObjectStoreBackend::new(Arc::new(InMemory::new()), StoreTraits::in_memory())
///     .with_prefix("tenant-1")?;
/// let store = Store::new(Blocking::new(backend), "data")?;
/// store.write_text("a/b.txt", "hello")?;
/// assert_eq!(store.read_text("a/b.txt")?, "hello");
/// assert!(store.is_folder("a")?);
/// # Ok::<(), remote_store::Error>(())
/// ```
#[derive(Clone)]
pub struct ObjectStoreBackend {
    store: Arc<dyn ObjectStore>,
    prefix: Path,
    traits: StoreTraits,
}

impl ObjectStoreBackend {
    /// The backend's name, in every error it reports.
    pub const NAME: &'static str = "object_store";

    /// A backend over the whole of `store`, with what `traits` says it keeps.
    pub fn new(store: Arc<dyn ObjectStore>, traits: StoreTraits) -> Self {
        ObjectStoreBackend {
            store,
            prefix: Path::default(),
            traits,
        }
    }

    /// Confines the backend to the keys under `prefix` (`a/b`: keys
    /// `a/b/...`); a prefix that is not a valid key is `InvalidPath`.
    pub fn with_prefix(mut self, prefix: &str) -> Result<Self> {
        let parsed = RemotePath::parse(prefix)?;
        self.prefix = Path::parse(parsed.as_str()).map_err(|e| {
            Error::invalid_path(prefix, format!("not a valid object key prefix: {e}"))
                .with_backend(Self::NAME)
        })?;
        Ok(self)
    }

    /// The wrapped store.
    pub fn store(&self) -> &Arc<dyn ObjectStore> {
        &self.store
    }

    /// The key prefix (empty for the whole store).
    pub fn prefix(&self) -> &str {
        self.prefix.as_ref()
    }

    /// What the store was declared to keep.
    pub fn traits(&self) -> StoreTraits {
        self.traits
    }

    /// Deletes every object under the prefix (the whole store without one):
    /// the clean-up hook of a test that ran against a shared bucket.
    /// Returns how many objects were deleted.
    pub async fn purge(&self) -> Result<u64> {
        listing::purge(self, &self.prefix).await
    }

    /// The store key of `path`, as text.
    fn native_key(&self, path: &RemotePath) -> Result<String> {
        self.key(path).map(|key| key.as_ref().to_owned())
    }

    /// The store key of `path`.
    fn key(&self, path: &RemotePath) -> Result<Path> {
        if path.is_root() {
            return Ok(self.prefix.clone());
        }
        let parts = self
            .prefix
            .parts()
            .map(|part| part.as_ref().to_owned())
            .chain(path.segments().map(str::to_owned));
        let joined: Vec<String> = parts.collect();
        Path::parse(joined.join("/")).map_err(|e| {
            Error::invalid_path(path.as_str(), format!("not a valid object key: {e}"))
                .with_backend(Self::NAME)
        })
    }

    /// The path of a store key under the prefix; `None` for the prefix
    /// itself, a key outside it, or one that is not a valid path.
    fn path_of(&self, key: &Path) -> Option<RemotePath> {
        let relative: Vec<String> = key
            .prefix_match(&self.prefix)?
            .map(|part| part.as_ref().to_owned())
            .collect();
        if relative.is_empty() {
            return None;
        }
        RemotePath::parse(&relative.join("/")).ok()
    }

    /// A file's info from a listing or `HEAD`.
    fn file_info(
        &self,
        path: RemotePath,
        meta: &ObjectMeta,
        metadata: Option<Metadata>,
    ) -> FileInfo {
        FileInfo {
            name: path.name().to_owned(),
            path,
            size: meta.size,
            modified_at: system_time(meta),
            digest: None,
            // Results are basic (a put reports no time), and the contract
            // wants a file's info to agree with its write result (WR-001a).
            etag: None,
            content_type: None,
            metadata,
        }
    }
}

/// The object's modification time (whole seconds before 1970 clamp to 1970).
fn system_time(meta: &ObjectMeta) -> SystemTime {
    let seconds = u64::try_from(meta.last_modified.timestamp()).unwrap_or(0);
    SystemTime::UNIX_EPOCH
        + Duration::from_secs(seconds)
        + Duration::from_nanos(u64::from(meta.last_modified.timestamp_subsec_nanos()))
}

impl fmt::Debug for ObjectStoreBackend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ObjectStoreBackend({}: store={}, prefix={:?})",
            Self::NAME,
            self.store,
            self.prefix.as_ref()
        )
    }
}
