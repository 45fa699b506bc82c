//! The in-memory tree: explicit folder nodes in persistent sorted maps.
//!
//! A folder's children live in an [`imbl::OrdMap`], a B-tree whose nodes are
//! shared between clones. Cloning a folder is O(1), and a mutation copies only
//! the B-tree nodes on its way down that a snapshot still shares. That is what
//! lets a listing snapshot any subtree under the lock in constant time and walk
//! it afterwards while writers carry on.
//!
//! Beside the tree, a two-level hash index maps every folder's path to the
//! names of its children and what each is, so that point operations (probes,
//! reads, the checks of a write) cost two hash look-ups instead of a walk
//! down the sorted maps, and a recursive delete unindexes one entry per
//! folder, not one per file.
//!
//! Nothing here locks, and nothing here frees a removed file:
//! `MemoryBackend` calls these functions under its lock and drops what they
//! return after releasing it.

use std::sync::Arc;
use std::time::SystemTime;

use bytes::Bytes;
use imbl::OrdMap;
use smol_str::SmolStr;

use crate::{Error, Metadata, RemotePath, Result};

/// The path index's maps. foldhash (randomly seeded per process) rather than
/// SipHash: every point operation hashes its path, and this is a store for
/// tests and local tools, not one fed hostile keys.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

/// A name in a folder: inline up to 23 bytes, so most names allocate nothing.
pub(super) type Name = SmolStr;

/// The children of one folder, sorted by name (byte order).
pub(super) type Folder = OrdMap<Name, Node>;

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

/// What the index knows of one child of a folder.
#[derive(Clone)]
pub(super) enum Indexed {
    File(Arc<FileEntry>),
    Folder,
}

/// The index of one folder: its children by name, and which are folders
/// (so that a recursive delete finds them without scanning the files).
#[derive(Clone, Default)]
struct Children {
    names: HashMap<Name, Indexed>,
    subfolders: HashSet<Name>,
}

impl Children {
    fn files(&self) -> usize {
        self.names.len() - self.subfolders.len()
    }

    fn add_folder(&mut self, name: &str) {
        self.names.insert(Name::new(name), Indexed::Folder);
        self.subfolders.insert(Name::new(name));
    }

