//! [`LocalBackend`]: the same contract as `MemoryBackend`, on real files.

mod atomic;
mod backend_impl;
mod builder;
mod dir;
mod errors;
mod listing;
mod paths;
mod read;
mod removal;
mod staging;
mod transfer;

use std::fmt;
use std::fs;
use std::io;
use std::path::Path;

pub use self::builder::LocalBackendBuilder;
use self::errors::NAME;
use self::paths::Root;
use crate::{Capability, CapabilitySet, Error, Result};

/// A backend over a directory of the local file system: the semantic twin of
/// [`MemoryBackend`](crate::backends::MemoryBackend).
///
/// * **Same contract, same errors.** Folders are real directories: writing
///   `a/b/c.txt` creates `a` and `a/b`; deleting the last file keeps its
///   folder; a non-recursive `delete_folder` of a non-empty folder is
///   [`Error::DirectoryNotEmpty`]. Every precondition is checked in
///   MemoryBackend's order and reports the same [`ErrorKind`](crate::ErrorKind)
///   naming the same key. Operating-system errors are mapped by meaning
///   (not found, permission denied, already exists, a file-versus-folder
///   mismatch as `InvalidPath`; the rest as [`Error::Io`] with its source), all
///   attributed to the backend `"local"`.
/// * **Atomic writes.** `write`, `write_atomic`, `open_atomic` and `copy` stage
///   their bytes in a temporary file of one hidden staging folder at the root,
///   `.remote-store-tmp/`, then create missing parents and rename it onto the
///   target. Without `overwrite` the publish is no-clobber
///   (`renameat2(RENAME_NOREPLACE)`, else a hard link and an unlink, else a
///   clear [`Error::Io`]), so a file that appears meanwhile is never replaced.
///   A failure, including a content reader that fails half-way, deletes the
///   temporary file and leaves the store as it was. The staging folder is
///   never listed or counted, keys starting with `.remote-store-tmp` are
///   refused (`InvalidPath`), and stale temporaries left by a crash are swept
///   when a backend opens the root ([`LocalBackendBuilder::sweep_stale_temporaries`]).
///   [`LocalBackendBuilder::durable`] syncs each write before it returns.
/// * **Lazy, seekable reads.** `read` returns a buffered, seekable stream over
///   the open file. Since every write replaces the file by a rename, an open
///   stream keeps reading the version it opened, as with MemoryBackend.
/// * **Ordered.** Entries of one folder come sorted by name (byte order);
///   recursive listings are depth-first pre-order, exactly like MemoryBackend.
///   Each folder is read whole before its entries are yielded.
/// * **Confined.** No key reaches outside the root: [`RemotePath`](crate::RemotePath)
///   already refuses `..` and NUL, turns `\` into `/` and drops a leading `/`;
///   every segment must also be a plain file name on this platform. **Symbolic
///   links are never followed**: a symbolic link (or a FIFO, socket or
///   device) is neither a file nor a folder for `exists`/`is_file`/`is_folder`,
///   is skipped by listings and folder totals, and any other operation on it
///   or through it is [`Error::InvalidPath`]. On Unix this holds against
///   concurrent changes: the root is opened once, in
///   [`new`](LocalBackend::new), every key is resolved from that handle one
///   segment at a time with `openat(O_NOFOLLOW)`, and every change is an
///   `*at` call relative to the parent folder's handle, so a folder swapped
///   for a link at any moment is never followed. Elsewhere each component is
///   checked with `symlink_metadata` just before it is used, which a
///   concurrent swap can race. `delete_folder` with `recursive` removes links
///   inside the folder, never their targets.
///
/// Capabilities: [`LocalBackend::CAPABILITIES`]; no `USER_METADATA` (a write
/// with non-empty metadata is [`Error::CapabilityNotSupported`], and
/// `FileInfo::metadata` is always `None`) and no `GLOB`. `close` is a no-op and
/// the backend stays usable. `native_path` is the absolute path of the key,
/// and `to_key` strips the root from it.
///
/// ```
/// use remote_store::backends::LocalBackend;
/// use remote_store::Store;
///
/// let dir = tempfile::tempdir().unwrap();
/// let store = Store::new(LocalBackend::new(dir.path())?, "data")?;
/// store.write_text("hello.txt", "Hello, world!")?;
/// assert_eq!(store.read_text("hello.txt")?, "Hello, world!");
/// assert!(dir.path().join("data/hello.txt").is_file());
/// # Ok::<(), remote_store::Error>(())
/// ```
pub struct LocalBackend {
    root: Root,
    // Declared after `root` so the directory outlives every use of it.
    owned_dir: Option<tempfile::TempDir>,
}

