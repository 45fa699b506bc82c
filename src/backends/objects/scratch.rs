//! [`ScratchBackend`]: an [`ObjectStoreBackend`] under a fresh key prefix
//! that deletes what it wrote when dropped, for tests against a shared
//! bucket.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use object_store::ObjectStore;

use super::{ObjectStoreBackend, StoreTraits};
use crate::aio::Blocking;
use crate::{Backend, Delegate, DeleteFolderOptions, RemotePath, Result};

/// A sync [`ObjectStoreBackend`] confined to a fresh prefix
/// `<base>/<unique name>` of a shared store; dropping it deletes every
/// object under that prefix (the clean-up hook of a conformance run on a
/// real bucket: each test gets its own prefix and leaves nothing behind).
///
/// ```
/// use std::sync::Arc;
/// use object_store::memory::InMemory;
/// use object_store::{ObjectStore, ObjectStoreExt};
/// use remote_store::backends::{ScratchBackend, StoreTraits};
/// use remote_store::{Backend, RemotePath, WriteOptions};
///
/// let shared: Arc<dyn ObjectStore> = Arc::new(InMemory::new());
/// let scratch = ScratchBackend::new(Arc::clone(&shared), StoreTraits::in_memory(), "tests")?;
/// scratch.write(&RemotePath::parse("a.txt")?, "x".into(), &WriteOptions::new())?;
/// assert!(scratch.prefix().starts_with("tests/"));
/// drop(scratch);
/// // Nothing is left under "tests".
/// # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
/// # let left = rt.block_on(async {
/// #     use futures_util::StreamExt;
/// #     shared.list(None).count().await
/// # });
/// # assert_eq!(left, 0);
/// # Ok::<(), remote_store::Error>(())
/// ```
#[derive(Debug)]
pub struct ScratchBackend {
    inner: Blocking<ObjectStoreBackend>,
    base: ObjectStoreBackend,
    name: RemotePath,
}

impl ScratchBackend {
    /// A backend under a new prefix below `base` (`""`: the store's top).
    pub fn new(store: Arc<dyn ObjectStore>, traits: StoreTraits, base: &str) -> Result<Self> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let unique = format!(
            "scratch-{}-{nanos}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let base = ObjectStoreBackend::new(store, traits).with_prefix(base)?;
        let name = RemotePath::parse(&unique)?;
        let prefix = base.native_key(&name)?;
        let inner = Blocking::new(base.clone().with_prefix(&prefix)?);
        Ok(ScratchBackend { inner, base, name })
    }

    /// The key prefix this backend writes under.
    pub fn prefix(&self) -> &str {
        self.inner.inner().prefix()
    }
}

impl Drop for ScratchBackend {
    fn drop(&mut self) {
        let base = Blocking::new(self.base.clone());
        let options = DeleteFolderOptions::new().recursive(true).missing_ok(true);
        // A failed clean-up must not turn a passing test into a panic.
        let _ = base.delete_folder(&self.name, options);
    }
}

/// Every call is the prefixed backend's: only the clean-up on drop differs.
impl Delegate for ScratchBackend {
    type Inner = Blocking<ObjectStoreBackend>;

    fn inner(&self) -> &Self::Inner {
        &self.inner
    }
}
