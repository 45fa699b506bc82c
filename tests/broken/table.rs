//! A from-scratch hierarchical backend: a table of rows keyed by full path,
//! each a file or an explicit folder (the root is implied), like a metadata
//! database in front of a blob store. [`TableBug::None`] is correct; every
//! other [`TableBug`] is one way such tables go wrong (see `table_bugs.rs`).

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard};
use std::time::SystemTime;

use bytes::Bytes;
use remote_store::{
    AtomicWriter, Backend, Capability, CapabilitySet, Child, Content, DeleteFolderOptions,
    DeleteOptions, Error, FileInfo, FolderEntry, FolderInfo, ListOptions, Listing, Metadata,
    ReadStream, RemotePath, Result, TransferOptions, WriteOptions, WriteResult,
};

use super::table_bugs::Commit;
pub use super::table_bugs::TableBug;

#[derive(Clone, Debug)]
pub(super) struct Object {
    pub(super) content: Bytes,
    pub(super) modified: SystemTime,
    pub(super) metadata: Option<Metadata>,
}

#[derive(Clone, Debug)]
pub(super) enum Row {
    Folder,
    File(Object),
}

type Rows = BTreeMap<String, Row>;

/// The table. `bug` selects the one misbehaviour.
#[derive(Default)]
pub struct TableStore {
    rows: Mutex<Rows>,
    overwrites: Mutex<HashMap<String, u32>>,
    pub(super) bug: TableBug,
}

impl std::fmt::Debug for TableStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "TableStore(table, {} rows, {:?})",
            self.rows().len(),
            self.bug
        )
    }
}

pub(super) fn path_of(key: &str) -> Result<RemotePath> {
    RemotePath::parse(key)
}

/// The depth of `key` below `folder` (0 for a child).
pub(super) fn below(key: &str, folder: &str) -> usize {
    let depth = |k: &str| {
        if k.is_empty() {
            0
        } else {
            k.split('/').count()
        }
    };
    depth(key) - depth(folder) - 1
}

pub(super) fn in_subtree(key: &str, folder: &str) -> bool {
    folder.is_empty() || key.strip_prefix(folder).is_some_and(|r| r.starts_with('/'))
}

impl TableStore {
    /// A fresh, empty table with `bug`.
    pub fn new(bug: TableBug) -> Self {
        TableStore {
            bug,
            ..TableStore::default()
        }
    }

    pub(super) fn is(&self, bug: TableBug) -> bool {
        self.bug == bug
    }

    pub(super) fn rows(&self) -> MutexGuard<'_, Rows> {
        self.rows.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(super) fn key(&self, path: &RemotePath) -> String {
        if self.is(TableBug::TrailingSpacesTrimmed) {
            return path.segments().map(str::trim).collect::<Vec<_>>().join("/");
        }
        path.as_str().to_owned()
    }

    pub(super) fn row(&self, rows: &Rows, path: &RemotePath) -> Option<Row> {
        if path.is_root() {
            return (!self.is(TableBug::RootIsNotAFolder)).then_some(Row::Folder);
        }
        rows.get(&self.key(path)).cloned()
    }

    pub(super) fn file_ancestor(&self, rows: &Rows, path: &RemotePath) -> bool {
        let mut ancestors: Vec<RemotePath> = path
            .ancestors()
            .filter(|a| a != path && !a.is_root())
            .collect();
        if self.is(TableBug::AncestorCheckOnlyLooksAtTheParent) {
            ancestors.retain(|a| Some(a) == path.parent().as_ref());
        }
        ancestors
            .iter()
            .any(|a| matches!(rows.get(&self.key(a)), Some(Row::File(_))))
    }

    pub(super) fn mkdirs(&self, rows: &mut Rows, path: &RemotePath) {
        for ancestor in path.ancestors().filter(|a| a != path && !a.is_root()) {
            if self.is(TableBug::MkdirsCreatesOnlyTheParent)
                && Some(&ancestor) != path.parent().as_ref()
            {
                continue;
            }
            rows.entry(self.key(&ancestor)).or_insert(Row::Folder);
        }
    }

