//! Opening files for reading, lazily and without following symbolic links.

use std::fs::{self, File};
use std::io::{BufReader, Read};

use bytes::Bytes;

use super::dir::{FileStat, Node};
use super::errors::{file_not_found, map_io, not_a_file, not_followed};
use super::paths::{Probe, Root};
use crate::{Error, RemotePath, Result};

/// The size and mtime of the regular file at `path`, with the read-side
/// errors: `InvalidPath` for a folder or the root, `NotFound` for a missing
/// path or one under a file, `InvalidPath` for a symbolic link or special file.
pub(super) fn file_stat(root: &Root, path: &RemotePath) -> Result<FileStat> {
    match root.locate(path)?.probe {
        Probe::File(stat) => Ok(stat),
        probe => Err(not_a_regular_file(path, &probe)),
    }
}

fn not_a_regular_file(path: &RemotePath, probe: &Probe) -> Error {
    match probe {
        Probe::Folder | Probe::File(_) => not_a_file(path),
        Probe::Foreign { at } => not_followed(path, *at),
        Probe::Missing | Probe::UnderFile { .. } => file_not_found(path),
    }
}

/// Opens the regular file at `path` relative to its folder's handle, with
/// `O_NOFOLLOW`, and returns it with its own metadata. What was opened is
/// checked, not what was probed: a link swapped in is refused by the open, a
/// folder or special file by the check of the opened handle.
pub(super) fn open_file(root: &Root, path: &RemotePath) -> Result<(File, fs::Metadata)> {
    let located = root.locate(path)?;
    if !matches!(located.probe, Probe::File(_)) {
        return Err(not_a_regular_file(path, &located.probe));
    }
    let file =
        located
            .dir
            .open_file(path.name())
            .map_err(|e| match located.dir.node(path.name()) {
                Ok(None) => file_not_found(path),
                Ok(Some(Node::Foreign)) => not_followed(path, path.depth() - 1),
                Ok(Some(Node::Folder)) => not_a_file(path),
                Ok(Some(Node::File(_))) | Err(_) => map_io(e, path, "opening the file"),
            })?;
    let opened = file
        .metadata()
        .map_err(|e| map_io(e, path, "inspecting the opened file"))?;
    if opened.is_file() {
        Ok((file, opened))
    } else if opened.is_dir() {
        Err(not_a_file(path))
    } else {
        Err(not_followed(path, path.depth() - 1))
    }
}

/// A buffered, seekable reader over the open file: bytes come from disk as
/// they are read.
pub(super) fn open_reader(root: &Root, path: &RemotePath) -> Result<BufReader<File>> {
    Ok(BufReader::new(open_file(root, path)?.0))
}

/// The whole content of the file.
pub(super) fn read_all(root: &Root, path: &RemotePath) -> Result<Bytes> {
    let (mut file, metadata) = open_file(root, path)?;
    let capacity = usize::try_from(metadata.len()).unwrap_or(0);
    let mut content = Vec::with_capacity(capacity);
    file.read_to_end(&mut content)
        .map_err(|e| map_io(e, path, "reading the file"))?;
    Ok(Bytes::from(content))
}
