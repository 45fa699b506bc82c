//! [`AsyncStore`]: an async backend scoped to a root path, with capability
//! gating, by the same rules (and the same code, `store::scope`) as
//! [`Store`](crate::Store).

mod listing;
mod operations;

use std::fmt;
use std::sync::Arc;

use super::AsyncBackend;
use crate::store::scope::Scope;
use crate::{Capability, CapabilitySet, Error, Result};

pub use self::operations::AsyncStoreAtomicWriter;

/// An async backend scoped to a root path: [`Store`](crate::Store), async.
///
/// Paths you pass and paths it returns are relative to the store root; each
/// call validates metadata, applies the method's capability gate
/// ([`Error::CapabilityNotSupported`]), resolves the path
/// ([`Error::InvalidPath`] for `..`, NUL, and the root in a file operation),
/// awaits the backend, and rebases returned paths and errors. These steps
/// are `Store`'s own code (`store::scope`), so both stores answer every call
/// alike. `Clone` shares the backend.
///
/// Unlike `Store`, dropping an `AsyncStore` does not close the backend
/// (closing is async): call [`close`](AsyncStore::close).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> remote_store::Result<()> {
/// use remote_store::aio::AsyncStore;
/// use remote_store::backends::MemoryBackend;
///
/// let store = AsyncStore::new(MemoryBackend::new(), "data")?;
/// store.write_text("hello.txt", "Hello, async!").await?;
/// assert_eq!(store.read_text("hello.txt").await?, "Hello, async!");
/// assert!(store.is_folder("").await?);
/// # Ok(())
/// # }
/// ```
pub struct AsyncStore<B: AsyncBackend + ?Sized = dyn AsyncBackend> {
    backend: Arc<B>,
    scope: Scope,
    owns_backend: bool,
}

impl<B: AsyncBackend> AsyncStore<B> {
    /// A store that owns `backend`, rooted at `root_path` (`""` for the
    /// backend root). An invalid root is [`Error::InvalidPath`].
    pub fn new(backend: B, root_path: &str) -> Result<Self> {
        Ok(AsyncStore {
            backend: Arc::new(backend),
            scope: Scope::new(root_path)?,
            owns_backend: true,
        })
    }
}

impl<B: AsyncBackend + ?Sized> AsyncStore<B> {
    /// A store over a shared backend; closing the store leaves it open.
    pub fn from_shared(backend: Arc<B>, root_path: &str) -> Result<Self> {
        Ok(AsyncStore {
            backend,
            scope: Scope::new(root_path)?,
            owns_backend: false,
        })
    }

    /// A store rooted at `subpath` below this one, sharing (not owning) the
    /// backend. The root, `..` and NUL are [`Error::InvalidPath`].
    pub fn child(&self, subpath: &str) -> Result<AsyncStore<B>> {
        Ok(AsyncStore {
            backend: Arc::clone(&self.backend),
            scope: self.scope.child(subpath)?,
            owns_backend: false,
        })
    }

    /// The backend.
    pub fn backend(&self) -> &B {
        &self.backend
    }

    /// The root path within the backend (`""` for the backend root).
    pub fn root_path(&self) -> &crate::RemotePath {
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
    pub async fn ping(&self) -> Result<()> {
        self.backend.check_health().await
    }

    /// Closes the backend if this store owns it; otherwise does nothing.
    pub async fn close(&self) -> Result<()> {
        if self.owns_backend {
            self.backend.close().await?;
        }
        Ok(())
    }

    fn name(&self) -> &str {
        self.backend.name()
    }

    fn rebase_error(&self, error: Error) -> Error {
        self.scope.rebase_error(error)
    }
}

impl<B: AsyncBackend + ?Sized> fmt::Debug for AsyncStore<B> {
    /// `AsyncStore(backend='memory', root_path='data')`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "AsyncStore(backend='{}', root_path='{}')",
            self.backend.name(),
            self.scope.root()
        )
    }
}

impl<B: AsyncBackend + ?Sized> Clone for AsyncStore<B> {
    /// A store over the same backend and root that does not own the backend.
    fn clone(&self) -> Self {
        AsyncStore {
            backend: Arc::clone(&self.backend),
            scope: self.scope.clone(),
            owns_backend: false,
        }
    }
}
