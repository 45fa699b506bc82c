//! [`apply`]: one op on the subject and on the oracle, compared; and the
//! full-state check that follows every step.

use std::collections::BTreeSet;
use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};

use super::config::OracleConfig;
use super::op::{Op, Source};
use super::outcome::{ChildView, FileView, Outcome, run_op};
use super::state::{Entry, State, state, state_lines, surplus, walk_folders};
use super::timestamps::{self, Times};
use crate::backends::MemoryBackend;
use crate::{Backend, Capability, DeleteFolderOptions, ErrorKind, RemotePath};

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
    /// The memory oracle's path index disagrees with its tree, or its file
    /// or folder count with its listings: a bug of `MemoryBackend` itself.
    OracleIndex,
    /// The subject's file times broke a relation (see [`apply`]).
    Timestamps(Vec<String>),
    /// The sequence diverged once but not when replayed (a flaky backend),
    /// or the run was aborted; the message of the first run.
    NotReproduced(String),
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
            Divergence::Timestamps(broken) => {
                writeln!(f, "the timestamps break a relation:")?;
                for line in broken {
                    writeln!(f, "  {line}")?;
                }
                Ok(())
            }
            Divergence::OracleIndex => f.write_str(
                "the memory oracle's path index or counters disagree with its tree (a MemoryBackend bug)",
            ),
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

/// The refusal a backend may report instead of the content's I/O error (the
/// oracle's answer: it drains first) when a write's content fails *and* its
/// path would be refused: `InvalidPath` onto a folder or under a file,
/// `AlreadyExists` onto a file without `overwrite` (the `Backend` docs:
/// either error is correct). The root is refused first, so it is no double
/// fault.
fn double_fault_refusal(oracle: &MemoryBackend, op: &Op) -> Option<Outcome> {
    let (Op::Write {
        path,
        source: Source::FailingReader(_),
        overwrite,
        ..
    }
    | Op::WriteAtomic {
        path,
        source: Source::FailingReader(_),
        overwrite,
        ..
    }) = op
    else {
        return None;
    };
    if path.is_root() {
        return None;
    }
    let kind = if oracle.is_folder(path).unwrap_or(false) || has_file_ancestor(oracle, path) {
        ErrorKind::InvalidPath
    } else if !*overwrite && oracle.is_file(path).unwrap_or(false) {
        ErrorKind::AlreadyExists
    } else {
        return None;
    };
    Some(Outcome::Failed(kind, Some(path.as_str().to_owned())))
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

/// What a sequence has seen so far: the paths its ops named (with their
/// ancestors), which every state comparison probes, and the subject's
/// file times after the last step, for the timestamp relations.
#[derive(Clone, Debug, Default)]
pub struct Tracker {
    known: BTreeSet<RemotePath>,
    times: Times,
}

impl Tracker {
    /// Nothing known yet.
    pub fn new() -> Self {
        Self::default()
    }

    fn learn(&mut self, op: &Op) {
        for path in op.paths() {
            let mut next = Some(path.clone());
            while let Some(path) = next {
                next = path.parent();
                if !self.known.insert(path) {
                    break;
                }
            }
        }
    }
}

/// Runs `op` on `subject` and on `oracle`, compares the outcomes, then the
/// two whole states (every path `tracker` knows probed), then the
/// subject's timestamp relations (`rename` keeps a file's time, an
/// overwrite never moves it backwards, nothing else moves it). Timestamps
/// are never compared with the oracle's; listings are compared in order
/// only with [`OracleConfig::ordered_listings`].
pub fn apply(
    subject: &dyn Backend,
    oracle: &MemoryBackend,
    op: &Op,
    config: &OracleConfig,
    tracker: &mut Tracker,
) -> std::result::Result<Outcome, Divergence> {
    if skipped(subject, oracle, op, config) {
        return Ok(Outcome::Skipped);
    }
    let lowered;
    let op = if config.lowercase_metadata_keys {
        lowered = op.with_lowercase_metadata_keys();
        &lowered
    } else {
        op
    };
    let double_fault = double_fault_refusal(oracle, op);
    tracker.learn(op);
    let expected = run_op(oracle, op);
    let found = catch_unwind(AssertUnwindSafe(|| run_op(subject, op)))
        .map_err(|payload| Divergence::Panic(panic_message(&*payload)))?;
    if config.implied_folders {
        prune_empty_folders(oracle);
    }
    let found = match op {
        Op::ListFiles {
            path,
            recursive: true,
            max_depth: Some(depth),
        } if !config.exact_max_depth => found.within_depth(path, *depth),
        _ => found,
    };
    let (mut expected, found) = if config.ordered_listings {
        (expected, found)
    } else {
        (expected.sorted(), found.sorted())
    };
    forget_unlisted_metadata_in_outcome(&mut expected, &found);
    if expected != found && double_fault.is_none_or(|refusal| found != refusal) {
        return Err(Divergence::Outcome {
            expected: Box::new(expected),
            found: Box::new(found),
        });
    }
    let times = compare_states(subject, oracle, &tracker.known)?;
    let rename_keeps_time = subject.capabilities().supports(Capability::ATOMIC_MOVE);
    let broken = timestamps::check(op, &found, &tracker.times, &times, rename_keeps_time);
    if !broken.is_empty() {
        return Err(Divergence::Timestamps(broken));
    }
    tracker.times = times;
    Ok(found)
}

/// Whether `memory`'s path index agrees with its tree and its O(1)
/// counters with its `state`.
pub(super) fn memory_is_consistent(memory: &MemoryBackend, state: &State) -> bool {
    memory.__index_agrees_with_tree()
        && memory.file_count() == state.files.len()
        && memory.folder_count() == state.folders.len()
}

/// Compares the states; returns the subject's file times.
fn compare_states(
    subject: &dyn Backend,
    oracle: &MemoryBackend,
    known: &BTreeSet<RemotePath>,
) -> std::result::Result<Times, Divergence> {
    let mut expected = state(oracle, known).expect("the oracle's state is always readable");
    if !memory_is_consistent(oracle, &expected) {
        return Err(Divergence::OracleIndex);
    }
    let found = catch_unwind(AssertUnwindSafe(|| state(subject, known)))
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
        Ok(found) if found == expected => Ok(found.modified),
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
    let mut tracker = Tracker::new();
    for (step, op) in ops.iter().enumerate() {
        apply(subject, &oracle, op, config, &mut tracker)
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
