//! [`Blocking`]: any [`AsyncBackend`] as a sync [`Backend`].

mod bridged;

use std::fmt;
use std::future::Future;
use std::sync::Arc;

use bytes::Bytes;
use tokio::sync::mpsc;

use self::bridged::{
    BridgedWriter, listing, open_bridged, read_stream, serve_writer, spawn_opening,
};
use super::park::{bridge_runtime, joined, park_on};
use super::pipe::pump_reader;
use super::{AsyncBackend, AsyncContent};
use crate::{
    AtomicWriter, Backend, Capability, CapabilitySet, Child, Content, DeleteFolderOptions,
    DeleteOptions, FileInfo, FolderEntry, FolderInfo, ListOptions, Listing, ReadStream, RemotePath,
    Result, SeekRead, TransferOptions, WriteOptions, WriteResult,
};

/// An [`AsyncBackend`] as a sync [`Backend`]: the bridge the conformance
/// suite, the model test and the fuzz harness reach async backends through.
///
/// Every call runs its future on a tokio runtime that the bridge owns (two
/// worker threads, started on first use and shared by every `Blocking`), and
/// parks the calling thread until it is done. Parking is not `block_on`, so
/// a `Blocking` works from a plain `#[test]`, from a thread of your own, and
/// inside a current-thread or multi-thread tokio runtime alike (there it
/// holds up the calling task's thread while it waits, as any sync call does;
/// in async code prefer the async backend itself).
///
/// * Listings are pulled lazily: a task on the bridge runtime drives the
///   async stream at most one item ahead of the iterator; dropping the
///   iterator stops it.
/// * `read` gives a sequential stream over the async chunk stream, or, when
///   the backend declares `SEEKABLE_READ`, its
///   [`read_seekable`](AsyncBackend::read_seekable) reader.
/// * Content given as a reader is read on the calling thread and streamed to
///   the async write in 64 KiB chunks; nothing needs to be `'static`.
/// * `open_atomic` gives a writer whose `write`s go to the async writer one
///   by one; dropping it without `commit` aborts the async writer and waits
///   until it is discarded.
///
/// A panic in the async backend is resumed on the calling thread.
///
/// ```
/// use remote_store::aio::Blocking;
/// use remote_store::backends::MemoryBackend;
/// use remote_store::Store;
///
/// // MemoryBackend is an AsyncBackend too; here it is driven through the bridge.
/// let store = Store::new(Blocking::new(MemoryBackend::new()), "data")?;
/// store.write_text("a.txt", "bridged")?;
/// assert_eq!(store.read_text("a.txt")?, "bridged");
/// # Ok::<(), remote_store::Error>(())
/// ```
pub struct Blocking<B: ?Sized> {
    backend: Arc<B>,
}

impl<B: AsyncBackend> Blocking<B> {
    /// A sync backend over `backend`.
    pub fn new(backend: B) -> Self {
        Blocking {
            backend: Arc::new(backend),
        }
    }
}

impl<B: AsyncBackend + ?Sized> Blocking<B> {
    /// A sync backend over a shared async backend.
    pub fn from_shared(backend: Arc<B>) -> Self {
        Blocking { backend }
    }

    /// The async backend.
    pub fn inner(&self) -> &Arc<B> {
        &self.backend
    }

    /// Runs `work` (given its own handle to the backend) on the bridge
    /// runtime and waits for its outcome.
    fn call<T, Fut>(&self, work: impl FnOnce(Arc<B>) -> Fut) -> Result<T>
    where
        T: Send + 'static,
        Fut: Future<Output = Result<T>> + Send + 'static,
    {
        let task = bridge_runtime().spawn(work(Arc::clone(&self.backend)));
        joined(park_on(task), self.backend.name())
    }

    fn write_with(
        &self,
        atomic: bool,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        let (path, options) = (path.clone(), options.clone());
        let mut reader = match content {
            Content::Bytes(bytes) => {
                return self.call(move |b| async move {
                    write_async(&*b, atomic, &path, bytes.into(), &options).await
                });
            }
            Content::Reader(reader) => reader,
        };
        let (chunks, chunks_rx) = mpsc::channel(2);
        let content = AsyncContent::stream(super::streams::ChannelStream(chunks_rx));
        let task = bridge_runtime().spawn({
            let backend = Arc::clone(&self.backend);
            async move { write_async(&*backend, atomic, &path, content, &options).await }
        });
        pump_reader(&mut reader, &chunks);
        drop(chunks);
        joined(park_on(task), self.backend.name())
    }
}

async fn write_async<B: AsyncBackend + ?Sized>(
    backend: &B,
    atomic: bool,
    path: &RemotePath,
    content: AsyncContent<'_>,
    options: &WriteOptions,
) -> Result<WriteResult> {
    if atomic {
        backend.write_atomic(path, content, options).await
    } else {
        backend.write(path, content, options).await
    }
}

impl<B: AsyncBackend + ?Sized> fmt::Debug for Blocking<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Blocking({:?})", self.backend)
    }
}

impl<B: AsyncBackend + ?Sized> Backend for Blocking<B> {
    fn name(&self) -> &str {
        self.backend.name()
    }

