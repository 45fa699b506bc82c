//! [`Dir`] where the `*at` system calls are missing: a path, and a
//! `symlink_metadata` check just before each call. A folder swapped for a
//! link between the check and the call is followed: this form is correct
//! for a root that no other process changes, not free of races.

use std::ffi::OsStr;
use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use super::{DirEntry, EntryType, FileStat, Node};

/// A folder, by path; see the [module](super) docs.
#[derive(Debug)]
pub(in crate::backends::local) struct Dir {
    path: PathBuf,
}

/// Refuses a link (or special file) where a file or folder is expected.
fn not_followed() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        "a symbolic link or special file is never followed",
    )
}

impl Dir {
    /// The folder at `path` (the backend root).
    pub fn open_root(path: &Path) -> io::Result<Dir> {
        if !fs::metadata(path)?.is_dir() {
            return Err(io::ErrorKind::NotADirectory.into());
        }
        Ok(Dir {
            path: path.to_path_buf(),
        })
    }

    /// A second handle on the same folder.
    pub fn try_clone(&self) -> io::Result<Dir> {
        Ok(Dir {
            path: self.path.clone(),
        })
    }

    /// What `name` is, without following a link; `None` when it is missing.
    pub fn node(&self, name: impl AsRef<OsStr>) -> io::Result<Option<Node>> {
        match fs::symlink_metadata(self.path.join(name.as_ref())) {
            Ok(m) if m.is_dir() => Ok(Some(Node::Folder)),
            Ok(m) if m.is_file() => Ok(Some(Node::File(FileStat {
                size: m.len(),
                modified: m.modified()?,
            }))),
            Ok(_) => Ok(Some(Node::Foreign)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The folder `name`; a link there fails.
    pub fn open_dir(&self, name: impl AsRef<OsStr>) -> io::Result<Dir> {
        match self.node(name.as_ref())? {
            Some(Node::Folder) => Ok(Dir {
                path: self.path.join(name.as_ref()),
            }),
            Some(Node::File(_)) => Err(io::ErrorKind::NotADirectory.into()),
            Some(Node::Foreign) => Err(not_followed()),
            None => Err(io::ErrorKind::NotFound.into()),
        }
    }

    /// Opens `name` for reading; a link fails.
    pub fn open_file(&self, name: impl AsRef<OsStr>) -> io::Result<File> {
        match self.node(name.as_ref())? {
            Some(Node::Foreign) => Err(not_followed()),
            _ => File::open(self.path.join(name.as_ref())),
        }
    }

    /// Creates the new file `name`, failing if anything exists there.
    pub fn create_file(&self, name: impl AsRef<OsStr>) -> io::Result<File> {
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(self.path.join(name.as_ref()))
    }

    /// Creates the folder `name`.
    pub fn create_dir(&self, name: impl AsRef<OsStr>) -> io::Result<()> {
        fs::create_dir(self.path.join(name.as_ref()))
    }

    /// Removes the file (or link, never its target) `name`.
    pub fn remove_file(&self, name: impl AsRef<OsStr>) -> io::Result<()> {
        fs::remove_file(self.path.join(name.as_ref()))
    }

    /// Removes the empty folder `name`.
    pub fn remove_dir(&self, name: impl AsRef<OsStr>) -> io::Result<()> {
        fs::remove_dir(self.path.join(name.as_ref()))
    }

    /// Renames `name` to `to_name` in `to`, replacing a file there.
    pub fn rename(
        &self,
        name: impl AsRef<OsStr>,
        to: &Dir,
        to_name: impl AsRef<OsStr>,
    ) -> io::Result<()> {
        fs::rename(
            self.path.join(name.as_ref()),
            to.path.join(to_name.as_ref()),
        )
    }

    /// No no-clobber rename here: always [`io::ErrorKind::Unsupported`].
    pub fn rename_noreplace(
        &self,
        _: impl AsRef<OsStr>,
        _: &Dir,
        _: impl AsRef<OsStr>,
    ) -> io::Result<()> {
        Err(io::ErrorKind::Unsupported.into())
    }

    /// Links the file `name` as `to_name` in `to`; fails if `to_name` exists.
    pub fn hard_link(
        &self,
        name: impl AsRef<OsStr>,
        to: &Dir,
        to_name: impl AsRef<OsStr>,
    ) -> io::Result<()> {
        fs::hard_link(
            self.path.join(name.as_ref()),
            to.path.join(to_name.as_ref()),
        )
    }

    /// Every entry, in directory order.
    pub fn entries(&self) -> io::Result<Vec<DirEntry>> {
        let mut entries = Vec::new();
        for entry in fs::read_dir(&self.path)? {
            let entry = entry?;
            let kind = match entry.file_type() {
                Ok(t) if t.is_dir() => EntryType::Folder,
                Ok(t) if t.is_file() => EntryType::File,
                Ok(_) => EntryType::Other,
                Err(_) => EntryType::Unknown,
            };
            entries.push(DirEntry {
                name: entry.file_name(),
                kind,
            });
        }
        Ok(entries)
    }

    /// Folders cannot be flushed here; their entries are as durable as the
    /// file system makes them.
    pub fn sync(&self) -> io::Result<()> {
        Ok(())
    }
}

/// Whether a failed `hard_link` means the file system has no hard links.
pub(in crate::backends::local) fn links_unsupported(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::Unsupported
}
