//! The [`Backend`] implementation of [`LocalBackend`].

use std::fs;
use std::io;

use bytes::Bytes;

use super::LocalBackend;
use super::atomic::{LocalAtomicWriter, write_file};
use super::errors::{NAME, attribute, file_not_found, folder_not_found, map_io, not_a_file};
use super::errors::{not_a_folder, not_followed};
use super::listing::{ChildWalk, EntryKind, FileWalk, file_info, folder_info};
use super::paths::Probe;
use super::read::{file_metadata, open_reader, read_all};
use super::transfer;
use crate::{
    AtomicWriter, Backend, CapabilitySet, Child, Content, DeleteFolderOptions, DeleteOptions,
    Error, FileInfo, FolderEntry, FolderInfo, ListOptions, Listing, ReadStream, RemotePath, Result,
    SeekRead, TransferOptions, WriteOptions, WriteResult,
};

impl LocalBackend {
    /// The folder to list at `path`: `None` for a missing path, a file or a
    /// path under a file (they list nothing); `InvalidPath` through a link.
    fn listable_folder(&self, path: &RemotePath) -> Result<Option<std::path::PathBuf>> {
        match self.root.probe(path)? {
            Probe::Folder => Ok(Some(self.root.native(path)?)),
            Probe::Foreign { at } => Err(not_followed(path, at)),
            Probe::File(_) | Probe::Missing { .. } | Probe::UnderFile { .. } => Ok(None),
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
            self.root.probe(path)?,
            Probe::File(_) | Probe::Folder
        ))
    }

    fn is_file(&self, path: &RemotePath) -> Result<bool> {
        Ok(matches!(self.root.probe(path)?, Probe::File(_)))
    }

    fn is_folder(&self, path: &RemotePath) -> Result<bool> {
        Ok(matches!(self.root.probe(path)?, Probe::Folder))
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
        if path.is_root() {
            return Err(not_a_file(path));
        }
        match self.root.probe(path)? {
            Probe::File(_) => match fs::remove_file(self.root.native(path)?) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == io::ErrorKind::NotFound && options.missing_ok => Ok(()),
                Err(e) if e.kind() == io::ErrorKind::NotFound => Err(file_not_found(path)),
                Err(e) => Err(map_io(e, path, "deleting the file")),
            },
            Probe::Folder => Err(not_a_file(path)),
            Probe::Foreign { at } => Err(not_followed(path, at)),
            Probe::Missing { .. } | Probe::UnderFile { .. } if options.missing_ok => Ok(()),
            Probe::Missing { .. } | Probe::UnderFile { .. } => Err(file_not_found(path)),
        }
    }

    fn delete_folder(&self, path: &RemotePath, options: DeleteFolderOptions) -> Result<()> {
        if path.is_root() {
            return Err(attribute(Error::invalid_path(
                path.as_str(),
                "Cannot delete the root folder",
            )));
        }
        let missing = || {
            if options.missing_ok {
                Ok(())
            } else {
                Err(folder_not_found(path))
            }
        };
        match self.root.probe(path)? {
            Probe::Folder => {
                let native = self.root.native(path)?;
                let removed = if options.recursive {
                    fs::remove_dir_all(&native)
                } else {
                    fs::remove_dir(&native)
                };
                match removed {
                    Ok(()) => Ok(()),
                    Err(e) if e.kind() == io::ErrorKind::NotFound => missing(),
                    // Some systems report a non-empty rmdir as EEXIST.
                    Err(e)
                        if !options.recursive
                            && matches!(
                                e.kind(),
                                io::ErrorKind::DirectoryNotEmpty | io::ErrorKind::AlreadyExists
                            ) =>
                    {
                        Err(attribute(Error::directory_not_empty(path.as_str())))
                    }
                    Err(e) => Err(map_io(e, path, "deleting the folder")),
                }
            }
            Probe::File(_) => Err(not_a_folder(path)),
            Probe::Foreign { at } => Err(not_followed(path, at)),
            Probe::Missing { .. } | Probe::UnderFile { .. } => missing(),
        }
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
        let metadata = file_metadata(&self.root, path)?;
        file_info(path.clone(), &metadata)
    }

    fn get_folder_info(&self, path: &RemotePath) -> Result<FolderInfo> {
        match self.root.probe(path)? {
            Probe::Folder => folder_info(path.clone(), self.root.native(path)?),
            Probe::File(_) => Err(not_a_folder(path)),
            Probe::Foreign { at } => Err(not_followed(path, at)),
            Probe::Missing { .. } | Probe::UnderFile { .. } => Err(folder_not_found(path)),
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
