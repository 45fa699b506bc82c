//! Helpers shared by the integration tests.
#![allow(dead_code)]

use remote_store::backends::MemoryBackend;
use remote_store::{
    AtomicWriter, Backend, CapabilitySet, Content, DeleteFolderOptions, DeleteOptions, FileInfo,
    FolderEntry, FolderInfo, ListOptions, Listing, ReadStream, RemotePath, Result, TransferOptions,
    WriteOptions, WriteResult,
};

/// Parses a path that the test knows to be valid.
pub fn p(raw: &str) -> RemotePath {
    RemotePath::parse(raw).expect("test path is valid")
}

/// A memory backend pre-loaded with `files` (path, content).
pub fn memory_with(files: &[(&str, &str)]) -> MemoryBackend {
    let backend = MemoryBackend::new();
    for (path, content) in files {
        backend
            .write(&p(path), Content::from(*content), &WriteOptions::new())
            .expect("seeding a file");
    }
    backend
}

/// Every file (path, content) of a backend, recursively, in listing order.
pub fn snapshot(backend: &dyn Backend) -> Vec<(String, Vec<u8>)> {
    backend
        .list_files(&RemotePath::root(), ListOptions::new().recursive(true))
        .expect("listing the root")
        .map(|info| {
            let info = info.expect("listing item");
            let content = backend
                .read_bytes(&info.path)
                .expect("reading a listed file");
            (info.path.to_string(), content.to_vec())
        })
        .collect()
}

/// A memory backend that declares only `capabilities`, to test `Store` gates.
#[derive(Debug)]
pub struct Restricted {
    pub inner: MemoryBackend,
    pub capabilities: CapabilitySet,
}

impl Restricted {
    pub fn new(capabilities: CapabilitySet) -> Self {
        Restricted {
            inner: MemoryBackend::new(),
            capabilities,
        }
    }
}

impl Backend for Restricted {
    fn name(&self) -> &str {
        "restricted"
    }
    fn capabilities(&self) -> CapabilitySet {
        self.capabilities
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
    fn read_bytes(&self, path: &RemotePath) -> Result<bytes::Bytes> {
        self.inner.read_bytes(path)
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
}
