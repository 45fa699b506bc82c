//! [`SpawnBlocking`]: any sync [`Backend`] as an [`AsyncBackend`].

mod bridged;

use std::fmt;
use std::sync::Arc;

use bytes::Bytes;
use tokio::sync::mpsc;
use tokio::task::spawn_blocking;

use self::bridged::{forward_listing, forward_read, open_thread_writer};
use super::park::joined;
use super::pipe::ChunkReader;
use super::streams::{ChannelStream, next_item};
use super::{AsyncAtomicWriter, AsyncBackend, AsyncContent, BoxFuture, ByteStream, ListStream};
use crate::{
    Backend, CapabilitySet, Child, Content, DeleteFolderOptions, DeleteOptions, FileInfo,
    FolderEntry, FolderInfo, ListOptions, RemotePath, Result, SeekRead, TransferOptions,
    WriteOptions, WriteResult,
};

/// A sync [`Backend`] as an [`AsyncBackend`], so that
/// [`LocalBackend`](crate::backends::LocalBackend) (or any backend of yours)
/// serves async code without blocking its runtime.
///
/// Every call runs on tokio's blocking thread pool (`spawn_blocking`), so it
/// must be awaited inside a tokio runtime. Listings and read streams are
/// produced on a pool thread and handed over a few items (two 64 KiB chunks)
/// ahead of the consumer; content given as a stream is fed to the sync
/// write as a reader; an atomic writer lives on a pool thread until it is
/// committed, aborted or dropped (dropping discards without waiting).
/// A panic in the sync backend is resumed in the awaiting task.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> remote_store::Result<()> {
/// use remote_store::aio::{AsyncBackend, SpawnBlocking};
/// use remote_store::backends::LocalBackend;
/// use remote_store::{RemotePath, WriteOptions};
///
/// let dir = tempfile::tempdir().unwrap();
/// let backend = SpawnBlocking::new(LocalBackend::new(dir.path())?);
/// let path = RemotePath::parse("a.txt")?;
/// backend.write(&path, "on disk".into(), &WriteOptions::new()).await?;
/// assert_eq!(backend.read_bytes(&path).await?, "on disk");
/// # Ok(())
/// # }
/// ```
pub struct SpawnBlocking<B: ?Sized> {
    backend: Arc<B>,
}

impl<B: Backend> SpawnBlocking<B> {
    /// An async backend over `backend`.
    pub fn new(backend: B) -> Self {
        SpawnBlocking {
            backend: Arc::new(backend),
        }
    }
}

impl<B: Backend + ?Sized> SpawnBlocking<B> {
    /// An async backend over a shared sync backend.
    pub fn from_shared(backend: Arc<B>) -> Self {
        SpawnBlocking { backend }
    }

    /// The sync backend.
    pub fn inner(&self) -> &Arc<B> {
        &self.backend
    }

    /// Runs `work` on the blocking pool with its own handle to the backend.
    fn call<T: Send + 'static>(
        &self,
        work: impl FnOnce(&B) -> Result<T> + Send + 'static,
    ) -> BoxFuture<'static, Result<T>> {
        let backend = Arc::clone(&self.backend);
        Box::pin(async move {
            let name = backend.name().to_owned();
            let outcome = spawn_blocking(move || work(&backend)).await;
            joined(outcome, &name)
        })
    }

    /// `work` on the blocking pool with its own copy of `path`.
    fn on_path<T: Send + 'static>(
        &self,
        path: &RemotePath,
        work: impl FnOnce(&B, &RemotePath) -> Result<T> + Send + 'static,
    ) -> BoxFuture<'static, Result<T>> {
        let path = path.clone();
        self.call(move |b| work(b, &path))
    }

    /// A listing that `open` starts on the blocking pool, as a stream.
    fn listing<'a, T: Send + 'static>(
        &self,
        open: impl for<'b> FnOnce(&'b B) -> Result<crate::Listing<'b, T>> + Send + 'static,
    ) -> BoxFuture<'a, Result<ListStream<'a, T>>> {
        let backend = Arc::clone(&self.backend);
        Box::pin(async move {
            let stream = forward_listing(backend, open).await?;
            Ok(stream as ListStream<'a, T>)
        })
    }

    fn write_with<'a>(
        &'a self,
        atomic: bool,
        path: &'a RemotePath,
        content: AsyncContent<'a>,
        options: &'a WriteOptions,
    ) -> BoxFuture<'a, Result<WriteResult>> {
        let (path, options) = (path.clone(), options.clone());
        let write = move |backend: &B, content: Content<'_>| {
            if atomic {
                backend.write_atomic(&path, content, &options)
            } else {
                backend.write(&path, content, &options)
            }
        };
        let mut stream = match content {
            AsyncContent::Bytes(bytes) => {
                return self.call(move |b| write(b, Content::Bytes(bytes)));
            }
            AsyncContent::Stream(stream) => stream,
        };
        Box::pin(async move {
            let (chunks, chunks_rx) = mpsc::channel(2);
            let reader = ChunkReader::new(ChannelStream::new(chunks_rx));
            // Spawned now, so the sync write consumes chunks while they are fed.
            let job = self.call(move |b| write(b, Content::reader(reader)));
            let job = tokio::spawn(job);
            while let Some(chunk) = next_item(&mut stream).await {
                let last = chunk.is_err();
                if chunks.send(chunk).await.is_err() || last {
                    break;
                }
            }
            drop(chunks);
            joined(job.await, self.backend.name())
        })
    }
}

