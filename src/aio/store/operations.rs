//! AsyncStore operations on single paths.

use bytes::Bytes;

use super::AsyncStore;
use crate::aio::{AsyncAtomicWriter, AsyncBackend, AsyncContent, ByteStream};
use crate::store::scope::{Transfer, utf8_text};
use crate::{
    Capability, DeleteFolderOptions, DeleteOptions, FileInfo, FolderInfo, RemotePath, Result,
    SeekRead, TransferOptions, WriteOptions, WriteResult,
};

impl<B: AsyncBackend + ?Sized> AsyncStore<B> {
    /// Whether a file or folder exists (ungated; `false` under a file).
    pub async fn exists(&self, path: &str) -> Result<bool> {
        let full = self.scope.resolve(path)?;
        self.backend
            .exists(&full)
            .await
            .map_err(|e| self.rebase_error(e))
    }

    /// Whether `path` is a file (ungated).
    pub async fn is_file(&self, path: &str) -> Result<bool> {
        let full = self.scope.resolve(path)?;
        self.backend
            .is_file(&full)
            .await
            .map_err(|e| self.rebase_error(e))
    }

    /// Whether `path` is a folder (ungated).
    pub async fn is_folder(&self, path: &str) -> Result<bool> {
        let full = self.scope.resolve(path)?;
        self.backend
            .is_folder(&full)
            .await
            .map_err(|e| self.rebase_error(e))
    }

    /// A file's content as a stream of chunks (gate `READ`).
    pub async fn read(&self, path: &str) -> Result<ByteStream<'_>> {
        let full = self.file_call(Capability::READ, path)?;
        self.backend
            .read(&full)
            .await
            .map_err(|e| self.rebase_error(e))
    }

    /// A file's whole content (gate `READ`).
    pub async fn read_bytes(&self, path: &str) -> Result<Bytes> {
        let full = self.file_call(Capability::READ, path)?;
        self.backend
            .read_bytes(&full)
            .await
            .map_err(|e| self.rebase_error(e))
    }

    /// A file's content as UTF-8 text (gate `READ`).
    pub async fn read_text(&self, path: &str) -> Result<String> {
        utf8_text(path, &self.read_bytes(path).await?)
    }

    /// A seekable reader over a file (gate `READ`).
    pub async fn read_seekable(&self, path: &str) -> Result<Box<dyn SeekRead>> {
        let full = self.file_call(Capability::READ, path)?;
        self.backend
            .read_seekable(&full)
            .await
            .map_err(|e| self.rebase_error(e))
    }

    /// Writes a new file (gate `WRITE`); an existing file is
    /// [`Error::AlreadyExists`](crate::Error::AlreadyExists).
    pub async fn write<'c>(
        &self,
        path: &str,
        content: impl Into<AsyncContent<'c>>,
    ) -> Result<WriteResult> {
        self.write_with(path, content, &WriteOptions::new()).await
    }

    /// Writes a file with options (gate `WRITE`).
    pub async fn write_with<'c>(
        &self,
        path: &str,
        content: impl Into<AsyncContent<'c>>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        let full = self.write_call(Capability::WRITE, path, options)?;
        let result = self.backend.write(&full, content.into(), options).await;
        self.scope.rebase_write_result(result)
    }

    /// Writes a new text file as UTF-8 (gate `WRITE`).
    pub async fn write_text(&self, path: &str, text: &str) -> Result<WriteResult> {
        self.write_with(path, text, &WriteOptions::new()).await
    }

    /// Writes a new file atomically (gate `ATOMIC_WRITE`).
    pub async fn write_atomic<'c>(
        &self,
        path: &str,
        content: impl Into<AsyncContent<'c>>,
    ) -> Result<WriteResult> {
        self.write_atomic_with(path, content, &WriteOptions::new())
            .await
    }

    /// Writes a file atomically, with options (gate `ATOMIC_WRITE`).
    pub async fn write_atomic_with<'c>(
        &self,
        path: &str,
        content: impl Into<AsyncContent<'c>>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        let full = self.write_call(Capability::ATOMIC_WRITE, path, options)?;
        let result = self
            .backend
            .write_atomic(&full, content.into(), options)
            .await;
        self.scope.rebase_write_result(result)
    }

    /// A writer for a new file that appears only on
    /// [`commit`](AsyncStoreAtomicWriter::commit) (gate `ATOMIC_WRITE`).
    pub async fn open_atomic(&self, path: &str) -> Result<AsyncStoreAtomicWriter<'_, B>> {
        self.open_atomic_with(path, &WriteOptions::new()).await
    }

    /// [`open_atomic`](AsyncStore::open_atomic) with options.
    pub async fn open_atomic_with(
        &self,
        path: &str,
        options: &WriteOptions,
    ) -> Result<AsyncStoreAtomicWriter<'_, B>> {
        let full = self.write_call(Capability::ATOMIC_WRITE, path, options)?;
        let inner = self
            .backend
            .open_atomic(&full, options)
            .await
            .map_err(|e| self.rebase_error(e))?;
        Ok(AsyncStoreAtomicWriter { store: self, inner })
    }

    /// Deletes a file (gate `DELETE`).
    pub async fn delete(&self, path: &str) -> Result<()> {
        self.delete_with(path, DeleteOptions::new()).await
    }

    /// Deletes a file, with options (gate `DELETE`).
    pub async fn delete_with(&self, path: &str, options: DeleteOptions) -> Result<()> {
        let full = self.file_call(Capability::DELETE, path)?;
        self.backend
            .delete(&full, options)
            .await
            .map_err(|e| self.rebase_error(e))
    }

    /// Deletes an empty folder (gate `DELETE`); the store root is refused.
    pub async fn delete_folder(&self, path: &str) -> Result<()> {
        self.delete_folder_with(path, DeleteFolderOptions::new())
            .await
    }

    /// Deletes a folder, with options (gate `DELETE`).
    pub async fn delete_folder_with(&self, path: &str, options: DeleteFolderOptions) -> Result<()> {
        let full = self
            .scope
            .delete_folder_call(self.capabilities(), self.name(), path)?;
        self.backend
            .delete_folder(&full, options)
            .await
            .map_err(|e| self.rebase_error(e))
    }

    /// Moves a file (gate `MOVE`).
    pub async fn rename(&self, src: &str, dst: &str) -> Result<()> {
        self.rename_with(src, dst, TransferOptions::new()).await
    }

    /// Moves a file, with options (gate `MOVE`).
    pub async fn rename_with(&self, src: &str, dst: &str, options: TransferOptions) -> Result<()> {
        match self.transfer_call(Capability::MOVE, src, dst)? {
            Transfer::SamePath(full) => self.self_transfer(src, &full).await,
            Transfer::Call(s, d) => self
                .backend
                .rename(&s, &d, options)
                .await
                .map_err(|e| self.rebase_error(e)),
        }
    }

    /// Copies a file with its metadata (gate `COPY`).
    pub async fn copy(&self, src: &str, dst: &str) -> Result<()> {
        self.copy_with(src, dst, TransferOptions::new()).await
    }

    /// Copies a file, with options (gate `COPY`).
    pub async fn copy_with(&self, src: &str, dst: &str, options: TransferOptions) -> Result<()> {
        match self.transfer_call(Capability::COPY, src, dst)? {
            Transfer::SamePath(full) => self.self_transfer(src, &full).await,
            Transfer::Call(s, d) => self
                .backend
                .copy(&s, &d, options)
                .await
                .map_err(|e| self.rebase_error(e)),
        }
    }

    /// A file's size, time and metadata (gate `METADATA`).
    pub async fn get_file_info(&self, path: &str) -> Result<FileInfo> {
        let full = self.file_call(Capability::METADATA, path)?;
        self.scope
            .rebase_file_info(self.backend.get_file_info(&full).await)
    }

    /// File count and total size of a folder's subtree (gate `METADATA`).
    pub async fn get_folder_info(&self, path: &str) -> Result<FolderInfo> {
        let full =
            self.scope
                .folder_call(self.capabilities(), self.name(), Capability::METADATA, path)?;
        self.scope
            .rebase_folder_info(self.backend.get_folder_info(&full).await)
    }

    fn file_call(&self, capability: Capability, path: &str) -> Result<RemotePath> {
        self.scope
            .file_call(self.capabilities(), self.name(), capability, path)
    }

    fn write_call(
        &self,
        capability: Capability,
        path: &str,
        options: &WriteOptions,
    ) -> Result<RemotePath> {
        self.scope
            .write_call(self.capabilities(), self.name(), capability, path, options)
    }

    fn transfer_call(&self, capability: Capability, src: &str, dst: &str) -> Result<Transfer> {
        self.scope
            .transfer_call(self.capabilities(), self.name(), capability, src, dst)
    }

    /// A transfer onto itself never reaches the backend's transfer.
    async fn self_transfer(&self, src: &str, full: &RemotePath) -> Result<()> {
        self.scope
            .self_transfer(src, self.backend.is_file(full).await)
    }
}

