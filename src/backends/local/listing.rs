//! Listings over real directories, in MemoryBackend's order.
//!
//! Each directory is read whole into a sorted list of names (byte order) and
//! its handle closed before anything is yielded, so a listing never holds a
//! directory open between items, whatever its depth. Files are `lstat`ed as
//! they are yielded. Symbolic links, special files, temporary files and names
//! that are no valid key are skipped. An entry that vanishes mid-listing is
//! skipped; any other I/O failure is yielded as an error item.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::vec;

use super::errors::map_io;
use super::paths::listable_name;
use crate::{Child, FileInfo, FolderEntry, FolderInfo, RemotePath, Result};

/// The kind of a listed entry, from the directory entry (no `stat` needed).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum EntryKind {
    File,
    Folder,
}

/// The listable entries of `dir`, sorted by name.
pub(super) fn read_sorted(dir: &Path) -> io::Result<Vec<(String, EntryKind)>> {
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let Some(name) = listable_name(&entry.file_name()) else {
            continue;
        };
        let file_type = match entry.file_type() {
            Ok(file_type) => file_type,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        if file_type.is_dir() {
            entries.push((name, EntryKind::Folder));
        } else if file_type.is_file() {
            entries.push((name, EntryKind::File));
        }
    }
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Ok(entries)
}

/// Whether an error while listing means the thing listed is gone.
fn vanished(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
    )
}

/// The `FileInfo` of a regular file; local files carry no user metadata.
pub(super) fn file_info(path: RemotePath, metadata: &fs::Metadata) -> Result<FileInfo> {
    let modified_at = metadata
        .modified()
        .map_err(|e| map_io(e, &path, "reading the modification time"))?;
    Ok(FileInfo {
        name: path.name().to_owned(),
        size: metadata.len(),
        modified_at,
        digest: None,
        etag: None,
        content_type: None,
        metadata: None,
        path,
    })
}

/// The `FileInfo` of a listed file, `None` when it vanished or is no longer a
/// regular file.
fn listed_file(native: &Path, path: RemotePath) -> Option<Result<FileInfo>> {
    match fs::symlink_metadata(native) {
        Ok(metadata) if metadata.is_file() => Some(file_info(path, &metadata)),
        Ok(_) => None,
        Err(e) if vanished(&e) => None,
        Err(e) => Some(Err(map_io(e, &path, "inspecting a listed file"))),
    }
}

fn child_key(prefix: &RemotePath, name: &str) -> RemotePath {
    prefix.join_path(&RemotePath::from_valid_segment(name))
}

/// One directory being walked.
struct Level {
    key: RemotePath,
    dir: PathBuf,
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
        dir: PathBuf,
        recursive: bool,
        max_depth: Option<usize>,
    ) -> Result<Self> {
        let entries = match read_sorted(&dir) {
            Ok(entries) => entries,
            Err(e) if vanished(&e) => Vec::new(),
            Err(e) => return Err(map_io(e, &key, "listing the folder")),
        };
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
            let native = level.dir.join(&name);
            match kind {
                EntryKind::File => match listed_file(&native, key) {
                    Some(item) => return Some(item),
                    None => continue,
                },
                EntryKind::Folder => {
                    let depth = level.depth;
                    if !self.recursive || self.max_depth.is_some_and(|max| depth >= max) {
                        continue;
                    }
                    match read_sorted(&native) {
                        Ok(entries) => self.stack.push(Level {
                            key,
                            dir: native,
                            depth: depth + 1,
                            entries: entries.into_iter(),
                        }),
                        Err(e) if vanished(&e) => {}
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
    dir: PathBuf,
    entries: vec::IntoIter<(String, EntryKind)>,
}

impl ChildWalk {
    /// Reads the directory now; `only` keeps one kind of entry.
    pub fn new(key: RemotePath, dir: PathBuf, only: Option<EntryKind>) -> Result<Self> {
        let mut entries = match read_sorted(&dir) {
            Ok(entries) => entries,
            Err(e) if vanished(&e) => Vec::new(),
            Err(e) => return Err(map_io(e, &key, "listing the folder")),
        };
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
                    if let Some(item) = listed_file(&self.dir.join(&name), key) {
                        return Some(item.map(Child::File));
                    }
                }
            }
        }
    }
}

/// File count, total size and newest mtime of the whole subtree of `dir`.
pub(super) fn folder_info(key: RemotePath, dir: PathBuf) -> Result<FolderInfo> {
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
