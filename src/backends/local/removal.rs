//! `delete` and `delete_folder`, relative to the parent folder's handle.
//!
//! A recursive delete walks the folder by handles too: each subfolder is
//! opened with `O_NOFOLLOW`, so a link met (or swapped in) on the way is
//! removed as an entry, and whatever it points to is never touched.

use std::ffi::OsStr;
use std::io;

use super::dir::{Dir, EntryType};
use super::errors::{
    attribute, file_not_found, folder_not_found, map_io, not_a_file, not_a_folder, not_followed,
};
use super::paths::{Probe, Root};
use crate::{DeleteFolderOptions, DeleteOptions, Error, RemotePath, Result};

pub(super) fn delete(root: &Root, path: &RemotePath, options: DeleteOptions) -> Result<()> {
    if path.is_root() {
        return Err(not_a_file(path));
    }
    let located = root.locate(path)?;
    match located.probe {
        Probe::File(_) => match located.dir.remove_file(path.name()) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound && options.missing_ok => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Err(file_not_found(path)),
            Err(e) => Err(map_io(e, path, "deleting the file")),
        },
        Probe::Folder => Err(not_a_file(path)),
        Probe::Foreign { at } => Err(not_followed(path, at)),
        Probe::Missing | Probe::UnderFile { .. } if options.missing_ok => Ok(()),
        Probe::Missing | Probe::UnderFile { .. } => Err(file_not_found(path)),
    }
}

pub(super) fn delete_folder(
    root: &Root,
    path: &RemotePath,
    options: DeleteFolderOptions,
) -> Result<()> {
    if path.is_root() {
        return Err(attribute(Error::cannot_delete_the_root(path)));
    }
    let missing = || {
        if options.missing_ok {
            Ok(())
        } else {
            Err(folder_not_found(path))
        }
    };
    let located = root.locate(path)?;
    let parent = match (&located.probe, &located.parent) {
        (Probe::Folder, Some(parent)) => parent,
        (Probe::Folder, None) => unreachable_root(path)?,
        (Probe::File(_), _) => return Err(not_a_folder(path)),
        (Probe::Foreign { at }, _) => return Err(not_followed(path, *at)),
        (Probe::Missing | Probe::UnderFile { .. }, _) => return missing(),
    };
    if options.recursive {
        empty_folder(&located.dir).map_err(|e| map_io(e, path, "deleting the folder"))?;
    }
    match parent.remove_dir(path.name()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => missing(),
        // Some systems report a non-empty rmdir as EEXIST.
        Err(e)
            if !options.recursive
                && matches!(
                    e.kind(),
                    io::ErrorKind::DirectoryNotEmpty | io::ErrorKind::AlreadyExists
                ) =>
        {
            Err(attribute(Error::directory_not_empty(path.as_str())))
        }
        Err(e) => Err(map_io(e, path, "deleting the folder")),
    }
}

/// Only the root has no parent, and it was refused above.
fn unreachable_root<T>(path: &RemotePath) -> Result<T> {
    Err(attribute(Error::cannot_delete_the_root(path)))
}

/// Removes everything inside the open folder `dir`, never following a link.
fn empty_folder(dir: &Dir) -> io::Result<()> {
    for entry in dir.entries()? {
        let removed = match entry.kind {
            EntryType::Folder | EntryType::Unknown => remove_tree(dir, &entry.name),
            EntryType::File | EntryType::Other => dir.remove_file(&entry.name),
        };
        match removed {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Removes the entry `name` of `parent`: a folder with everything in it, or
/// anything else (a link included) as one entry.
fn remove_tree(parent: &Dir, name: &OsStr) -> io::Result<()> {
    match parent.open_dir(name) {
        Ok(dir) => {
            empty_folder(&dir)?;
            parent.remove_dir(name)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        // Not a folder (or no longer one): remove the entry itself.
        Err(_) => parent.remove_file(name),
    }
}
