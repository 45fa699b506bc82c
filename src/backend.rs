//! The [`Backend`] trait: the storage contract every backend implements.

use bytes::Bytes;

#[cfg(doc)]
use crate::Error;
use crate::authoring::defaults;
use crate::{
    AtomicWriter, CapabilitySet, Child, Content, DeleteFolderOptions, DeleteOptions, FileInfo,
    FolderEntry, FolderInfo, ListOptions, ReadStream, RemotePath, Result, SeekRead,
    TransferOptions, WriteOptions, WriteResult,
};

/// A lazily evaluated listing. Items are `Result`s so that a backend whose
/// listing pages can fail mid-way reports it; the in-memory backend never does.
pub type Listing<'a, T> = Box<dyn Iterator<Item = Result<T>> + Send + 'a>;

/// A storage backend: the contract of `remote-store` (contract section 2).
///
/// Every method takes backend-relative [`RemotePath`]s, already validated and
/// normalised; the root is [`RemotePath::root`]. The trait is object safe, so
/// `Arc<dyn Backend>` is a backend too.
///
/// # Contract
///
/// The rules every method follows (probes never fail, type mismatch outranks
/// not-found, the order of the write checks, ...) are written once, in
/// [`crate::contract`]; `aio::AsyncBackend` follows the same text.
///
/// # Implementing
///
/// Only `name`, `capabilities`, `exists`, `is_file` and `is_folder` are
/// required. Every capability-gated method refuses with
/// [`Error::CapabilityNotSupported`]
/// by default, so a backend implements what it declares and nothing else;
/// [`authoring::defaults`](crate::authoring::defaults) has each default as a
/// function an override can call, and [`Delegate`](crate::Delegate) wraps a
/// backend to override single methods.
pub trait Backend: std::fmt::Debug + Send + Sync + 'static {
    /// A short, non-empty type id such as `"memory"`.
    fn name(&self) -> &str;

    /// What this backend supports.
    fn capabilities(&self) -> CapabilitySet;

    /// Whether use after [`close`](Backend::close) fails with
    /// [`Error::BackendUnavailable`] (`true`) or the backend stays usable.
    fn close_is_terminal(&self) -> bool {
        defaults::close_is_terminal(self)
    }

    /// Whether a file or folder exists at `path`.
    fn exists(&self, path: &RemotePath) -> Result<bool>;

    /// Whether `path` is a file.
    fn is_file(&self, path: &RemotePath) -> Result<bool>;

    /// Whether `path` is a folder (the root always is).
    fn is_folder(&self, path: &RemotePath) -> Result<bool>;

    /// A stream over the file's content, positioned at 0. The default
    /// refuses (`READ`).
    fn read(&self, path: &RemotePath) -> Result<ReadStream> {
        defaults::read(self, path)
    }

    /// The file's whole content. The default reads the whole
    /// [`read`](Backend::read) stream.
    fn read_bytes(&self, path: &RemotePath) -> Result<Bytes> {
        defaults::read_bytes(self, path)
    }

    /// A seekable stream over the file's content. The default spools a
    /// non-seekable [`read`](Backend::read) into memory.
    fn read_seekable(&self, path: &RemotePath) -> Result<Box<dyn SeekRead>> {
        defaults::read_seekable(self, path)
    }

    /// Writes a file, creating missing parent folders. The default refuses
    /// (`WRITE`).
    fn write(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        defaults::write(self, path, content, options)
    }

    /// Writes a file so that readers never see partial content and a failure
    /// leaves nothing behind. Same preconditions as [`write`](Backend::write).
    /// The default refuses (`ATOMIC_WRITE`).
    fn write_atomic(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        defaults::write_atomic(self, path, content, options)
    }

    /// A writer whose bytes appear at `path` only on
    /// [`AtomicWriter::commit`]. `AlreadyExists` is reported here when the file
    /// exists and `overwrite` is off; the other write preconditions may be
    /// reported here or at commit. The default refuses (`ATOMIC_WRITE`).
    fn open_atomic(
        &self,
        path: &RemotePath,
        options: &WriteOptions,
    ) -> Result<Box<dyn AtomicWriter + '_>> {
        defaults::open_atomic(self, path, options)
    }

    /// Deletes a file. The default refuses (`DELETE`).
    fn delete(&self, path: &RemotePath, options: DeleteOptions) -> Result<()> {
        defaults::delete(self, path, options)
    }

    /// Deletes a folder. The default refuses (`DELETE`).
    fn delete_folder(&self, path: &RemotePath, options: DeleteFolderOptions) -> Result<()> {
        defaults::delete_folder(self, path, options)
    }

    /// Files under `path`: immediate children, or the subtree when
    /// `options.recursive`, pruned by `options.max_depth`. The default
    /// refuses (`LIST`).
    fn list_files(&self, path: &RemotePath, options: ListOptions) -> Result<Listing<'_, FileInfo>> {
        defaults::list_files(self, path, options)
    }

    /// Immediate subfolders of `path`. The default refuses (`LIST`).
    fn list_folders(&self, path: &RemotePath) -> Result<Listing<'_, FolderEntry>> {
        defaults::list_folders(self, path)
    }

    /// Immediate files and folders of `path`. The default chains
    /// [`list_files`](Backend::list_files) and
    /// [`list_folders`](Backend::list_folders).
    fn iter_children(&self, path: &RemotePath) -> Result<Listing<'_, Child>> {
        defaults::iter_children(self, path)
    }

    /// Files matching a glob pattern, natively. The default refuses with
    /// [`Error::CapabilityNotSupported`]; use `ext::glob::glob_files` instead.
    fn glob(&self, pattern: &str) -> Result<Listing<'_, FileInfo>> {
        defaults::glob(self, pattern)
    }

    /// Size, time and metadata of a file. The default refuses (`METADATA`).
    fn get_file_info(&self, path: &RemotePath) -> Result<FileInfo> {
        defaults::get_file_info(self, path)
    }

    /// File count and total size of a folder's whole subtree. The default
    /// refuses (`METADATA`).
    fn get_folder_info(&self, path: &RemotePath) -> Result<FolderInfo> {
        defaults::get_folder_info(self, path)
    }

    /// Moves a file (`move` in the contract). The default refuses (`MOVE`).
    fn rename(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()> {
        defaults::rename(self, src, dst, options)
    }

    /// Copies a file, with its user metadata. The default refuses (`COPY`).
    fn copy(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()> {
        defaults::copy(self, src, dst, options)
    }

    /// The backend key of a native path: strips the backend's own root or
    /// prefix; input without it comes back unchanged. Never fails. The default
    /// is the identity.
    fn to_key(&self, native_path: &str) -> String {
        defaults::to_key(self, native_path)
    }

    /// The native form of a key, the inverse of [`to_key`](Backend::to_key).
    /// The default is the key itself (`""` for the root).
    fn native_path(&self, path: &RemotePath) -> String {
        defaults::native_path(self, path)
    }

    /// The cheapest read-only probe that the backend is usable.
    fn check_health(&self) -> Result<()> {
        defaults::check_health(self)
    }

    /// Releases resources. Idempotent.
    fn close(&self) -> Result<()> {
        defaults::close(self)
    }
}
