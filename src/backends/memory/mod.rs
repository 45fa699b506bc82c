//! [`MemoryBackend`]: an exact, thread-safe, zero-copy in-memory backend.

#[cfg(feature = "async")]
mod async_impl;
mod listing;
mod seeding;
mod tree;

use std::fmt;
use std::io::Write;
use std::sync::Arc;
use std::time::SystemTime;

use bytes::Bytes;
use parking_lot::RwLock;

use self::listing::{ChildWalk, FileWalk, file_info};
use self::tree::{FileEntry, Folder, Indexed, Leaf, Lookup, Node, Tree};
use crate::{
    AtomicWriter, Backend, Capability, CapabilitySet, Child, Content, DeleteFolderOptions,
    DeleteOptions, Error, FileInfo, FolderEntry, FolderInfo, ListOptions, Listing, ReadStream,
    RemotePath, Result, TransferOptions, WriteOptions, WriteResult, WriteSource,
};

const NAME: &str = "memory";

/// An in-memory backend: a tree of explicit folders (contract section 7).
///
/// * **Exact.** Folders are real nodes: writing `a/b/c.txt` creates `a` and
///   `a/b`; deleting the last file keeps its folder until `delete_folder`;
///   a non-recursive `delete_folder` of a non-empty folder is
///   [`Error::DirectoryNotEmpty`]. This matches `LocalBackend`.
/// * **Thread-safe.** Each operation validates and mutates under one
///   acquisition of a `parking_lot::RwLock`. Listings snapshot the listed
///   folder under the lock in O(1) (the tree is made of persistent maps with
///   structural sharing) and build their results outside it, so the lock is
///   never held while you iterate, and you may call the backend from inside
///   the loop.
/// * **Point operations by hash.** Beside the tree, an index maps every
///   folder's path to its children by name, so probes, reads and the checks
///   of a write cost two hash look-ups, whatever the depth or the size of
///   the folder, and a recursive delete unindexes one entry per folder
///   under the lock, none per file.
/// * **Nothing freed under the lock.** What an overwrite, a delete or a
///   transfer replaces or removes is dropped after the lock is released, so
///   a `Bytes` whose owner's `Drop` calls this backend cannot deadlock it.
/// * **Zero-copy.** Contents are immutable [`Bytes`]: `read_bytes` and `read`
///   hand out a shared handle, not a copy, and an overwrite never disturbs a
///   reader of the old version. The content of a write is drained before the
///   lock is taken; a reader that fails leaves the backend unchanged.
/// * **Ordered.** Entries of one folder come sorted by name (byte order), and
///   recursive listings in depth-first pre-order.
///
/// Capabilities: all but `GLOB` (use `ext::glob::glob_files`) and `LAZY_READ`.
/// `write_atomic` is `write`: in-memory writes are atomic already.
///
/// ```
/// use remote_store::backends::MemoryBackend;
/// use remote_store::Store;
///
/// let store = Store::new(MemoryBackend::new(), "data")?;
/// store.write_text("hello.txt", "Hello, world!")?;
/// assert_eq!(store.read_text("hello.txt")?, "Hello, world!");
/// # Ok::<(), remote_store::Error>(())
/// ```
#[derive(Default)]
pub struct MemoryBackend {
    tree: RwLock<Tree>,
}

impl MemoryBackend {
    /// Everything but `GLOB` and `LAZY_READ`.
    pub const CAPABILITIES: CapabilitySet = CapabilitySet::all()
        .without(Capability::GLOB)
        .without(Capability::LAZY_READ);

    /// An empty backend.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of files stored, in O(1).
    pub fn file_count(&self) -> usize {
        self.tree.read().files
    }

    /// The number of folders stored (the root not counted), in O(1).
    pub fn folder_count(&self) -> usize {
        self.tree.read().folders
    }

    /// Whether the path index agrees with the tree: the model tests check
    /// it after every op. Not a public API.
    #[doc(hidden)]
    pub fn __index_agrees_with_tree(&self) -> bool {
        self.tree.read().index_agrees()
    }

    fn folder_snapshot(&self, path: &RemotePath) -> Option<Folder> {
        match self.tree.read().lookup(path) {
            Lookup::Folder(folder) => Some(folder.clone()),
            Lookup::File(_) | Lookup::Missing => None,
        }
    }

    fn file_entry(&self, path: &RemotePath) -> Result<Arc<FileEntry>> {
        self.with_file(path, Arc::clone)
    }

    /// `take` applied to the file at `path` (its entry), under
    /// the read lock.
    fn with_file<T>(
        &self,
        path: &RemotePath,
        take: impl FnOnce(&Arc<FileEntry>) -> T,
    ) -> Result<T> {
        match self.tree.read().kind(path) {
            Some(Indexed::File(entry)) => Ok(take(entry)),
            Some(Indexed::Folder) => Err(Error::not_a_file(path)),
            None => Err(Error::file_not_found(path)),
        }
        .map_err(attribute)
    }

