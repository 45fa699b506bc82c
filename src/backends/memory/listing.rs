//! Listings walked outside the lock, over an O(1) snapshot of a folder.

use std::sync::Arc;

use imbl::ordmap::ConsumingIter;

use super::tree::{FileEntry, Folder, Node};
use crate::{Child, FileInfo, FolderEntry, RemotePath};

type Entries = ConsumingIter<Arc<str>, Node, imbl::shared_ptr::DefaultSharedPtr>;

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
            stack: vec![(prefix, 0, folder.into_iter())],
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
                        self.stack.push((path, depth + 1, folder.into_iter()));
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
            entries: folder.into_iter(),
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
