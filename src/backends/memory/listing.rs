//! Listings walked outside the lock, over an O(1) snapshot of a folder.

use std::ops::Bound;
use std::sync::Arc;

use super::tree::{FileEntry, Folder, Node};
use crate::{Child, FileInfo, FolderEntry, RemotePath};

/// Entries fetched by the first look-up of a folder; later batches double up
/// to [`MAX_BATCH`].
const FIRST_BATCH: usize = 16;
const MAX_BATCH: usize = 512;

/// The entries of a folder snapshot in name order, read in batches by range
/// from the last name seen.
///
/// Each batch costs a look-up (O(log n)) plus its own entries, so the first
/// item comes in time independent of the folder's size, and the shared B-tree
/// leaves are only read, never copied. (Consuming the map instead would gather
/// every leaf up front and copy each shared leaf before moving out of it.)
struct Entries {
    folder: Folder,
    batch: std::vec::IntoIter<(Arc<str>, Node)>,
    last: Option<Arc<str>>,
    batch_size: usize,
    remaining: usize,
}

impl Entries {
    fn new(folder: Folder) -> Self {
        Entries {
            remaining: folder.len(),
            folder,
            batch: Vec::new().into_iter(),
            last: None,
            batch_size: FIRST_BATCH,
        }
    }

    fn refill(&mut self) {
        let after = self
            .last
            .as_deref()
            .map_or(Bound::Unbounded, Bound::Excluded);
        let batch: Vec<(Arc<str>, Node)> = self
            .folder
            .range::<_, str>((after, Bound::Unbounded))
            .take(self.batch_size)
            .map(|(name, node)| (Arc::clone(name), node.clone()))
            .collect();
        self.last = batch.last().map(|(name, _)| Arc::clone(name));
        self.batch_size = (self.batch_size * 2).min(MAX_BATCH);
        self.batch = batch.into_iter();
    }
}

impl Iterator for Entries {
    type Item = (Arc<str>, Node);

    fn next(&mut self) -> Option<Self::Item> {
        if self.remaining == 0 {
            return None;
        }
        if self.batch.as_slice().is_empty() {
            self.refill();
        }
        let item = self.batch.next()?;
        self.remaining -= 1;
        Some(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

pub(super) fn file_info(path: RemotePath, entry: &FileEntry) -> FileInfo {
    FileInfo {
        name: path.name().to_owned(),
        path,
        size: entry.data.len() as u64,
        modified_at: entry.modified_at,
        digest: None,
        etag: None,
        content_type: None,
        metadata: entry.metadata.clone(),
    }
}

fn child_path(prefix: &RemotePath, name: &str) -> RemotePath {
    prefix.join_path(&RemotePath::from_valid_segment(name))
}

/// Files of a folder snapshot in depth-first pre-order, children by name.
pub(super) struct FileWalk {
    stack: Vec<(RemotePath, usize, Entries)>,
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
            stack: vec![(prefix, 0, Entries::new(folder))],
            recursive,
            max_depth,
        }
    }
}

impl Iterator for FileWalk {
    type Item = FileInfo;

    fn next(&mut self) -> Option<FileInfo> {
        loop {
            let (prefix, depth, entries) = self.stack.last_mut()?;
            let Some((name, node)) = entries.next() else {
                self.stack.pop();
                continue;
            };
            let path = child_path(prefix, &name);
            match node {
                Node::File(entry) => return Some(file_info(path, &entry)),
                Node::Folder(folder) => {
                    let depth = *depth;
                    if self.recursive && self.max_depth.is_none_or(|max| depth < max) {
                        self.stack.push((path, depth + 1, Entries::new(folder)));
                    }
                }
            }
        }
    }
}

/// Immediate children of a folder snapshot, by name.
pub(super) struct ChildWalk {
    prefix: RemotePath,
    entries: Entries,
}

impl ChildWalk {
    pub fn new(prefix: RemotePath, folder: Folder) -> Self {
        ChildWalk {
            prefix,
            entries: Entries::new(folder),
        }
    }
}

impl Iterator for ChildWalk {
    type Item = Child;

    fn next(&mut self) -> Option<Child> {
        let (name, node) = self.entries.next()?;
        let path = child_path(&self.prefix, &name);
        Some(match node {
            Node::File(entry) => Child::File(file_info(path, &entry)),
            Node::Folder(_) => Child::Folder(FolderEntry::new(path)),
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.entries.size_hint()
    }
}
