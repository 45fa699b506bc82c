//! [`apply`]: one op on the subject and on the oracle, compared; and the
//! full-state check that follows every step.

use std::collections::BTreeMap;
use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};

use super::config::OracleConfig;
use super::op::{Op, all_paths};
use super::outcome::{ChildView, FileView, Outcome, run_op};
use crate::backends::MemoryBackend;
use crate::{Backend, Capability, DeleteFolderOptions, ListOptions, Metadata, RemotePath, Result};

/// One path's state, as the probes see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// A folder.
    Folder,
    /// A file, with its content and (where the backend keeps it) metadata.
    File(Vec<u8>, Option<Metadata>),
}

/// Everything a backend holds, seen through its own API: every path of the
/// alphabet probed and read, plus its recursive listing and folder walk
/// (which would show an entry outside the alphabet).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct State {
    /// Each existing alphabet path and what it is.
    pub entries: BTreeMap<String, Entry>,
    /// `list_files("", recursive)`, sorted (empty without `LIST`).
    pub files: Vec<FileView>,
    /// Every folder reachable by `list_folders` from the root, sorted.
    pub folders: Vec<String>,
}

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

/// Reads `backend`'s whole state (see [`State`]).
pub fn state(backend: &dyn Backend) -> Result<State> {
    let caps = backend.capabilities();
    let mut state = State::default();
    for path in all_paths().iter().filter(|p| !p.is_root()) {
        let entry = if backend.is_folder(path)? {
            Entry::Folder
        } else if backend.is_file(path)? {
            let content = if caps.supports(Capability::READ) {
                backend.read_bytes(path)?.to_vec()
            } else {
                Vec::new()
            };
            let metadata = if caps.supports(Capability::METADATA) {
                backend.get_file_info(path)?.metadata
            } else {
                None
            };
            Entry::File(content, metadata)
        } else {
            continue;
        };
        state.entries.insert(path.as_str().to_owned(), entry);
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

/// How the subject departed from the oracle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Divergence {
    /// The op returned something else.
    Outcome {
        /// What the oracle returned.
        expected: Box<Outcome>,
        /// What the subject returned.
        found: Box<Outcome>,
    },
    /// After the op, the backends hold different things.
    State {
        /// The oracle's state.
        expected: Box<State>,
        /// The subject's state, or the error that stopped reading it.
        found: std::result::Result<Box<State>, String>,
    },
    /// The subject panicked.
    Panic(String),
    /// The sequence diverged once but not when replayed (a flaky backend),
    /// or the run was aborted; the message of the first run.
    NotReproduced(String),
}

fn state_lines(state: &State) -> Vec<String> {
    let mut lines: Vec<String> = state
        .entries
        .iter()
        .map(|(path, entry)| match entry {
            Entry::Folder => format!("folder {path:?}"),
            Entry::File(content, None) => {
                format!("file {path:?} = {:?}", String::from_utf8_lossy(content))
            }
            Entry::File(content, Some(meta)) => format!(
                "file {path:?} = {:?} {meta:?}",
                String::from_utf8_lossy(content)
            ),
        })
        .collect();
    lines.extend(state.files.iter().map(|f| format!("listed file {f:?}")));
    lines.extend(state.folders.iter().map(|f| format!("listed folder {f:?}")));
    lines
}

/// The lines of `a` not matched one for one in `b` (so a duplicate shows).
fn surplus<'a>(a: &'a [String], b: &[String]) -> Vec<&'a String> {
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

impl fmt::Display for Divergence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Divergence::Outcome { expected, found } => {
                write!(
                    f,
                    "expected (oracle): {expected:?}\n   found (subject): {found:?}"
                )
            }
            Divergence::State { expected, found } => {
                let expected = state_lines(expected);
                let found = match found {
                    Ok(state) => state_lines(state),
                    Err(error) => return write!(f, "reading the subject's state failed: {error}"),
                };
                writeln!(f, "the states differ after this op:")?;
                for line in surplus(&expected, &found) {
                    writeln!(f, "  only in the oracle:  {line}")?;
                }
                for line in surplus(&found, &expected) {
                    writeln!(f, "  only in the subject: {line}")?;
                }
                Ok(())
            }
            Divergence::Panic(message) => write!(f, "the subject panicked: {message}"),
            Divergence::NotReproduced(message) => {
                write!(f, "diverged once, but not when replayed: {message}")
            }
        }
    }
}

/// The path an op writes to, if it writes.
fn destination(op: &Op) -> Option<&RemotePath> {
    match op {
        Op::Write { path, .. } | Op::WriteAtomic { path, .. } | Op::OpenAtomic { path, .. } => {
            Some(path)
        }
        Op::Rename { dst, .. } | Op::Copy { dst, .. } => Some(dst),
        _ => None,
    }
}

fn has_file_ancestor(oracle: &MemoryBackend, path: &RemotePath) -> bool {
    let mut ancestor = path.parent();
    while let Some(folder) = ancestor {
        if oracle.is_file(&folder).unwrap_or(false) {
            return true;
        }
        ancestor = folder.parent();
    }
    false
}

/// Whether the configuration leaves `op` out of the comparison.
fn skipped(subject: &dyn Backend, oracle: &MemoryBackend, op: &Op, config: &OracleConfig) -> bool {
    let caps = subject.capabilities();
    if !op.needs().iter().all(|&cap| caps.supports(cap)) {
        return true;
    }
    !config.rejects_write_under_file_ancestor
        && destination(op).is_some_and(|dst| has_file_ancestor(oracle, dst))
}