impl LocalBackend {
    /// READ, WRITE, DELETE, LIST, MOVE, COPY, ATOMIC_WRITE, ATOMIC_MOVE,
    /// METADATA, SEEKABLE_READ, LAZY_READ and WRITE_RESULT_NATIVE: everything
    /// but `GLOB` and `USER_METADATA`.
    pub const CAPABILITIES: CapabilitySet = CapabilitySet::all()
        .without(Capability::GLOB)
        .without(Capability::USER_METADATA);

    /// A backend rooted at `root_dir`, created (with its parents) if missing,
    /// with the default settings: not durable, stale temporaries swept.
    /// [`builder`](LocalBackend::builder) sets them.
    ///
    /// The root is canonicalised and opened once, so a symbolic link *in the
    /// root path itself* is resolved once, here. A root that cannot be created
    /// or is not a directory is [`Error::BackendUnavailable`]
    /// ([`Error::PermissionDenied`] when access is denied), naming the root.
    pub fn new(root_dir: impl AsRef<Path>) -> Result<Self> {
        LocalBackend::builder(root_dir).build()
    }

    /// A [`LocalBackendBuilder`] for a backend rooted at `root_dir`.
    ///
    /// ```
    /// use std::time::Duration;
    /// use remote_store::backends::LocalBackend;
    ///
    /// let dir = tempfile::tempdir().unwrap();
    /// let backend = LocalBackend::builder(dir.path())
    ///     .durable(true)
    ///     .sweep_stale_temporaries(Some(Duration::from_secs(3600)))
    ///     .build()?;
    /// assert!(backend.is_durable());
    /// # Ok::<(), remote_store::Error>(())
    /// ```
    pub fn builder(root_dir: impl AsRef<Path>) -> LocalBackendBuilder {
        LocalBackendBuilder::new(root_dir.as_ref())
    }

    /// Opens the root for a builder.
    fn open(given: &Path, durable: bool) -> Result<Self> {
        let named = given.to_string_lossy().into_owned();
        let unavailable = |e: io::Error, what: &str| root_unavailable(&named, what, &e);
        fs::create_dir_all(given).map_err(|e| unavailable(e, "cannot create the root"))?;
        let dir = fs::canonicalize(given).map_err(|e| unavailable(e, "cannot resolve the root"))?;
        let backend = LocalBackend {
            root: Root::open(dir, durable).map_err(|e| unavailable(e, "cannot open the root"))?,
            owned_dir: None,
        };
        backend.probe_root()?;
        Ok(backend)
    }

    /// Whether writes are durable (see [`LocalBackendBuilder::durable`]).
    pub fn is_durable(&self) -> bool {
        self.root.durable
    }

    /// A backend rooted at a fresh temporary directory that is removed, with
    /// everything in it, when the backend is dropped: handy for tests and for
    /// `conformance_suite!` factories.
    ///
    /// ```
    /// use remote_store::backends::LocalBackend;
    /// use remote_store::Store;
    ///
    /// let store = Store::new(LocalBackend::temporary()?, "")?;
    /// store.write_text("a.txt", "on disk")?;
    /// assert_eq!(store.read_text("a.txt")?, "on disk");
    /// # Ok::<(), remote_store::Error>(())
    /// ```
    pub fn temporary() -> Result<Self> {
        let dir = tempfile::Builder::new()
            .prefix("remote-store-local-")
            .tempdir()
            .map_err(|e| {
                let temp = std::env::temp_dir().to_string_lossy().into_owned();
                Error::backend_unavailable(temp, format!("cannot create a temporary root: {e}"))
                    .with_backend(NAME)
            })?;
        let mut backend = LocalBackend::new(dir.path())?;
        backend.owned_dir = Some(dir);
        Ok(backend)
    }

    /// The canonical root directory.
    pub fn root_dir(&self) -> &Path {
        self.root.dir()
    }

    /// The root exists and is a directory.
    fn probe_root(&self) -> Result<()> {
        let named = || self.root.dir().to_string_lossy().into_owned();
        match fs::metadata(self.root.dir()) {
            Ok(metadata) if metadata.is_dir() => Ok(()),
            Ok(_) => Err(
                Error::backend_unavailable(named(), "the root is not a directory")
                    .with_backend(NAME),
            ),
            Err(e) => Err(root_unavailable(&named(), "cannot access the root", &e)),
        }
    }
}

/// The root at `path` cannot be used: `PermissionDenied` when the operating
/// system refused, else `BackendUnavailable`; `what` says what was tried.
fn root_unavailable(path: &str, what: &str, error: &io::Error) -> Error {
    let reason = format!("{what}: {error}");
    let refused = match error.kind() {
        io::ErrorKind::PermissionDenied => Error::permission_denied(path, reason),
        _ => Error::backend_unavailable(path, reason),
    };
    refused.with_backend(NAME)
}

impl fmt::Debug for LocalBackend {
    /// `LocalBackend(/abs/root)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LocalBackend({})", self.root.dir().display())
    }
}