    fn store_file(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        if path.is_root() {
            return Err(attribute(Error::root_is_not_a_file(path)));
        }
        let data = content.into_bytes(path).map_err(attribute)?;
        let metadata = options.effective_metadata().cloned();
        let size = data.len() as u64;
        let mut tree = self.tree.write();
        let now = SystemTime::now();
        let probe = tree.probe_for_write(path).map_err(attribute)?;
        match probe.leaf {
            Leaf::Folder => return Err(attribute(Error::folder_in_the_way(path))),
            Leaf::File if !options.overwrite => {
                return Err(attribute(Error::file_already_exists(path)));
            }
            Leaf::File | Leaf::Missing => {}
        }
        let entry = FileEntry {
            data,
            modified_at: now,
            metadata: metadata.clone(),
        };
        let replaced = tree.insert_file(path, probe, Arc::new(entry));
        drop(tree);
        // The replaced content, if this was its last handle, is freed here,
        // after the lock is released.
        drop(replaced.map_err(attribute)?);
        Ok(WriteResult {
            path: path.clone(),
            size,
            source: WriteSource::Native,
            digest: None,
            etag: None,
            version_id: None,
            last_modified: Some(now),
            metadata,
        })
    }

    /// Rename and copy share their checks; `make_entry` builds the destination
    /// entry from the source (the same entry for a rename, a fresh one for a
    /// copy) and `remove_source` says whether the source goes.
    fn transfer(
        &self,
        src: &RemotePath,
        dst: &RemotePath,
        options: TransferOptions,
        remove_source: bool,
        make_entry: impl FnOnce(&Arc<FileEntry>, SystemTime) -> Arc<FileEntry>,
    ) -> Result<()> {
        let mut tree = self.tree.write();
        let source = match tree.lookup(src) {
            Lookup::File(entry) => Arc::clone(entry),
            Lookup::Folder(_) => {
                return Err(attribute(Error::source_is_a_folder(src)));
            }
            Lookup::Missing => {
                return Err(attribute(Error::source_not_found(src)));
            }
        };
        if src == dst {
            return Ok(());
        }
        if dst.is_root() {
            return Err(attribute(Error::destination_is_the_root(dst)));
        }
        let probe = tree.probe_for_write(dst).map_err(attribute)?;
        match probe.leaf {
            Leaf::Folder => {
                return Err(attribute(Error::destination_is_a_folder(dst)));
            }
            Leaf::File if !options.overwrite => {
                return Err(attribute(Error::destination_already_exists(dst)));
            }
            Leaf::File | Leaf::Missing => {}
        }
        let entry = make_entry(&source, SystemTime::now());
        // Insert before removing: whatever happens, the file is never lost.
        let replaced = tree.insert_file(dst, probe, entry);
        let removed = match replaced {
            Ok(_) if remove_source => tree.remove(src),
            Ok(_) | Err(_) => None,
        };
        drop(tree);
        // What the transfer replaced or removed is freed here, after the
        // lock is released.
        drop(removed);
        replaced.map(drop).map_err(attribute)
    }
}

fn attribute(error: Error) -> Error {
    error.with_backend(NAME)
}

impl fmt::Debug for MemoryBackend {
    /// `MemoryBackend(files=N, folders=M)`, in O(1).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tree = self.tree.read();
        write!(
            f,
            "MemoryBackend(files={}, folders={})",
            tree.files, tree.folders
        )
    }
}

impl Backend for MemoryBackend {
    fn name(&self) -> &str {
        NAME
    }

    fn capabilities(&self) -> CapabilitySet {
        Self::CAPABILITIES
    }

    fn exists(&self, path: &RemotePath) -> Result<bool> {
        Ok(self.tree.read().kind(path).is_some())
    }

    fn is_file(&self, path: &RemotePath) -> Result<bool> {
        Ok(self.tree.read().file(path).is_some())
    }

    fn is_folder(&self, path: &RemotePath) -> Result<bool> {
        Ok(matches!(self.tree.read().kind(path), Some(Indexed::Folder)))
    }

    fn read(&self, path: &RemotePath) -> Result<ReadStream> {
        Ok(ReadStream::from_bytes(self.read_bytes(path)?))
    }

    fn read_bytes(&self, path: &RemotePath) -> Result<Bytes> {
        self.with_file(path, |entry| entry.data.clone())
    }

    fn write(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        self.store_file(path, content, options)
    }

    fn write_atomic(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        self.store_file(path, content, options)
    }

