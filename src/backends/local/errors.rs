//! Turning `std::io::Error`s and type mismatches into the crate's errors.
//!
//! Every error leaving the local backend goes through here, so it names the
//! key (never the native path) and is attributed to the backend `"local"`.

use std::io;

use crate::{Error, RemotePath};

/// The backend name errors are attributed to.
pub(super) const NAME: &str = "local";

/// Attributes `error` to the local backend.
pub(super) fn attribute(error: Error) -> Error {
    error.with_backend(NAME)
}

/// Maps an I/O error met while doing `action` on `path` to the crate's error of
/// the same meaning:
///
/// * `NotFound` → [`Error::NotFound`];
/// * `PermissionDenied`, `ReadOnlyFilesystem` → [`Error::PermissionDenied`];
/// * `AlreadyExists` → [`Error::AlreadyExists`];
/// * `NotADirectory`, `IsADirectory` (a file where a folder is needed, or the
///   reverse: a type mismatch) → [`Error::InvalidPath`];
/// * `DirectoryNotEmpty` → [`Error::DirectoryNotEmpty`];
/// * anything else → [`Error::Io`], keeping the source.
///
/// Callers that know better (a `NotFound` that means "the temporary file
/// vanished", say) map those cases themselves before calling this.
pub(super) fn map_io(error: io::Error, path: &RemotePath, action: &str) -> Error {
    let key = path.as_str();
    let reason = format!("{action} failed: {error}");
    let mapped = match error.kind() {
        io::ErrorKind::NotFound => Error::not_found(key, reason),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            Error::permission_denied(key, reason)
        }
        io::ErrorKind::AlreadyExists => Error::already_exists(key, reason),
        io::ErrorKind::NotADirectory | io::ErrorKind::IsADirectory => {
            Error::invalid_path(key, reason)
        }
        io::ErrorKind::DirectoryNotEmpty => Error::DirectoryNotEmpty {
            path: key.to_owned(),
            backend: None,
            reason,
        },
        _ => Error::io(key, format!("{action} failed"), error),
    };
    attribute(mapped)
}

/// An [`Error::Io`] for `path`, whatever the kind of `error`: for failures whose
/// kind would be misleading if mapped (a content reader that fails, a
/// temporary file that vanished).
pub(super) fn plain_io(error: io::Error, path: &RemotePath, action: &str) -> Error {
    attribute(Error::io(path.as_str(), format!("{action} failed"), error))
}

pub(super) fn not_a_file(path: &RemotePath) -> Error {
    attribute(Error::not_a_file(path))
}

pub(super) fn not_a_folder(path: &RemotePath) -> Error {
    attribute(Error::not_a_folder(path))
}

pub(super) fn file_not_found(path: &RemotePath) -> Error {
    attribute(Error::file_not_found(path))
}

pub(super) fn folder_not_found(path: &RemotePath) -> Error {
    attribute(Error::folder_not_found(path))
}

pub(super) fn empty_file_path(path: &RemotePath) -> Error {
    attribute(Error::root_is_not_a_file(path))
}

/// A write whose target is an existing folder.
pub(super) fn folder_in_the_way(path: &RemotePath) -> Error {
    attribute(Error::folder_in_the_way(path))
}

/// A write whose ancestor at segment `index` is a file; names the blocker.
pub(super) fn file_in_the_way(path: &RemotePath, index: usize) -> Error {
    attribute(Error::file_in_the_way(path, prefix(path, index)))
}

/// A path whose segment at `index` is a symbolic link or a special file: the
/// local backend never goes through one.
pub(super) fn not_followed(path: &RemotePath, index: usize) -> Error {
    attribute(Error::invalid_path(
        path.as_str(),
        format!(
            "'{}' is a symbolic link or special file, which LocalBackend never follows",
            prefix(path, index)
        ),
    ))
}

pub(super) fn file_exists(path: &RemotePath) -> Error {
    attribute(Error::file_already_exists(path))
}

/// The first `index + 1` segments of `path`, joined.
fn prefix(path: &RemotePath, index: usize) -> String {
    path.segments()
        .take(index + 1)
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn every_io_kind_maps_to_the_error_of_the_same_meaning() {
        let path = RemotePath::parse("a/b").unwrap();
        let cases = [
            (io::ErrorKind::NotFound, ErrorKind::NotFound),
            (io::ErrorKind::PermissionDenied, ErrorKind::PermissionDenied),
            (
                io::ErrorKind::ReadOnlyFilesystem,
                ErrorKind::PermissionDenied,
            ),
            (io::ErrorKind::AlreadyExists, ErrorKind::AlreadyExists),
            (io::ErrorKind::NotADirectory, ErrorKind::InvalidPath),
            (io::ErrorKind::IsADirectory, ErrorKind::InvalidPath),
            (
                io::ErrorKind::DirectoryNotEmpty,
                ErrorKind::DirectoryNotEmpty,
            ),
            (io::ErrorKind::StorageFull, ErrorKind::Io),
            (io::ErrorKind::Interrupted, ErrorKind::Io),
            (io::ErrorKind::Other, ErrorKind::Io),
        ];
        for (io_kind, expected) in cases {
            let err = map_io(io::Error::new(io_kind, "boom"), &path, "doing it");
            assert_eq!(err.kind(), expected, "{io_kind:?}");
            assert_eq!(err.path(), Some("a/b"));
            assert_eq!(err.backend(), Some(NAME));
            assert!(err.to_string().contains("doing it"), "{err}");
        }
    }

    #[test]
    fn plain_io_keeps_the_source_and_the_kind_io() {
        let path = RemotePath::parse("f").unwrap();
        let err = plain_io(io::Error::from(io::ErrorKind::NotFound), &path, "x");
        assert_eq!(err.kind(), ErrorKind::Io);
        assert!(std::error::Error::source(&err).is_some());
    }

    #[test]
    fn blockers_are_named_by_their_key() {
        let path = RemotePath::parse("a/b/c").unwrap();
        assert!(file_in_the_way(&path, 1).to_string().contains("'a/b'"));
        assert!(not_followed(&path, 0).to_string().contains("'a'"));
    }
}
