//! `rename` and `copy`, with MemoryBackend's precondition order.
//!
//! `rename` is one `fs::rename` when overwriting (atomic), and
//! `hard_link` + `remove_file` otherwise, so an existing destination, even one
//! that appears concurrently, is never clobbered (the link fails with
//! `AlreadyExists`). `copy` streams the source into a staging file beside the
//! destination and publishes it like a write.

use std::fs;
use std::io;

use super::atomic::{fill_from, publish, stage, staging_depth};
use super::errors::{attribute, file_in_the_way, map_io, not_followed};
use super::paths::{Probe, Root};
use super::read::open_file;
use crate::{Error, RemotePath, Result, TransferOptions};

/// The source must be a regular file: `NotFound` first, then `InvalidPath`.
fn check_source(root: &Root, src: &RemotePath) -> Result<fs::Metadata> {
    match root.probe(src)? {
        Probe::File(metadata) => Ok(metadata),
        Probe::Folder => Err(attribute(Error::invalid_path(
            src.as_str(),
            format!("Source is a directory: {src}"),
        ))),
        Probe::Foreign { at } => Err(not_followed(src, at)),
        Probe::Missing { .. } | Probe::UnderFile { .. } => Err(attribute(Error::not_found(
            src.as_str(),
            format!("Source not found: {src}"),
        ))),
    }
}

/// The destination checks, after the source's: the root, a folder, a
/// file-ancestor or a foreign node are `InvalidPath`; an existing file without
/// `overwrite` is `AlreadyExists`.
fn check_destination(root: &Root, dst: &RemotePath, overwrite: bool) -> Result<Probe> {
    if dst.is_root() {
        return Err(attribute(Error::invalid_path(
            dst.as_str(),
            "Destination must not be the root",
        )));
    }
    let probe = root.probe(dst)?;
    match &probe {
        Probe::Folder => Err(attribute(Error::invalid_path(
            dst.as_str(),
            format!("Destination '{dst}' exists as a directory"),
        ))),
        Probe::UnderFile { blocker } => Err(file_in_the_way(dst, *blocker)),
        Probe::Foreign { at } => Err(not_followed(dst, *at)),
        Probe::File(_) if !overwrite => Err(attribute(Error::already_exists(
            dst.as_str(),
            format!("Destination already exists: {dst}"),
        ))),
        Probe::File(_) | Probe::Missing { .. } => Ok(probe),
    }
}

pub(super) fn rename(
    root: &Root,
    src: &RemotePath,
    dst: &RemotePath,
    options: TransferOptions,
) -> Result<()> {
    check_source(root, src)?;
    if src == dst {
        return Ok(());
    }
    let probe = check_destination(root, dst, options.overwrite)?;
    let from = root.native(src)?;
    let to = root.native(dst)?;
    let created = super::atomic::create_parents(root, dst, staging_depth(dst, &probe))?;
    let moved = if options.overwrite {
        fs::rename(&from, &to).map_err(|e| move_error(e, src, dst))
    } else {
        link_then_unlink(&from, &to, src, dst)
    };
    if moved.is_err() {
        created.undo();
    }
    moved
}

/// Moves without replacing: the link fails if `to` exists. If the source
/// cannot be unlinked afterwards, the link is removed again, so the store is
/// left as it was and the error is reported.
fn link_then_unlink(
    from: &std::path::Path,
    to: &std::path::Path,
    src: &RemotePath,
    dst: &RemotePath,
) -> Result<()> {
    fs::hard_link(from, to).map_err(|e| move_error(e, src, dst))?;
    if let Err(e) = fs::remove_file(from) {
        let _ = fs::remove_file(to);
        return Err(map_io(e, src, "removing the moved source"));
    }
    Ok(())
}

/// Maps a failed rename or link: a vanished source is the source's
/// `NotFound`; a conflict at the destination is the destination's.
fn move_error(error: io::Error, src: &RemotePath, dst: &RemotePath) -> Error {
    match error.kind() {
        io::ErrorKind::NotFound => attribute(Error::not_found(
            src.as_str(),
            format!("Source not found: {src}"),
        )),
        io::ErrorKind::AlreadyExists => attribute(Error::already_exists(
            dst.as_str(),
            format!("Destination already exists: {dst}"),
        )),
        io::ErrorKind::IsADirectory | io::ErrorKind::DirectoryNotEmpty => {
            attribute(Error::invalid_path(
                dst.as_str(),
                format!("Destination '{dst}' exists as a directory"),
            ))
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
    let probe = check_destination(root, dst, options.overwrite)?;
    let (mut source, _) = open_file(root, src)?;
    let mut temp = stage(root, dst, staging_depth(dst, &probe))?;
    fill_from(&mut temp, &mut source, dst)?;
    drop(source);
    publish(root, dst, temp, &probe, options.overwrite).map(drop)
}
