//! The contract's messages (contract sections 4 to 6), each written once:
//! every backend, the store and the bridges build these errors here, so the
//! same refusal reads the same whichever of them reports it.

use super::Error;
use crate::RemotePath;

impl Error {
    /// [`Error::NotFound`]: `File not found: <path>`.
    pub fn file_not_found(path: impl AsRef<str>) -> Self {
        let path = path.as_ref();
        Error::not_found(path, format!("File not found: {path}"))
    }

    /// [`Error::NotFound`]: `Folder not found: <path>`.
    pub fn folder_not_found(path: impl AsRef<str>) -> Self {
        let path = path.as_ref();
        Error::not_found(path, format!("Folder not found: {path}"))
    }

    /// [`Error::NotFound`] for the source of a rename or copy:
    /// `Source not found: <src>`.
    pub fn source_not_found(src: impl AsRef<str>) -> Self {
        let src = src.as_ref();
        Error::not_found(src, format!("Source not found: {src}"))
    }

    /// [`Error::InvalidPath`] for a file operation on a folder:
    /// `Not a file: '<path>'`.
    pub fn not_a_file(path: impl AsRef<str>) -> Self {
        let path = path.as_ref();
        Error::invalid_path(path, format!("Not a file: '{path}'"))
    }

    /// [`Error::InvalidPath`] for a folder operation on a file:
    /// `Not a folder: '<path>'`.
    pub fn not_a_folder(path: impl AsRef<str>) -> Self {
        let path = path.as_ref();
        Error::invalid_path(path, format!("Not a folder: '{path}'"))
    }

    /// [`Error::InvalidPath`] for a file operation on the root (`""`):
    /// `Path must not be empty or root for file operations`.
    pub fn root_is_not_a_file(path: impl AsRef<str>) -> Self {
        Error::invalid_path(
            path.as_ref(),
            "Path must not be empty or root for file operations",
        )
    }

    /// [`Error::InvalidPath`] for `delete_folder` of the root:
    /// `Cannot delete the root folder`.
    pub fn cannot_delete_the_root(path: impl AsRef<str>) -> Self {
        Error::invalid_path(path.as_ref(), "Cannot delete the root folder")
    }

    /// [`Error::AlreadyExists`] for a write without `overwrite`:
    /// `File already exists: <path>`.
    pub fn file_already_exists(path: impl AsRef<str>) -> Self {
        let path = path.as_ref();
        Error::already_exists(path, format!("File already exists: {path}"))
    }

    /// [`Error::InvalidPath`] for a write onto a folder:
    /// `Cannot write: '<name>' exists as a directory`.
    pub fn folder_in_the_way(path: &RemotePath) -> Self {
        Error::invalid_path(
            path.as_str(),
            format!("Cannot write: '{}' exists as a directory", path.name()),
        )
    }

    /// [`Error::InvalidPath`] for a write under a file: `Cannot create
    /// directory: '<file>' exists as a file`, naming the `file` in the way.
    pub fn file_in_the_way(path: impl AsRef<str>, file: impl AsRef<str>) -> Self {
        let file = file.as_ref();
        Error::invalid_path(
            path.as_ref(),
            format!("Cannot create directory: '{file}' exists as a file"),
        )
    }

    /// [`Error::InvalidPath`] for a rename or copy whose source is a folder:
    /// `Source is a directory: <src>`.
    pub fn source_is_a_folder(src: impl AsRef<str>) -> Self {
        let src = src.as_ref();
        Error::invalid_path(src, format!("Source is a directory: {src}"))
    }

    /// [`Error::InvalidPath`] for a rename or copy onto the root:
    /// `Destination must not be the root`.
    pub fn destination_is_the_root(dst: impl AsRef<str>) -> Self {
        Error::invalid_path(dst.as_ref(), "Destination must not be the root")
    }

    /// [`Error::InvalidPath`] for a rename or copy onto a folder:
    /// `Destination '<dst>' exists as a directory`.
    pub fn destination_is_a_folder(dst: impl AsRef<str>) -> Self {
        let dst = dst.as_ref();
        Error::invalid_path(dst, format!("Destination '{dst}' exists as a directory"))
    }

    /// [`Error::AlreadyExists`] for a rename or copy without `overwrite`:
    /// `Destination already exists: <dst>`.
    pub fn destination_already_exists(dst: impl AsRef<str>) -> Self {
        let dst = dst.as_ref();
        Error::already_exists(dst, format!("Destination already exists: {dst}"))
    }

    /// [`Error::Io`] for a read stream of `path` that failed while being
    /// drained: `reading the stream failed`.
    pub fn stream_read_failed(path: impl AsRef<str>, source: std::io::Error) -> Self {
        Error::io(path.as_ref(), "reading the stream failed", source)
    }
}
