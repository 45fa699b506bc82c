//! The null backends: a backend that stores nothing, one that stores nothing
//! but whose root exists, and one that panics in every method. A suite that
//! these pass is a suite that checks nothing.

use std::io::{self, Write};

use bytes::Bytes;
use remote_store::backends::MemoryBackend;
use remote_store::{
    AtomicWriter, Backend, CapabilitySet, Content, DeleteFolderOptions, DeleteOptions, Error,
    FileInfo, FolderEntry, FolderInfo, ListOptions, Listing, ReadStream, RemotePath, Result,
    TransferOptions, WriteOptions, WriteResult,
};

/// Accepts every mutation with `Ok`, answers `false` to every probe, lists
/// nothing, and reports `NotFound` (naming the path) for every read.
/// `root_exists` makes the root an existing, empty folder.
#[derive(Debug, Default)]
pub struct DoNothing {
    /// Whether the root exists (and is a folder).
    pub root_exists: bool,
}

impl DoNothing {
    fn missing(path: &RemotePath) -> Error {
        Error::not_found(path.as_str(), format!("not found: {path}"))
    }

    fn root(&self, path: &RemotePath) -> bool {
        self.root_exists && path.is_root()
    }
}

fn empty<'a, T: 'a>() -> Listing<'a, T> {
    Box::new(std::iter::empty())
}

impl Backend for DoNothing {
    fn name(&self) -> &str {
        "do-nothing"
    }

    fn capabilities(&self) -> CapabilitySet {
        MemoryBackend::new().capabilities()
    }

    fn exists(&self, path: &RemotePath) -> Result<bool> {
        Ok(self.root(path))
    }

    fn is_file(&self, _: &RemotePath) -> Result<bool> {
        Ok(false)
    }

    fn is_folder(&self, path: &RemotePath) -> Result<bool> {
        Ok(self.root(path))
    }

    fn read(&self, path: &RemotePath) -> Result<ReadStream> {
        Err(Self::missing(path))
    }

    fn read_bytes(&self, path: &RemotePath) -> Result<Bytes> {
        Err(Self::missing(path))
    }

    fn write(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        let size = content.into_bytes(path)?.len() as u64;
        Ok(WriteResult::basic(
            path.clone(),
            size,
            options.effective_metadata().cloned(),
        ))
    }

    fn write_atomic(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        self.write(path, content, options)
    }

    fn open_atomic(
        &self,
        path: &RemotePath,
        options: &WriteOptions,
    ) -> Result<Box<dyn AtomicWriter + '_>> {
        Ok(Box::new(Discard {
            path: path.clone(),
            metadata: options.effective_metadata().cloned(),
            written: 0,
        }))
    }

    fn delete(&self, _: &RemotePath, _: DeleteOptions) -> Result<()> {
        Ok(())
    }

    fn delete_folder(&self, _: &RemotePath, _: DeleteFolderOptions) -> Result<()> {
        Ok(())
    }

    fn list_files(&self, _: &RemotePath, _: ListOptions) -> Result<Listing<'_, FileInfo>> {
        Ok(empty())
    }

    fn list_folders(&self, _: &RemotePath) -> Result<Listing<'_, FolderEntry>> {
        Ok(empty())
    }

    fn get_file_info(&self, path: &RemotePath) -> Result<FileInfo> {
        Err(Self::missing(path))
    }

    fn get_folder_info(&self, path: &RemotePath) -> Result<FolderInfo> {
        if self.root(path) {
            return Ok(FolderInfo::new(path.clone(), 0, 0, None));
        }
        Err(Self::missing(path))
    }

    fn rename(&self, _: &RemotePath, _: &RemotePath, _: TransferOptions) -> Result<()> {
        Ok(())
    }

    fn copy(&self, _: &RemotePath, _: &RemotePath, _: TransferOptions) -> Result<()> {
        Ok(())
    }
}