impl<B: Backend + ?Sized> fmt::Debug for SpawnBlocking<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SpawnBlocking({:?})", self.backend)
    }
}

impl<B: Backend + ?Sized> AsyncBackend for SpawnBlocking<B> {
    fn name(&self) -> &str {
        self.backend.name()
    }

    fn capabilities(&self) -> CapabilitySet {
        self.backend.capabilities()
    }

    fn close_is_terminal(&self) -> bool {
        self.backend.close_is_terminal()
    }

    fn exists<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<bool>> {
        self.on_path(path, move |b, path| b.exists(path))
    }

    fn is_file<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<bool>> {
        self.on_path(path, move |b, path| b.is_file(path))
    }

    fn is_folder<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<bool>> {
        self.on_path(path, move |b, path| b.is_folder(path))
    }

    fn read<'a>(&'a self, path: &RemotePath) -> BoxFuture<'a, Result<ByteStream<'a>>> {
        let (backend, path) = (Arc::clone(&self.backend), path.clone());
        Box::pin(async move { Ok(forward_read(backend, path).await? as ByteStream<'a>) })
    }

    fn read_bytes<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<Bytes>> {
        self.on_path(path, move |b, path| b.read_bytes(path))
    }

    fn read_seekable<'a>(
        &'a self,
        path: &'a RemotePath,
    ) -> BoxFuture<'a, Result<Box<dyn SeekRead>>> {
        self.on_path(path, move |b, path| b.read_seekable(path))
    }

    fn write<'a>(
        &'a self,
        path: &'a RemotePath,
        content: AsyncContent<'a>,
        options: &'a WriteOptions,
    ) -> BoxFuture<'a, Result<WriteResult>> {
        self.write_with(false, path, content, options)
    }

    fn write_atomic<'a>(
        &'a self,
        path: &'a RemotePath,
        content: AsyncContent<'a>,
        options: &'a WriteOptions,
    ) -> BoxFuture<'a, Result<WriteResult>> {
        self.write_with(true, path, content, options)
    }

    fn open_atomic<'a>(
        &'a self,
        path: &RemotePath,
        options: &WriteOptions,
    ) -> BoxFuture<'a, Result<Box<dyn AsyncAtomicWriter<'a> + 'a>>> {
        let (backend, path, options) = (Arc::clone(&self.backend), path.clone(), options.clone());
        Box::pin(async move {
            let writer = open_thread_writer(backend, path, options).await?;
            Ok(Box::new(writer) as Box<dyn AsyncAtomicWriter<'a> + 'a>)
        })
    }

    fn delete<'a>(
        &'a self,
        path: &'a RemotePath,
        options: DeleteOptions,
    ) -> BoxFuture<'a, Result<()>> {
        self.on_path(path, move |b, path| b.delete(path, options))
    }

    fn delete_folder<'a>(
        &'a self,
        path: &'a RemotePath,
        options: DeleteFolderOptions,
    ) -> BoxFuture<'a, Result<()>> {
        self.on_path(path, move |b, path| b.delete_folder(path, options))
    }

    fn list_files<'a>(
        &'a self,
        path: &RemotePath,
        options: ListOptions,
    ) -> BoxFuture<'a, Result<ListStream<'a, FileInfo>>> {
        let path = path.clone();
        self.listing(move |b| b.list_files(&path, options))
    }

    fn list_folders<'a>(
        &'a self,
        path: &RemotePath,
    ) -> BoxFuture<'a, Result<ListStream<'a, FolderEntry>>> {
        let path = path.clone();
        self.listing(move |b| b.list_folders(&path))
    }

    fn iter_children<'a>(
        &'a self,
        path: &RemotePath,
    ) -> BoxFuture<'a, Result<ListStream<'a, Child>>> {
        let path = path.clone();
        self.listing(move |b| b.iter_children(&path))
    }

    fn glob<'a>(&'a self, pattern: &str) -> BoxFuture<'a, Result<ListStream<'a, FileInfo>>> {
        let pattern = pattern.to_owned();
        self.listing(move |b| b.glob(&pattern))
    }

    fn get_file_info<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<FileInfo>> {
        self.on_path(path, move |b, path| b.get_file_info(path))
    }

    fn get_folder_info<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<FolderInfo>> {
        self.on_path(path, move |b, path| b.get_folder_info(path))
    }

    fn rename<'a>(
        &'a self,
        src: &'a RemotePath,
        dst: &'a RemotePath,
        options: TransferOptions,
    ) -> BoxFuture<'a, Result<()>> {
        let (src, dst) = (src.clone(), dst.clone());
        self.call(move |b| b.rename(&src, &dst, options))
    }

    fn copy<'a>(
        &'a self,
        src: &'a RemotePath,
        dst: &'a RemotePath,
        options: TransferOptions,
    ) -> BoxFuture<'a, Result<()>> {
        let (src, dst) = (src.clone(), dst.clone());
        self.call(move |b| b.copy(&src, &dst, options))
    }

    fn to_key(&self, native_path: &str) -> String {
        self.backend.to_key(native_path)
    }

    fn native_path(&self, path: &RemotePath) -> String {
        self.backend.native_path(path)
    }

    fn check_health(&self) -> BoxFuture<'_, Result<()>> {
        self.call(|b| b.check_health())
    }

    fn close(&self) -> BoxFuture<'_, Result<()>> {
        self.call(|b| b.close())
    }
}