    pub(super) fn subtree<'r>(
        &self,
        rows: &'r Rows,
        folder: &str,
    ) -> impl Iterator<Item = (&'r String, &'r Row)> + 'r {
        let folder = folder.to_owned();
        rows.iter().filter(move |(k, _)| in_subtree(k, &folder))
    }

    fn file(&self, path: &RemotePath) -> Result<Object> {
        let rows = self.rows();
        match self.row(&rows, path) {
            Some(Row::File(o)) => Ok(o),
            Some(Row::Folder) => Err(Error::invalid_path(path.as_str(), "Not a file")),
            None if path.is_root() => Err(Error::invalid_path("", "Not a file")),
            None if self.is(TableBug::ReadUnderFileIsInvalidPath)
                && self.file_ancestor(&rows, path) =>
            {
                Err(Error::invalid_path(path.as_str(), "under a file"))
            }
            None => Err(Error::not_found(
                path.as_str(),
                format!("File not found: {path}"),
            )),
        }
    }

    /// Checks and writes, under one lock.
    pub(super) fn put(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
        commit: Commit,
    ) -> Result<WriteResult> {
        if path.is_root() {
            return Err(Error::invalid_path("", "Cannot write to the root"));
        }
        let mut bytes = content.into_bytes(path)?;
        if self.is(TableBug::ConcurrentWritesLoseUpdates) {
            // Read, modify, write back: a concurrent write in between is lost.
            let mut copy = self.rows().clone();
            std::thread::sleep(std::time::Duration::from_millis(1));
            self.put_row(&mut copy, path, &mut bytes, options, commit)?;
            *self.rows() = copy;
        } else {
            self.put_row(&mut self.rows(), path, &mut bytes, options, commit)?;
        }
        let metadata = options.effective_metadata().cloned();
        Ok(WriteResult::basic(
            path.clone(),
            bytes.len() as u64,
            metadata,
        ))
    }

    fn put_row(
        &self,
        rows: &mut Rows,
        path: &RemotePath,
        bytes: &mut Bytes,
        options: &WriteOptions,
        commit: Commit,
    ) -> Result<()> {
        let key = self.key(path);
        match rows.get(&key) {
            Some(Row::Folder) => {
                let empty = self.subtree(rows, &key).next().is_none();
                let replace = (self.is(TableBug::WriteOntoEmptyFolderWithOverwriteReplacesIt)
                    && empty
                    && options.overwrite)
                    || (self.is(TableBug::OpenAtomicCommitReplacesANewFolder)
                        && commit == Commit::OpenAtomic);
                if !replace {
                    return Err(Error::invalid_path(
                        path.as_str(),
                        "Cannot write onto a folder",
                    ));
                }
                rows.retain(|k, _| !in_subtree(k, &key));
            }
            Some(Row::File(_)) if !options.overwrite => {
                return Err(Error::already_exists(
                    path.as_str(),
                    format!("File exists: {path}"),
                ));
            }
            Some(Row::File(old)) => {
                let mut counts = self.overwrites.lock().unwrap_or_else(|p| p.into_inner());
                let count = counts.entry(key.clone()).or_insert(0);
                *count += 1;
                if self.is(TableBug::SecondOverwriteAppends) && *count == 2 {
                    *bytes = [old.content.as_ref(), bytes.as_ref()].concat().into();
                }
            }
            None => {}
        }
        if self.file_ancestor(rows, path) {
            return Err(Error::invalid_path(path.as_str(), "under a file"));
        }
        self.mkdirs(rows, path);
        let object = Object {
            content: bytes.clone(),
            modified: SystemTime::now(),
            metadata: options.effective_metadata().cloned(),
        };
        rows.insert(key, Row::File(object));
        Ok(())
    }
}

impl Backend for TableStore {
    fn name(&self) -> &str {
        "table"
    }

    fn capabilities(&self) -> CapabilitySet {
        CapabilitySet::all()
            .without(Capability::GLOB)
            .without(Capability::LAZY_READ)
            .without(Capability::ATOMIC_MOVE)
            .without(Capability::WRITE_RESULT_NATIVE)
    }

    fn exists(&self, path: &RemotePath) -> Result<bool> {
        Ok(self.row(&self.rows(), path).is_some())
    }

    fn is_file(&self, path: &RemotePath) -> Result<bool> {
        Ok(matches!(self.row(&self.rows(), path), Some(Row::File(_))))
    }

    fn is_folder(&self, path: &RemotePath) -> Result<bool> {
        Ok(matches!(self.row(&self.rows(), path), Some(Row::Folder)))
    }

    fn read(&self, path: &RemotePath) -> Result<ReadStream> {
        let content = self.file(path)?.content;
        if self.is(TableBug::ReadStreamStopsAt64KiB) {
            return Ok(ReadStream::from_bytes(
                content.slice(..content.len().min(65_536)),
            ));
        }
        Ok(ReadStream::from_bytes(content))
    }

    fn read_bytes(&self, path: &RemotePath) -> Result<Bytes> {
        Ok(self.file(path)?.content)
    }

    fn write(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        self.put(path, content, options, Commit::Write)
    }

    fn write_atomic(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        self.put(path, content, options, Commit::Write)
    }

