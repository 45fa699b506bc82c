//! The in-memory tree: explicit folder nodes in persistent sorted maps.
//!
//! A folder's children live in an [`imbl::OrdMap`], a B-tree whose nodes are
//! shared between clones. Cloning a folder is O(1), and a mutation copies only
//! the B-tree nodes on its way down that a snapshot still shares. That is what
//! lets a listing snapshot any subtree under the lock in constant time and walk
//! it afterwards while writers carry on.
//!
//! Beside the tree, a hash index maps every file and folder path to what it
//! is, so that point operations (probes, reads, the checks of a write) cost one
//! hash look-up instead of a walk down the sorted maps.
//!
//! Nothing here locks; `MemoryBackend` calls these functions under its lock.

use std::sync::Arc;
use std::time::SystemTime;

use bytes::Bytes;
use imbl::OrdMap;

use crate::{Error, Metadata, RemotePath, Result};

/// The path index's map. foldhash (randomly seeded per process) rather than
/// SipHash: every point operation hashes its whole path once, and this is a
/// store for tests and local tools, not one fed hostile keys.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

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

/// What the index knows of a path. A file's content handle is kept inline
/// too, so that a read reaches it without going through the entry.
#[derive(Clone)]
pub(super) enum Indexed {
    File { entry: Arc<FileEntry>, data: Bytes },
    Folder,
}

impl Indexed {
    fn file(entry: Arc<FileEntry>) -> Self {
        Indexed::File {
            data: entry.data.clone(),
            entry,
        }
    }
}

/// What a write-side walk found at the leaf, once every ancestor is known to
/// be a folder or absent.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Leaf {
    Missing,
    File,
    Folder,
}

/// What [`Tree::probe_for_write`] found: the leaf, and how many of the
/// path's ancestors (from the top) already exist as folders.
#[derive(Clone, Copy)]
pub(super) struct Probe {
    pub leaf: Leaf,
    ancestors: usize,
}

impl Probe {
    fn new(leaf: Leaf, ancestors: usize) -> Self {
        Probe { leaf, ancestors }
    }
}

/// The whole tree, its O(1) counters (the root is not counted) and the index
/// of every path in it (the root is not indexed).
#[derive(Clone, Default)]
pub(super) struct Tree {
    pub root: Folder,
    pub files: usize,
    pub folders: usize,
    index: HashMap<Arc<str>, Indexed>,
}

impl Tree {
    /// What `path` is, by one hash look-up: `None` when missing or under a
    /// file; the root is a folder.
    pub fn kind(&self, path: &RemotePath) -> Option<&Indexed> {
        const ROOT: &Indexed = &Indexed::Folder;
        if path.is_root() {
            return Some(ROOT);
        }
        self.index.get(path.as_str())
    }

    /// The file at `path`, by one hash look-up.
    pub fn file(&self, path: &RemotePath) -> Option<&Arc<FileEntry>> {
        match self.kind(path)? {
            Indexed::File { entry, .. } => Some(entry),
            Indexed::Folder => None,
        }
    }

