//! The [`AsyncBackend`] trait: the storage contract with async methods.

use std::sync::Arc;

use bytes::Bytes;

use super::content::{AsyncAtomicWriter, AsyncContent, collect_bytes};
use super::{BoxFuture, ByteStream, ListStream};
use crate::{
    Capability, CapabilitySet, Child, DeleteFolderOptions, DeleteOptions, Error, FileInfo,
    FolderEntry, FolderInfo, ListOptions, RemotePath, Result, SeekRead, TransferOptions,
    WriteOptions, WriteResult,
};

/// A storage backend with async methods: [`Backend`](crate::Backend), method
/// for method.
///
/// # Contract
///
/// The rules are those of [`Backend`](crate::Backend), written once in
/// [`crate::contract`]. Every method that may do I/O returns a [`BoxFuture`];
/// `name`, `capabilities`, `close_is_terminal`, `to_key` and `native_path`
/// stay synchronous because they never do. Prove an implementation with
/// `conformance_suite! { factory: async ... }`, which runs every check
/// through [`Blocking`](super::Blocking).
///
/// # Shape
///
/// Futures are boxed (as `object_store` does with `async-trait`) so that the
/// trait is object safe: `Arc<dyn AsyncBackend>` is an async backend too.
/// A future borrows the backend and its arguments for one lifetime `'a`;
/// implement a method as `Box::pin(async move { ... })`. What outlives the
/// call (a listing or read stream, an atomic writer) borrows the backend
/// only, never the path: those methods take the path without `'a` (clone it,
/// a cheap `Arc` copy, into the future). Futures and streams are `Send`, so
/// they can be spawned on a multi-thread runtime.
///
/// ```
/// use remote_store::aio::{AsyncBackend, Blocking};
/// use remote_store::backends::MemoryBackend;
/// use remote_store::{Backend, RemotePath, WriteOptions};
/// use std::sync::Arc;
///
/// let backend: Arc<dyn AsyncBackend> = Arc::new(MemoryBackend::new());
/// // From sync code, through the bridge:
/// let sync = Blocking::new(backend);
/// let path = RemotePath::parse("a.txt")?;
/// sync.write(&path, "hi".into(), &WriteOptions::new())?;
/// assert_eq!(sync.read_bytes(&path)?, "hi");
/// # Ok::<(), remote_store::Error>(())
/// ```
pub trait AsyncBackend: std::fmt::Debug + Send + Sync + 'static {
    /// A short, non-empty type id such as `"memory"`.
    fn name(&self) -> &str;

    /// What this backend supports.
    fn capabilities(&self) -> CapabilitySet;

    /// Whether use after [`close`](AsyncBackend::close) fails with
    /// [`Error::BackendUnavailable`] (`true`) or the backend stays usable.
    fn close_is_terminal(&self) -> bool {
        false
    }

    /// Whether a file or folder exists at `path`.
    fn exists<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<bool>>;

    /// Whether `path` is a file.
    fn is_file<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<bool>>;

    /// Whether `path` is a folder (the root always is).
    fn is_folder<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<bool>>;

    /// The file's content as a stream of chunks. Errors about the path come
    /// from the future; an item is an error when the content fails mid-way.
    fn read<'a>(&'a self, path: &RemotePath) -> BoxFuture<'a, Result<ByteStream<'a>>>;

    /// The file's whole content.
    fn read_bytes<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<Bytes>>;

    /// A seekable reader over the file's content (what
    /// [`Backend::read_seekable`](crate::Backend::read_seekable) and, for a
    /// backend that declares `SEEKABLE_READ`, `Backend::read` return through
    /// [`Blocking`](super::Blocking)). The reader itself is synchronous, so
    /// its reads may block; the default collects [`read`](AsyncBackend::read)
    /// into memory, whose reads never do.
    fn read_seekable<'a>(
        &'a self,
        path: &'a RemotePath,
    ) -> BoxFuture<'a, Result<Box<dyn SeekRead>>> {
        Box::pin(async move {
            let stream = self.read(path).await?;
            let bytes = collect_bytes(stream).await?;
            Ok(Box::new(std::io::Cursor::new(bytes)) as Box<dyn SeekRead>)
        })
    }

    /// Writes a file, creating missing parent folders.
    fn write<'a>(
        &'a self,
        path: &'a RemotePath,
        content: AsyncContent<'a>,
        options: &'a WriteOptions,
    ) -> BoxFuture<'a, Result<WriteResult>>;

    /// Writes a file so that readers never see partial content and a failure
    /// leaves nothing behind. Same preconditions as [`write`](AsyncBackend::write).
    fn write_atomic<'a>(
        &'a self,
        path: &'a RemotePath,
        content: AsyncContent<'a>,
        options: &'a WriteOptions,
    ) -> BoxFuture<'a, Result<WriteResult>>;

    /// A writer whose bytes appear at `path` only on
    /// [`AsyncAtomicWriter::commit`]. `AlreadyExists` is reported here when
    /// the file exists and `overwrite` is off; the other write preconditions
    /// may be reported here or at commit.
    fn open_atomic<'a>(
        &'a self,
        path: &RemotePath,
        options: &WriteOptions,
    ) -> BoxFuture<'a, Result<Box<dyn AsyncAtomicWriter<'a> + 'a>>>;

    /// Deletes a file.
    fn delete<'a>(
        &'a self,
        path: &'a RemotePath,
        options: DeleteOptions,
    ) -> BoxFuture<'a, Result<()>>;

    /// Deletes a folder.
    fn delete_folder<'a>(
        &'a self,
        path: &'a RemotePath,
        options: DeleteFolderOptions,
    ) -> BoxFuture<'a, Result<()>>;

    /// Files under `path`: immediate children, or the subtree when
    /// `options.recursive`, pruned by `options.max_depth`.
    fn list_files<'a>(
        &'a self,
        path: &RemotePath,
        options: ListOptions,
    ) -> BoxFuture<'a, Result<ListStream<'a, FileInfo>>>;

    /// Immediate subfolders of `path`.
    fn list_folders<'a>(
        &'a self,
        path: &RemotePath,
    ) -> BoxFuture<'a, Result<ListStream<'a, FolderEntry>>>;

    /// Immediate files and folders of `path`. The default chains
    /// [`list_files`](AsyncBackend::list_files) and
    /// [`list_folders`](AsyncBackend::list_folders).
    fn iter_children<'a>(
        &'a self,
        path: &RemotePath,
    ) -> BoxFuture<'a, Result<ListStream<'a, Child>>> {
        let path = path.clone();
        Box::pin(async move {
            let files = self.list_files(&path, ListOptions::new()).await?;
            let folders = self.list_folders(&path).await?;
            Ok(super::streams::chain_children(files, folders))
        })
    }

    /// Files matching a glob pattern, natively. The default refuses with
    /// [`Error::CapabilityNotSupported`].
    fn glob<'a>(&'a self, pattern: &str) -> BoxFuture<'a, Result<ListStream<'a, FileInfo>>> {
        let pattern = pattern.to_owned();
        Box::pin(async move {
            Err(Error::capability_not_supported(
                Capability::GLOB,
                pattern,
                "no native glob; list with a pattern instead",
            )
            .with_backend(self.name()))
        })
    }

    /// Size, time and metadata of a file.
    fn get_file_info<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<FileInfo>>;

    /// File count and total size of a folder's whole subtree.
    fn get_folder_info<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<FolderInfo>>;

    /// Moves a file (`move` in the contract).
    fn rename<'a>(
        &'a self,
        src: &'a RemotePath,
        dst: &'a RemotePath,
        options: TransferOptions,
    ) -> BoxFuture<'a, Result<()>>;

    /// Copies a file, with its user metadata.
    fn copy<'a>(
        &'a self,
        src: &'a RemotePath,
        dst: &'a RemotePath,
        options: TransferOptions,
    ) -> BoxFuture<'a, Result<()>>;

    /// The backend key of a native path; the default is the identity.
    fn to_key(&self, native_path: &str) -> String {
        native_path.to_owned()
    }

    /// The native form of a key; the default is the key itself.
    fn native_path(&self, path: &RemotePath) -> String {
        path.as_str().to_owned()
    }

    /// The cheapest read-only probe that the backend is usable.
    fn check_health(&self) -> BoxFuture<'_, Result<()>> {
        Box::pin(async { Ok(()) })
    }

    /// Releases resources. Idempotent.
    fn close(&self) -> BoxFuture<'_, Result<()>> {
        Box::pin(async { Ok(()) })
    }
}