/// The do-nothing `open_atomic` writer: counts the bytes, keeps none.
struct Discard {
    path: RemotePath,
    metadata: Option<remote_store::Metadata>,
    written: u64,
}

impl Write for Discard {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.written += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl AtomicWriter for Discard {
    fn position(&self) -> u64 {
        self.written
    }

    fn commit(self: Box<Self>) -> Result<WriteResult> {
        Ok(WriteResult::basic(self.path, self.written, self.metadata))
    }
}

/// Panics in every method but `name` and `capabilities` (its identity, so
/// that the suite can be configured for it).
#[derive(Debug, Default)]
pub struct Panics;

const PANIC: &str = "the panicking null backend was called";

impl Backend for Panics {
    fn name(&self) -> &str {
        "panics"
    }
    fn capabilities(&self) -> CapabilitySet {
        MemoryBackend::new().capabilities()
    }
    fn close_is_terminal(&self) -> bool {
        panic!("{PANIC}")
    }
    fn exists(&self, _: &RemotePath) -> Result<bool> {
        panic!("{PANIC}")
    }
    fn is_file(&self, _: &RemotePath) -> Result<bool> {
        panic!("{PANIC}")
    }
    fn is_folder(&self, _: &RemotePath) -> Result<bool> {
        panic!("{PANIC}")
    }
    fn read(&self, _: &RemotePath) -> Result<ReadStream> {
        panic!("{PANIC}")
    }
    fn read_bytes(&self, _: &RemotePath) -> Result<Bytes> {
        panic!("{PANIC}")
    }
    fn read_seekable(&self, _: &RemotePath) -> Result<Box<dyn remote_store::SeekRead>> {
        panic!("{PANIC}")
    }
    fn write(&self, _: &RemotePath, _: Content<'_>, _: &WriteOptions) -> Result<WriteResult> {
        panic!("{PANIC}")
    }
    fn write_atomic(
        &self,
        _: &RemotePath,
        _: Content<'_>,
        _: &WriteOptions,
    ) -> Result<WriteResult> {
        panic!("{PANIC}")
    }
    fn open_atomic(&self, _: &RemotePath, _: &WriteOptions) -> Result<Box<dyn AtomicWriter + '_>> {
        panic!("{PANIC}")
    }
    fn delete(&self, _: &RemotePath, _: DeleteOptions) -> Result<()> {
        panic!("{PANIC}")
    }
    fn delete_folder(&self, _: &RemotePath, _: DeleteFolderOptions) -> Result<()> {
        panic!("{PANIC}")
    }
    fn list_files(&self, _: &RemotePath, _: ListOptions) -> Result<Listing<'_, FileInfo>> {
        panic!("{PANIC}")
    }
    fn list_folders(&self, _: &RemotePath) -> Result<Listing<'_, FolderEntry>> {
        panic!("{PANIC}")
    }
    fn iter_children(&self, _: &RemotePath) -> Result<Listing<'_, remote_store::Child>> {
        panic!("{PANIC}")
    }
    fn glob(&self, _: &str) -> Result<Listing<'_, FileInfo>> {
        panic!("{PANIC}")
    }
    fn get_file_info(&self, _: &RemotePath) -> Result<FileInfo> {
        panic!("{PANIC}")
    }
    fn get_folder_info(&self, _: &RemotePath) -> Result<FolderInfo> {
        panic!("{PANIC}")
    }
    fn rename(&self, _: &RemotePath, _: &RemotePath, _: TransferOptions) -> Result<()> {
        panic!("{PANIC}")
    }
    fn copy(&self, _: &RemotePath, _: &RemotePath, _: TransferOptions) -> Result<()> {
        panic!("{PANIC}")
    }
    fn to_key(&self, _: &str) -> String {
        panic!("{PANIC}")
    }
    fn native_path(&self, _: &RemotePath) -> String {
        panic!("{PANIC}")
    }
    fn check_health(&self) -> Result<()> {
        panic!("{PANIC}")
    }
    fn close(&self) -> Result<()> {
        panic!("{PANIC}")
    }
}
