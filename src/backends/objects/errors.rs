//! `object_store::Error` to this crate's [`Error`] kinds.

use object_store::Error as StoreError;

use super::ObjectStoreBackend;
use crate::{Error, RemotePath};

/// Maps a store error about `path` that happened while `doing` something:
///
/// * `NotFound` → [`Error::NotFound`];
/// * `AlreadyExists`, and `Precondition` (what a no-clobber put or copy
///   answers on some stores) → [`Error::AlreadyExists`];
/// * `PermissionDenied`, `Unauthenticated` → [`Error::PermissionDenied`];
/// * `InvalidPath` → [`Error::InvalidPath`];
/// * anything else (a network or server failure, an operation the store
///   does not implement) → [`Error::Io`] with the store's error as source.
///
/// The store's message is in the reason of every kind.
pub(super) fn map_error(error: StoreError, path: &RemotePath, doing: &str) -> Error {
    let at = path.as_str();
    let mapped = match error {
        StoreError::NotFound { .. } => Error::not_found(at, format!("{doing}: {error}")),
        StoreError::AlreadyExists { .. } | StoreError::Precondition { .. } => {
            Error::already_exists(at, format!("{doing}: {error}"))
        }
        StoreError::PermissionDenied { .. } | StoreError::Unauthenticated { .. } => {
            Error::PermissionDenied {
                path: at.to_owned(),
                backend: None,
                reason: format!("{doing}: {error}"),
            }
        }
        StoreError::InvalidPath { .. } => Error::invalid_path(at, format!("{doing}: {error}")),
        other => Error::io(at, format!("{doing} failed"), other),
    };
    mapped.with_backend(ObjectStoreBackend::NAME)
}

/// Whether the store reported that nothing is at the location.
pub(super) fn is_not_found(error: &StoreError) -> bool {
    matches!(error, StoreError::NotFound { .. })
}

/// Whether the store reported that the target exists (a no-clobber
/// operation that found it).
pub(super) fn is_already_exists(error: &StoreError) -> bool {
    matches!(
        error,
        StoreError::AlreadyExists { .. } | StoreError::Precondition { .. }
    )
}

/// Tags an error made here with the backend's name.
pub(super) fn ours(error: Error) -> Error {
    error.with_backend(ObjectStoreBackend::NAME)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    fn path() -> RemotePath {
        RemotePath::parse("a/b.txt").unwrap()
    }

    fn boxed(message: &str) -> Box<dyn std::error::Error + Send + Sync> {
        message.to_owned().into()
    }

    #[test]
    fn kinds_are_kept_and_the_path_and_backend_named() {
        let cases = [
            (
                StoreError::NotFound {
                    path: "k".into(),
                    source: boxed("404"),
                },
                ErrorKind::NotFound,
            ),
            (
                StoreError::AlreadyExists {
                    path: "k".into(),
                    source: boxed("exists"),
                },
                ErrorKind::AlreadyExists,
            ),
            (
                StoreError::Precondition {
                    path: "k".into(),
                    source: boxed("412"),
                },
                ErrorKind::AlreadyExists,
            ),
            (
                StoreError::PermissionDenied {
                    path: "k".into(),
                    source: boxed("403"),
                },
                ErrorKind::PermissionDenied,
            ),
            (
                StoreError::Unauthenticated {
                    path: "k".into(),
                    source: boxed("401"),
                },
                ErrorKind::PermissionDenied,
            ),
            (
                StoreError::NotImplemented {
                    operation: "put".into(),
                    implementer: "X".into(),
                },
                ErrorKind::Io,
            ),
        ];
        for (error, kind) in cases {
            let mapped = map_error(error, &path(), "writing");
            assert_eq!(mapped.kind(), kind, "{mapped}");
            assert_eq!(mapped.path(), Some("a/b.txt"));
            assert_eq!(mapped.backend(), Some("object_store"));
        }
    }

    #[test]
    fn an_unclassified_error_is_io_and_keeps_the_store_error_as_source() {
        let error = StoreError::Generic {
            store: "S3",
            source: boxed("connection reset"),
        };
        let mapped = map_error(error, &path(), "reading");
        assert_eq!(mapped.kind(), ErrorKind::Io);
        let source = std::error::Error::source(&mapped).expect("a source");
        let store_error = source
            .downcast_ref::<StoreError>()
            .expect("the object_store error itself");
        assert!(store_error.to_string().contains("connection reset"));
    }
}
