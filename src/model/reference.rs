//! [`Reference`]: a deliberately naive model of `MemoryBackend`, written
//! for clarity, not speed, so that the oracle itself is checked.
//!
//! One sorted map from full path (`"a/b/c"`) to what is there; the root is
//! implicit. Every op is computed from the contract's rules directly on
//! that map, with none of memory's machinery (no tree, no index, no
//! snapshots, no locks). [`check_memory_against_reference`] runs ops on a
//! `MemoryBackend` and on a `Reference` and compares every outcome, the
//! whole state, and memory's timestamp relations.

use std::collections::{BTreeMap, BTreeSet};

use bytes::Bytes;

use super::harness::{Divergence, StepDivergence, memory_is_consistent};
use super::op::{Op, Source};
use super::outcome::{ChildView, Data, FileView, Outcome, run_op};
use super::state::{Entry, State, state};
use super::timestamps::{self, Times};
use crate::backends::MemoryBackend;
use crate::{ErrorKind, Metadata, RemotePath};

/// What is stored at one path.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Node {
    Folder,
    File(Bytes, Option<Metadata>),
}

/// The naive reference: a sorted map of full paths.
#[derive(Clone, Debug, Default)]
pub struct Reference {
    nodes: BTreeMap<String, Node>,
}

type Answer = Result<Outcome, (ErrorKind, String)>;

fn fail<T>(kind: ErrorKind, path: &RemotePath) -> Result<T, (ErrorKind, String)> {
    Err((kind, path.as_str().to_owned()))
}

