//! The table backend's transfers and listings.

use std::time::SystemTime;

use bytes::Bytes;
use remote_store::{Error, FileInfo, FolderEntry, RemotePath, Result, TransferOptions};

use super::table::{Object, Row, TableBug, TableStore, below, in_subtree, path_of};

impl TableStore {
    pub(super) fn transfer(
        &self,
        src: &RemotePath,
        dst: &RemotePath,
        options: TransferOptions,
        copy: bool,
    ) -> Result<()> {
        let mut rows = self.rows();
        let mut object = match self.row(&rows, src) {
            Some(Row::File(o)) => o,
            Some(Row::Folder) => return Err(Error::invalid_path(src.as_str(), "Not a file")),
            None => {
                return Err(Error::not_found(
                    src.as_str(),
                    format!("File not found: {src}"),
                ));
            }
        };
        if src == dst {
            if copy && self.is(TableBug::CopyOntoItselfTruncates) {
                object.content = Bytes::new();
                rows.insert(self.key(src), Row::File(object));
            }
            return Ok(());
        }
        match self.row(&rows, dst) {
            Some(Row::Folder)
                if !copy && options.overwrite && self.is(TableBug::RenameOntoFolderReplacesIt) =>
            {
                let key = self.key(dst);
                rows.retain(|k, _| !in_subtree(k, &key) && *k != key);
            }
            Some(Row::Folder) => {
                return Err(Error::invalid_path(dst.as_str(), "Destination is a folder"));
            }
            _ if dst.is_root() || self.file_ancestor(&rows, dst) => {
                return Err(Error::invalid_path(
                    dst.as_str(),
                    "Destination under a file",
                ));
            }
            Some(Row::File(_)) if !options.overwrite => {
                if !copy && self.is(TableBug::RenameRemovesSourceBeforeCheckingDestination) {
                    rows.remove(&self.key(src));
                }
                return Err(Error::already_exists(
                    dst.as_str(),
                    format!("Destination exists: {dst}"),
                ));
            }
            _ => {}
        }
        let parent_missing = dst.parent().is_some_and(|p| self.row(&rows, &p).is_none());
        if copy && self.is(TableBug::CopyCreatesNoParents) && parent_missing {
            return Err(Error::not_found(
                dst.as_str(),
                "destination folder not found",
            ));
        }
        if copy {
            object.modified = SystemTime::now();
        } else {
            rows.remove(&self.key(src));
        }
        self.mkdirs(&mut rows, dst);
        rows.insert(self.key(dst), Row::File(object));
        Ok(())
    }

    pub(super) fn info(&self, key: &str, object: &Object) -> Result<FileInfo> {
        let mut size = object.content.len() as u64;
        if self.is(TableBug::SizeWrapsAt64KiB) {
            size &= 0xffff;
        }
        Ok(FileInfo::new(path_of(key)?, size, object.modified)
            .with_metadata(object.metadata.clone()))
    }

    pub(super) fn children(
        &self,
        path: &RemotePath,
    ) -> (Vec<Result<FileInfo>>, Vec<Result<FolderEntry>>) {
        let rows = self.rows();
        if !matches!(self.row(&rows, path), Some(Row::Folder)) {
            return (Vec::new(), Vec::new());
        }
        let key = self.key(path);
        let (mut files, mut folders) = (Vec::new(), Vec::new());
        for (k, row) in self
            .subtree(&rows, &key)
            .filter(|(k, _)| below(k, &key) == 0)
        {
            match row {
                Row::File(o) => files.push(self.info(k, o)),
                Row::Folder => {
                    let holds_files = self
                        .subtree(&rows, k)
                        .any(|(_, r)| matches!(r, Row::File(_)));
                    if holds_files || !self.is(TableBug::EmptyFoldersNotListed) {
                        folders.push(path_of(k).map(FolderEntry::new));
                    }
                }
            }
        }
        (files, folders)
    }
}
