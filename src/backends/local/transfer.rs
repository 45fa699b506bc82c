//! `rename` and `copy`, with MemoryBackend's precondition order.
//!
//! `rename` is one `renameat` between the two folder handles when
//! overwriting (atomic), and a no-clobber move otherwise (a no-clobber
//! rename, or `linkat` + `unlinkat`), so an existing destination, even one
//! that appears concurrently, is never clobbered. `copy` streams the source
//! into a staging file and publishes it like a write.

use std::io;

use super::atomic::{fill_from, publish};
use super::errors::{attribute, file_in_the_way, map_io, not_followed};
use super::paths::{Located, Probe, Root};
use super::read::open_file;
use super::staging::{Published, TempFile, move_without_replacing, no_clobber_unsupported};
use crate::{Error, RemotePath, Result, TransferOptions};

/// The source must be a regular file: `NotFound` first, then `InvalidPath`.
fn check_source(root: &Root, src: &RemotePath) -> Result<Located> {
    let located = root.locate(src)?;
    match located.probe {
        Probe::File(_) => Ok(located),
        Probe::Folder => Err(attribute(Error::source_is_a_folder(src))),
        Probe::Foreign { at } => Err(not_followed(src, at)),
        Probe::Missing | Probe::UnderFile { .. } => Err(source_not_found(src)),
    }
}

fn source_not_found(src: &RemotePath) -> Error {
    attribute(Error::source_not_found(src))
}

/// The destination checks, after the source's: the root, a folder, a
/// file-ancestor or a foreign node are `InvalidPath`; an existing file without
/// `overwrite` is `AlreadyExists`.
fn check_destination(root: &Root, dst: &RemotePath, overwrite: bool) -> Result<()> {
    if dst.is_root() {
        return Err(attribute(Error::destination_is_the_root(dst)));
    }
    match root.locate(dst)?.probe {
        Probe::Folder => Err(attribute(Error::destination_is_a_folder(dst))),
        Probe::UnderFile { blocker } => Err(file_in_the_way(dst, blocker)),
        Probe::Foreign { at } => Err(not_followed(dst, at)),
        Probe::File(_) if !overwrite => Err(attribute(Error::destination_already_exists(dst))),
        Probe::File(_) | Probe::Missing => Ok(()),
    }
}

pub(super) fn rename(
    root: &Root,
    src: &RemotePath,
    dst: &RemotePath,
    options: TransferOptions,
) -> Result<()> {
    let source = check_source(root, src)?;
    if src == dst {
        return Ok(());
    }
    check_destination(root, dst, options.overwrite)?;
    let (from, name) = (&source.dir, src.name());
    let (to, created) = root.ensure_parent(dst)?;
    let outcome = if options.overwrite {
        from.rename(name, &to, dst.name())
            .map_or_else(Published::Failed, |()| Published::Done)
    } else {
        move_without_replacing(
            || from.rename_noreplace(name, &to, dst.name()),
            || from.hard_link(name, &to, dst.name()),
            || from.remove_file(name),
            || to.remove_file(dst.name()),
        )
    };
    let error = match outcome {
        Published::Done if root.durable => {
            let synced = to
                .sync()
                .and_then(|()| from.sync())
                .and_then(|()| created.sync());
            return synced.map_err(|e| map_io(e, dst, "syncing the folders"));
        }
        Published::Done => return Ok(()),
        Published::Failed(e) => move_error(e, src, dst),
        Published::Unsupported(e) => no_clobber_unsupported(e, dst),
    };
    created.undo();
    Err(error)
}

/// Maps a failed rename or link: a vanished source is the source's
/// `NotFound`; a conflict at the destination is the destination's.
fn move_error(error: io::Error, src: &RemotePath, dst: &RemotePath) -> Error {
    match error.kind() {
        io::ErrorKind::NotFound => source_not_found(src),
        io::ErrorKind::AlreadyExists => attribute(Error::destination_already_exists(dst)),
        io::ErrorKind::IsADirectory | io::ErrorKind::DirectoryNotEmpty => {
            attribute(Error::destination_is_a_folder(dst))
        }
        _ => map_io(error, dst, "moving the file"),
    }
}

pub(super) fn copy(
    root: &Root,
    src: &RemotePath,
    dst: &RemotePath,
    options: TransferOptions,
) -> Result<()> {
    check_source(root, src)?;
    if src == dst {
        return Ok(());
    }
    check_destination(root, dst, options.overwrite)?;
    let (mut source, _) = open_file(root, src)?;
    let mut temp = TempFile::create(root, dst)?;
    fill_from(&mut temp, &mut source, dst)?;
    drop(source);
    publish(root, dst, temp, options.overwrite).map(drop)
}