/// The parent folder of `path`, `""` for a top-level path.
fn parent(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// Whether `path` is strictly below `folder` (everything is below the root).
fn below(path: &str, folder: &str) -> bool {
    folder.is_empty()
        || path
            .strip_prefix(folder)
            .is_some_and(|r| r.starts_with('/'))
}

fn view(path: &str, size: usize, metadata: &Option<Metadata>) -> FileView {
    FileView {
        path: path.to_owned(),
        name: path.rsplit('/').next().unwrap_or(path).to_owned(),
        size: size as u64,
        metadata: metadata.clone(),
    }
}

/// How many bytes a write's content reader yields before it fails, if it
/// fails: a `FailingReader(n)` fails once it has given `n` bytes, unless the
/// content ended first.
fn reader_fails(source: Source, content: &Bytes) -> bool {
    matches!(source, Source::FailingReader(limit) if limit <= content.len())
}

impl Reference {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    fn is_folder(&self, path: &str) -> bool {
        path.is_empty() || self.nodes.get(path) == Some(&Node::Folder)
    }

    fn file(&self, path: &str) -> Option<(&Bytes, &Option<Metadata>)> {
        match self.nodes.get(path) {
            Some(Node::File(content, metadata)) => Some((content, metadata)),
            _ => None,
        }
    }

    /// The files and folders strictly below `folder`, in path order.
    fn subtree<'a>(&'a self, folder: &'a str) -> impl Iterator<Item = (&'a String, &'a Node)> {
        self.nodes
            .iter()
            .filter(move |(path, _)| below(path, folder))
    }

    /// The direct children of `folder`.
    fn children<'a>(&'a self, folder: &'a str) -> impl Iterator<Item = (&'a String, &'a Node)> {
        self.subtree(folder)
            .filter(move |(path, _)| parent(path) == folder)
    }

    /// The content of the file at `path`, or the error a read gives.
    fn read(&self, path: &RemotePath) -> Result<Bytes, (ErrorKind, String)> {
        match self.file(path.as_str()) {
            Some((content, _)) => Ok(content.clone()),
            None if self.is_folder(path.as_str()) => fail(ErrorKind::InvalidPath, path),
            None => fail(ErrorKind::NotFound, path),
        }
    }

    /// Whether `path` may receive a file: the error if not (a file among
    /// its ancestors or a folder at it is `InvalidPath`, a file at it
    /// without `overwrite` is `AlreadyExists`, the root is `InvalidPath`).
    fn check_destination(
        &self,
        path: &RemotePath,
        overwrite: bool,
    ) -> Result<(), (ErrorKind, String)> {
        let text = path.as_str();
        let mut ancestor = parent(text);
        while !ancestor.is_empty() {
            if self.file(ancestor).is_some() {
                return fail(ErrorKind::InvalidPath, path);
            }
            ancestor = parent(ancestor);
        }
        match self.nodes.get(text) {
            _ if path.is_root() => fail(ErrorKind::InvalidPath, path),
            Some(Node::Folder) => fail(ErrorKind::InvalidPath, path),
            Some(Node::File(..)) if !overwrite => fail(ErrorKind::AlreadyExists, path),
            _ => Ok(()),
        }
    }

    /// Puts a file at `path`, creating its missing ancestor folders.
    fn put(&mut self, path: &RemotePath, content: Bytes, metadata: Option<Metadata>) {
        let mut ancestor = parent(path.as_str());
        while !ancestor.is_empty() {
            self.nodes.insert(ancestor.to_owned(), Node::Folder);
            ancestor = parent(ancestor);
        }
        self.nodes
            .insert(path.as_str().to_owned(), Node::File(content, metadata));
    }

    fn write(
        &mut self,
        path: &RemotePath,
        content: &Bytes,
        source: Source,
        overwrite: bool,
        metadata: &Option<Metadata>,
    ) -> Answer {
        if path.is_root() {
            return fail(ErrorKind::InvalidPath, path);
        }
        if reader_fails(source, content) {
            return fail(ErrorKind::Io, path);
        }
        self.check_destination(path, overwrite)?;
        let metadata = metadata.clone().filter(|m| !m.is_empty());
        self.put(path, content.clone(), metadata.clone());
        Ok(Outcome::Written(view(
            path.as_str(),
            content.len(),
            &metadata,
        )))
    }

    fn transfer(
        &mut self,
        src: &RemotePath,
        dst: &RemotePath,
        overwrite: bool,
        keep_source: bool,
    ) -> Answer {
        let Some((content, metadata)) = self.file(src.as_str()) else {
            let kind = if self.is_folder(src.as_str()) {
                ErrorKind::InvalidPath
            } else {
                ErrorKind::NotFound
            };
            return fail(kind, src);
        };
        let (content, metadata) = (content.clone(), metadata.clone());
        if src == dst {
            return Ok(Outcome::Done);
        }
        self.check_destination(dst, overwrite)?;
        self.put(dst, content, metadata);
        if !keep_source {
            self.nodes.remove(src.as_str());
        }
        Ok(Outcome::Done)
    }

    fn list_files(&self, path: &RemotePath, recursive: bool, max_depth: Option<usize>) -> Answer {
        let base = path.as_str();
        if !self.is_folder(base) {
            return Ok(Outcome::Files(Vec::new()));
        }
        let base_depth = path.depth();
        let files = self
            .subtree(base)
            .filter_map(|(p, node)| match node {
                Node::File(content, metadata) => Some(view(p, content.len(), metadata)),
                Node::Folder => None,
            })
            .filter(|f| {
                // The file's depth below the listed folder: 0 for a child.
                let depth = f.path.split('/').count() - 1 - base_depth;
                if recursive {
                    max_depth.is_none_or(|max| depth <= max)
                } else {
                    depth == 0
                }
            })
            .collect();
        Ok(Outcome::Files(files))
    }

    fn seek_script(content: &Bytes) -> Outcome {
        let len = content.len();
        let mut positions = vec![len as u64];
        let mut reads = Vec::new();
        let mut at = len / 2;
        for (to, limit) in [(None, Some(5)), (Some(-(len.min(2) as i64)), Some(3))] {
            if let Some(back) = to {
                at = (at as i64 + back) as usize;
            }
            positions.push(at as u64);
            let end = limit.map_or(len, |n| (at + n).min(len));
            reads.push(Data(content[at..end].to_vec()));
            at = end;
        }
        for from in [len - len.min(3), 0] {
            positions.push(from as u64);
            reads.push(Data(content[from..].to_vec()));
        }
        Outcome::Seeked { positions, reads }
    }

    /// Applies `op` and says what the contract makes it return.
    pub fn apply(&mut self, op: &Op) -> Outcome {
        self.answer(op)
            .unwrap_or_else(|(kind, path)| Outcome::Failed(kind, Some(path)))
    }

    fn answer(&mut self, op: &Op) -> Answer {
        let exists =
            |r: &Self, p: &RemotePath| r.is_folder(p.as_str()) || r.file(p.as_str()).is_some();
        Ok(match op {
            Op::Exists(p) => Outcome::Bool(exists(self, p)),
            Op::IsFile(p) => Outcome::Bool(self.file(p.as_str()).is_some()),
            Op::IsFolder(p) => Outcome::Bool(self.is_folder(p.as_str())),
            Op::Read(p) | Op::ReadBytes(p) => Outcome::Bytes(Data(self.read(p)?.to_vec())),
            Op::ReadSeekable(p) => Self::seek_script(&self.read(p)?),
            Op::Write {
                path,
                content,
                source,
                overwrite,
                metadata,
            }
            | Op::WriteAtomic {
                path,
                content,
                source,
                overwrite,
                metadata,
            } => self.write(path, content, *source, *overwrite, metadata)?,
            Op::OpenAtomic {
                path,
                content,
                overwrite,
                commit,
            } => {
                if path.is_root() {
                    return fail(ErrorKind::InvalidPath, path);
                }
                if !overwrite && self.file(path.as_str()).is_some() {
                    return fail(ErrorKind::AlreadyExists, path);
                }
                if !commit {
                    return Ok(Outcome::Done);
                }
                self.write(path, content, Source::Bytes, *overwrite, &None)?
            }
            Op::Delete { path, missing_ok } => {
                if path.is_root() || self.is_folder(path.as_str()) {
                    return fail(ErrorKind::InvalidPath, path);
                }
                if self.nodes.remove(path.as_str()).is_none() && !missing_ok {
                    return fail(ErrorKind::NotFound, path);
                }
                Outcome::Done
            }
            Op::DeleteFolder {
                path,
                recursive,
                missing_ok,
            } => {
                let text = path.as_str();
                if path.is_root() || self.file(text).is_some() {
                    return fail(ErrorKind::InvalidPath, path);
                }
                if !self.is_folder(text) {
                    return if *missing_ok {
                        Ok(Outcome::Done)
                    } else {
                        fail(ErrorKind::NotFound, path)
                    };
                }
                if !recursive && self.subtree(text).next().is_some() {
                    return fail(ErrorKind::DirectoryNotEmpty, path);
                }
                self.nodes.retain(|p, _| p != text && !below(p, text));
                Outcome::Done
            }
            Op::ListFiles {
                path,
                recursive,
                max_depth,
            } => self.list_files(path, *recursive, *max_depth)?,
            Op::ListFolders(p) => Outcome::Folders(
                self.children(p.as_str())
                    .filter(|(_, node)| **node == Node::Folder)
                    .map(|(path, _)| path.clone())
                    .collect(),
            ),
            Op::IterChildren(p) => Outcome::Children(
                self.children(p.as_str())
                    .map(|(path, node)| match node {
                        Node::Folder => ChildView::Folder(path.clone()),
                        Node::File(content, metadata) => {
                            ChildView::File(view(path, content.len(), metadata))
                        }
                    })
                    .collect(),
            ),
            Op::GetFileInfo(p) => {
                let content = self.read(p)?;
                let metadata = self.file(p.as_str()).and_then(|(_, m)| m.clone());
                Outcome::Info(view(p.as_str(), content.len(), &metadata))
            }
            Op::GetFolderInfo(p) => {
                if !self.is_folder(p.as_str()) {
                    let kind = if exists(self, p) {
                        ErrorKind::InvalidPath
                    } else {
                        ErrorKind::NotFound
                    };
                    return fail(kind, p);
                }
                let sizes: Vec<usize> = self
                    .subtree(p.as_str())
                    .filter_map(|(_, node)| match node {
                        Node::File(content, _) => Some(content.len()),
                        Node::Folder => None,
                    })
                    .collect();
                Outcome::FolderInfo(
                    p.as_str().to_owned(),
                    sizes.len() as u64,
                    sizes.iter().sum::<usize>() as u64,
                )
            }
            Op::Rename {
                src,
                dst,
                overwrite,
            } => self.transfer(src, dst, *overwrite, false)?,
            Op::Copy {
                src,
                dst,
                overwrite,
            } => self.transfer(src, dst, *overwrite, true)?,
            Op::KeyRoundTrip(p) => Outcome::Key(p.as_str().to_owned()),
            Op::CheckHealth => Outcome::Done,
        })
    }

    /// The state a backend holding what this reference holds shows (see
    /// [`State`]), probing `known` paths; no timestamps.
    pub fn state<'a>(&self, known: impl IntoIterator<Item = &'a RemotePath>) -> State {
        let mut state = State::default();
        for path in known.into_iter().filter(|p| !p.is_root()) {
            let entry = match self.nodes.get(path.as_str()) {
                Some(Node::Folder) => Entry::Folder,
                Some(Node::File(content, metadata)) => {
                    Entry::File(content.clone(), metadata.clone())
                }
                None => continue,
            };
            state.entries.insert(path.as_str().to_owned(), entry);
        }
        for (path, node) in &self.nodes {
            match node {
                Node::Folder => state.folders.push(path.clone()),
                Node::File(content, metadata) => {
                    state.files.push(view(path, content.len(), metadata))
                }
            }
        }
        state.files.sort();
        state
    }
}

