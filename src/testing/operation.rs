//! [`Operation`]: the backend methods a wrapper can fault or record.

use std::fmt;

/// A [`Backend`](crate::Backend) method that takes a path or can fail: what
/// [`FaultRule`](super::FaultRule)s select and [`Call`](super::Call)s record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Operation {
    /// `exists`
    Exists,
    /// `is_file`
    IsFile,
    /// `is_folder`
    IsFolder,
    /// `read`
    Read,
    /// `read_bytes`
    ReadBytes,
    /// `read_seekable`
    ReadSeekable,
    /// `write`
    Write,
    /// `write_atomic`
    WriteAtomic,
    /// `open_atomic`
    OpenAtomic,
    /// `delete`
    Delete,
    /// `delete_folder`
    DeleteFolder,
    /// `list_files`
    ListFiles,
    /// `list_folders`
    ListFolders,
    /// `iter_children`
    IterChildren,
    /// `glob` (the pattern is the path)
    Glob,
    /// `get_file_info`
    GetFileInfo,
    /// `get_folder_info`
    GetFolderInfo,
    /// `rename` (source and destination are the paths)
    Rename,
    /// `copy` (source and destination are the paths)
    Copy,
    /// `check_health` (path `""`)
    CheckHealth,
    /// `close` (path `""`)
    Close,
}

impl Operation {
    /// Every operation, in the order of the [`Backend`](crate::Backend) trait.
    pub const ALL: [Operation; 21] = [
        Operation::Exists,
        Operation::IsFile,
        Operation::IsFolder,
        Operation::Read,
        Operation::ReadBytes,
        Operation::ReadSeekable,
        Operation::Write,
        Operation::WriteAtomic,
        Operation::OpenAtomic,
        Operation::Delete,
        Operation::DeleteFolder,
        Operation::ListFiles,
        Operation::ListFolders,
        Operation::IterChildren,
        Operation::Glob,
        Operation::GetFileInfo,
        Operation::GetFolderInfo,
        Operation::Rename,
        Operation::Copy,
        Operation::CheckHealth,
        Operation::Close,
    ];

    /// The operations that read a file's content.
    pub const READS: [Operation; 3] = [
        Operation::Read,
        Operation::ReadBytes,
        Operation::ReadSeekable,
    ];

    /// The operations that create or replace a file.
    pub const WRITES: [Operation; 5] = [
        Operation::Write,
        Operation::WriteAtomic,
        Operation::OpenAtomic,
        Operation::Rename,
        Operation::Copy,
    ];

    /// The operations that return a listing.
    pub const LISTINGS: [Operation; 4] = [
        Operation::ListFiles,
        Operation::ListFolders,
        Operation::IterChildren,
        Operation::Glob,
    ];

    /// The method's name, e.g. `"read_bytes"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Operation::Exists => "exists",
            Operation::IsFile => "is_file",
            Operation::IsFolder => "is_folder",
            Operation::Read => "read",
            Operation::ReadBytes => "read_bytes",
            Operation::ReadSeekable => "read_seekable",
            Operation::Write => "write",
            Operation::WriteAtomic => "write_atomic",
            Operation::OpenAtomic => "open_atomic",
            Operation::Delete => "delete",
            Operation::DeleteFolder => "delete_folder",
            Operation::ListFiles => "list_files",
            Operation::ListFolders => "list_folders",
            Operation::IterChildren => "iter_children",
            Operation::Glob => "glob",
            Operation::GetFileInfo => "get_file_info",
            Operation::GetFolderInfo => "get_folder_info",
            Operation::Rename => "rename",
            Operation::Copy => "copy",
            Operation::CheckHealth => "check_health",
            Operation::Close => "close",
        }
    }

    /// Whether this operation returns a listing.
    pub fn is_listing(self) -> bool {
        Self::LISTINGS.contains(&self)
    }
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
