//! The crate's one error type.
//!
//! The hierarchy is flat (contract section 4): every variant names the path it
//! is about, and the backend when it is known, so `to_string()` always contains
//! the path. Compare kinds with [`Error::kind`].

use std::fmt;

use crate::Capability;

/// A `Result` whose error is this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Every failure a [`Backend`](crate::Backend), a [`Store`](crate::Store) or a
/// registry reports.
///
/// Each variant carries the `path` it is about (possibly `""`, the root), the
/// name of the `backend` when known, and a human `reason`. The rendered message
/// has the form `reason | path='a/b' | backend='memory'`.
///
/// Precedence rules the backends follow (contract section 2.3): a type
/// mismatch ([`Error::InvalidPath`]) outranks not-found and outranks
/// `missing_ok`; only `exists`, `is_file` and `is_folder` answer `false`
/// instead of failing. A write whose content reader fails *and* whose path
/// would be refused (a folder, under a file, an existing file without
/// `overwrite`) may report either [`Error::Io`] or the refusal; the root is
/// always [`Error::InvalidPath`] first (see [`Backend`](crate::Backend)).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file or folder does not exist (read side: also a path under a file).
    #[error("{reason} | path='{path}'{}", BackendSuffix(backend))]
    NotFound {
        /// The path that was not found.
        path: String,
        /// The backend that reported it, when known.
        backend: Option<String>,
        /// What was looked for.
        reason: String,
    },
    /// The target exists and overwriting was not allowed.
    #[error("{reason} | path='{path}'{}", BackendSuffix(backend))]
    AlreadyExists {
        /// The conflicting path (the destination for rename and copy).
        path: String,
        /// The backend that reported it, when known.
        backend: Option<String>,
        /// What conflicted.
        reason: String,
    },
    /// A malformed or out-of-scope path, or a node-type mismatch at a valid path
    /// (a file operation on a folder or the root, a write under a file).
    #[error("{reason} | path='{path}'{}", BackendSuffix(backend))]
    InvalidPath {
        /// The offending path as given (or as resolved by the store).
        path: String,
        /// The backend that reported it, when known.
        backend: Option<String>,
        /// Why the path is not acceptable.
        reason: String,
    },
    /// A non-recursive folder delete found children.
    #[error("{reason} | path='{path}'{}", BackendSuffix(backend))]
    DirectoryNotEmpty {
        /// The folder that is not empty.
        path: String,
        /// The backend that reported it, when known.
        backend: Option<String>,
        /// Details.
        reason: String,
    },
    /// The operation needs a capability the backend does not declare.
    #[error(
        "Capability '{capability}' is not supported: {reason} | path='{path}'{}",
        BackendSuffix(backend)
    )]
    CapabilityNotSupported {
        /// The missing capability.
        capability: Capability,
        /// The path of the refused call (`""` when the call has none).
        path: String,
        /// The backend that refused, when known.
        backend: Option<String>,
        /// What to use instead, or which capabilities are supported.
        reason: String,
    },
    /// Access was denied by credentials, an ACL or the operating system.
    #[error("{reason} | path='{path}'{}", BackendSuffix(backend))]
    PermissionDenied {
        /// The path that was refused.
        path: String,
        /// The backend that reported it, when known.
        backend: Option<String>,
        /// Details.
        reason: String,
    },
    /// The backend is unreachable, cannot be initialised, or is closed.
    #[error("{reason} | path='{path}'{}", BackendSuffix(backend))]
    BackendUnavailable {
        /// The path of the failed call (`""` when the call has none).
        path: String,
        /// The backend, when known.
        backend: Option<String>,
        /// Details.
        reason: String,
    },
    /// An argument other than the path is invalid (user metadata shape,
    /// a glob pattern, a text encoding); the store was not touched.
    #[error("{reason} | path='{path}'{}", BackendSuffix(backend))]
    InvalidArgument {
        /// The path of the refused call.
        path: String,
        /// The backend, when known.
        backend: Option<String>,
        /// What is wrong with the argument.
        reason: String,
    },
    /// An I/O error while moving bytes: a content reader that failed, or a
    /// failure of the underlying storage with no better classification. The
    /// source is any error (a `std::io::Error`, an `object_store::Error`, ...).
    /// When a content reader fails on a write the path would refuse anyway,
    /// a backend may report this or the refusal; nothing was changed.
    ///
    /// The message does not repeat the underlying error: it is the
    /// [`source`](std::error::Error::source), so error-chain printers show it
    /// once.
    #[error("{reason} | path='{path}'{}", BackendSuffix(backend))]
    Io {
        /// The path being read or written.
        path: String,
        /// The backend, when known.
        backend: Option<String>,
        /// What was being done.
        reason: String,
        /// The underlying error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
    },
    /// A registry configuration is invalid; `location` says where
    /// (for example `backends.mem.options.root`).
    #[error("invalid configuration at {location}: {reason}")]
    Config {
        /// Where in the configuration the problem is.
        location: String,
        /// What is wrong there.
        reason: String,
    },
}