    pub fn lookup(&self, path: &RemotePath) -> Lookup<'_> {
        match self.kind(path) {
            None => Lookup::Missing,
            Some(Indexed::File { entry, .. }) => Lookup::File(entry),
            Some(Indexed::Folder) => self.walk(path),
        }
    }

    /// Walks down the sorted maps to `path`.
    fn walk(&self, path: &RemotePath) -> Lookup<'_> {
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
    /// folder. Tells what is at the leaf (the root is reported as a folder)
    /// and how many ancestors exist, from the index alone.
    pub fn probe_for_write(&self, path: &RemotePath) -> Result<Probe> {
        let ancestors = path.depth().saturating_sub(1);
        match self.kind(path) {
            Some(Indexed::File { .. }) => return Ok(Probe::new(Leaf::File, ancestors)),
            Some(Indexed::Folder) => return Ok(Probe::new(Leaf::Folder, ancestors)),
            None => {}
        }
        // The nearest existing ancestor decides: a folder has only folders
        // above it, and a file is the one file in the way.
        let text = path.as_str();
        let mut depth = path.depth();
        for (end, _) in text.rmatch_indices('/') {
            let ancestor = &text[..end];
            depth -= 1;
            match self.index.get(ancestor) {
                Some(Indexed::Folder) => return Ok(Probe::new(Leaf::Missing, depth)),
                Some(Indexed::File { .. }) => return Err(file_in_the_way(path, depth - 1)),
                None => {}
            }
        }
        Ok(Probe::new(Leaf::Missing, 0))
    }

    /// Puts `entry` at `path`, creating the missing parent folders, and
    /// returns the file entry it replaced. `probe` is what
    /// [`probe_for_write`](Tree::probe_for_write) said of `path` under the
    /// same lock, so that every check happens before any change; a folder or
    /// file in the way is still refused rather than overwritten.
    pub fn insert_file(
        &mut self,
        path: &RemotePath,
        probe: Probe,
        entry: Arc<FileEntry>,
    ) -> Result<Option<Arc<FileEntry>>> {
        let Tree {
            root,
            files,
            folders,
            index,
        } = self;
        let text = path.as_str();
        let mut folder = root;
        let mut end = 0;
        let depth = path.depth();
        for (position, segment) in path.segments().enumerate() {
            end += segment.len() + usize::from(position > 0);
            if position + 1 == depth {
                let replaced = insert_leaf(folder, index, path, probe.leaf, entry)?;
                if replaced.is_none() {
                    *files += 1;
                }
                return Ok(replaced);
            }
            // Existing ancestors cost one descent each; only missing ones are
            // looked up twice (insert, then descend).
            if position >= probe.ancestors {
                folder.insert(Arc::from(segment), Node::Folder(Folder::new()));
                index.insert(Arc::from(&text[..end]), Indexed::Folder);
                *folders += 1;
            }
            match folder.get_mut(segment) {
                Some(Node::Folder(child)) => folder = child,
                Some(Node::File(_)) | None => return Err(file_in_the_way(path, position)),
            }
        }
        Err(Error::root_is_not_a_file(path))
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
        self.index.remove(path.as_str());
        match &node {
            Node::File(_) => self.files -= 1,
            Node::Folder(folder) => {
                let (files, folders) = self.unindex_subtree(path.as_str(), folder);
                self.files -= files;
                self.folders -= folders + 1;
            }
        }
        Some(node)
    }

    /// Drops every path below the folder `prefix` from the index and counts
    /// them: (files, folders).
    fn unindex_subtree(&mut self, prefix: &str, folder: &Folder) -> (usize, usize) {
        let mut counts = (0, 0);
        let mut stack = vec![(prefix.to_owned(), folder.clone())];
        while let Some((prefix, current)) = stack.pop() {
            for (name, node) in &current {
                let path = format!("{prefix}/{name}");
                self.index.remove(path.as_str());
                match node {
                    Node::File(_) => counts.0 += 1,
                    Node::Folder(child) => {
                        counts.1 += 1;
                        stack.push((path, child.clone()));
                    }
                }
            }
        }
        counts
    }

    /// Whether the index holds exactly the tree's paths, each with the same
    /// kind, file entry and content handle, and the counters count them.
    pub fn index_agrees(&self) -> bool {
        let (mut files, mut folders) = (0, 0);
        let mut stack = vec![(String::new(), &self.root)];
        while let Some((prefix, folder)) = stack.pop() {
            for (name, node) in folder {
                let path = if prefix.is_empty() {
                    name.to_string()
                } else {
                    format!("{prefix}/{name}")
                };
                match (node, self.index.get(path.as_str())) {
                    (
                        Node::File(entry),
                        Some(Indexed::File {
                            entry: indexed,
                            data,
                        }),
                    ) if Arc::ptr_eq(entry, indexed) && *data == entry.data => {
                        files += 1;
                    }
                    (Node::Folder(child), Some(Indexed::Folder)) => {
                        folders += 1;
                        stack.push((path, child));
                    }
                    _ => return false,
                }
            }
        }
        files + folders == self.index.len() && files == self.files && folders == self.folders
    }
}

/// Puts `entry` in `folder` under `path`'s name; see
/// [`Tree::insert_file`].
fn insert_leaf(
    folder: &mut Folder,
    index: &mut HashMap<Arc<str>, Indexed>,
    path: &RemotePath,
    leaf: Leaf,
    entry: Arc<FileEntry>,
) -> Result<Option<Arc<FileEntry>>> {
    let name = path.name();
    if leaf == Leaf::Missing {
        folder.insert(Arc::from(name), Node::File(Arc::clone(&entry)));
        index.insert(Arc::from(path.as_str()), Indexed::file(entry));
        return Ok(None);
    }
    let old = match folder.get_mut(name) {
        Some(Node::File(old)) => std::mem::replace(old, Arc::clone(&entry)),
        Some(Node::Folder(_)) | None => return Err(Error::folder_in_the_way(path)),
    };
    // An overwrite replaces both entries in place: no key is allocated.
    match index.get_mut(path.as_str()) {
        Some(slot) => *slot = Indexed::file(entry),
        None => drop(index.insert(Arc::from(path.as_str()), Indexed::file(entry))),
    }
    Ok(Some(old))
}

/// The error for a write whose ancestor at `index` is a file; it names the
/// blocking file.
fn file_in_the_way(path: &RemotePath, index: usize) -> Error {
    let blocker: Vec<&str> = path.segments().take(index + 1).collect();
    Error::file_in_the_way(path, blocker.join("/"))
}

/// Files and folders below `folder` (not counting `folder` itself).
#[cfg(test)]
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