    fn remove(&mut self, name: &str) -> Option<Indexed> {
        let removed = self.names.remove(name);
        if let Some(Indexed::Folder) = removed {
            self.subfolders.remove(name);
        }
        removed
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

/// What a removal took out of the tree and the index. It holds the last
/// handles of the removed files, so the caller drops it after releasing the
/// lock: freeing content may run a `Bytes` owner's `Drop`, which may call
/// back into the backend.
#[must_use = "drop it after releasing the lock"]
pub(super) struct Removed {
    _node: Node,
    _index: Vec<Children>,
}

/// The whole tree, its O(1) counters (the root is not counted) and the index
/// of every folder in it (the root included).
#[derive(Clone)]
pub(super) struct Tree {
    pub root: Folder,
    pub files: usize,
    pub folders: usize,
    index: HashMap<Name, Children>,
}

impl Default for Tree {
    fn default() -> Self {
        let mut index = HashMap::default();
        index.insert(Name::default(), Children::default());
        Tree {
            root: Folder::new(),
            files: 0,
            folders: 0,
            index,
        }
    }
}

/// `path` split into its parent's text and its name (`""` for a top-level
/// path's parent).
fn split(path: &str) -> (&str, &str) {
    match crate::path::last_slash(path) {
        Some(at) => (&path[..at], &path[at + 1..]),
        None => ("", path),
    }
}

impl Tree {
    /// What `path` is, by two hash look-ups: `None` when missing or under a
    /// file; the root is a folder.
    pub fn kind(&self, path: &RemotePath) -> Option<&Indexed> {
        const ROOT: &Indexed = &Indexed::Folder;
        if path.is_root() {
            return Some(ROOT);
        }
        let (parent, name) = split(path.as_str());
        self.index.get(parent)?.names.get(name)
    }

    /// The file at `path`, by two hash look-ups.
    pub fn file(&self, path: &RemotePath) -> Option<&Arc<FileEntry>> {
        match self.kind(path)? {
            Indexed::File(entry) => Some(entry),
            Indexed::Folder => None,
        }
    }

    /// How many children the folder at `path` has; `None` unless a folder.
    pub fn folder_len(&self, path: &RemotePath) -> Option<usize> {
        self.index
            .get(path.as_str())
            .map(|children| children.names.len())
    }

    pub fn lookup(&self, path: &RemotePath) -> Lookup<'_> {
        match self.kind(path) {
            None => Lookup::Missing,
            Some(Indexed::File(entry)) => Lookup::File(entry),
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
        if path.is_root() {
            return Ok(Probe::new(Leaf::Folder, 0));
        }
        let depth = path.depth();
        let (parent, name) = split(path.as_str());
        if let Some(children) = self.index.get(parent) {
            let leaf = match children.names.get(name) {
                Some(Indexed::File(_)) => Leaf::File,
                Some(Indexed::Folder) => Leaf::Folder,
                None => Leaf::Missing,
            };
            return Ok(Probe::new(leaf, depth - 1));
        }
        // The nearest existing folder above decides: its child on the way
        // down is either missing (so is everything below it) or the one
        // file in the way.
        let mut below = parent;
        let mut existing = depth - 2;
        loop {
            let (above, name) = split(below);
            if let Some(children) = self.index.get(above) {
                return match children.names.get(name) {
                    Some(Indexed::File(_)) => Err(file_in_the_way(path, existing)),
                    Some(Indexed::Folder) | None => Ok(Probe::new(Leaf::Missing, existing)),
                };
            }
            debug_assert!(!above.is_empty(), "the root is always indexed: {path}");
            below = above;
            existing -= 1;
        }
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
        let text = path.as_str();
        let depth = path.depth();
        let mut folder = &mut self.root;
        let mut end = 0;
        let mut parent = "";
        for (position, segment) in path.segments().enumerate() {
            if position + 1 == depth {
                let replaced = insert_leaf(folder, path, probe.leaf, Arc::clone(&entry))?;
                let children = self
                    .index
                    .get_mut(parent)
                    .ok_or_else(|| Error::folder_in_the_way(path))?;
                match children.names.get_mut(segment) {
                    Some(slot) => *slot = Indexed::File(entry),
                    None => drop(
                        children
                            .names
                            .insert(Name::new(segment), Indexed::File(entry)),
                    ),
                }
                if replaced.is_none() {
                    self.files += 1;
                }
                return Ok(replaced);
            }
            end += segment.len() + usize::from(position > 0);
            // Existing ancestors cost one descent each; only missing ones are
            // looked up twice (insert, then descend).
            if position >= probe.ancestors {
                folder.insert(Name::new(segment), Node::Folder(Folder::new()));
                if let Some(children) = self.index.get_mut(parent) {
                    children.add_folder(segment);
                }
                self.index
                    .insert(Name::new(&text[..end]), Children::default());
                self.folders += 1;
            }
            parent = &text[..end];
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

    /// Removes the node at `path` (not the root), updating the counters for
    /// the whole removed subtree. Costs one index removal per removed
    /// folder, none per file below them.
    pub fn remove(&mut self, path: &RemotePath) -> Option<Removed> {
        let node = self.parent_folder_mut(path)?.remove(path.name())?;
        let (parent, name) = split(path.as_str());
        if let Some(children) = self.index.get_mut(parent) {
            children.remove(name);
        }
        let mut index = Vec::new();
        match &node {
            Node::File(_) => self.files -= 1,
            Node::Folder(_) => {
                let mut pending = vec![Name::new(path.as_str())];
                while let Some(folder) = pending.pop() {
                    let Some(children) = self.index.remove(&folder) else {
                        continue;
                    };
                    self.files -= children.files();
                    self.folders -= 1;
                    for name in &children.subfolders {
                        pending.push(smol_str::format_smolstr!("{folder}/{name}"));
                    }
                    index.push(children);
                }
            }
        }
        Some(Removed {
            _node: node,
            _index: index,
        })
    }

    /// Whether the index holds exactly the tree's folders and, for each,
    /// exactly its children with the same kind and file entry, and the
    /// counters count them.
    pub fn index_agrees(&self) -> bool {
        let (mut files, mut folders) = (0, 0);
        let mut stack = vec![(Name::default(), &self.root)];
        while let Some((path, folder)) = stack.pop() {
            let Some(children) = self.index.get(&path) else {
                return false;
            };
            if children.names.len() != folder.len() {
                return false;
            }
            let mut here = 0;
            for (name, node) in folder {
                match (node, children.names.get(name)) {
                    (Node::File(entry), Some(Indexed::File(indexed)))
                        if Arc::ptr_eq(entry, indexed) =>
                    {
                        here += 1;
                    }
                    (Node::Folder(child), Some(Indexed::Folder))
                        if children.subfolders.contains(name) =>
                    {
                        folders += 1;
                        let child_path = if path.is_empty() {
                            name.clone()
                        } else {
                            smol_str::format_smolstr!("{path}/{name}")
                        };
                        stack.push((child_path, child));
                    }
                    _ => return false,
                }
            }
            if here != children.files() {
                return false;
            }
            files += here;
        }
        folders + 1 == self.index.len() && files == self.files && folders == self.folders
    }
}

/// Puts `entry` in `folder` under `path`'s name; see
/// [`Tree::insert_file`].
fn insert_leaf(
    folder: &mut Folder,
    path: &RemotePath,
    leaf: Leaf,
    entry: Arc<FileEntry>,
) -> Result<Option<Arc<FileEntry>>> {
    let name = path.name();
    if leaf == Leaf::Missing {
        folder.insert(Name::new(name), Node::File(entry));
        return Ok(None);
    }
    match folder.get_mut(name) {
        Some(Node::File(old)) => Ok(Some(std::mem::replace(old, entry))),
        Some(Node::Folder(_)) | None => Err(Error::folder_in_the_way(path)),
    }
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
