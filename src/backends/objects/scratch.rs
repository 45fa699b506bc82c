//! [`ScratchBackend`]: an [`ObjectStoreBackend`] under a fresh key prefix
//! that deletes what it wrote when dropped, for tests against a shared
//! bucket.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use object_store::ObjectStore;

use super::{ObjectStoreBackend, StoreTraits};
use crate::aio::Blocking;
use crate::{
    AtomicWriter, Backend, CapabilitySet, Child, Content, DeleteFolderOptions, DeleteOptions,
    FileInfo, FolderEntry, FolderInfo, ListOptions, Listing, ReadStream, RemotePath, Result,
    SeekRead, TransferOptions, WriteOptions, WriteResult,
};

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

impl Backend for ScratchBackend {
    fn name(&self) -> &str {
        self.inner.name()
    }
    fn capabilities(&self) -> CapabilitySet {
        self.inner.capabilities()
    }
    fn close_is_terminal(&self) -> bool {
        self.inner.close_is_terminal()
    }
    fn exists(&self, path: &RemotePath) -> Result<bool> {
        self.inner.exists(path)
    }
    fn is_file(&self, path: &RemotePath) -> Result<bool> {
        self.inner.is_file(path)
    }
    fn is_folder(&self, path: &RemotePath) -> Result<bool> {
        self.inner.is_folder(path)
    }
    fn read(&self, path: &RemotePath) -> Result<ReadStream> {
        self.inner.read(path)
    }
    fn read_bytes(&self, path: &RemotePath) -> Result<Bytes> {
        self.inner.read_bytes(path)
    }
    fn read_seekable(&self, path: &RemotePath) -> Result<Box<dyn SeekRead>> {
        self.inner.read_seekable(path)
    }
    fn write(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        self.inner.write(path, content, options)
    }
    fn write_atomic(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        self.inner.write_atomic(path, content, options)
    }
    fn open_atomic(
        &self,
        path: &RemotePath,
        options: &WriteOptions,
    ) -> Result<Box<dyn AtomicWriter + '_>> {
        self.inner.open_atomic(path, options)
    }
    fn delete(&self, path: &RemotePath, options: DeleteOptions) -> Result<()> {
        self.inner.delete(path, options)
    }
    fn delete_folder(&self, path: &RemotePath, options: DeleteFolderOptions) -> Result<()> {
        self.inner.delete_folder(path, options)
    }
    fn list_files(&self, path: &RemotePath, options: ListOptions) -> Result<Listing<'_, FileInfo>> {
        self.inner.list_files(path, options)
    }
    fn list_folders(&self, path: &RemotePath) -> Result<Listing<'_, FolderEntry>> {
        self.inner.list_folders(path)
    }
    fn iter_children(&self, path: &RemotePath) -> Result<Listing<'_, Child>> {
        self.inner.iter_children(path)
    }
    fn glob(&self, pattern: &str) -> Result<Listing<'_, FileInfo>> {
        self.inner.glob(pattern)
    }
    fn get_file_info(&self, path: &RemotePath) -> Result<FileInfo> {
        self.inner.get_file_info(path)
    }
    fn get_folder_info(&self, path: &RemotePath) -> Result<FolderInfo> {
        self.inner.get_folder_info(path)
    }
    fn rename(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()> {
        self.inner.rename(src, dst, options)
    }
    fn copy(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()> {
        self.inner.copy(src, dst, options)
    }
    fn to_key(&self, native_path: &str) -> String {
        self.inner.to_key(native_path)
    }
    fn native_path(&self, path: &RemotePath) -> String {
        self.inner.native_path(path)
    }
    fn check_health(&self) -> Result<()> {
        self.inner.check_health()
    }
    fn close(&self) -> Result<()> {
        self.inner.close()
    }
}
