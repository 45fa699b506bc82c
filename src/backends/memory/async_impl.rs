//! `MemoryBackend` as an [`AsyncBackend`], natively: every operation takes
//! the tree's lock briefly and never waits on I/O, so each future runs the
//! sync operation when first polled, on the polling task, with no thread hop.

use std::io::Write;

use bytes::Bytes;

use super::{MemoryBackend, attribute};
use crate::aio::{
    AsyncAtomicWriter, AsyncBackend, AsyncContent, BoxFuture, ByteStream, ListStream,
};
use crate::{
    AtomicWriter, Backend, CapabilitySet, Child, Content, DeleteFolderOptions, DeleteOptions,
    Error, FileInfo, FolderEntry, FolderInfo, ListOptions, Listing, RemotePath, Result, SeekRead,
    TransferOptions, WriteOptions, WriteResult,
};

/// Chunks of a `read` stream: slices of the stored buffer, never copies.
const READ_CHUNK: usize = 64 * 1024;

/// A listing as a stream: the memory listing iterates a snapshot and never blocks.
fn listing_stream<T: Send + 'static>(listing: Result<Listing<'_, T>>) -> Result<ListStream<'_, T>> {
    Ok(Box::pin(crate::aio::IterStream(listing?)))
}

/// The content as one buffer; a stream for the root is not read (the write
/// refuses the root first, as the sync one does before reading a reader).
async fn gather(path: &RemotePath, content: AsyncContent<'_>) -> Result<Content<'static>> {
    match content {
        AsyncContent::Bytes(bytes) => Ok(Content::Bytes(bytes)),
        AsyncContent::Stream(_) if path.is_root() => Ok(Content::Bytes(Bytes::new())),
        stream => Ok(Content::Bytes(
            stream.into_bytes(path).await.map_err(attribute)?,
        )),
    }
}

impl AsyncBackend for MemoryBackend {
    fn name(&self) -> &str {
        Backend::name(self)
    }

    fn capabilities(&self) -> CapabilitySet {
        Backend::capabilities(self)
    }

    fn exists<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<bool>> {
        Box::pin(async move { Backend::exists(self, path) })
    }

    fn is_file<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<bool>> {
        Box::pin(async move { Backend::is_file(self, path) })
    }

    fn is_folder<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<bool>> {
        Box::pin(async move { Backend::is_folder(self, path) })
    }

    fn read<'a>(&'a self, path: &RemotePath) -> BoxFuture<'a, Result<ByteStream<'a>>> {
        let path = path.clone();
        Box::pin(async move {
            let mut data = Backend::read_bytes(self, &path)?;
            let chunks = std::iter::from_fn(move || {
                (!data.is_empty()).then(|| Ok(data.split_to(READ_CHUNK.min(data.len()))))
            });
            Ok(Box::pin(crate::aio::IterStream(chunks)) as ByteStream<'a>)
        })
    }

    fn read_bytes<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<Bytes>> {
        Box::pin(async move { Backend::read_bytes(self, path) })
    }

    fn read_seekable<'a>(
        &'a self,
        path: &'a RemotePath,
    ) -> BoxFuture<'a, Result<Box<dyn SeekRead>>> {
        Box::pin(async move { Backend::read_seekable(self, path) })
    }

    fn write<'a>(
        &'a self,
        path: &'a RemotePath,
        content: AsyncContent<'a>,
        options: &'a WriteOptions,
    ) -> BoxFuture<'a, Result<WriteResult>> {
        Box::pin(async move { Backend::write(self, path, gather(path, content).await?, options) })
    }

    fn write_atomic<'a>(
        &'a self,
        path: &'a RemotePath,
        content: AsyncContent<'a>,
        options: &'a WriteOptions,
    ) -> BoxFuture<'a, Result<WriteResult>> {
        Box::pin(
            async move { Backend::write_atomic(self, path, gather(path, content).await?, options) },
        )
    }

    fn open_atomic<'a>(
        &'a self,
        path: &RemotePath,
        options: &WriteOptions,
    ) -> BoxFuture<'a, Result<Box<dyn AsyncAtomicWriter<'a> + 'a>>> {
        let (path, options) = (path.clone(), options.clone());
        Box::pin(async move {
            let writer = Backend::open_atomic(self, &path, &options)?;
            Ok(Box::new(InlineWriter { writer, path }) as Box<dyn AsyncAtomicWriter<'a> + 'a>)
        })
    }

    fn delete<'a>(
        &'a self,
        path: &'a RemotePath,
        options: DeleteOptions,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(async move { Backend::delete(self, path, options) })
    }

    fn delete_folder<'a>(
        &'a self,
        path: &'a RemotePath,
        options: DeleteFolderOptions,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(async move { Backend::delete_folder(self, path, options) })
    }

    fn list_files<'a>(
        &'a self,
        path: &RemotePath,
        options: ListOptions,
    ) -> BoxFuture<'a, Result<ListStream<'a, FileInfo>>> {
        let path = path.clone();
        Box::pin(async move { listing_stream(Backend::list_files(self, &path, options)) })
    }

    fn list_folders<'a>(
        &'a self,
        path: &RemotePath,
    ) -> BoxFuture<'a, Result<ListStream<'a, FolderEntry>>> {
        let path = path.clone();
        Box::pin(async move { listing_stream(Backend::list_folders(self, &path)) })
    }

    fn iter_children<'a>(
        &'a self,
        path: &RemotePath,
    ) -> BoxFuture<'a, Result<ListStream<'a, Child>>> {
        let path = path.clone();
        Box::pin(async move { listing_stream(Backend::iter_children(self, &path)) })
    }

    fn get_file_info<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<FileInfo>> {
        Box::pin(async move { Backend::get_file_info(self, path) })
    }

    fn get_folder_info<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<FolderInfo>> {
        Box::pin(async move { Backend::get_folder_info(self, path) })
    }

    fn rename<'a>(
        &'a self,
        src: &'a RemotePath,
        dst: &'a RemotePath,
        options: TransferOptions,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(async move { Backend::rename(self, src, dst, options) })
    }

    fn copy<'a>(
        &'a self,
        src: &'a RemotePath,
        dst: &'a RemotePath,
        options: TransferOptions,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(async move { Backend::copy(self, src, dst, options) })
    }
}

/// The sync memory writer (a private buffer) behind the async interface;
/// its writes only append to memory, so they never block.
struct InlineWriter<'a> {
    writer: Box<dyn AtomicWriter + 'a>,
    path: RemotePath,
}

impl<'a> AsyncAtomicWriter<'a> for InlineWriter<'a> {
    fn position(&self) -> u64 {
        self.writer.position()
    }

    fn write(&mut self, chunk: Bytes) -> BoxFuture<'_, Result<()>> {
        Box::pin(async move {
            self.writer.write_all(&chunk).map_err(|e| {
                attribute(Error::io(
                    self.path.as_str(),
                    "buffering the chunk failed",
                    e,
                ))
            })
        })
    }

    fn commit(self: Box<Self>) -> BoxFuture<'a, Result<WriteResult>> {
        Box::pin(async move { self.writer.commit() })
    }
}
