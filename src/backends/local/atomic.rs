//! Writes through a temporary file and a rename.
//!
//! A write stages its bytes in a temporary file of the staging folder
//! ([`super::staging`]), so nothing visible changes before the publish.
//! Publishing creates the missing parent folders and renames the temporary
//! file onto the target, relative to the target's folder handle: `renameat`
//! when overwriting, a no-clobber move otherwise, so a file that appears
//! concurrently is never clobbered. In durable mode the file is synced before
//! the rename and its folder (and every folder created) after. Every failure
//! deletes the temporary file and removes the folders this write created.

use std::fs;
use std::io::{self, Read, Write};

use super::errors::{
    attribute, file_exists, file_in_the_way, folder_in_the_way, map_io, not_followed, plain_io,
};
use super::paths::{Probe, Root};
use super::staging::{Published, TempFile, no_clobber_unsupported};
use crate::{
    AtomicWriter, Capability, Content, Error, RemotePath, Result, WriteOptions, WriteResult,
    WriteSource,
};

const CHUNK: usize = 64 * 1024;

/// Refuses user metadata: the local backend does not declare `USER_METADATA`
/// and never drops metadata silently.
pub(super) fn refuse_metadata(path: &RemotePath, options: &WriteOptions) -> Result<()> {
    if options.effective_metadata().is_none() {
        return Ok(());
    }
    Err(attribute(Error::CapabilityNotSupported {
        capability: Capability::USER_METADATA,
        path: path.as_str().to_owned(),
        backend: None,
        reason: "LocalBackend stores no user metadata".to_owned(),
    }))
}

/// The write preconditions in contract order, once the root is ruled out:
/// `InvalidPath` for a folder, a file-ancestor or a foreign node; then
/// `AlreadyExists` for a file without `overwrite`.
pub(super) fn check_target(path: &RemotePath, probe: &Probe, overwrite: bool) -> Result<()> {
    match probe {
        Probe::Folder => Err(folder_in_the_way(path)),
        Probe::UnderFile { blocker } => Err(file_in_the_way(path, *blocker)),
        Probe::Foreign { at } => Err(not_followed(path, *at)),
        Probe::File(_) if !overwrite => Err(file_exists(path)),
        Probe::File(_) | Probe::Missing => Ok(()),
    }
}

/// Consumes a reader that will not be written, as MemoryBackend does: a reader
/// that fails reports [`Error::Io`], otherwise `refusal` stands.
pub(super) fn drain_then(content: Content<'_>, path: &RemotePath, refusal: Error) -> Error {
    match content {
        Content::Bytes(_) => refusal,
        Content::Reader(mut reader) => match io::copy(&mut reader, &mut io::sink()) {
            Ok(_) => refusal,
            Err(e) => plain_io(e, path, "reading the content to write"),
        },
    }
}

/// Copies `content` into the staging file; a failing reader is [`Error::Io`].
pub(super) fn fill(temp: &mut TempFile, content: Content<'_>, path: &RemotePath) -> Result<()> {
    let write_error = |e| map_io(e, path, "writing the temporary file");
    match content {
        Content::Bytes(bytes) => temp.file().write_all(&bytes).map_err(write_error),
        Content::Reader(mut reader) => {
            let mut buffer = vec![0u8; CHUNK];
            loop {
                let read = match reader.read(&mut buffer) {
                    Ok(0) => return Ok(()),
                    Ok(read) => read,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(plain_io(e, path, "reading the content to write")),
                };
                temp.file()
                    .write_all(&buffer[..read])
                    .map_err(write_error)?;
            }
        }
    }
}

/// Reads everything from `reader` into `temp` (used by `copy`).
pub(super) fn fill_from(
    temp: &mut TempFile,
    reader: &mut impl Read,
    path: &RemotePath,
) -> Result<()> {
    io::copy(reader, temp.file())
        .map(drop)
        .map_err(|e| plain_io(e, path, "copying the file"))
}