    fn open_atomic(
        &self,
        path: &RemotePath,
        options: &WriteOptions,
    ) -> Result<Box<dyn AtomicWriter + '_>> {
        if path.is_root() {
            return Err(Error::invalid_path("", "Cannot write to the root"));
        }
        if !options.overwrite && self.is_file(path)? {
            return Err(Error::already_exists(
                path.as_str(),
                format!("File exists: {path}"),
            ));
        }
        Ok(super::table_bugs::writer(self, path, options))
    }

    fn delete(&self, path: &RemotePath, options: DeleteOptions) -> Result<()> {
        let mut rows = self.rows();
        match self.row(&rows, path) {
            Some(Row::File(_)) => {
                rows.remove(&self.key(path));
                Ok(())
            }
            Some(Row::Folder) => Err(Error::invalid_path(path.as_str(), "Not a file")),
            None if path.is_root() => Err(Error::invalid_path("", "Not a file")),
            None if self.is(TableBug::DeleteUnderFileIsInvalidPath)
                && self.file_ancestor(&rows, path) =>
            {
                Err(Error::invalid_path(path.as_str(), "under a file"))
            }
            None if options.missing_ok => Ok(()),
            None => Err(Error::not_found(
                path.as_str(),
                format!("File not found: {path}"),
            )),
        }
    }

    fn delete_folder(&self, path: &RemotePath, options: DeleteFolderOptions) -> Result<()> {
        let mut rows = self.rows();
        if path.is_root() {
            return Err(Error::invalid_path("", "Cannot delete the root"));
        }
        let key = self.key(path);
        match self.row(&rows, path) {
            Some(Row::File(_))
                if options.missing_ok
                    && self.is(TableBug::MissingOkSilencesAFileForDeleteFolder) =>
            {
                Ok(())
            }
            Some(Row::File(_)) => Err(Error::invalid_path(path.as_str(), "Not a folder")),
            None if options.missing_ok => Ok(()),
            None => Err(Error::not_found(
                path.as_str(),
                format!("Folder not found: {path}"),
            )),
            Some(Row::Folder) => {
                let blocking = if self.is(TableBug::DirectoryNotEmptyIgnoresEmptySubfolders) {
                    self.subtree(&rows, &key)
                        .any(|(_, r)| matches!(r, Row::File(_)))
                } else {
                    self.subtree(&rows, &key).next().is_some()
                };
                if blocking && !options.recursive {
                    return Err(Error::directory_not_empty(path.as_str()));
                }
                let shallow = self.is(TableBug::RecursiveDeleteStopsAtDepth3);
                rows.retain(|k, _| {
                    !(*k == key || in_subtree(k, &key) && (!shallow || below(k, &key) < 3))
                });
                Ok(())
            }
        }
    }

    fn list_files(&self, path: &RemotePath, options: ListOptions) -> Result<Listing<'_, FileInfo>> {
        let rows = self.rows();
        let key = self.key(path);
        let files: Vec<Result<FileInfo>> = match self.row(&rows, path) {
            Some(Row::File(o)) if self.is(TableBug::ListFilesOfAFileListsIt) => {
                vec![self.info(&key, &o)]
            }
            Some(Row::Folder) => self
                .subtree(&rows, &key)
                .filter_map(|(k, r)| match r {
                    Row::File(o) => Some((k, o)),
                    Row::Folder => None,
                })
                .filter(|(k, _)| {
                    let depth = below(k, &key);
                    if options.recursive {
                        options.max_depth.is_none_or(|m| depth <= m)
                    } else {
                        depth == 0
                    }
                })
                .filter(|(k, _)| {
                    !(self.is(TableBug::DotFilesHidden)
                        && k.rsplit('/').next().is_some_and(|n| n.starts_with('.')))
                })
                .map(|(k, o)| self.info(k, o))
                .collect(),
            _ => Vec::new(),
        };
        Ok(Box::new(files.into_iter()))
    }

    fn list_folders(&self, path: &RemotePath) -> Result<Listing<'_, FolderEntry>> {
        Ok(Box::new(self.children(path).1.into_iter()))
    }

    fn iter_children(&self, path: &RemotePath) -> Result<Listing<'_, Child>> {
        let (files, folders) = self.children(path);
        let twice = self.is(TableBug::IterChildrenDuplicatesFolders) && !files.is_empty();
        let again: Vec<Result<FolderEntry>> = if twice {
            folders
                .iter()
                .filter_map(|f| f.as_ref().ok().cloned())
                .map(Ok)
                .collect()
        } else {
            Vec::new()
        };
        let files = files.into_iter().map(|f| f.map(Child::File));
        let folders = folders
            .into_iter()
            .chain(again)
            .map(|f| f.map(Child::Folder));
        Ok(Box::new(files.chain(folders)))
    }

    fn get_file_info(&self, path: &RemotePath) -> Result<FileInfo> {
        let object = self.file(path)?;
        self.info(&self.key(path), &object)
    }

    fn get_folder_info(&self, path: &RemotePath) -> Result<FolderInfo> {
        let rows = self.rows();
        match self.row(&rows, path) {
            Some(Row::Folder) => {}
            Some(Row::File(_)) => return Err(Error::invalid_path(path.as_str(), "Not a folder")),
            None => {
                return Err(Error::not_found(
                    path.as_str(),
                    format!("Folder not found: {path}"),
                ));
            }
        }
        let key = self.key(path);
        let direct_only = self.is(TableBug::FolderSizeCountsOnlyDirectChildren);
        let (mut count, mut size, mut latest) = (0, 0, None);
        for (k, row) in self.subtree(&rows, &key) {
            if let Row::File(o) = row {
                count += 1;
                if !direct_only || below(k, &key) == 0 {
                    size += o.content.len() as u64;
                }
                latest = latest.max(Some(o.modified));
            }
        }
        Ok(FolderInfo::new(path.clone(), count, size, latest))
    }

    fn rename(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()> {
        self.transfer(src, dst, options, false)
    }

    fn copy(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()> {
        self.transfer(src, dst, options, true)
    }
}