/// The kind of an [`Error`], without its fields: handy for comparisons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ErrorKind {
    /// [`Error::NotFound`]
    NotFound,
    /// [`Error::AlreadyExists`]
    AlreadyExists,
    /// [`Error::InvalidPath`]
    InvalidPath,
    /// [`Error::DirectoryNotEmpty`]
    DirectoryNotEmpty,
    /// [`Error::CapabilityNotSupported`]
    CapabilityNotSupported,
    /// [`Error::PermissionDenied`]
    PermissionDenied,
    /// [`Error::BackendUnavailable`]
    BackendUnavailable,
    /// [`Error::InvalidArgument`]
    InvalidArgument,
    /// [`Error::Io`]
    Io,
    /// [`Error::Config`]
    Config,
}

impl Error {
    /// The kind of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::AlreadyExists { .. } => ErrorKind::AlreadyExists,
            Error::InvalidPath { .. } => ErrorKind::InvalidPath,
            Error::DirectoryNotEmpty { .. } => ErrorKind::DirectoryNotEmpty,
            Error::CapabilityNotSupported { .. } => ErrorKind::CapabilityNotSupported,
            Error::PermissionDenied { .. } => ErrorKind::PermissionDenied,
            Error::BackendUnavailable { .. } => ErrorKind::BackendUnavailable,
            Error::InvalidArgument { .. } => ErrorKind::InvalidArgument,
            Error::Io { .. } => ErrorKind::Io,
            Error::Config { .. } => ErrorKind::Config,
        }
    }

    /// The path this error is about; `None` only for [`Error::Config`].
    pub fn path(&self) -> Option<&str> {
        match self {
            Error::NotFound { path, .. }
            | Error::AlreadyExists { path, .. }
            | Error::InvalidPath { path, .. }
            | Error::DirectoryNotEmpty { path, .. }
            | Error::CapabilityNotSupported { path, .. }
            | Error::PermissionDenied { path, .. }
            | Error::BackendUnavailable { path, .. }
            | Error::InvalidArgument { path, .. }
            | Error::Io { path, .. } => Some(path),
            Error::Config { .. } => None,
        }
    }

    /// The backend that reported this error, when known.
    pub fn backend(&self) -> Option<&str> {
        match self {
            Error::NotFound { backend, .. }
            | Error::AlreadyExists { backend, .. }
            | Error::InvalidPath { backend, .. }
            | Error::DirectoryNotEmpty { backend, .. }
            | Error::CapabilityNotSupported { backend, .. }
            | Error::PermissionDenied { backend, .. }
            | Error::BackendUnavailable { backend, .. }
            | Error::InvalidArgument { backend, .. }
            | Error::Io { backend, .. } => backend.as_deref(),
            Error::Config { .. } => None,
        }
    }

    /// Replaces the path this error names (used by `Store` to report
    /// store-relative paths). [`Error::Config`] is returned unchanged.
    pub fn with_path(mut self, new_path: impl Into<String>) -> Self {
        match &mut self {
            Error::NotFound { path, .. }
            | Error::AlreadyExists { path, .. }
            | Error::InvalidPath { path, .. }
            | Error::DirectoryNotEmpty { path, .. }
            | Error::CapabilityNotSupported { path, .. }
            | Error::PermissionDenied { path, .. }
            | Error::BackendUnavailable { path, .. }
            | Error::InvalidArgument { path, .. }
            | Error::Io { path, .. } => *path = new_path.into(),
            Error::Config { .. } => {}
        }
        self
    }

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

    /// Sets the backend name this error is attributed to.
    pub fn with_backend(mut self, name: impl Into<String>) -> Self {
        match &mut self {
            Error::NotFound { backend, .. }
            | Error::AlreadyExists { backend, .. }
            | Error::InvalidPath { backend, .. }
            | Error::DirectoryNotEmpty { backend, .. }
            | Error::CapabilityNotSupported { backend, .. }
            | Error::PermissionDenied { backend, .. }
            | Error::BackendUnavailable { backend, .. }
            | Error::InvalidArgument { backend, .. }
            | Error::Io { backend, .. } => *backend = Some(name.into()),
            Error::Config { .. } => {}
        }
        self
    }
}