macro_rules! forward_async_backend {
    ($($pointer:ty),+ $(,)?) => {$(
        #[deny(clippy::missing_trait_methods)]
        impl<B: AsyncBackend + ?Sized> AsyncBackend for $pointer {
            fn name(&self) -> &str { (**self).name() }
            fn capabilities(&self) -> CapabilitySet { (**self).capabilities() }
            fn close_is_terminal(&self) -> bool { (**self).close_is_terminal() }
            fn exists<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<bool>> {
                (**self).exists(path)
            }
            fn is_file<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<bool>> {
                (**self).is_file(path)
            }
            fn is_folder<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<bool>> {
                (**self).is_folder(path)
            }
            fn read<'a>(&'a self, path: &RemotePath) -> BoxFuture<'a, Result<ByteStream<'a>>> {
                (**self).read(path)
            }
            fn read_bytes<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<Bytes>> {
                (**self).read_bytes(path)
            }
            fn read_seekable<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<Box<dyn SeekRead>>> {
                (**self).read_seekable(path)
            }
            fn write<'a>(&'a self, path: &'a RemotePath, content: AsyncContent<'a>, options: &'a WriteOptions) -> BoxFuture<'a, Result<WriteResult>> {
                (**self).write(path, content, options)
            }
            fn write_atomic<'a>(&'a self, path: &'a RemotePath, content: AsyncContent<'a>, options: &'a WriteOptions) -> BoxFuture<'a, Result<WriteResult>> {
                (**self).write_atomic(path, content, options)
            }
            fn open_atomic<'a>(&'a self, path: &RemotePath, options: &WriteOptions) -> BoxFuture<'a, Result<Box<dyn AsyncAtomicWriter<'a> + 'a>>> {
                (**self).open_atomic(path, options)
            }
            fn delete<'a>(&'a self, path: &'a RemotePath, options: DeleteOptions) -> BoxFuture<'a, Result<()>> {
                (**self).delete(path, options)
            }
            fn delete_folder<'a>(&'a self, path: &'a RemotePath, options: DeleteFolderOptions) -> BoxFuture<'a, Result<()>> {
                (**self).delete_folder(path, options)
            }
            fn list_files<'a>(&'a self, path: &RemotePath, options: ListOptions) -> BoxFuture<'a, Result<ListStream<'a, FileInfo>>> {
                (**self).list_files(path, options)
            }
            fn list_folders<'a>(&'a self, path: &RemotePath) -> BoxFuture<'a, Result<ListStream<'a, FolderEntry>>> {
                (**self).list_folders(path)
            }
            fn iter_children<'a>(&'a self, path: &RemotePath) -> BoxFuture<'a, Result<ListStream<'a, Child>>> {
                (**self).iter_children(path)
            }
            fn glob<'a>(&'a self, pattern: &str) -> BoxFuture<'a, Result<ListStream<'a, FileInfo>>> {
                (**self).glob(pattern)
            }
            fn get_file_info<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<FileInfo>> {
                (**self).get_file_info(path)
            }
            fn get_folder_info<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<FolderInfo>> {
                (**self).get_folder_info(path)
            }
            fn rename<'a>(&'a self, src: &'a RemotePath, dst: &'a RemotePath, options: TransferOptions) -> BoxFuture<'a, Result<()>> {
                (**self).rename(src, dst, options)
            }
            fn copy<'a>(&'a self, src: &'a RemotePath, dst: &'a RemotePath, options: TransferOptions) -> BoxFuture<'a, Result<()>> {
                (**self).copy(src, dst, options)
            }
            fn to_key(&self, native_path: &str) -> String { (**self).to_key(native_path) }
            fn native_path(&self, path: &RemotePath) -> String { (**self).native_path(path) }
            fn check_health(&self) -> BoxFuture<'_, Result<()>> { (**self).check_health() }
            fn close(&self) -> BoxFuture<'_, Result<()>> { (**self).close() }
        }
    )+};
}

forward_async_backend!(Box<B>, Arc<B>);
