//! [`TreeSnapshot`]: every file and folder of a store, sorted, for
//! assertions in tests.

use std::collections::BTreeMap;
use std::fmt;

use bytes::Bytes;

use crate::{Backend, Child, RemotePath, Result, Store};

/// Contents longer than this are shortened in [`TreeSnapshot`]'s `Debug`.
const SHOWN_BYTES: usize = 64;

/// One entry of a [`TreeSnapshot`].
#[derive(Clone, PartialEq, Eq, Hash)]
pub enum TreeEntry {
    /// A folder.
    Folder,
    /// A file and its content.
    File(Bytes),
}

impl fmt::Debug for TreeEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TreeEntry::Folder => f.write_str("folder"),
            TreeEntry::File(content) => {
                let shown = &content[..content.len().min(SHOWN_BYTES)];
                match std::str::from_utf8(shown) {
                    Ok(text) => write!(f, "{text:?}")?,
                    Err(_) => write!(f, "{:?}", Bytes::copy_from_slice(shown))?,
                }
                if content.len() > SHOWN_BYTES {
                    write!(f, "... ({} bytes)", content.len())?;
                }
                Ok(())
            }
        }
    }
}

/// A sorted map of paths to contents, folders included: the whole state of a
/// store at one moment, for `assert_eq!`.
///
/// Its `Debug` form puts one path per line (folders end with `/`), so the
/// two sides of a failed `assert_eq!` read as two listings;
/// [`changes_to`](TreeSnapshot::changes_to) names the paths that differ.
///
/// ```
/// use remote_store::backends::MemoryBackend;
/// use remote_store::{Store, TreeSnapshot};
///
/// let store = Store::new(MemoryBackend::new(), "")?;
/// store.write_text("a/b.txt", "x")?;
/// assert_eq!(store.tree()?, TreeSnapshot::new().file("a/b.txt", "x"));
/// assert_eq!(
///     format!("{:?}", store.tree()?),
///     "TreeSnapshot {\n    a/\n    a/b.txt = \"x\"\n}"
/// );
/// # Ok::<(), remote_store::Error>(())
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct TreeSnapshot {
    entries: BTreeMap<String, TreeEntry>,
}

/// How one path differs between two [`TreeSnapshot`]s.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TreeChange {
    /// Present only in the later snapshot.
    Added(String),
    /// Present only in the earlier snapshot.
    Removed(String),
    /// Present in both, with another content or type.
    Changed(String),
}

impl fmt::Display for TreeChange {
    /// `+ path`, `- path` or `~ path`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TreeChange::Added(path) => write!(f, "+ {path}"),
            TreeChange::Removed(path) => write!(f, "- {path}"),
            TreeChange::Changed(path) => write!(f, "~ {path}"),
        }
    }
}

impl TreeSnapshot {
    /// An empty snapshot (an empty store).
    pub fn new() -> Self {
        Self::default()
    }

    /// This snapshot plus a file at `path` (separated by `/`) and its
    /// ancestor folders, for writing the expected side of an assertion.
    pub fn file(mut self, path: &str, content: impl Into<Bytes>) -> Self {
        self.add_ancestors(path);
        self.entries
            .insert(path.to_owned(), TreeEntry::File(content.into()));
        self
    }

    /// This snapshot plus a folder at `path` and its ancestors.
    pub fn folder(mut self, path: &str) -> Self {
        self.add_ancestors(path);
        self.entries.insert(path.to_owned(), TreeEntry::Folder);
        self
    }

    fn add_ancestors(&mut self, path: &str) {
        let mut end = 0;
        while let Some(slash) = path[end..].find('/') {
            end += slash;
            self.entries
                .insert(path[..end].to_owned(), TreeEntry::Folder);
            end += 1;
        }
    }

    /// The entry at `path`.
    pub fn get(&self, path: &str) -> Option<&TreeEntry> {
        self.entries.get(path)
    }

    /// Every path and entry, sorted by path (byte order).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &TreeEntry)> {
        self.entries
            .iter()
            .map(|(path, entry)| (path.as_str(), entry))
    }

    /// The number of entries, files and folders.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the snapshot has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// What changed from this snapshot to `later`, sorted by path.
    ///
    /// ```
    /// use remote_store::{TreeChange, TreeSnapshot};
    ///
    /// let before = TreeSnapshot::new().file("a.txt", "1").file("b.txt", "2");
    /// let after = TreeSnapshot::new().file("a.txt", "9").file("c/d.txt", "3");
    /// let changes: Vec<String> = before.changes_to(&after).iter().map(|c| c.to_string()).collect();
    /// assert_eq!(changes, ["~ a.txt", "- b.txt", "+ c", "+ c/d.txt"]);
    /// ```
    pub fn changes_to(&self, later: &TreeSnapshot) -> Vec<TreeChange> {
        let mut changes = Vec::new();
        for (path, entry) in &self.entries {
            match later.entries.get(path) {
                None => changes.push(TreeChange::Removed(path.clone())),
                Some(now) if now != entry => changes.push(TreeChange::Changed(path.clone())),
                Some(_) => {}
            }
        }
        for path in later.entries.keys() {
            if !self.entries.contains_key(path) {
                changes.push(TreeChange::Added(path.clone()));
            }
        }
        changes.sort_by(|a, b| change_path(a).cmp(change_path(b)));
        changes
    }
}

fn change_path(change: &TreeChange) -> &str {
    match change {
        TreeChange::Added(path) | TreeChange::Removed(path) | TreeChange::Changed(path) => path,
    }
}

impl fmt::Debug for TreeSnapshot {
    /// One entry per line, even without `{:#?}`, so that `assert_eq!` shows
    /// two readable listings.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.entries.is_empty() {
            return f.write_str("TreeSnapshot {}");
        }
        f.write_str("TreeSnapshot {\n")?;
        for (path, entry) in &self.entries {
            match entry {
                TreeEntry::Folder => writeln!(f, "    {path}/")?,
                TreeEntry::File(_) => writeln!(f, "    {path} = {entry:?}")?,
            }
        }
        f.write_str("}")
    }
}

impl<B: Backend + ?Sized> Store<B> {
    /// Every file (with its content) and folder under the store root, as a
    /// [`TreeSnapshot`] with store-relative paths. Needs `LIST` and `READ`.
    pub fn tree(&self) -> Result<TreeSnapshot> {
        let mut snapshot = TreeSnapshot::new();
        let mut pending = vec![RemotePath::root()];
        while let Some(folder) = pending.pop() {
            for child in self.iter_children(folder.as_str())? {
                match child? {
                    Child::File(info) => {
                        let content = self.read_bytes(info.path.as_str())?;
                        snapshot
                            .entries
                            .insert(info.path.as_str().to_owned(), TreeEntry::File(content));
                    }
                    Child::Folder(entry) => {
                        snapshot
                            .entries
                            .insert(entry.path.as_str().to_owned(), TreeEntry::Folder);
                        pending.push(entry.path);
                    }
                }
            }
        }
        Ok(snapshot)
    }
}
