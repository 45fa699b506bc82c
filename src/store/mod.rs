//! [`Store`]: a backend scoped to a root path, with capability gating.

mod describe;
mod listing;
mod metadata;
mod operations;
pub(crate) mod scope;

use std::fmt;
use std::sync::Arc;

use self::scope::Scope;
use crate::{Backend, Capability, CapabilitySet, Error, RemotePath, Result};

pub use self::operations::StoreAtomicWriter;

/// A backend scoped to a root path (contract section 5).
///
/// Every path you pass is relative to the store's root, and every path the
/// store returns is relative to it too, so returned paths can be fed straight
/// back. Per call the store:
///
/// 1. validates user metadata and applies the `USER_METADATA` gate (writes);
/// 2. applies the capability gate of the method ([`Error::CapabilityNotSupported`]);
/// 3. parses and resolves the path ([`Error::InvalidPath`] for `..`, NUL, and
///    for the root in a file operation);
/// 4. calls the backend;
/// 5. rebases returned paths (and the path an error names) to the store root.
///
/// `""` and `"."` both name the store root, in every method. The store root
/// is the backend folder `root_path`, as the backend sees it (contract 3.3):
/// a `Store` does not create it, so until something is written under it a
/// backend with explicit folders answers `is_folder("")` with `false` and
/// `get_folder_info("")` with [`Error::NotFound`]. With no `root_path`, the
/// store root is the backend root, which always exists.
///
/// ```
/// use remote_store::backends::MemoryBackend;
/// use remote_store::{Backend, Store, WriteOptions};
///
/// let store = Store::new(MemoryBackend::new(), "data")?;
/// store.write("a/b.txt", "one")?;
/// store.write_with("a/b.txt", "two", &WriteOptions::new().overwrite(true))?;
/// assert_eq!(store.read_bytes("a/b.txt")?, "two");
/// assert!(store.is_folder("a")?);
/// // The backend sees the rooted path.
/// assert!(store.backend().is_file(&"data/a/b.txt".parse()?)?);
/// # Ok::<(), remote_store::Error>(())
/// ```
pub struct Store<B: Backend + ?Sized = dyn Backend> {
    backend: Arc<B>,
    scope: Scope,
    owns_backend: bool,
}

impl<B: Backend> Store<B> {
    /// A store that owns `backend`, rooted at `root_path` (`""` for the
    /// backend root). An invalid root is [`Error::InvalidPath`]. Dropping or
    /// closing the store closes the backend.
    pub fn new(backend: B, root_path: &str) -> Result<Self> {
        Ok(Store {
            backend: Arc::new(backend),
            scope: Scope::new(root_path)?,
            owns_backend: true,
        })
    }
}

impl<B: Backend + ?Sized> Store<B> {
    /// A store over a shared backend, rooted at `root_path`. The store does
    /// not own the backend: closing the store leaves it open.
    pub fn from_shared(backend: Arc<B>, root_path: &str) -> Result<Self> {
        Ok(Store {
            backend,
            scope: Scope::new(root_path)?,
            owns_backend: false,
        })
    }

    /// A store rooted at `subpath` below this one, sharing (not owning) the
    /// backend. The root, `..` and NUL are [`Error::InvalidPath`].
    pub fn child(&self, subpath: &str) -> Result<Store<B>> {
        Ok(Store {
            backend: Arc::clone(&self.backend),
            scope: self.scope.child(subpath)?,
            owns_backend: false,
        })
    }

    /// The backend.
    pub fn backend(&self) -> &B {
        &self.backend
    }

    /// The shared handle to the backend.
    pub fn shared_backend(&self) -> &Arc<B> {
        &self.backend
    }

    /// The root path within the backend (`""` for the backend root).
    pub fn root_path(&self) -> &RemotePath {
        self.scope.root()
    }

    /// The backend's capabilities.
    pub fn capabilities(&self) -> CapabilitySet {
        self.backend.capabilities()
    }

    /// Whether the backend declares `capability`.
    pub fn supports(&self, capability: Capability) -> bool {
        self.capabilities().supports(capability)
    }

    /// Runs the backend's health probe.
    pub fn ping(&self) -> Result<()> {
        self.backend.check_health()
    }

    /// Closes the backend if this store owns it; otherwise does nothing.
    /// Idempotent for the backends of this crate.
    pub fn close(&self) -> Result<()> {
        if self.owns_backend {
            self.backend.close()?;
        }
        Ok(())
    }

    /// Refuses with [`Error::CapabilityNotSupported`] unless the backend
    /// declares `capability`; the error names `path`.
    fn gate(&self, capability: Capability, path: &str) -> Result<()> {
        self.scope
            .gate(self.capabilities(), self.backend.name(), capability, path)
    }

    /// Resolves a folder or query path: the root spellings give the store root.
    fn resolve(&self, path: &str) -> Result<RemotePath> {
        self.scope.resolve(path)
    }

    /// A backend path as a store-relative one; outside the root is
    /// [`Error::InvalidPath`].
    fn rebase(&self, path: &RemotePath) -> Result<RemotePath> {
        self.scope.rebase(path)
    }

    /// Makes the path an error names store-relative when it lies under the root.
    fn rebase_error(&self, error: Error) -> Error {
        self.scope.rebase_error(error)
    }
}

impl<B: Backend + ?Sized> fmt::Debug for Store<B> {
    /// `Store(backend='memory', root_path='data')`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Store(backend='{}', root_path='{}')",
            self.backend.name(),
            self.scope.root()
        )
    }
}

impl<B: Backend + ?Sized> Clone for Store<B> {
    /// A store over the same backend and root that does not own the backend.
    fn clone(&self) -> Self {
        Store {
            backend: Arc::clone(&self.backend),
            scope: self.scope.clone(),
            owns_backend: false,
        }
    }
}

impl<B: Backend + ?Sized> PartialEq for Store<B> {
    /// Same backend object and same root.
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.backend, &other.backend) && self.scope == other.scope
    }
}

impl<B: Backend + ?Sized> Drop for Store<B> {
    fn drop(&mut self) {
        if self.owns_backend {
            // A close error has nowhere to go from drop; call `close()` to see it.
            let _ = self.backend.close();
        }
    }
}