/// The writer returned by [`AsyncStore::open_atomic`]: `write` chunks, then
/// [`commit`](AsyncStoreAtomicWriter::commit); `abort` (or dropping it)
/// discards everything.
pub struct AsyncStoreAtomicWriter<'s, B: AsyncBackend + ?Sized> {
    store: &'s AsyncStore<B>,
    inner: Box<dyn AsyncAtomicWriter<'s> + 's>,
}

impl<B: AsyncBackend + ?Sized> AsyncStoreAtomicWriter<'_, B> {
    /// Bytes written so far.
    pub fn position(&self) -> u64 {
        self.inner.position()
    }

    /// Appends bytes.
    pub async fn write(&mut self, chunk: impl Into<Bytes>) -> Result<()> {
        let store = self.store;
        self.inner
            .write(chunk.into())
            .await
            .map_err(|e| store.rebase_error(e))
    }

    /// Publishes the file; the result's path is store-relative.
    pub async fn commit(self) -> Result<WriteResult> {
        let store = self.store;
        store.scope.rebase_write_result(self.inner.commit().await)
    }

    /// Discards everything written, and waits until it is gone.
    pub async fn abort(self) -> Result<()> {
        let store = self.store;
        self.inner.abort().await.map_err(|e| store.rebase_error(e))
    }
}

impl<B: AsyncBackend + ?Sized> std::fmt::Debug for AsyncStoreAtomicWriter<'_, B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AsyncStoreAtomicWriter(position={})", self.position())
    }
}