/// Publishes the staging file at `path`: creates the missing parents, then
/// renames (no-clobber unless `overwrite`). Returns the published file's
/// metadata, taken from the staging file's own handle.
pub(super) fn publish(
    root: &Root,
    path: &RemotePath,
    mut temp: TempFile,
    overwrite: bool,
) -> Result<fs::Metadata> {
    let metadata = temp
        .file()
        .metadata()
        .map_err(|e| map_io(e, path, "reading the temporary file's metadata"))?;
    let (parent, created) = root.ensure_parent(path)?;
    let error = match temp.publish(&parent, path.name(), overwrite, root.durable) {
        Published::Done => {
            if root.durable {
                let synced = parent.sync().and_then(|()| created.sync());
                synced.map_err(|e| map_io(e, path, "syncing the folder"))?;
            }
            return Ok(metadata);
        }
        Published::Failed(e) => publish_error(e, path, &parent),
        Published::Unsupported(e) => no_clobber_unsupported(e, path),
    };
    created.undo();
    Err(error)
}

/// Maps a failed rename onto the target to the contract's error.
fn publish_error(error: io::Error, path: &RemotePath, parent: &super::dir::Dir) -> Error {
    let target_is_folder = matches!(parent.node(path.name()), Ok(Some(super::dir::Node::Folder)));
    match error.kind() {
        _ if target_is_folder => folder_in_the_way(path),
        io::ErrorKind::AlreadyExists => file_exists(path),
        // The staging file or a folder vanished: not the target's absence.
        io::ErrorKind::NotFound => plain_io(error, path, "publishing the temporary file"),
        _ => map_io(error, path, "publishing the temporary file"),
    }
}

/// The write result of a published file: native, timed by the file's mtime.
pub(super) fn write_result(path: &RemotePath, metadata: &fs::Metadata) -> Result<WriteResult> {
    let modified = metadata
        .modified()
        .map_err(|e| map_io(e, path, "reading the modification time"))?;
    Ok(WriteResult {
        path: path.clone(),
        size: metadata.len(),
        source: WriteSource::Native,
        digest: None,
        etag: None,
        version_id: None,
        last_modified: Some(modified),
        metadata: None,
    })
}

/// Stages, fills and publishes `content` at `path`, in contract order.
pub(super) fn write_file(
    root: &Root,
    path: &RemotePath,
    content: Content<'_>,
    options: &WriteOptions,
) -> Result<WriteResult> {
    if path.is_root() {
        return Err(super::errors::empty_file_path(path));
    }
    refuse_metadata(path, options)?;
    let probe = match root.locate(path) {
        Ok(located) => located.probe,
        Err(refusal) => return Err(drain_then(content, path, refusal)),
    };
    if let Err(refusal) = check_target(path, &probe, options.overwrite) {
        return Err(drain_then(content, path, refusal));
    }
    let mut temp = TempFile::create(root, path)?;
    fill(&mut temp, content, path)?;
    let metadata = publish(root, path, temp, options.overwrite)?;
    write_result(path, &metadata)
}

/// The `open_atomic` writer: a staging file, published at commit after the
/// write preconditions are checked again; dropping it deletes the file.
pub(super) struct LocalAtomicWriter<'a> {
    root: &'a Root,
    path: RemotePath,
    overwrite: bool,
    temp: TempFile,
    position: u64,
}

impl<'a> LocalAtomicWriter<'a> {
    /// Checks what `open_atomic` reports on entry (like MemoryBackend: the
    /// root and `AlreadyExists`; the other preconditions wait for commit) and
    /// stages a temporary file.
    pub fn open(root: &'a Root, path: &RemotePath, options: &WriteOptions) -> Result<Self> {
        if path.is_root() {
            return Err(super::errors::empty_file_path(path));
        }
        refuse_metadata(path, options)?;
        let probe = root.locate(path)?.probe;
        if matches!(probe, Probe::File(_)) && !options.overwrite {
            return Err(file_exists(path));
        }
        let temp = TempFile::create(root, path)?;
        Ok(LocalAtomicWriter {
            root,
            path: path.clone(),
            overwrite: options.overwrite,
            temp,
            position: 0,
        })
    }
}

impl Write for LocalAtomicWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.temp.file().write(buf)?;
        self.position += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.temp.file().flush()
    }
}

impl AtomicWriter for LocalAtomicWriter<'_> {
    fn position(&self) -> u64 {
        self.position
    }

    fn commit(self: Box<Self>) -> Result<WriteResult> {
        let LocalAtomicWriter {
            root,
            path,
            overwrite,
            temp,
            ..
        } = *self;
        let probe = root.locate(&path)?.probe;
        check_target(&path, &probe, overwrite)?;
        let metadata = publish(root, &path, temp, overwrite)?;
        write_result(&path, &metadata)
    }
}
