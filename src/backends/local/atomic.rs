//! Writes through a temporary file and a rename.
//!
//! A write stages its bytes in a [`tempfile::NamedTempFile`] named
//! `.remote-store-tmp-*`, created in the deepest folder of the target's
//! ancestry that already exists (the target's own folder when it exists), so
//! that nothing visible changes before the publish. Publishing creates the
//! missing parent folders and renames the temporary file onto the target:
//! `rename` when overwriting, a no-clobber rename (`renameat2(RENAME_NOREPLACE)`
//! or link-then-unlink, via `persist_noclobber`) otherwise, so a file that
//! appears concurrently is never clobbered. Every failure drops the
//! `NamedTempFile`, which deletes it, and removes the folders this write
//! created.

use std::fs;
use std::io::{self, Read, Write};
use std::path::PathBuf;

use tempfile::{Builder, NamedTempFile};

use super::errors::{
    attribute, file_exists, file_in_the_way, folder_in_the_way, map_io, not_followed, plain_io,
};
use super::paths::{Probe, Root, TEMP_PREFIX};
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

/// The number of leading segments of `path` that are folders and can hold the
/// staging file, given what the probe found.
pub(super) fn staging_depth(path: &RemotePath, probe: &Probe) -> usize {
    let parent = path.depth().saturating_sub(1);
    match probe {
        Probe::Folder | Probe::File(_) => parent,
        Probe::Missing { existing } => (*existing).min(parent),
        Probe::UnderFile { blocker } => *blocker,
        Probe::Foreign { at } => (*at).min(parent),
    }
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
        Probe::File(_) | Probe::Missing { .. } => Ok(()),
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

/// A new temporary file in the folder made of the first `depth` segments.
///
/// On Unix it is created with mode `0o666` less the umask, as `fs::write`
/// would create the target, rather than `tempfile`'s private `0o600`.
pub(super) fn stage(root: &Root, path: &RemotePath, depth: usize) -> Result<NamedTempFile> {
    let mut builder = Builder::new();
    builder.prefix(TEMP_PREFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder
        .tempfile_in(root.native_prefix(path, depth))
        .map_err(|e| map_io(e, path, "creating the temporary file"))
}

/// Copies `content` into the staging file; a failing reader is [`Error::Io`].
pub(super) fn fill(
    temp: &mut NamedTempFile,
    content: Content<'_>,
    path: &RemotePath,
) -> Result<()> {
    let write_error = |e| map_io(e, path, "writing the temporary file");
    match content {
        Content::Bytes(bytes) => temp.write_all(&bytes).map_err(write_error),
        Content::Reader(mut reader) => {
            let mut buffer = vec![0u8; CHUNK];
            loop {
                let read = match reader.read(&mut buffer) {
                    Ok(0) => return Ok(()),
                    Ok(read) => read,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(plain_io(e, path, "reading the content to write")),
                };
                temp.write_all(&buffer[..read]).map_err(write_error)?;
            }
        }
    }
}

/// Folders created by one publish, removed again (deepest first) if it fails.
pub(super) struct CreatedFolders(Vec<PathBuf>);

impl CreatedFolders {
    pub fn undo(self) {
        for folder in self.0.into_iter().rev() {
            // Only empty folders go; one that gained an entry meanwhile stays.
            let _ = fs::remove_dir(folder);
        }
    }
}

/// Creates the missing parent folders of `path` below the first `existing`
/// segments, without following symbolic links.
pub(super) fn create_parents(
    root: &Root,
    path: &RemotePath,
    existing: usize,
) -> Result<CreatedFolders> {
    let mut created = CreatedFolders(Vec::new());
    for index in existing..path.depth().saturating_sub(1) {
        let folder = root.native_prefix(path, index + 1);
        match fs::create_dir(&folder) {
            Ok(()) => created.0.push(folder),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                let blocked = match fs::symlink_metadata(&folder) {
                    Ok(m) if m.is_dir() => None,
                    Ok(m) if m.is_file() => Some(file_in_the_way(path, index)),
                    Ok(_) => Some(not_followed(path, index)),
                    Err(e) => Some(map_io(e, path, "creating a parent folder")),
                };
                if let Some(error) = blocked {
                    created.undo();
                    return Err(error);
                }
            }
            Err(e) => {
                created.undo();
                return Err(match e.kind() {
                    io::ErrorKind::NotADirectory => file_in_the_way(path, index),
                    _ => map_io(e, path, "creating a parent folder"),
                });
            }
        }
    }
    Ok(created)
}

/// Publishes the staging file at `path`: creates the parents found missing by
/// `probe`, then renames (no-clobber unless `overwrite`). Returns the
/// published file's metadata, taken from the staging file's own handle.
pub(super) fn publish(
    root: &Root,
    path: &RemotePath,
    temp: NamedTempFile,
    probe: &Probe,
    overwrite: bool,
) -> Result<fs::Metadata> {
    let metadata = temp
        .as_file()
        .metadata()
        .map_err(|e| map_io(e, path, "reading the temporary file's metadata"))?;
    let target = root.native(path)?;
    let created = create_parents(root, path, staging_depth(path, probe))?;
    let persisted = if overwrite {
        temp.persist(&target)
    } else {
        temp.persist_noclobber(&target)
    };
    match persisted {
        Ok(_) => Ok(metadata),
        // Dropping the PersistError drops the NamedTempFile, deleting it.
        Err(failure) => {
            let error = publish_error(failure.error, path, &target);
            created.undo();
            Err(error)
        }
    }
}

/// Maps a failed rename onto the target to the contract's error.
pub(super) fn publish_error(
    error: io::Error,
    path: &RemotePath,
    target: &std::path::Path,
) -> Error {
    let target_is_folder = fs::symlink_metadata(target).is_ok_and(|m| m.is_dir());
    match error.kind() {
        _ if target_is_folder => folder_in_the_way(path),
        io::ErrorKind::AlreadyExists => file_exists(path),
        // The staging file or its folder vanished: not the target's absence.
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
    let probe = match root.probe(path) {
        Ok(probe) => probe,
        Err(refusal) => return Err(drain_then(content, path, refusal)),
    };
    if let Err(refusal) = check_target(path, &probe, options.overwrite) {
        return Err(drain_then(content, path, refusal));
    }
    let mut temp = stage(root, path, staging_depth(path, &probe))?;
    fill(&mut temp, content, path)?;
    let metadata = publish(root, path, temp, &probe, options.overwrite)?;
    write_result(path, &metadata)
}

/// The `open_atomic` writer: a staging file, published at commit after the
/// write preconditions are checked again; dropping it deletes the file.
pub(super) struct LocalAtomicWriter<'a> {
    root: &'a Root,
    path: RemotePath,
    overwrite: bool,
    temp: NamedTempFile,
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
        let probe = root.probe(path)?;
        if matches!(probe, Probe::File(_)) && !options.overwrite {
            return Err(file_exists(path));
        }
        let temp = stage(root, path, staging_depth(path, &probe))?;
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
        let written = self.temp.write(buf)?;
        self.position += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.temp.flush()
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
        let probe = root.probe(&path)?;
        check_target(&path, &probe, overwrite)?;
        let metadata = publish(root, &path, temp, &probe, overwrite)?;
        write_result(&path, &metadata)
    }
}

/// Reads everything from `reader` into `temp` (used by `copy`).
pub(super) fn fill_from(
    temp: &mut NamedTempFile,
    reader: &mut impl Read,
    path: &RemotePath,
) -> Result<()> {
    io::copy(reader, temp)
        .map(drop)
        .map_err(|e| plain_io(e, path, "copying the file"))
}
