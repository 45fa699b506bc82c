//! The constructors of [`Error`] by kind: a path (or location) and a reason.
//! The contract's own messages are in `messages.rs`.

use super::{Error, ErrorKind};
use crate::Capability;

impl Error {
    /// A [`Error::NotFound`] for `path`.
    pub fn not_found(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::NotFound {
            path: path.into(),
            backend: None,
            reason: reason.into(),
        }
    }

    /// An [`Error::AlreadyExists`] for `path`.
    pub fn already_exists(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::AlreadyExists {
            path: path.into(),
            backend: None,
            reason: reason.into(),
        }
    }

    /// An [`Error::InvalidPath`] for `path`.
    pub fn invalid_path(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidPath {
            path: path.into(),
            backend: None,
            reason: reason.into(),
        }
    }

    /// A [`Error::DirectoryNotEmpty`] for `path`.
    pub fn directory_not_empty(path: impl Into<String>) -> Self {
        let path = path.into();
        Error::DirectoryNotEmpty {
            reason: format!("Folder not empty: {path}"),
            path,
            backend: None,
        }
    }

    /// An [`Error::InvalidArgument`] for a call on `path`.
    pub fn invalid_argument(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidArgument {
            path: path.into(),
            backend: None,
            reason: reason.into(),
        }
    }

    /// An [`Error::Io`] for `path`, keeping `source`: a `std::io::Error`, or
    /// any other `Error + Send + Sync + 'static` (a boxed one too).
    pub fn io(
        path: impl Into<String>,
        reason: impl Into<String>,
        source: impl Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
    ) -> Self {
        Error::Io {
            path: path.into(),
            backend: None,
            reason: reason.into(),
            source: source.into(),
        }
    }

    /// An [`Error::CapabilityNotSupported`] for a call on `path`; `reason`
    /// says what to use instead.
    pub fn capability_not_supported(
        capability: Capability,
        path: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        Error::CapabilityNotSupported {
            capability,
            path: path.into(),
            backend: None,
            reason: reason.into(),
        }
    }

    /// An [`Error::PermissionDenied`] for `path`.
    pub fn permission_denied(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::PermissionDenied {
            path: path.into(),
            backend: None,
            reason: reason.into(),
        }
    }

    /// An [`Error::BackendUnavailable`] for a call on `path` (`""` when the
    /// call has none).
    pub fn backend_unavailable(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::BackendUnavailable {
            path: path.into(),
            backend: None,
            reason: reason.into(),
        }
    }

    /// An [`Error::Config`] at `location` (such as `backends.mem.options.root`).
    pub fn config(location: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Config {
            location: location.into(),
            reason: reason.into(),
        }
    }

    /// An error of `kind` about `path`, for tests and fault injection:
    /// `Io` wraps an [`std::io::Error::other`] carrying `reason`,
    /// `CapabilityNotSupported` names [`Capability::READ`], and `Config` uses
    /// `path` as its location.
    ///
    /// ```
    /// use remote_store::{Error, ErrorKind};
    ///
    /// let err = Error::of_kind(ErrorKind::PermissionDenied, "a.txt", "injected");
    /// assert_eq!(err.kind(), ErrorKind::PermissionDenied);
    /// assert_eq!(err.path(), Some("a.txt"));
    /// ```
    pub fn of_kind(kind: ErrorKind, path: impl Into<String>, reason: impl Into<String>) -> Self {
        let (path, reason) = (path.into(), reason.into());
        match kind {
            ErrorKind::NotFound => Error::not_found(path, reason),
            ErrorKind::AlreadyExists => Error::already_exists(path, reason),
            ErrorKind::InvalidPath => Error::invalid_path(path, reason),
            ErrorKind::DirectoryNotEmpty => Error::DirectoryNotEmpty {
                path,
                backend: None,
                reason,
            },
            ErrorKind::CapabilityNotSupported => {
                Error::capability_not_supported(Capability::READ, path, reason)
            }
            ErrorKind::PermissionDenied => Error::permission_denied(path, reason),
            ErrorKind::BackendUnavailable => Error::backend_unavailable(path, reason),
            ErrorKind::InvalidArgument => Error::invalid_argument(path, reason),
            ErrorKind::Io => {
                let source = std::io::Error::other(reason.clone());
                Error::io(path, reason, source)
            }
            ErrorKind::Config => Error::config(path, reason),
        }
    }
}