/// Deletes every folder of `oracle` whose subtree holds no file, so it
/// matches a backend whose folders are implied by keys.
pub fn prune_empty_folders(oracle: &MemoryBackend) {
    let Ok(folders) = walk_folders(oracle, &RemotePath::root()) else {
        return;
    };
    for folder in folders {
        let Ok(path) = RemotePath::parse(&folder) else {
            continue;
        };
        if oracle
            .get_folder_info(&path)
            .is_ok_and(|info| info.file_count == 0)
        {
            let _ = oracle.delete_folder(&path, DeleteFolderOptions::new().recursive(true));
        }
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(a non-string panic payload)".to_owned())
}

/// Runs `op` on `subject` and on `oracle`, compares the outcomes, then the
/// two whole states. Timestamps are never compared; listings are compared
/// in order only with [`OracleConfig::ordered_listings`].
pub fn apply(
    subject: &dyn Backend,
    oracle: &MemoryBackend,
    op: &Op,
    config: &OracleConfig,
) -> std::result::Result<Outcome, Divergence> {
    if skipped(subject, oracle, op, config) {
        return Ok(Outcome::Skipped);
    }
    let expected = run_op(oracle, op);
    let found = catch_unwind(AssertUnwindSafe(|| run_op(subject, op)))
        .map_err(|payload| Divergence::Panic(panic_message(&*payload)))?;
    if config.implied_folders {
        prune_empty_folders(oracle);
    }
    let (mut expected, found) = if config.ordered_listings {
        (expected, found)
    } else {
        (expected.sorted(), found.sorted())
    };
    forget_unlisted_metadata_in_outcome(&mut expected, &found);
    if expected != found {
        return Err(Divergence::Outcome {
            expected: Box::new(expected),
            found: Box::new(found),
        });
    }
    compare_states(subject, oracle)?;
    Ok(found)
}

fn compare_states(
    subject: &dyn Backend,
    oracle: &MemoryBackend,
) -> std::result::Result<(), Divergence> {
    let mut expected = state(oracle).expect("the oracle's state is always readable");
    let found = catch_unwind(AssertUnwindSafe(|| state(subject)))
        .map_err(|payload| Divergence::Panic(panic_message(&*payload)))?;
    let caps = subject.capabilities();
    if !caps.supports(Capability::LIST) {
        expected.files.clear();
        expected.folders.clear();
    }
    for entry in expected.entries.values_mut() {
        if let Entry::File(content, metadata) = entry {
            if !caps.supports(Capability::READ) {
                content.clear();
            }
            if !caps.supports(Capability::METADATA) {
                *metadata = None;
            }
        }
    }
    if let Ok(found) = &found {
        forget_unlisted_metadata(expected.files.iter_mut(), found.files.iter());
    }
    match found {
        Ok(found) if found == expected => Ok(()),
        found => Err(Divergence::State {
            expected: Box::new(expected),
            found: found.map(Box::new).map_err(|e| e.to_string()),
        }),
    }
}

/// User metadata must round-trip through `get_file_info` (contract WR-013,
/// compared in [`State::entries`]); a listing's `FileInfo` may leave it out
/// (an object store's LIST returns none). So when the subject's listing
/// reports no metadata at all, the oracle's is compared without it; a
/// listing that reports some is compared in full.
fn forget_unlisted_metadata<'a>(
    expected: impl Iterator<Item = &'a mut FileView>,
    found: impl Iterator<Item = &'a FileView>,
) {
    if found.into_iter().all(|file| file.metadata.is_none()) {
        expected.for_each(|file| file.metadata = None);
    }
}

/// [`forget_unlisted_metadata`] for the listing an op returned.
fn forget_unlisted_metadata_in_outcome(expected: &mut Outcome, found: &Outcome) {
    fn files(children: &[ChildView]) -> impl Iterator<Item = &FileView> {
        children.iter().filter_map(|child| match child {
            ChildView::File(file) => Some(file),
            ChildView::Folder(_) => None,
        })
    }
    match (expected, found) {
        (Outcome::Files(expected), Outcome::Files(found)) => {
            forget_unlisted_metadata(expected.iter_mut(), found.iter());
        }
        (Outcome::Children(expected), Outcome::Children(found)) => {
            let expected = expected.iter_mut().filter_map(|child| match child {
                ChildView::File(file) => Some(file),
                ChildView::Folder(_) => None,
            });
            forget_unlisted_metadata(expected, files(found));
        }
        _ => {}
    }
}

/// A divergence at one step of a sequence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepDivergence {
    /// The index of the op that diverged.
    pub step: usize,
    /// How it diverged.
    pub divergence: Divergence,
}

/// Runs `ops` in order on `subject` and on a fresh oracle, stopping at the
/// first divergence. `subject` must start empty.
pub fn run_ops(
    subject: &dyn Backend,
    ops: &[Op],
    config: &OracleConfig,
) -> std::result::Result<(), StepDivergence> {
    let oracle = MemoryBackend::new();
    for (step, op) in ops.iter().enumerate() {
        apply(subject, &oracle, op, config)
            .map_err(|divergence| StepDivergence { step, divergence })?;
    }
    Ok(())
}

/// A sequence of ops after which the subject departs from the oracle,
/// shrunk by proptest (or as a fuzz input gave them), and how it departed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counterexample {
    /// The ops, up to and including the one that diverged.
    pub ops: Vec<Op>,
    /// How the last op diverged.
    pub divergence: StepDivergence,
}

impl fmt::Display for Counterexample {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "the backend departs from the memory oracle after {} op(s):",
            self.ops.len()
        )?;
        for (i, op) in self.ops.iter().enumerate() {
            writeln!(f, "  {i:>3}: {op:?}")?;
        }
        write!(f, "{}", self.divergence.divergence)
    }
}
