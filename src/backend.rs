//! The [`Backend`] trait: the storage contract every backend implements.

use std::sync::Arc;

use bytes::Bytes;

use crate::{
    AtomicWriter, Capability, CapabilitySet, Child, Content, DeleteFolderOptions, DeleteOptions,
    Error, FileInfo, FolderEntry, FolderInfo, ListOptions, ReadStream, RemotePath, Result,
    SeekRead, TransferOptions, WriteOptions, WriteResult,
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
pub trait Backend: std::fmt::Debug + Send + Sync + 'static {
    /// A short, non-empty type id such as `"memory"`.
    fn name(&self) -> &str;

    /// What this backend supports.
    fn capabilities(&self) -> CapabilitySet;

    /// Whether use after [`close`](Backend::close) fails with
    /// [`Error::BackendUnavailable`] (`true`) or the backend stays usable.
    fn close_is_terminal(&self) -> bool {
        false
    }

    /// Whether a file or folder exists at `path`.
    fn exists(&self, path: &RemotePath) -> Result<bool>;

    /// Whether `path` is a file.
    fn is_file(&self, path: &RemotePath) -> Result<bool>;

    /// Whether `path` is a folder (the root always is).
    fn is_folder(&self, path: &RemotePath) -> Result<bool>;

    /// A stream over the file's content, positioned at 0.
    fn read(&self, path: &RemotePath) -> Result<ReadStream>;

    /// The file's whole content.
    fn read_bytes(&self, path: &RemotePath) -> Result<Bytes>;

    /// A seekable stream over the file's content. The default spools a
    /// non-seekable [`read`](Backend::read) into memory.
    fn read_seekable(&self, path: &RemotePath) -> Result<Box<dyn SeekRead>> {
        self.read(path)?
            .into_seekable()
            .map_err(|e| Error::io(path.as_str(), "spooling the read stream failed", e))
    }

    /// Writes a file, creating missing parent folders.
    fn write(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult>;

    /// Writes a file so that readers never see partial content and a failure
    /// leaves nothing behind. Same preconditions as [`write`](Backend::write).
    fn write_atomic(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult>;

    /// A writer whose bytes appear at `path` only on
    /// [`AtomicWriter::commit`]. `AlreadyExists` is reported here when the file
    /// exists and `overwrite` is off; the other write preconditions may be
    /// reported here or at commit.
    fn open_atomic(
        &self,
        path: &RemotePath,
        options: &WriteOptions,
    ) -> Result<Box<dyn AtomicWriter + '_>>;

    /// Deletes a file.
    fn delete(&self, path: &RemotePath, options: DeleteOptions) -> Result<()>;

    /// Deletes a folder.
    fn delete_folder(&self, path: &RemotePath, options: DeleteFolderOptions) -> Result<()>;

    /// Files under `path`: immediate children, or the subtree when
    /// `options.recursive`, pruned by `options.max_depth`.
    fn list_files(&self, path: &RemotePath, options: ListOptions) -> Result<Listing<'_, FileInfo>>;

    /// Immediate subfolders of `path`.
    fn list_folders(&self, path: &RemotePath) -> Result<Listing<'_, FolderEntry>>;

    /// Immediate files and folders of `path`. The default chains
    /// [`list_files`](Backend::list_files) and
    /// [`list_folders`](Backend::list_folders).
    fn iter_children(&self, path: &RemotePath) -> Result<Listing<'_, Child>> {
        let files = self
            .list_files(path, ListOptions::new())?
            .map(|f| f.map(Child::File));
        let folders = self.list_folders(path)?.map(|f| f.map(Child::Folder));
        Ok(Box::new(files.chain(folders)))
    }

    /// Files matching a glob pattern, natively. The default refuses with
    /// [`Error::CapabilityNotSupported`]; use `ext::glob::glob_files` instead.
    fn glob(&self, pattern: &str) -> Result<Listing<'_, FileInfo>> {
        Err(Error::CapabilityNotSupported {
            capability: Capability::GLOB,
            path: pattern.to_owned(),
            backend: Some(self.name().to_owned()),
            reason: "no native glob; use Store::list_files with a pattern or ext::glob::glob_files"
                .to_owned(),
        })
    }

    /// Size, time and metadata of a file.
    fn get_file_info(&self, path: &RemotePath) -> Result<FileInfo>;

    /// File count and total size of a folder's whole subtree.
    fn get_folder_info(&self, path: &RemotePath) -> Result<FolderInfo>;

    /// Moves a file (`move` in the contract).
    fn rename(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()>;

    /// Copies a file, with its user metadata.
    fn copy(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()>;

    /// The backend key of a native path: strips the backend's own root or
    /// prefix; input without it comes back unchanged. Never fails. The default
    /// is the identity.
    fn to_key(&self, native_path: &str) -> String {
        native_path.to_owned()
    }

    /// The native form of a key, the inverse of [`to_key`](Backend::to_key).
    /// The default is the key itself (`""` for the root).
    fn native_path(&self, path: &RemotePath) -> String {
        path.as_str().to_owned()
    }

    /// The cheapest read-only probe that the backend is usable.
    fn check_health(&self) -> Result<()> {
        Ok(())
    }

    /// Releases resources. Idempotent.
    fn close(&self) -> Result<()> {
        Ok(())
    }
}

macro_rules! forward_backend {
    ($($pointer:ty),+ $(,)?) => {$(
        #[deny(clippy::missing_trait_methods)]
        impl<B: Backend + ?Sized> Backend for $pointer {
            fn name(&self) -> &str { (**self).name() }
            fn capabilities(&self) -> CapabilitySet { (**self).capabilities() }
            fn close_is_terminal(&self) -> bool { (**self).close_is_terminal() }
            fn exists(&self, path: &RemotePath) -> Result<bool> { (**self).exists(path) }
            fn is_file(&self, path: &RemotePath) -> Result<bool> { (**self).is_file(path) }
            fn is_folder(&self, path: &RemotePath) -> Result<bool> { (**self).is_folder(path) }
            fn read(&self, path: &RemotePath) -> Result<ReadStream> { (**self).read(path) }
            fn read_bytes(&self, path: &RemotePath) -> Result<Bytes> { (**self).read_bytes(path) }
            fn read_seekable(&self, path: &RemotePath) -> Result<Box<dyn SeekRead>> {
                (**self).read_seekable(path)
            }
            fn write(&self, path: &RemotePath, content: Content<'_>, options: &WriteOptions) -> Result<WriteResult> {
                (**self).write(path, content, options)
            }
            fn write_atomic(&self, path: &RemotePath, content: Content<'_>, options: &WriteOptions) -> Result<WriteResult> {
                (**self).write_atomic(path, content, options)
            }
            fn open_atomic(&self, path: &RemotePath, options: &WriteOptions) -> Result<Box<dyn AtomicWriter + '_>> {
                (**self).open_atomic(path, options)
            }
            fn delete(&self, path: &RemotePath, options: DeleteOptions) -> Result<()> {
                (**self).delete(path, options)
            }
            fn delete_folder(&self, path: &RemotePath, options: DeleteFolderOptions) -> Result<()> {
                (**self).delete_folder(path, options)
            }
            fn list_files(&self, path: &RemotePath, options: ListOptions) -> Result<Listing<'_, FileInfo>> {
                (**self).list_files(path, options)
            }
            fn list_folders(&self, path: &RemotePath) -> Result<Listing<'_, FolderEntry>> {
                (**self).list_folders(path)
            }
            fn iter_children(&self, path: &RemotePath) -> Result<Listing<'_, Child>> {
                (**self).iter_children(path)
            }
            fn glob(&self, pattern: &str) -> Result<Listing<'_, FileInfo>> { (**self).glob(pattern) }
            fn get_file_info(&self, path: &RemotePath) -> Result<FileInfo> { (**self).get_file_info(path) }
            fn get_folder_info(&self, path: &RemotePath) -> Result<FolderInfo> {
                (**self).get_folder_info(path)
            }
            fn rename(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()> {
                (**self).rename(src, dst, options)
            }
            fn copy(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()> {
                (**self).copy(src, dst, options)
            }
            fn to_key(&self, native_path: &str) -> String { (**self).to_key(native_path) }
            fn native_path(&self, path: &RemotePath) -> String { (**self).native_path(path) }
            fn check_health(&self) -> Result<()> { (**self).check_health() }
            fn close(&self) -> Result<()> { (**self).close() }
        }
    )+};
}

forward_backend!(Box<B>, Arc<B>);

// `&'static B` keeps the trait's `'static` bound; a borrowed backend with a
// shorter life is used through `Store::new(&backend)` only if it is `'static`.
forward_backend!(&'static B);