/// Runs `ops` on a fresh `MemoryBackend` and a fresh [`Reference`],
/// comparing after every op the outcome (listings as sets), the whole
/// state (every path the ops named, and their ancestors), memory's
/// path-index consistency and its timestamp relations; stops at the first
/// difference.
pub fn check_memory_against_reference(ops: &[Op]) -> Result<(), StepDivergence> {
    let memory = MemoryBackend::new();
    let mut reference = Reference::new();
    let mut known: BTreeSet<RemotePath> = BTreeSet::new();
    let mut times = Times::new();
    for (step, op) in ops.iter().enumerate() {
        let at = |divergence| StepDivergence { step, divergence };
        for path in op.paths() {
            known.extend(std::iter::successors(
                Some(path.clone()),
                RemotePath::parent,
            ));
        }
        let expected = reference.apply(op).sorted();
        let outcome = run_op(&memory, op).sorted();
        if expected != outcome {
            return Err(at(Divergence::Outcome {
                expected: Box::new(expected),
                found: Box::new(outcome),
            }));
        }
        let expected = reference.state(&known);
        let found = state(&memory, &known).map_err(|e| e.to_string());
        if found
            .as_ref()
            .is_ok_and(|found| !memory_is_consistent(&memory, found))
        {
            return Err(at(Divergence::OracleIndex));
        }
        match found {
            Ok(found) if found == expected => {
                let broken = timestamps::check(op, &outcome, &times, &found.modified, true);
                if !broken.is_empty() {
                    return Err(at(Divergence::Timestamps(broken)));
                }
                times = found.modified;
            }
            found => {
                return Err(at(Divergence::State {
                    expected: Box::new(expected),
                    found: found.map(Box::new),
                }));
            }
        }
    }
    Ok(())
}
