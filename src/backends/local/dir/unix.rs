//! [`Dir`] on Unix: an open folder descriptor and `*at` system calls.

use std::ffi::OsStr;
use std::fs::File;
use std::io;
use std::os::fd::OwnedFd;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::time::{Duration, SystemTime};

use rustix::fs::{AtFlags, FileType, Mode, OFlags, Stat};
use rustix::io::Errno;

use super::{DirEntry, EntryType, FileStat, Node};

/// An open folder; see the [module](super) docs.
#[derive(Debug)]
pub(in crate::backends::local) struct Dir {
    fd: OwnedFd,
}

const FOLDER_FLAGS: OFlags = OFlags::RDONLY
    .union(OFlags::DIRECTORY)
    .union(OFlags::NOFOLLOW)
    .union(OFlags::CLOEXEC);

impl Dir {
    /// Opens the folder at `path` (the backend root; links in it are followed).
    pub fn open_root(path: &Path) -> io::Result<Dir> {
        let fd = rustix::fs::open(
            path,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )?;
        Ok(Dir { fd })
    }

    /// A second handle on the same folder.
    pub fn try_clone(&self) -> io::Result<Dir> {
        Ok(Dir {
            fd: self.fd.try_clone()?,
        })
    }

    /// What `name` is, without following a link; `None` when it is missing.
    pub fn node(&self, name: impl AsRef<OsStr>) -> io::Result<Option<Node>> {
        match rustix::fs::statat(&self.fd, name.as_ref(), AtFlags::SYMLINK_NOFOLLOW) {
            Ok(stat) => Ok(Some(node_of(&stat))),
            Err(Errno::NOENT | Errno::NOTDIR) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Opens the folder `name`; a symbolic link there fails.
    pub fn open_dir(&self, name: impl AsRef<OsStr>) -> io::Result<Dir> {
        let fd = rustix::fs::openat(&self.fd, name.as_ref(), FOLDER_FLAGS, Mode::empty())?;
        Ok(Dir { fd })
    }

    /// Opens `name` for reading; a symbolic link fails, and a FIFO does not
    /// block (the caller checks the opened handle is a regular file).
    pub fn open_file(&self, name: impl AsRef<OsStr>) -> io::Result<File> {
        let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC | OFlags::NONBLOCK;
        let fd = rustix::fs::openat(&self.fd, name.as_ref(), flags, Mode::empty())?;
        Ok(File::from(fd))
    }

    /// Creates the new file `name` (mode `0o666` less the umask, as
    /// `fs::write` would), failing if anything exists there.
    pub fn create_file(&self, name: impl AsRef<OsStr>) -> io::Result<File> {
        let flags =
            OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let fd = rustix::fs::openat(&self.fd, name.as_ref(), flags, Mode::from_raw_mode(0o666))?;
        Ok(File::from(fd))
    }

    /// Creates the folder `name` (mode `0o777` less the umask).
    pub fn create_dir(&self, name: impl AsRef<OsStr>) -> io::Result<()> {
        Ok(rustix::fs::mkdirat(
            &self.fd,
            name.as_ref(),
            Mode::from_raw_mode(0o777),
        )?)
    }

    /// Removes the file (or link, never its target) `name`.
    pub fn remove_file(&self, name: impl AsRef<OsStr>) -> io::Result<()> {
        Ok(rustix::fs::unlinkat(
            &self.fd,
            name.as_ref(),
            AtFlags::empty(),
        )?)
    }

    /// Removes the empty folder `name`.
    pub fn remove_dir(&self, name: impl AsRef<OsStr>) -> io::Result<()> {
        Ok(rustix::fs::unlinkat(
            &self.fd,
            name.as_ref(),
            AtFlags::REMOVEDIR,
        )?)
    }

    /// Renames `name` to `to_name` in `to`, replacing a file there.
    pub fn rename(
        &self,
        name: impl AsRef<OsStr>,
        to: &Dir,
        to_name: impl AsRef<OsStr>,
    ) -> io::Result<()> {
        Ok(rustix::fs::renameat(
            &self.fd,
            name.as_ref(),
            &to.fd,
            to_name.as_ref(),
        )?)
    }

    /// Renames without replacing (`renameat2(RENAME_NOREPLACE)`, or
    /// `renameatx_np(RENAME_EXCL)`): [`io::ErrorKind::AlreadyExists`] when
    /// `to_name` exists, [`io::ErrorKind::Unsupported`] when the system or
    /// the file system lacks the call.
    pub fn rename_noreplace(
        &self,
        name: impl AsRef<OsStr>,
        to: &Dir,
        to_name: impl AsRef<OsStr>,
    ) -> io::Result<()> {
        #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
        {
            use rustix::fs::RenameFlags;
            match rustix::fs::renameat_with(
                &self.fd,
                name.as_ref(),
                &to.fd,
                to_name.as_ref(),
                RenameFlags::NOREPLACE,
            ) {
                Ok(()) => Ok(()),
                Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => {
                    Err(io::ErrorKind::Unsupported.into())
                }
                Err(e) => Err(e.into()),
            }
        }
        #[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
        {
            let _ = (name, to, to_name);
            Err(io::ErrorKind::Unsupported.into())
        }
    }

    /// Links the file `name` as `to_name` in `to`; fails if `to_name` exists.
    pub fn hard_link(
        &self,
        name: impl AsRef<OsStr>,
        to: &Dir,
        to_name: impl AsRef<OsStr>,
    ) -> io::Result<()> {
        Ok(rustix::fs::linkat(
            &self.fd,
            name.as_ref(),
            &to.fd,
            to_name.as_ref(),
            AtFlags::empty(),
        )?)
    }

    /// Every entry but `.` and `..`, in directory order.
    pub fn entries(&self) -> io::Result<Vec<DirEntry>> {
        let mut entries = Vec::new();
        for entry in rustix::fs::Dir::read_from(&self.fd)? {
            let entry = entry?;
            let name = entry.file_name().to_bytes();
            if name == b"." || name == b".." {
                continue;
            }
            let kind = match entry.file_type() {
                FileType::Directory => EntryType::Folder,
                FileType::RegularFile => EntryType::File,
                FileType::Unknown => EntryType::Unknown,
                _ => EntryType::Other,
            };
            entries.push(DirEntry {
                name: OsStr::from_bytes(name).to_owned(),
                kind,
            });
        }
        Ok(entries)
    }

    /// Flushes the folder's entries to stable storage (`fsync`).
    pub fn sync(&self) -> io::Result<()> {
        Ok(rustix::fs::fsync(&self.fd)?)
    }
}

// The field types of `stat` differ between platforms: some conversions below
// are identities on one and needed on another.
#[allow(clippy::useless_conversion, clippy::unnecessary_fallible_conversions)]
fn node_of(stat: &Stat) -> Node {
    match FileType::from_raw_mode(stat.st_mode) {
        FileType::Directory => Node::Folder,
        FileType::RegularFile => Node::File(FileStat {
            size: u64::try_from(i64::from(stat.st_size)).unwrap_or(0),
            modified: mtime(
                i64::from(stat.st_mtime),
                u32::try_from(stat.st_mtime_nsec).unwrap_or(0),
            ),
        }),
        _ => Node::Foreign,
    }
}

/// A `stat` modification time as a `SystemTime` (before the epoch too).
fn mtime(seconds: i64, nanos: u32) -> SystemTime {
    match u64::try_from(seconds) {
        Ok(seconds) => SystemTime::UNIX_EPOCH + Duration::new(seconds, nanos),
        Err(_) => {
            SystemTime::UNIX_EPOCH - Duration::from_secs(seconds.unsigned_abs())
                + Duration::from_nanos(u64::from(nanos))
        }
    }
}

/// Whether a failed `hard_link` means the file system has no hard links
/// (FAT and exFAT answer `EPERM`), rather than a real failure.
pub(in crate::backends::local) fn links_unsupported(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::Unsupported
        || matches!(
            Errno::from_io_error(error),
            Some(Errno::PERM | Errno::OPNOTSUPP | Errno::NOSYS)
        )
}
