//! Store operations on single paths: probes, reads, writes, deletes,
//! rename/copy and metadata.

use std::io::{self, Write};

use bytes::Bytes;

use super::Store;
use super::scope::{SelfSource, Transfer, utf8_text};
use crate::{
    AtomicWriter, Backend, Capability, Content, DeleteFolderOptions, DeleteOptions, FileInfo,
    FolderInfo, ReadStream, RemotePath, Result, SeekRead, TransferOptions, WriteOptions,
    WriteResult,
};

impl<B: Backend + ?Sized> Store<B> {
    /// Whether a file or folder exists (ungated; `false` under a file).
    pub fn exists(&self, path: &str) -> Result<bool> {
        let full = self.resolve(path)?;
        self.backend.exists(&full).map_err(|e| self.rebase_error(e))
    }

    /// Whether `path` is a file (ungated).
    pub fn is_file(&self, path: &str) -> Result<bool> {
        let full = self.resolve(path)?;
        self.backend
            .is_file(&full)
            .map_err(|e| self.rebase_error(e))
    }

    /// Whether `path` is a folder (ungated). The store root is one once it
    /// exists in the backend (see [`Store`]).
    pub fn is_folder(&self, path: &str) -> Result<bool> {
        let full = self.resolve(path)?;
        self.backend
            .is_folder(&full)
            .map_err(|e| self.rebase_error(e))
    }

    /// A stream over a file (gate `READ`).
    pub fn read(&self, path: &str) -> Result<ReadStream> {
        let full = self.file_call(Capability::READ, path)?;
        self.backend.read(&full).map_err(|e| self.rebase_error(e))
    }

    /// A seekable stream over a file (gate `READ`).
    pub fn read_seekable(&self, path: &str) -> Result<Box<dyn SeekRead>> {
        let full = self.file_call(Capability::READ, path)?;
        self.backend
            .read_seekable(&full)
            .map_err(|e| self.rebase_error(e))
    }

    /// A file's whole content (gate `READ`).
    pub fn read_bytes(&self, path: &str) -> Result<Bytes> {
        let full = self.file_call(Capability::READ, path)?;
        self.backend
            .read_bytes(&full)
            .map_err(|e| self.rebase_error(e))
    }

    /// A file's content as UTF-8 text (gate `READ`). Invalid UTF-8 is an
    /// [`Error::Io`](crate::Error::Io) of kind `InvalidData`.
    pub fn read_text(&self, path: &str) -> Result<String> {
        utf8_text(path, &self.read_bytes(path)?)
    }

