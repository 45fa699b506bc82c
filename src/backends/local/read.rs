//! Opening files for reading, lazily and without following symbolic links.

use std::fs::{self, File};
use std::io::{self, BufReader, Read};

use bytes::Bytes;

use super::errors::{attribute, file_not_found, map_io, not_a_file, not_followed};
use super::paths::{Probe, Root};
use crate::{Error, RemotePath, Result};

/// The metadata of the regular file at `path`, with the read-side errors:
/// `InvalidPath` for a folder or the root, `NotFound` for a missing path or one
/// under a file, `InvalidPath` for a symbolic link or special file.
pub(super) fn file_metadata(root: &Root, path: &RemotePath) -> Result<fs::Metadata> {
    match root.probe(path)? {
        Probe::File(metadata) => Ok(metadata),
        Probe::Folder => Err(not_a_file(path)),
        Probe::Foreign { at } => Err(not_followed(path, at)),
        Probe::Missing { .. } | Probe::UnderFile { .. } => Err(file_not_found(path)),
    }
}

/// How often a file replaced between the probe and the open (by a
/// concurrent write, which publishes by rename) is probed and opened again.
const OPEN_ATTEMPTS: usize = 8;

/// Probes `path` and opens the regular file found there, returning the
/// handle and its own metadata. The opened handle must be the probed file
/// (same device and inode on Unix): if the path was swapped in between, it
/// is probed again, so a symbolic link swapped in is refused by the probe,
/// and a file atomically replaced by a concurrent write is read whole.
pub(super) fn open_file(root: &Root, path: &RemotePath) -> Result<(File, fs::Metadata)> {
    for _ in 0..OPEN_ATTEMPTS {
        let probed = file_metadata(root, path)?;
        let file = File::open(root.native(path)?).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound | io::ErrorKind::NotADirectory => file_not_found(path),
            io::ErrorKind::IsADirectory => not_a_file(path),
            _ => map_io(e, path, "opening the file"),
        })?;
        let opened = file
            .metadata()
            .map_err(|e| map_io(e, path, "inspecting the opened file"))?;
        if opened.is_file() && same_file(&probed, &opened) {
            return Ok((file, opened));
        }
    }
    Err(attribute(Error::invalid_path(
        path.as_str(),
        format!("'{path}' kept changing while it was opened; refusing to follow it"),
    )))
}

#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
fn same_file(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    true
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
