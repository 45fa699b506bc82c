//! Listings walked outside the lock, over an O(1) snapshot of a folder.

use std::ops::Bound;

use super::tree::{FileEntry, Folder, Name, Node};
use crate::{Child, FileInfo, FolderEntry, RemotePath};

/// Entries fetched by the first look-up of a folder; later batches double up
/// to [`MAX_BATCH`].
const FIRST_BATCH: usize = 16;
const MAX_BATCH: usize = 512;

/// One entry of a folder snapshot, as the walks hand it on.
enum Item {
    File(FileInfo),
    Folder(RemotePath, Folder),
}

/// The entries of a folder snapshot in name order, read in batches by range
/// from the last name seen.
///
/// Each batch costs a look-up (O(log n)) plus its own entries, so the first
/// item comes in time independent of the folder's size, and the shared B-tree
/// leaves are only read, never copied. (Consuming the map instead would gather
/// every leaf up front and copy each shared leaf before moving out of it.)
struct Entries {
    prefix: RemotePath,
    folder: Folder,
    /// Shared handles, not items: each item is built as it is taken, so a
    /// `FileInfo` is never moved through the batch.
    batch: std::vec::IntoIter<(Name, Node)>,
    last: Option<Name>,
    batch_size: usize,
    remaining: usize,
    /// Reused to join each child's path before it is copied into its own
    /// allocation.
    joined: String,
}

impl Entries {
    fn new(prefix: RemotePath, folder: Folder) -> Self {
        Entries {
            prefix,
            remaining: folder.len(),
            folder,
            batch: Vec::new().into_iter(),
            last: None,
            batch_size: FIRST_BATCH,
            joined: String::new(),
        }
    }

    fn refill(&mut self) {
        let after = self
            .last
            .as_deref()
            .map_or(Bound::Unbounded, Bound::Excluded);
        let batch: Vec<(Name, Node)> = self
            .folder
            .range::<_, str>((after, Bound::Unbounded))
            .take(self.batch_size)
            .map(|(name, node)| (name.clone(), node.clone()))
            .collect();
        self.last = batch.last().map(|(name, _)| name.clone());
        self.batch_size = (self.batch_size * 2).min(MAX_BATCH);
        self.batch = batch.into_iter();
    }
}

impl Iterator for Entries {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if self.remaining == 0 {
            return None;
        }
        if self.batch.as_slice().is_empty() {
            self.refill();
        }
        let (name, node) = self.batch.next()?;
        self.remaining -= 1;
        let path = child_path(&mut self.joined, &self.prefix, &name);
        Some(match node {
            Node::File(entry) => Item::File(info_of(path, name.to_string(), &entry)),
            Node::Folder(folder) => Item::Folder(path, folder),
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

pub(super) fn file_info(path: RemotePath, entry: &FileEntry) -> FileInfo {
    let name = path.name().to_owned();
    info_of(path, name, entry)
}

/// The `FileInfo` of `entry` at `path`, whose last segment is `name` (a
/// listing passes its map key, so the path need not be scanned for it).
fn info_of(path: RemotePath, name: String, entry: &FileEntry) -> FileInfo {
    FileInfo {
        name,
        path,
        size: entry.data.len() as u64,
        modified_at: entry.modified_at,
        digest: None,
        etag: None,
        content_type: None,
        metadata: entry.metadata.clone(),
    }
}

/// `prefix/name`, joined in `buffer` so that the path costs one allocation.
fn child_path(buffer: &mut String, prefix: &RemotePath, name: &str) -> RemotePath {
    if prefix.is_root() {
        return RemotePath::from_valid_segment(name);
    }
    buffer.clear();
    buffer.push_str(prefix.as_str());
    buffer.push('/');
    buffer.push_str(name);
    RemotePath::from_valid_segment(buffer)
}

/// Files of a folder snapshot in depth-first pre-order, children by name.
pub(super) struct FileWalk {
    stack: Vec<(usize, Entries)>,
    recursive: bool,
    max_depth: Option<usize>,
}

impl FileWalk {
    pub fn new(
        prefix: RemotePath,
        folder: Folder,
        recursive: bool,
        max_depth: Option<usize>,
    ) -> Self {
        FileWalk {
            stack: vec![(0, Entries::new(prefix, folder))],
            recursive,
            max_depth,
        }
    }
}

impl Iterator for FileWalk {
    type Item = FileInfo;

    fn next(&mut self) -> Option<FileInfo> {
        loop {
            let (depth, entries) = self.stack.last_mut()?;
            match entries.next() {
                None => {
                    self.stack.pop();
                }
                Some(Item::File(info)) => return Some(info),
                Some(Item::Folder(path, folder)) => {
                    let depth = *depth;
                    if self.recursive && self.max_depth.is_none_or(|max| depth < max) {
                        self.stack.push((depth + 1, Entries::new(path, folder)));
                    }
                }
            }
        }
    }
}

/// Immediate children of a folder snapshot, by name.
pub(super) struct ChildWalk {
    entries: Entries,
}

impl ChildWalk {
    pub fn new(prefix: RemotePath, folder: Folder) -> Self {
        ChildWalk {
            entries: Entries::new(prefix, folder),
        }
    }
}

impl Iterator for ChildWalk {
    type Item = Child;

    fn next(&mut self) -> Option<Child> {
        Some(match self.entries.next()? {
            Item::File(info) => Child::File(info),
            Item::Folder(path, _) => Child::Folder(FolderEntry::new(path)),
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.entries.size_hint()
    }
}
