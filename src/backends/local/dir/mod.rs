//! Folder handles: every file-system call of the local backend goes through
//! one, naming a single entry relative to an open folder, never a path.
//!
//! On Unix a [`Dir`] is an open file descriptor and each call is an `*at`
//! system call (`openat` with `O_NOFOLLOW`, `fstatat` with
//! `AT_SYMLINK_NOFOLLOW`, `unlinkat`, `renameat`, `linkat`, `mkdirat`), so
//! a folder swapped for a symbolic link after it was opened is never
//! followed: the handle still names the folder that was checked. Elsewhere
//! a `Dir` is a path and each call checks the entry with `symlink_metadata`
//! just before acting on it: correct, but not free of races.

use std::ffi::OsString;
use std::time::SystemTime;

#[cfg(not(unix))]
mod portable;
#[cfg(unix)]
mod unix;

#[cfg(not(unix))]
pub(super) use self::portable::{Dir, links_unsupported};
#[cfg(unix)]
pub(super) use self::unix::{Dir, links_unsupported};

/// What an entry of a folder is, seen without following a symbolic link.
#[derive(Debug, Clone)]
pub(super) enum Node {
    /// A folder.
    Folder,
    /// A regular file.
    File(FileStat),
    /// A symbolic link, FIFO, socket or device: never followed or opened.
    Foreign,
}

/// The size and modification time of a regular file.
#[derive(Debug, Clone, Copy)]
pub(super) struct FileStat {
    pub size: u64,
    pub modified: SystemTime,
}

/// The type of a folder entry, as the folder listing reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum EntryType {
    Folder,
    File,
    /// Anything else, or unknown to the listing (then probed when needed).
    Other,
    Unknown,
}

/// One entry of a folder listing (`.` and `..` excluded).
#[derive(Debug)]
pub(super) struct DirEntry {
    pub name: OsString,
    pub kind: EntryType,
}
