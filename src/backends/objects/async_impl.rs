//! `ObjectStoreBackend` as an [`AsyncBackend`].

use bytes::{Bytes, BytesMut};

use super::ObjectStoreBackend;
use super::listing;
use super::ops::exists;
use super::transfer::Transfer;
use crate::aio::{
    AsyncAtomicWriter, AsyncBackend, AsyncContent, BoxFuture, ByteStream, ListStream,
};
use crate::{
    CapabilitySet, DeleteFolderOptions, DeleteOptions, FileInfo, FolderEntry, FolderInfo,
    ListOptions, Metadata, RemotePath, Result, TransferOptions, WriteOptions, WriteResult,
};

impl AsyncBackend for ObjectStoreBackend {
    fn name(&self) -> &str {
        Self::NAME
    }

    fn capabilities(&self) -> CapabilitySet {
        self.traits.capabilities()
    }

    fn exists<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<bool>> {
        Box::pin(async move {
            Ok(self.probe_file(path).await? || listing::probe_folder(self, path).await?)
        })
    }

    fn is_file<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<bool>> {
        Box::pin(self.probe_file(path))
    }

    fn is_folder<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<bool>> {
        Box::pin(listing::probe_folder(self, path))
    }

    fn read<'a>(&'a self, path: &RemotePath) -> BoxFuture<'a, Result<ByteStream<'a>>> {
        let path = path.clone();
        Box::pin(async move { self.read_stream(&path).await })
    }

    fn read_bytes<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<Bytes>> {
        Box::pin(self.read_all(path))
    }

    fn write<'a>(
        &'a self,
        path: &'a RemotePath,
        content: AsyncContent<'a>,
        options: &'a WriteOptions,
    ) -> BoxFuture<'a, Result<WriteResult>> {
        Box::pin(self.put_file(path, content, options))
    }

    fn write_atomic<'a>(
        &'a self,
        path: &'a RemotePath,
        content: AsyncContent<'a>,
        options: &'a WriteOptions,
    ) -> BoxFuture<'a, Result<WriteResult>> {
        Box::pin(self.put_file(path, content, options))
    }

    fn open_atomic<'a>(
        &'a self,
        path: &RemotePath,
        options: &WriteOptions,
    ) -> BoxFuture<'a, Result<Box<dyn AsyncAtomicWriter<'a> + 'a>>> {
        let (path, options) = (path.clone(), options.clone());
        Box::pin(async move {
            let metadata = self.check_write(&path, &options)?;
            if !options.overwrite && self.probe_file(&path).await? {
                return Err(exists(&path));
            }
            Ok(Box::new(BufferedWriter {
                backend: self,
                path,
                overwrite: options.overwrite,
                metadata,
                buffer: BytesMut::new(),
            }) as Box<dyn AsyncAtomicWriter<'a> + 'a>)
        })
    }

    fn delete<'a>(
        &'a self,
        path: &'a RemotePath,
        options: DeleteOptions,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(self.delete_file(path, options))
    }

    fn delete_folder<'a>(
        &'a self,
        path: &'a RemotePath,
        options: DeleteFolderOptions,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(listing::delete_folder(self, path, options))
    }

    fn list_files<'a>(
        &'a self,
        path: &RemotePath,
        options: ListOptions,
    ) -> BoxFuture<'a, Result<ListStream<'a, FileInfo>>> {
        let path = path.clone();
        Box::pin(async move { listing::list_files(self, &path, options).await })
    }

    fn list_folders<'a>(
        &'a self,
        path: &RemotePath,
    ) -> BoxFuture<'a, Result<ListStream<'a, FolderEntry>>> {
        let path = path.clone();
        Box::pin(async move { listing::list_folders(self, &path).await })
    }

    fn get_file_info<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<FileInfo>> {
        Box::pin(self.head_file(path))
    }

    fn get_folder_info<'a>(&'a self, path: &'a RemotePath) -> BoxFuture<'a, Result<FolderInfo>> {
        Box::pin(listing::folder_info(self, path))
    }

    fn rename<'a>(
        &'a self,
        src: &'a RemotePath,
        dst: &'a RemotePath,
        options: TransferOptions,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(self.transfer(Transfer::Rename, src, dst, options))
    }

    fn copy<'a>(
        &'a self,
        src: &'a RemotePath,
        dst: &'a RemotePath,
        options: TransferOptions,
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(self.transfer(Transfer::Copy, src, dst, options))
    }

    fn to_key(&self, native_path: &str) -> String {
        let prefix = self.prefix.as_ref();
        if prefix.is_empty() {
            return native_path.to_owned();
        }
        match native_path.strip_prefix(prefix) {
            Some("") => String::new(),
            Some(rest) => rest
                .strip_prefix('/')
                .map_or_else(|| native_path.to_owned(), str::to_owned),
            None => native_path.to_owned(),
        }
    }

    fn native_path(&self, path: &RemotePath) -> String {
        self.key(path)
            .map(|key| key.as_ref().to_owned())
            .unwrap_or_else(|_| path.as_str().to_owned())
    }

    fn check_health(&self) -> BoxFuture<'_, Result<()>> {
        Box::pin(async move {
            let root = RemotePath::root();
            let key = self.key(&root)?;
            self.store
                .list_with_delimiter(Some(&key))
                .await
                .map(|_| ())
                .map_err(|e| super::errors::map_error(e, &root, "checking the store"))
        })
    }
}

/// `open_atomic`: the bytes stay in memory until `commit` puts them in one
/// request; dropping the writer discards them, and nothing was sent.
struct BufferedWriter<'a> {
    backend: &'a ObjectStoreBackend,
    path: RemotePath,
    overwrite: bool,
    metadata: Option<Metadata>,
    buffer: BytesMut,
}

impl<'a> AsyncAtomicWriter<'a> for BufferedWriter<'a> {
    fn position(&self) -> u64 {
        self.buffer.len() as u64
    }

    fn write(&mut self, chunk: Bytes) -> BoxFuture<'_, Result<()>> {
        self.buffer.extend_from_slice(&chunk);
        Box::pin(async { Ok(()) })
    }

    fn commit(self: Box<Self>) -> BoxFuture<'a, Result<WriteResult>> {
        let BufferedWriter {
            backend,
            path,
            overwrite,
            metadata,
            buffer,
        } = *self;
        Box::pin(async move {
            backend
                .publish(&path, buffer.freeze(), overwrite, metadata)
                .await
        })
    }
}