    fn open_atomic(
        &self,
        path: &RemotePath,
        options: &WriteOptions,
    ) -> Result<Box<dyn AtomicWriter + '_>> {
        if path.is_root() {
            return Err(attribute(Error::root_is_not_a_file(path)));
        }
        if !options.overwrite && self.tree.read().file(path).is_some() {
            return Err(attribute(Error::file_already_exists(path)));
        }
        Ok(Box::new(MemoryAtomicWriter {
            backend: self,
            path: path.clone(),
            options: options.clone(),
            buffer: Vec::new(),
        }))
    }

    fn delete(&self, path: &RemotePath, options: DeleteOptions) -> Result<()> {
        if path.is_root() {
            return Err(attribute(Error::not_a_file(path)));
        }
        let mut tree = self.tree.write();
        match tree.kind(path) {
            Some(Indexed::File(_)) => {
                let removed = tree.remove(path);
                drop(tree);
                drop(removed);
                Ok(())
            }
            Some(Indexed::Folder) => Err(attribute(Error::not_a_file(path))),
            None if options.missing_ok => Ok(()),
            None => Err(attribute(Error::file_not_found(path))),
        }
    }

    fn delete_folder(&self, path: &RemotePath, options: DeleteFolderOptions) -> Result<()> {
        if path.is_root() {
            return Err(attribute(Error::cannot_delete_the_root(path)));
        }
        let mut tree = self.tree.write();
        match tree.kind(path) {
            Some(Indexed::Folder) if !options.recursive && tree.folder_len(path) != Some(0) => {
                Err(attribute(Error::directory_not_empty(path.as_str())))
            }
            Some(Indexed::Folder) => {
                let removed = tree.remove(path);
                drop(tree);
                // A recursive delete frees its whole subtree here, after the
                // lock is released.
                drop(removed);
                Ok(())
            }
            Some(Indexed::File(_)) => Err(attribute(Error::not_a_folder(path))),
            None if options.missing_ok => Ok(()),
            None => Err(attribute(Error::folder_not_found(path))),
        }
    }

    fn list_files(&self, path: &RemotePath, options: ListOptions) -> Result<Listing<'_, FileInfo>> {
        let folder = self.folder_snapshot(path).unwrap_or_default();
        Ok(Box::new(
            FileWalk::new(path.clone(), folder, options.recursive, options.max_depth).map(Ok),
        ))
    }

    fn list_folders(&self, path: &RemotePath) -> Result<Listing<'_, FolderEntry>> {
        let folder = self.folder_snapshot(path).unwrap_or_default();
        Ok(Box::new(ChildWalk::new(path.clone(), folder).filter_map(
            |child| match child {
                Child::Folder(entry) => Some(Ok(entry)),
                Child::File(_) => None,
            },
        )))
    }

    fn iter_children(&self, path: &RemotePath) -> Result<Listing<'_, Child>> {
        let folder = self.folder_snapshot(path).unwrap_or_default();
        Ok(Box::new(ChildWalk::new(path.clone(), folder).map(Ok)))
    }

    fn get_file_info(&self, path: &RemotePath) -> Result<FileInfo> {
        let entry = self.file_entry(path)?;
        Ok(file_info(path.clone(), &entry))
    }

    fn get_folder_info(&self, path: &RemotePath) -> Result<FolderInfo> {
        let folder = match self.tree.read().lookup(path) {
            Lookup::Folder(folder) => folder.clone(),
            Lookup::File(_) => {
                return Err(attribute(Error::not_a_folder(path)));
            }
            Lookup::Missing => {
                return Err(attribute(Error::folder_not_found(path)));
            }
        };
        let mut info = FolderInfo {
            path: path.clone(),
            file_count: 0,
            total_size: 0,
            modified_at: None,
        };
        let mut stack = vec![folder];
        while let Some(current) = stack.pop() {
            for node in current.values() {
                match node {
                    Node::File(entry) => {
                        info.file_count += 1;
                        info.total_size += entry.data.len() as u64;
                        info.modified_at = info.modified_at.max(Some(entry.modified_at));
                    }
                    Node::Folder(child) => stack.push(child.clone()),
                }
            }
        }
        Ok(info)
    }

    fn rename(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()> {
        self.transfer(src, dst, options, true, |source, _| Arc::clone(source))
    }

    fn copy(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()> {
        self.transfer(src, dst, options, false, |source, now| {
            Arc::new(FileEntry {
                data: source.data.clone(),
                modified_at: now,
                metadata: source.metadata.clone(),
            })
        })
    }
}

/// The `open_atomic` writer: a private buffer, published by one `write` at
/// commit; dropping it discards the buffer.
struct MemoryAtomicWriter<'a> {
    backend: &'a MemoryBackend,
    path: RemotePath,
    options: WriteOptions,
    buffer: Vec<u8>,
}

impl Write for MemoryAtomicWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl AtomicWriter for MemoryAtomicWriter<'_> {
    fn position(&self) -> u64 {
        self.buffer.len() as u64
    }

    fn commit(self: Box<Self>) -> Result<WriteResult> {
        let MemoryAtomicWriter {
            backend,
            path,
            options,
            buffer,
        } = *self;
        backend.store_file(&path, Content::from(buffer), &options)
    }
}

#[cfg(test)]
mod tests;
