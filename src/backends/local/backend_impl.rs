//! The [`Backend`] implementation of [`LocalBackend`].

use bytes::Bytes;

use super::LocalBackend;
use super::atomic::{LocalAtomicWriter, write_file};
use super::dir::Dir;
use super::errors::{NAME, folder_not_found, not_a_folder, not_followed};
use super::listing::{ChildWalk, EntryKind, FileWalk, file_info, folder_info};
use super::paths::Probe;
use super::read::{file_stat, open_reader, read_all};
use super::{removal, transfer};
use crate::{
    AtomicWriter, Backend, CapabilitySet, Child, Content, DeleteFolderOptions, DeleteOptions,
    FileInfo, FolderEntry, FolderInfo, ListOptions, Listing, ReadStream, RemotePath, Result,
    SeekRead, TransferOptions, WriteOptions, WriteResult,
};

impl LocalBackend {
    /// The folder to list at `path`: `None` for a missing path, a file or a
    /// path under a file (they list nothing); `InvalidPath` through a link.
    fn listable_folder(&self, path: &RemotePath) -> Result<Option<Dir>> {
        let located = self.root.locate(path)?;
        match located.probe {
            Probe::Folder => Ok(Some(located.dir)),
            Probe::Foreign { at } => Err(not_followed(path, at)),
            Probe::File(_) | Probe::Missing | Probe::UnderFile { .. } => Ok(None),
        }
    }

    fn children(&self, path: &RemotePath, only: Option<EntryKind>) -> Result<Listing<'_, Child>> {
        match self.listable_folder(path)? {
            Some(dir) => Ok(Box::new(ChildWalk::new(path.clone(), dir, only)?)),
            None => Ok(Box::new(std::iter::empty())),
        }
    }
}

impl Backend for LocalBackend {
    fn name(&self) -> &str {
        NAME
    }

    fn capabilities(&self) -> CapabilitySet {
        Self::CAPABILITIES
    }

    fn exists(&self, path: &RemotePath) -> Result<bool> {
        Ok(matches!(
            self.root.locate(path)?.probe,
            Probe::File(_) | Probe::Folder
        ))
    }

    fn is_file(&self, path: &RemotePath) -> Result<bool> {
        Ok(matches!(self.root.locate(path)?.probe, Probe::File(_)))
    }

    fn is_folder(&self, path: &RemotePath) -> Result<bool> {
        Ok(matches!(self.root.locate(path)?.probe, Probe::Folder))
    }

    fn read(&self, path: &RemotePath) -> Result<ReadStream> {
        Ok(ReadStream::Seekable(Box::new(open_reader(
            &self.root, path,
        )?)))
    }

    fn read_bytes(&self, path: &RemotePath) -> Result<Bytes> {
        read_all(&self.root, path)
    }

    fn read_seekable(&self, path: &RemotePath) -> Result<Box<dyn SeekRead>> {
        Ok(Box::new(open_reader(&self.root, path)?))
    }

    fn write(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        write_file(&self.root, path, content, options)
    }

    fn write_atomic(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        write_file(&self.root, path, content, options)
    }

    fn open_atomic(
        &self,
        path: &RemotePath,
        options: &WriteOptions,
    ) -> Result<Box<dyn AtomicWriter + '_>> {
        Ok(Box::new(LocalAtomicWriter::open(
            &self.root, path, options,
        )?))
    }

    fn delete(&self, path: &RemotePath, options: DeleteOptions) -> Result<()> {
        removal::delete(&self.root, path, options)
    }

    fn delete_folder(&self, path: &RemotePath, options: DeleteFolderOptions) -> Result<()> {
        removal::delete_folder(&self.root, path, options)
    }

    fn list_files(&self, path: &RemotePath, options: ListOptions) -> Result<Listing<'_, FileInfo>> {
        match self.listable_folder(path)? {
            Some(dir) => Ok(Box::new(FileWalk::new(
                path.clone(),
                dir,
                options.recursive,
                options.max_depth,
            )?)),
            None => Ok(Box::new(std::iter::empty())),
        }
    }

    fn list_folders(&self, path: &RemotePath) -> Result<Listing<'_, FolderEntry>> {
        let children = self.children(path, Some(EntryKind::Folder))?;
        Ok(Box::new(children.filter_map(|child| match child {
            Ok(Child::Folder(entry)) => Some(Ok(entry)),
            Ok(Child::File(_)) => None,
            Err(e) => Some(Err(e)),
        })))
    }

    fn iter_children(&self, path: &RemotePath) -> Result<Listing<'_, Child>> {
        self.children(path, None)
    }

    fn get_file_info(&self, path: &RemotePath) -> Result<FileInfo> {
        let stat = file_stat(&self.root, path)?;
        Ok(file_info(path.clone(), &stat))
    }

    fn get_folder_info(&self, path: &RemotePath) -> Result<FolderInfo> {
        let located = self.root.locate(path)?;
        match located.probe {
            Probe::Folder => folder_info(path.clone(), located.dir),
            Probe::File(_) => Err(not_a_folder(path)),
            Probe::Foreign { at } => Err(not_followed(path, at)),
            Probe::Missing | Probe::UnderFile { .. } => Err(folder_not_found(path)),
        }
    }

    fn rename(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()> {
        transfer::rename(&self.root, src, dst, options)
    }

    fn copy(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()> {
        transfer::copy(&self.root, src, dst, options)
    }

    /// Strips the root directory; a path outside it comes back unchanged.
    fn to_key(&self, native_path: &str) -> String {
        self.root.to_key(native_path)
    }

    /// The absolute file-system path of `path` (the root directory for the root).
    fn native_path(&self, path: &RemotePath) -> String {
        self.root.native_string(path)
    }

    /// The root exists and is a directory.
    fn check_health(&self) -> Result<()> {
        self.probe_root()
    }
}