struct BackendSuffix<'a>(&'a Option<String>);

impl fmt::Display for BackendSuffix<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(name) => write!(f, " | backend='{name}'"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_path_and_backend() {
        let err = Error::not_found("a/b.txt", "File not found").with_backend("memory");
        assert_eq!(
            err.to_string(),
            "File not found | path='a/b.txt' | backend='memory'"
        );
        assert_eq!(err.kind(), ErrorKind::NotFound);
        assert_eq!(err.path(), Some("a/b.txt"));
        assert_eq!(err.backend(), Some("memory"));
    }

    #[test]
    fn with_path_rewrites_every_path_carrying_variant() {
        let err = Error::invalid_path("data/x", "bad").with_path("x");
        assert_eq!(err.path(), Some("x"));
        let config = Error::Config {
            location: "stores.a".into(),
            reason: "r".into(),
        };
        assert_eq!(config.with_path("ignored").path(), None);
    }

    #[test]
    fn of_kind_builds_every_kind_with_its_path() {
        let kinds = [
            ErrorKind::NotFound,
            ErrorKind::AlreadyExists,
            ErrorKind::InvalidPath,
            ErrorKind::DirectoryNotEmpty,
            ErrorKind::CapabilityNotSupported,
            ErrorKind::PermissionDenied,
            ErrorKind::BackendUnavailable,
            ErrorKind::InvalidArgument,
            ErrorKind::Io,
        ];
        for kind in kinds {
            let err = Error::of_kind(kind, "a/b", "injected");
            assert_eq!(err.kind(), kind);
            assert_eq!(err.path(), Some("a/b"), "{kind:?}");
            assert!(err.to_string().contains("injected"), "{kind:?}: {err}");
        }
        let config = Error::of_kind(ErrorKind::Config, "stores.a", "bad");
        assert_eq!(config.kind(), ErrorKind::Config);
        assert!(config.to_string().contains("stores.a"));
    }

    #[test]
    fn named_constructors_set_their_variant() {
        let cap = Error::capability_not_supported(Capability::COPY, "x", "no copy");
        assert!(matches!(
            cap,
            Error::CapabilityNotSupported {
                capability: Capability::COPY,
                ..
            }
        ));
        assert_eq!(
            Error::permission_denied("x", "r").kind(),
            ErrorKind::PermissionDenied
        );
        assert_eq!(
            Error::backend_unavailable("", "r").kind(),
            ErrorKind::BackendUnavailable
        );
    }

    #[test]
    fn io_error_shows_its_source_once_in_the_chain() {
        let err = Error::io("f", "reading content", std::io::Error::other("boom"));
        let source = std::error::Error::source(&err).map(ToString::to_string);
        assert_eq!(source.as_deref(), Some("boom"));
        assert_eq!(err.to_string(), "reading content | path='f'");
        // What an error-chain printer (anyhow's `{:#}`, say) renders.
        let mut chain = err.to_string();
        let mut next = std::error::Error::source(&err);
        while let Some(cause) = next {
            chain.push_str(&format!(": {cause}"));
            next = cause.source();
        }
        assert_eq!(chain.matches("boom").count(), 1, "{chain}");
    }

    #[derive(Debug, thiserror::Error)]
    #[error("a store's own error")]
    struct StoreError;

    #[test]
    fn io_error_keeps_any_error_as_its_source() {
        let err = Error::io("f", "listing", StoreError);
        let source = std::error::Error::source(&err).expect("the source is kept");
        assert!(source.downcast_ref::<StoreError>().is_some());
        assert_eq!(err.kind(), ErrorKind::Io);
    }
}
