//! Listings over real directories, in MemoryBackend's order.
//!
//! Each folder is opened by handle from its parent (never through a link),
//! read whole into a sorted list of names (byte order), and its entries are
//! inspected relative to that handle as they are yielded; a walk holds one
//! handle per level of depth. Symbolic links, special files, reserved names
//! and names that are no valid key are skipped. An entry that vanishes (or
//! stops being what it was) mid-listing is skipped; any other I/O failure is
//! yielded as an error item.

use std::io;
use std::vec;

use super::dir::{Dir, EntryType, FileStat, Node};
use super::errors::map_io;
use super::paths::listable_name;
use crate::{Child, FileInfo, FolderEntry, FolderInfo, RemotePath, Result};

/// The kind of a listed entry.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum EntryKind {
    File,
    Folder,
}

/// The listable entries of `dir`, sorted by name.
fn read_sorted(dir: &Dir) -> io::Result<Vec<(String, EntryKind)>> {
    let mut entries = Vec::new();
    for entry in dir.entries()? {
        let Some(name) = listable_name(&entry.name) else {
            continue;
        };
        let kind = match entry.kind {
            EntryType::Folder => EntryKind::Folder,
            EntryType::File => EntryKind::File,
            EntryType::Other => continue,
            EntryType::Unknown => match dir.node(&name)? {
                Some(Node::Folder) => EntryKind::Folder,
                Some(Node::File(_)) => EntryKind::File,
                Some(Node::Foreign) | None => continue,
            },
        };
        entries.push((name, kind));
    }
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Ok(entries)
}

/// The `FileInfo` of a regular file; local files carry no user metadata.
pub(super) fn file_info(path: RemotePath, stat: &FileStat) -> FileInfo {
    FileInfo {
        name: path.name().to_owned(),
        size: stat.size,
        modified_at: stat.modified,
        digest: None,
        etag: None,
        content_type: None,
        metadata: None,
        path,
    }
}

/// The `FileInfo` of a listed file, `None` when it vanished or is no longer a
/// regular file.
fn listed_file(dir: &Dir, name: &str, path: RemotePath) -> Option<Result<FileInfo>> {
    match dir.node(name) {
        Ok(Some(Node::File(stat))) => Some(Ok(file_info(path, &stat))),
        Ok(_) => None,
        Err(e) => Some(Err(map_io(e, &path, "inspecting a listed file"))),
    }
}

/// The sorted entries of a folder about to be walked; a folder that
/// vanished lists nothing.
fn read_top(dir: &Dir, key: &RemotePath) -> Result<Vec<(String, EntryKind)>> {
    match read_sorted(dir) {
        Ok(entries) => Ok(entries),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(map_io(e, key, "listing the folder")),
    }
}

fn child_key(prefix: &RemotePath, name: &str) -> RemotePath {
    prefix.join_path(&RemotePath::from_valid_segment(name))
}

/// One directory being walked.
struct Level {
    key: RemotePath,
    dir: Dir,
    depth: usize,
    entries: vec::IntoIter<(String, EntryKind)>,
}

/// Files below a directory in depth-first pre-order, entries by name.
pub(super) struct FileWalk {
    stack: Vec<Level>,
    recursive: bool,
    max_depth: Option<usize>,
}

impl FileWalk {
    /// Reads the top directory now, so that its failure is the listing's.
    pub fn new(
        key: RemotePath,
        dir: Dir,
        recursive: bool,
        max_depth: Option<usize>,
    ) -> Result<Self> {
        let entries = read_top(&dir, &key)?;
        Ok(FileWalk {
            stack: vec![Level {
                key,
                dir,
                depth: 0,
                entries: entries.into_iter(),
            }],
            recursive,
            max_depth,
        })
    }
}

impl Iterator for FileWalk {
    type Item = Result<FileInfo>;

    fn next(&mut self) -> Option<Result<FileInfo>> {
        loop {
            let level = self.stack.last_mut()?;
            let Some((name, kind)) = level.entries.next() else {
                self.stack.pop();
                continue;
            };
            let key = child_key(&level.key, &name);
            match kind {
                EntryKind::File => match listed_file(&level.dir, &name, key) {
                    Some(item) => return Some(item),
                    None => continue,
                },
                EntryKind::Folder => {
                    let depth = level.depth;
                    if !self.recursive || self.max_depth.is_some_and(|max| depth >= max) {
                        continue;
                    }
                    let child = match level.dir.open_dir(&name) {
                        Ok(child) => child,
                        // Gone, or no longer a folder (a link swapped in): skipped.
                        Err(e) => match level.dir.node(&name) {
                            Ok(Some(Node::Folder)) => {
                                return Some(Err(map_io(e, &key, "opening a folder")));
                            }
                            _ => continue,
                        },
                    };
                    match read_sorted(&child) {
                        Ok(entries) => self.stack.push(Level {
                            key,
                            dir: child,
                            depth: depth + 1,
                            entries: entries.into_iter(),
                        }),
                        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                        Err(e) => return Some(Err(map_io(e, &key, "listing a folder"))),
                    }
                }
            }
        }
    }
}

/// The immediate children of a directory, by name.
pub(super) struct ChildWalk {
    key: RemotePath,
    dir: Dir,
    entries: vec::IntoIter<(String, EntryKind)>,
}

impl ChildWalk {
    /// Reads the directory now; `only` keeps one kind of entry.
    pub fn new(key: RemotePath, dir: Dir, only: Option<EntryKind>) -> Result<Self> {
        let mut entries = read_top(&dir, &key)?;
        if let Some(only) = only {
            entries.retain(|(_, kind)| *kind == only);
        }
        Ok(ChildWalk {
            key,
            dir,
            entries: entries.into_iter(),
        })
    }
}

impl Iterator for ChildWalk {
    type Item = Result<Child>;

    fn next(&mut self) -> Option<Result<Child>> {
        loop {
            let (name, kind) = self.entries.next()?;
            let key = child_key(&self.key, &name);
            match kind {
                EntryKind::Folder => return Some(Ok(Child::Folder(FolderEntry::new(key)))),
                EntryKind::File => {
                    if let Some(item) = listed_file(&self.dir, &name, key) {
                        return Some(item.map(Child::File));
                    }
                }
            }
        }
    }
}

/// File count, total size and newest mtime of the whole subtree of `dir`.
pub(super) fn folder_info(key: RemotePath, dir: Dir) -> Result<FolderInfo> {
    let mut info = FolderInfo {
        path: key.clone(),
        file_count: 0,
        total_size: 0,
        modified_at: None,
    };
    let files = FileWalk::new(key, dir, true, None)?;
    for file in files {
        let file = file?;
        info.file_count += 1;
        info.total_size += file.size;
        info.modified_at = info.modified_at.max(Some(file.modified_at));
    }
    Ok(info)
}