    /// Writes a new file (gate `WRITE`); an existing file is
    /// [`Error::AlreadyExists`](crate::Error::AlreadyExists).
    pub fn write<'c>(&self, path: &str, content: impl Into<Content<'c>>) -> Result<WriteResult> {
        self.write_with(path, content, &WriteOptions::new())
    }

    /// Writes a file with options (gate `WRITE`).
    pub fn write_with<'c>(
        &self,
        path: &str,
        content: impl Into<Content<'c>>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        let full = self.prepare_write(Capability::WRITE, path, options)?;
        let result = self.backend.write(&full, content.into(), options);
        self.rebase_write_result(result)
    }

    /// Writes a new text file as UTF-8 (gate `WRITE`).
    pub fn write_text(&self, path: &str, text: &str) -> Result<WriteResult> {
        self.write_with(path, text, &WriteOptions::new())
    }

    /// Writes a text file as UTF-8, with options (gate `WRITE`).
    pub fn write_text_with(
        &self,
        path: &str,
        text: &str,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        self.write_with(path, text, options)
    }

    /// Writes a new file atomically (gate `ATOMIC_WRITE`).
    pub fn write_atomic<'c>(
        &self,
        path: &str,
        content: impl Into<Content<'c>>,
    ) -> Result<WriteResult> {
        self.write_atomic_with(path, content, &WriteOptions::new())
    }

    /// Writes a file atomically, with options (gate `ATOMIC_WRITE`).
    pub fn write_atomic_with<'c>(
        &self,
        path: &str,
        content: impl Into<Content<'c>>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        let full = self.prepare_write(Capability::ATOMIC_WRITE, path, options)?;
        let result = self.backend.write_atomic(&full, content.into(), options);
        self.rebase_write_result(result)
    }

    /// A writer for a new file that appears only on
    /// [`commit`](StoreAtomicWriter::commit) (gate `ATOMIC_WRITE`).
    ///
    /// ```
    /// use std::io::Write;
    /// use remote_store::{backends::MemoryBackend, Store};
    ///
    /// let store = Store::new(MemoryBackend::new(), "")?;
    /// let mut file = store.open_atomic("report.csv")?;
    /// file.write_all(b"a,b\n1,2\n").unwrap();
    /// assert!(!store.exists("report.csv")?);
    /// file.commit()?;
    /// assert!(store.exists("report.csv")?);
    /// # Ok::<(), remote_store::Error>(())
    /// ```
    pub fn open_atomic(&self, path: &str) -> Result<StoreAtomicWriter<'_, B>> {
        self.open_atomic_with(path, &WriteOptions::new())
    }

    /// [`open_atomic`](Store::open_atomic) with options.
    pub fn open_atomic_with(
        &self,
        path: &str,
        options: &WriteOptions,
    ) -> Result<StoreAtomicWriter<'_, B>> {
        let full = self.prepare_write(Capability::ATOMIC_WRITE, path, options)?;
        let inner = self
            .backend
            .open_atomic(&full, options)
            .map_err(|e| self.rebase_error(e))?;
        Ok(StoreAtomicWriter { store: self, inner })
    }

    /// Deletes a file (gate `DELETE`).
    pub fn delete(&self, path: &str) -> Result<()> {
        self.delete_with(path, DeleteOptions::new())
    }

    /// Deletes a file, with options (gate `DELETE`).
    pub fn delete_with(&self, path: &str, options: DeleteOptions) -> Result<()> {
        let full = self.file_call(Capability::DELETE, path)?;
        self.backend
            .delete(&full, options)
            .map_err(|e| self.rebase_error(e))
    }

    /// Deletes an empty folder (gate `DELETE`). The store root is refused
    /// with [`Error::InvalidPath`](crate::Error::InvalidPath) before the gate.
    pub fn delete_folder(&self, path: &str) -> Result<()> {
        self.delete_folder_with(path, DeleteFolderOptions::new())
    }

    /// Deletes a folder, with options (gate `DELETE`).
    pub fn delete_folder_with(&self, path: &str, options: DeleteFolderOptions) -> Result<()> {
        let full = self
            .scope
            .delete_folder_call(self.capabilities(), self.backend.name(), path)?;
        self.backend
            .delete_folder(&full, options)
            .map_err(|e| self.rebase_error(e))
    }

    /// Moves a file; an existing destination is [`Error::AlreadyExists`](crate::Error::AlreadyExists)
    /// (gate `MOVE`).
    ///
    /// When `src` and `dst` resolve to the same path, nothing reaches the
    /// backend: a file is left as it is, a folder is [`Error::InvalidPath`](crate::Error::InvalidPath)
    /// and a missing path [`Error::NotFound`](crate::Error::NotFound), both naming `src` (the same
    /// for [`copy`](Store::copy)).
    pub fn rename(&self, src: &str, dst: &str) -> Result<()> {
        self.rename_with(src, dst, TransferOptions::new())
    }

    /// Moves a file, with options (gate `MOVE`).
    pub fn rename_with(&self, src: &str, dst: &str, options: TransferOptions) -> Result<()> {
        self.transfer(Capability::MOVE, src, dst, |s, d| {
            self.backend.rename(s, d, options)
        })
    }

    /// Copies a file with its metadata; an existing destination is
    /// [`Error::AlreadyExists`](crate::Error::AlreadyExists) (gate `COPY`).
    pub fn copy(&self, src: &str, dst: &str) -> Result<()> {
        self.copy_with(src, dst, TransferOptions::new())
    }

    /// Copies a file, with options (gate `COPY`).
    pub fn copy_with(&self, src: &str, dst: &str, options: TransferOptions) -> Result<()> {
        self.transfer(Capability::COPY, src, dst, |s, d| {
            self.backend.copy(s, d, options)
        })
    }

    /// A file's size, time and metadata (gate `METADATA`).
    pub fn get_file_info(&self, path: &str) -> Result<FileInfo> {
        let full = self.file_call(Capability::METADATA, path)?;
        self.scope
            .rebase_file_info(self.backend.get_file_info(&full))
    }

    /// File count and total size of a folder's subtree (gate `METADATA`); the
    /// root aggregates the whole store, and an empty one counts zero (a store
    /// root missing from the backend is [`Error::NotFound`](crate::Error::NotFound), see [`Store`]).
    pub fn get_folder_info(&self, path: &str) -> Result<FolderInfo> {
        let full = self.folder_call(Capability::METADATA, path)?;
        self.scope
            .rebase_folder_info(self.backend.get_folder_info(&full))
    }

    fn file_call(&self, capability: Capability, path: &str) -> Result<RemotePath> {
        let (capabilities, name) = (self.capabilities(), self.backend.name());
        self.scope.file_call(capabilities, name, capability, path)
    }

    fn folder_call(&self, capability: Capability, path: &str) -> Result<RemotePath> {
        let (capabilities, name) = (self.capabilities(), self.backend.name());
        self.scope.folder_call(capabilities, name, capability, path)
    }

    fn prepare_write(
        &self,
        capability: Capability,
        path: &str,
        options: &WriteOptions,
    ) -> Result<RemotePath> {
        let (capabilities, name) = (self.capabilities(), self.backend.name());
        self.scope
            .write_call(capabilities, name, capability, path, options)
    }

    fn rebase_write_result(&self, result: Result<WriteResult>) -> Result<WriteResult> {
        self.scope.rebase_write_result(result)
    }

    fn transfer(
        &self,
        capability: Capability,
        src: &str,
        dst: &str,
        call: impl FnOnce(&RemotePath, &RemotePath) -> Result<()>,
    ) -> Result<()> {
        let (capabilities, name) = (self.capabilities(), self.backend.name());
        match self
            .scope
            .transfer_call(capabilities, name, capability, src, dst)?
        {
            // A self-transfer never reaches the backend's transfer.
            Transfer::SamePath(full) => {
                let source = SelfSource::classify(self.backend.is_file(&full), || {
                    self.backend.is_folder(&full)
                });
                self.scope.self_transfer(src, source)
            }
            Transfer::Call(full_src, full_dst) => {
                call(&full_src, &full_dst).map_err(|e| self.rebase_error(e))
            }
        }
    }
}

/// The writer returned by [`Store::open_atomic`]: `Write` into it, then
/// [`commit`](StoreAtomicWriter::commit); dropping it discards everything.
pub struct StoreAtomicWriter<'s, B: Backend + ?Sized> {
    store: &'s Store<B>,
    inner: Box<dyn AtomicWriter + 's>,
}

impl<B: Backend + ?Sized> StoreAtomicWriter<'_, B> {
    /// Bytes written so far.
    pub fn position(&self) -> u64 {
        self.inner.position()
    }

    /// Publishes the file; the result's path is store-relative.
    pub fn commit(self) -> Result<WriteResult> {
        let store = self.store;
        store.rebase_write_result(self.inner.commit())
    }
}

impl<B: Backend + ?Sized> Write for StoreAtomicWriter<'_, B> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<B: Backend + ?Sized> std::fmt::Debug for StoreAtomicWriter<'_, B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "StoreAtomicWriter(position={})", self.position())
    }
}
