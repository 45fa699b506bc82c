//! The in-memory tree: explicit folder nodes in persistent sorted maps.
//!
//! A folder's children live in an [`imbl::OrdMap`], a B-tree whose nodes are
//! shared between clones. Cloning a folder is O(1), and a mutation copies only
//! the B-tree nodes on its way down that a snapshot still shares. That is what
//! lets a listing snapshot any subtree under the lock in constant time and walk
//! it afterwards while writers carry on.
//!
//! Nothing here locks; `MemoryBackend` calls these functions under its lock.

use std::sync::Arc;
use std::time::SystemTime;

use bytes::Bytes;
use imbl::OrdMap;

use crate::{Error, Metadata, RemotePath, Result};

/// The children of one folder, sorted by name (byte order).
pub(super) type Folder = OrdMap<Arc<str>, Node>;

/// One node of the tree.
#[derive(Clone)]
pub(super) enum Node {
    File(Arc<FileEntry>),
    Folder(Folder),
}

/// A stored file. Immutable: an overwrite replaces the whole entry, so open
/// readers and snapshots keep the version they saw.
pub(super) struct FileEntry {
    pub data: Bytes,
    pub modified_at: SystemTime,
    pub metadata: Option<Metadata>,
}

/// What a path names, seen from the read side.
pub(super) enum Lookup<'a> {
    File(&'a Arc<FileEntry>),
    Folder(&'a Folder),
    /// Missing, or under a file.
    Missing,
}

/// What a write-side walk found at the leaf, once every ancestor is known to
/// be a folder or absent.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Leaf {
    Missing,
    File,
    Folder,
}

/// The whole tree and its O(1) counters (the root is not counted).
#[derive(Clone, Default)]
pub(super) struct Tree {
    pub root: Folder,
    pub files: usize,
    pub folders: usize,
}

impl Tree {
    pub fn lookup(&self, path: &RemotePath) -> Lookup<'_> {
        let mut folder = &self.root;
        let mut segments = path.segments().peekable();
        while let Some(segment) = segments.next() {
            match folder.get(segment) {
                Some(Node::Folder(child)) => folder = child,
                Some(Node::File(entry)) if segments.peek().is_none() => return Lookup::File(entry),
                Some(Node::File(_)) | None => return Lookup::Missing,
            }
        }
        Lookup::Folder(folder)
    }

    /// Checks that `path` can hold a file: every existing ancestor is a
    /// folder. Returns what is at the leaf. The root is reported as a folder.
    pub fn probe_for_write(&self, path: &RemotePath) -> Result<Leaf> {
        let mut folder = &self.root;
        let depth = path.depth();
        for (index, segment) in path.segments().enumerate() {
            let last = index + 1 == depth;
            match folder.get(segment) {
                None => return Ok(Leaf::Missing),
                Some(Node::File(_)) if last => return Ok(Leaf::File),
                Some(Node::File(_)) => return Err(file_in_the_way(path, index)),
                Some(Node::Folder(child)) => folder = child,
            }
        }
        Ok(Leaf::Folder)
    }

    /// Inserts `entry` at `path`, creating missing parent folders, and tells
    /// whether a file was replaced. Callers run
    /// [`probe_for_write`](Tree::probe_for_write) first under the same lock so
    /// that every check happens before any change; a file ancestor met here is
    /// still refused rather than overwritten.
    pub fn insert_file(&mut self, path: &RemotePath, entry: Arc<FileEntry>) -> Result<bool> {
        let Tree {
            root,
            files,
            folders,
        } = self;
        let mut folder = root;
        let depth = path.depth();
        for (index, segment) in path.segments().enumerate() {
            if index + 1 == depth {
                if let Some(Node::Folder(_)) = folder.get(segment) {
                    return Err(folder_in_the_way(path));
                }
                let replaced = folder
                    .insert(Arc::from(segment), Node::File(entry))
                    .is_some();
                if !replaced {
                    *files += 1;
                }
                return Ok(replaced);
            }
            let node = folder.entry(Arc::from(segment)).or_insert_with(|| {
                *folders += 1;
                Node::Folder(Folder::new())
            });
            match node {
                Node::Folder(child) => folder = child,
                Node::File(_) => return Err(file_in_the_way(path, index)),
            }
        }
        Err(Error::invalid_path(
            path.as_str(),
            "Path must not be empty for file operations",
        ))
    }

    /// The folder holding `path`'s leaf, for removal; `None` when missing.
    fn parent_folder_mut(&mut self, path: &RemotePath) -> Option<&mut Folder> {
        let mut folder = &mut self.root;
        let count = path.depth().saturating_sub(1);
        for segment in path.segments().take(count) {
            match folder.get_mut(segment)? {
                Node::Folder(child) => folder = child,
                Node::File(_) => return None,
            }
        }
        Some(folder)
    }

    /// Removes and returns the node at `path` (not the root), updating the
    /// counters for the whole removed subtree.
    pub fn remove(&mut self, path: &RemotePath) -> Option<Node> {
        let node = self.parent_folder_mut(path)?.remove(path.name())?;
        match &node {
            Node::File(_) => self.files -= 1,
            Node::Folder(folder) => {
                let (files, folders) = count_subtree(folder);
                self.files -= files;
                self.folders -= folders + 1;
            }
        }
        Some(node)
    }
}

/// The error for a write whose ancestor at `index` is a file; it names the
/// blocking file.
fn file_in_the_way(path: &RemotePath, index: usize) -> Error {
    let blocker: Vec<&str> = path.segments().take(index + 1).collect();
    Error::invalid_path(
        path.as_str(),
        format!(
            "Cannot create directory: '{}' exists as a file",
            blocker.join("/")
        ),
    )
}

/// The error for a file operation whose target is an existing folder.
pub(super) fn folder_in_the_way(path: &RemotePath) -> Error {
    Error::invalid_path(
        path.as_str(),
        format!("Cannot write: '{}' exists as a directory", path.name()),
    )
}

/// Files and folders below `folder` (not counting `folder` itself).
pub(super) fn count_subtree(folder: &Folder) -> (usize, usize) {
    let mut files = 0;
    let mut folders = 0;
    let mut stack = vec![folder];
    while let Some(current) = stack.pop() {
        for node in current.values() {
            match node {
                Node::File(_) => files += 1,
                Node::Folder(child) => {
                    folders += 1;
                    stack.push(child);
                }
            }
        }
    }
    (files, folders)
}