    fn capabilities(&self) -> CapabilitySet {
        self.backend.capabilities()
    }

    fn close_is_terminal(&self) -> bool {
        self.backend.close_is_terminal()
    }

    fn exists(&self, path: &RemotePath) -> Result<bool> {
        let path = path.clone();
        self.call(move |b| async move { b.exists(&path).await })
    }

    fn is_file(&self, path: &RemotePath) -> Result<bool> {
        let path = path.clone();
        self.call(move |b| async move { b.is_file(&path).await })
    }

    fn is_folder(&self, path: &RemotePath) -> Result<bool> {
        let path = path.clone();
        self.call(move |b| async move { b.is_folder(&path).await })
    }

    fn read(&self, path: &RemotePath) -> Result<ReadStream> {
        if self.capabilities().supports(Capability::SEEKABLE_READ) {
            return self.read_seekable(path).map(ReadStream::Seekable);
        }
        let (path, backend) = (path.clone(), Arc::clone(&self.backend));
        let chunks =
            open_bridged(move |feed| async move { feed.run(backend.read(&path).await).await })?;
        Ok(read_stream(chunks))
    }

    fn read_bytes(&self, path: &RemotePath) -> Result<Bytes> {
        let path = path.clone();
        self.call(move |b| async move { b.read_bytes(&path).await })
    }

    fn read_seekable(&self, path: &RemotePath) -> Result<Box<dyn SeekRead>> {
        let path = path.clone();
        self.call(move |b| async move { b.read_seekable(&path).await })
    }

    fn write(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        self.write_with(false, path, content, options)
    }

    fn write_atomic(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        self.write_with(true, path, content, options)
    }

    fn open_atomic(
        &self,
        path: &RemotePath,
        options: &WriteOptions,
    ) -> Result<Box<dyn AtomicWriter + '_>> {
        let (path, options) = (path.clone(), options.clone());
        let (commands, commands_rx) = mpsc::channel(1);
        let backend = Arc::clone(&self.backend);
        let name = path.as_str().to_owned();
        spawn_opening(move |opened| async move {
            match backend.open_atomic(&path, &options).await {
                Ok(writer) => serve_writer(opened, writer, commands_rx).await,
                Err(error) => {
                    let _ = opened.send(Err(error));
                }
            }
        })?;
        Ok(Box::new(BridgedWriter::new(commands, name)))
    }

    fn delete(&self, path: &RemotePath, options: DeleteOptions) -> Result<()> {
        let path = path.clone();
        self.call(move |b| async move { b.delete(&path, options).await })
    }

    fn delete_folder(&self, path: &RemotePath, options: DeleteFolderOptions) -> Result<()> {
        let path = path.clone();
        self.call(move |b| async move { b.delete_folder(&path, options).await })
    }

    fn list_files(&self, path: &RemotePath, options: ListOptions) -> Result<Listing<'_, FileInfo>> {
        let (path, backend) = (path.clone(), Arc::clone(&self.backend));
        let items = open_bridged(move |feed| async move {
            feed.run(backend.list_files(&path, options).await).await
        })?;
        Ok(listing(items))
    }

    fn list_folders(&self, path: &RemotePath) -> Result<Listing<'_, FolderEntry>> {
        let (path, backend) = (path.clone(), Arc::clone(&self.backend));
        let items =
            open_bridged(
                move |feed| async move { feed.run(backend.list_folders(&path).await).await },
            )?;
        Ok(listing(items))
    }

    fn iter_children(&self, path: &RemotePath) -> Result<Listing<'_, Child>> {
        let (path, backend) = (path.clone(), Arc::clone(&self.backend));
        let items =
            open_bridged(
                move |feed| async move { feed.run(backend.iter_children(&path).await).await },
            )?;
        Ok(listing(items))
    }

    fn glob(&self, pattern: &str) -> Result<Listing<'_, FileInfo>> {
        let (pattern, backend) = (pattern.to_owned(), Arc::clone(&self.backend));
        let items =
            open_bridged(move |feed| async move { feed.run(backend.glob(&pattern).await).await })?;
        Ok(listing(items))
    }

    fn get_file_info(&self, path: &RemotePath) -> Result<FileInfo> {
        let path = path.clone();
        self.call(move |b| async move { b.get_file_info(&path).await })
    }

    fn get_folder_info(&self, path: &RemotePath) -> Result<FolderInfo> {
        let path = path.clone();
        self.call(move |b| async move { b.get_folder_info(&path).await })
    }

    fn rename(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()> {
        let (src, dst) = (src.clone(), dst.clone());
        self.call(move |b| async move { b.rename(&src, &dst, options).await })
    }

    fn copy(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()> {
        let (src, dst) = (src.clone(), dst.clone());
        self.call(move |b| async move { b.copy(&src, &dst, options).await })
    }

    fn to_key(&self, native_path: &str) -> String {
        self.backend.to_key(native_path)
    }

    fn native_path(&self, path: &RemotePath) -> String {
        self.backend.native_path(path)
    }

    fn check_health(&self) -> Result<()> {
        self.call(move |b| async move { b.check_health().await })
    }

    fn close(&self) -> Result<()> {
        self.call(move |b| async move { b.close().await })
    }
}
