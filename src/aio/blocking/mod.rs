//! [`Blocking`]: any [`AsyncBackend`] as a sync [`Backend`].

mod bridged;

use std::fmt;
use std::future::Future;
use std::sync::Arc;

use bytes::Bytes;
use tokio::sync::mpsc;

use self::bridged::{InlineWriter, listing, read_stream};
use super::park::{bridge_runtime, joined, park_on, wait_bridged};
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
/// The bridge owns a tokio runtime (two worker threads, started on first use
/// and shared by every `Blocking`). A call polls the backend's future on the
/// calling thread with that runtime entered, and parks the thread between
/// polls: whatever the future hands to tokio (I/O, timers, `spawn`,
/// `spawn_blocking`) runs on the bridge's threads and wakes the caller. A
/// future that is ready at once (every `MemoryBackend` call) costs no thread
/// hop. Parking is not `block_on`, so a `Blocking` works from a plain
/// `#[test]`, from a thread of your own, and inside a current-thread or
/// multi-thread tokio runtime alike (there it holds up the calling task's
/// thread while it waits, as any sync call does; in async code prefer the
/// async backend itself). Polls are `unconstrained`, so tokio's cooperative
/// budget of a calling task cannot stall them.
///
/// * Listings are pulled lazily: a task on the bridge runtime drives the
///   async stream (which borrows the backend, so it cannot live in the
///   iterator) at most one item ahead of the iterator; dropping the iterator
///   stops it.
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

    /// Polls `future` to completion on the calling thread (see [`Blocking`]).
    fn wait<T>(&self, future: impl Future<Output = T>) -> T {
        wait_bridged(future)
    }

    fn write_with(
        &self,
        atomic: bool,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        let mut reader = match content {
            Content::Bytes(bytes) => {
                return self.wait(write_async(
                    &*self.backend,
                    atomic,
                    path,
                    bytes.into(),
                    options,
                ));
            }
            Content::Reader(reader) => reader,
        };
        // The reader is read on this thread while the write runs as a task.
        let (path, options) = (path.clone(), options.clone());
        let (chunks, chunks_rx) = mpsc::channel(2);
        let content = AsyncContent::stream(super::streams::ChannelStream::new(chunks_rx));
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
        self.wait(self.backend.exists(path))
    }

    fn is_file(&self, path: &RemotePath) -> Result<bool> {
        self.wait(self.backend.is_file(path))
    }

    fn is_folder(&self, path: &RemotePath) -> Result<bool> {
        self.wait(self.backend.is_folder(path))
    }

    fn read(&self, path: &RemotePath) -> Result<ReadStream> {
        if self.capabilities().supports(Capability::SEEKABLE_READ) {
            return self.read_seekable(path).map(ReadStream::Seekable);
        }
        let (path, backend) = (path.clone(), Arc::clone(&self.backend));
        read_stream(move |feed| async move { feed.run(backend.read(&path).await).await })
    }

    fn read_bytes(&self, path: &RemotePath) -> Result<Bytes> {
        self.wait(self.backend.read_bytes(path))
    }

    fn read_seekable(&self, path: &RemotePath) -> Result<Box<dyn SeekRead>> {
        self.wait(self.backend.read_seekable(path))
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
        let writer = self.wait(self.backend.open_atomic(path, options))?;
        Ok(Box::new(InlineWriter::new(writer)))
    }

    fn delete(&self, path: &RemotePath, options: DeleteOptions) -> Result<()> {
        self.wait(self.backend.delete(path, options))
    }

    fn delete_folder(&self, path: &RemotePath, options: DeleteFolderOptions) -> Result<()> {
        self.wait(self.backend.delete_folder(path, options))
    }

    fn list_files(&self, path: &RemotePath, options: ListOptions) -> Result<Listing<'_, FileInfo>> {
        Ok(listing(self.wait(self.backend.list_files(path, options))?))
    }

    fn list_folders(&self, path: &RemotePath) -> Result<Listing<'_, FolderEntry>> {
        Ok(listing(self.wait(self.backend.list_folders(path))?))
    }

    fn iter_children(&self, path: &RemotePath) -> Result<Listing<'_, Child>> {
        Ok(listing(self.wait(self.backend.iter_children(path))?))
    }

    fn glob(&self, pattern: &str) -> Result<Listing<'_, FileInfo>> {
        Ok(listing(self.wait(self.backend.glob(pattern))?))
    }

    fn get_file_info(&self, path: &RemotePath) -> Result<FileInfo> {
        self.wait(self.backend.get_file_info(path))
    }

    fn get_folder_info(&self, path: &RemotePath) -> Result<FolderInfo> {
        self.wait(self.backend.get_folder_info(path))
    }

    fn rename(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()> {
        self.wait(self.backend.rename(src, dst, options))
    }

    fn copy(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()> {
        self.wait(self.backend.copy(src, dst, options))
    }

    fn to_key(&self, native_path: &str) -> String {
        self.backend.to_key(native_path)
    }

    fn native_path(&self, path: &RemotePath) -> String {
        self.backend.native_path(path)
    }

    fn check_health(&self) -> Result<()> {
        self.wait(self.backend.check_health())
    }

    fn close(&self) -> Result<()> {
        self.wait(self.backend.close())
    }
}
