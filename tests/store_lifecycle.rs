//! Who closes an owned backend: the last store sharing it, never one under a
//! live clone (checked with a backend whose close is terminal).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use bytes::Bytes;
use remote_store::backends::MemoryBackend;
use remote_store::{
    AtomicWriter, Backend, CapabilitySet, Content, DeleteFolderOptions, DeleteOptions, Error,
    FileInfo, FolderEntry, FolderInfo, ListOptions, Listing, ReadStream, RemotePath, Result, Store,
    TransferOptions, WriteOptions, WriteResult,
};

/// A memory backend that refuses every call after `close`, and counts closes.
#[derive(Debug)]
struct TerminalClose {
    inner: MemoryBackend,
    closes: Arc<AtomicUsize>,
}

impl TerminalClose {
    fn new() -> (Self, Arc<AtomicUsize>) {
        let closes = Arc::new(AtomicUsize::new(0));
        let backend = TerminalClose {
            inner: MemoryBackend::new(),
            closes: Arc::clone(&closes),
        };
        (backend, closes)
    }

    fn open(&self, path: &RemotePath) -> Result<()> {
        if self.closes.load(Ordering::SeqCst) > 0 {
            return Err(Error::BackendUnavailable {
                path: path.as_str().to_owned(),
                backend: Some("terminal".to_owned()),
                reason: "closed".to_owned(),
            });
        }
        Ok(())
    }
}

impl Backend for TerminalClose {
    fn name(&self) -> &str {
        "terminal"
    }
    fn capabilities(&self) -> CapabilitySet {
        self.inner.capabilities()
    }
    fn close_is_terminal(&self) -> bool {
        true
    }
    fn close(&self) -> Result<()> {
        self.closes.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }
    fn exists(&self, path: &RemotePath) -> Result<bool> {
        self.open(path)?;
        self.inner.exists(path)
    }
    fn is_file(&self, path: &RemotePath) -> Result<bool> {
        self.open(path)?;
        self.inner.is_file(path)
    }
    fn is_folder(&self, path: &RemotePath) -> Result<bool> {
        self.open(path)?;
        self.inner.is_folder(path)
    }
    fn read(&self, path: &RemotePath) -> Result<ReadStream> {
        self.open(path)?;
        self.inner.read(path)
    }
    fn read_bytes(&self, path: &RemotePath) -> Result<Bytes> {
        self.open(path)?;
        self.inner.read_bytes(path)
    }
    fn write(&self, path: &RemotePath, c: Content<'_>, o: &WriteOptions) -> Result<WriteResult> {
        self.open(path)?;
        self.inner.write(path, c, o)
    }
    fn write_atomic(
        &self,
        path: &RemotePath,
        c: Content<'_>,
        o: &WriteOptions,
    ) -> Result<WriteResult> {
        self.open(path)?;
        self.inner.write_atomic(path, c, o)
    }
    fn open_atomic(
        &self,
        path: &RemotePath,
        options: &WriteOptions,
    ) -> Result<Box<dyn AtomicWriter + '_>> {
        self.open(path)?;
        self.inner.open_atomic(path, options)
    }
    fn delete(&self, path: &RemotePath, options: DeleteOptions) -> Result<()> {
        self.open(path)?;
        self.inner.delete(path, options)
    }
    fn delete_folder(&self, path: &RemotePath, options: DeleteFolderOptions) -> Result<()> {
        self.open(path)?;
        self.inner.delete_folder(path, options)
    }
    fn list_files(&self, path: &RemotePath, options: ListOptions) -> Result<Listing<'_, FileInfo>> {
        self.open(path)?;
        self.inner.list_files(path, options)
    }
    fn list_folders(&self, path: &RemotePath) -> Result<Listing<'_, FolderEntry>> {
        self.open(path)?;
        self.inner.list_folders(path)
    }
    fn get_file_info(&self, path: &RemotePath) -> Result<FileInfo> {
        self.open(path)?;
        self.inner.get_file_info(path)
    }
    fn get_folder_info(&self, path: &RemotePath) -> Result<FolderInfo> {
        self.open(path)?;
        self.inner.get_folder_info(path)
    }
    fn rename(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()> {
        self.open(src)?;
        self.inner.rename(src, dst, options)
    }
    fn copy(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()> {
        self.open(src)?;
        self.inner.copy(src, dst, options)
    }
}

#[test]
fn dropping_the_owning_store_leaves_its_clones_and_children_working() {
    let (backend, closes) = TerminalClose::new();
    let store = Store::new(backend, "data").unwrap();
    let clone = store.clone();
    let child = store.child("sub").unwrap();
    drop(store);
    clone.write_text("a.txt", "still open").unwrap();
    assert_eq!(clone.read_text("a.txt").unwrap(), "still open");
    drop(clone);
    child.write_text("b.txt", "still open").unwrap();
    assert_eq!(closes.load(Ordering::SeqCst), 0);
    drop(child);
    assert_eq!(closes.load(Ordering::SeqCst), 1, "the last owner closes");
}

#[test]
fn explicit_close_under_a_live_clone_waits_for_the_last_owner() {
    let (backend, closes) = TerminalClose::new();
    let store = Store::new(backend, "").unwrap();
    let clone = store.clone();
    store.close().unwrap();
    assert_eq!(closes.load(Ordering::SeqCst), 0);
    clone.write_text("a.txt", "x").unwrap();
    drop(store);
    clone.close().unwrap();
    assert_eq!(closes.load(Ordering::SeqCst), 1, "the last one closes");
    let error = clone.read_text("a.txt").unwrap_err();
    assert!(matches!(error, Error::BackendUnavailable { .. }), "{error}");
    drop(clone);
    assert_eq!(closes.load(Ordering::SeqCst), 1, "closed once, not again");
}

#[test]
fn a_store_over_a_shared_backend_never_closes_it() {
    let (backend, closes) = TerminalClose::new();
    let backend = Arc::new(backend);
    let store = Store::from_shared(Arc::clone(&backend), "").unwrap();
    store.close().unwrap();
    drop(store);
    assert_eq!(closes.load(Ordering::SeqCst), 0);
    assert!(!backend.exists(&"x".parse().unwrap()).unwrap());
}
