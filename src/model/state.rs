//! [`State`]: everything a backend holds, read through its own API.

use std::collections::BTreeMap;
use std::time::SystemTime;

use bytes::Bytes;

use super::outcome::{Data, FileView};
use crate::{Backend, Capability, CapabilitySet, ListOptions, Metadata, RemotePath, Result};

/// One path's state, as the probes see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// A folder.
    Folder,
    /// A file, with its content and (where the backend keeps it) metadata.
    File(Bytes, Option<Metadata>),
    /// `exists`, `is_file` and `is_folder` disagree (e.g. both a file and a
    /// folder, or existing as neither).
    Inconsistent {
        /// What `exists` said.
        exists: bool,
        /// What `is_file` said.
        is_file: bool,
        /// What `is_folder` said.
        is_folder: bool,
    },
}

/// Everything a backend holds, seen through its own API: every known path
/// (each path an op of the sequence named, and its ancestors) probed with
/// `exists`, `is_file` and `is_folder` and read, plus the recursive listing
/// and folder walk (which show any entry outside the known paths).
///
/// Equality ignores [`modified`](State::modified): timestamps are checked
/// by their relations, never against the oracle's.
#[derive(Clone, Debug, Default)]
pub struct State {
    /// Each existing known path and what it is.
    pub entries: BTreeMap<String, Entry>,
    /// `list_files("", recursive)`, sorted (empty without `LIST`).
    pub files: Vec<FileView>,
    /// Every folder reachable by `list_folders` from the root, sorted.
    pub folders: Vec<String>,
    /// Each file's `modified_at` (empty without `METADATA`).
    pub modified: BTreeMap<String, SystemTime>,
}

impl PartialEq for State {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries && self.files == other.files && self.folders == other.folders
    }
}

impl Eq for State {}

/// The most folders a state walk visits before it calls the backend broken.
const WALK_LIMIT: usize = 10_000;

/// Every folder below `base` (full paths, sorted), found by `list_folders`
/// from `base` down; an entry outside the listed folder is an error.
pub(super) fn walk_folders(backend: &dyn Backend, base: &RemotePath) -> Result<Vec<String>> {
    let mut folders = Vec::new();
    let mut stack = vec![base.clone()];
    while let Some(folder) = stack.pop() {
        for entry in backend.list_folders(&folder)? {
            let entry = entry?;
            if folders.len() >= WALK_LIMIT || !entry.path.starts_with(&folder) {
                return Err(crate::Error::invalid_argument(
                    entry.path.as_str(),
                    format!("listing folder '{folder}' yields '{}'", entry.path),
                ));
            }
            folders.push(entry.path.as_str().to_owned());
            if entry.path != folder {
                stack.push(entry.path);
            }
        }
    }
    folders.sort();
    Ok(folders)
}

fn probe(backend: &dyn Backend, path: &RemotePath, caps: CapabilitySet) -> Result<Option<Entry>> {
    let exists = backend.exists(path)?;
    let is_file = backend.is_file(path)?;
    let is_folder = backend.is_folder(path)?;
    Ok(match (exists, is_file, is_folder) {
        (false, false, false) => None,
        (true, false, true) => Some(Entry::Folder),
        (true, true, false) => {
            let content = if caps.supports(Capability::READ) {
                backend.read_bytes(path)?
            } else {
                Bytes::new()
            };
            let metadata = if caps.supports(Capability::METADATA) {
                backend.get_file_info(path)?.metadata
            } else {
                None
            };
            Some(Entry::File(content, metadata))
        }
        (exists, is_file, is_folder) => Some(Entry::Inconsistent {
            exists,
            is_file,
            is_folder,
        }),
    })
}

/// Reads `backend`'s whole state (see [`State`]), probing `known` paths.
pub fn state<'a>(
    backend: &dyn Backend,
    known: impl IntoIterator<Item = &'a RemotePath>,
) -> Result<State> {
    let caps = backend.capabilities();
    let mut state = State::default();
    for path in known.into_iter().filter(|p| !p.is_root()) {
        if let Some(entry) = probe(backend, path, caps)? {
            if matches!(entry, Entry::File(..)) && caps.supports(Capability::METADATA) {
                let info = backend.get_file_info(path)?;
                state
                    .modified
                    .insert(path.as_str().to_owned(), info.modified_at);
            }
            state.entries.insert(path.as_str().to_owned(), entry);
        }
    }
    if caps.supports(Capability::LIST) {
        let listing =
            backend.list_files(&RemotePath::root(), ListOptions::new().recursive(true))?;
        state.files = listing
            .map(|f| f.map(|f| FileView::from(&f)))
            .collect::<Result<_>>()?;
        state.files.sort();
        state.folders = walk_folders(backend, &RemotePath::root())?;
    }
    Ok(state)
}

pub(super) fn state_lines(state: &State) -> Vec<String> {
    let mut lines: Vec<String> = state
        .entries
        .iter()
        .map(|(path, entry)| match entry {
            Entry::Folder => format!("folder {path:?}"),
            Entry::File(content, None) => {
                format!("file {path:?} = {:?}", Data(content.to_vec()))
            }
            Entry::File(content, Some(meta)) => {
                format!("file {path:?} = {:?} {meta:?}", Data(content.to_vec()))
            }
            Entry::Inconsistent {
                exists,
                is_file,
                is_folder,
            } => {
                format!("path {path:?}: exists={exists}, is_file={is_file}, is_folder={is_folder}")
            }
        })
        .collect();
    lines.extend(state.files.iter().map(|f| format!("listed file {f:?}")));
    lines.extend(state.folders.iter().map(|f| format!("listed folder {f:?}")));
    lines
}

/// The lines of `a` not matched one for one in `b` (so a duplicate shows).
pub(super) fn surplus<'a>(a: &'a [String], b: &[String]) -> Vec<&'a String> {
    let mut left: Vec<&String> = b.iter().collect();
    a.iter()
        .filter(|line| match left.iter().position(|l| l == line) {
            Some(i) => {
                left.swap_remove(i);
                false
            }
            None => true,
        })
        .collect()
}
