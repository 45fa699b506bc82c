//! The crate's one error type.
//!
//! The hierarchy is flat (contract section 4): every variant names the path it
//! is about, and the backend when it is known, so `to_string()` always contains
//! the path. Compare kinds with [`Error::kind`].

mod constructors;
mod messages;
#[cfg(test)]
mod tests;

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
/// Build one with a constructor: the contract's own refusals have one each,
/// so that every backend words them alike ([`Error::file_not_found`],
/// [`Error::not_a_file`], [`Error::destination_already_exists`], ...); any
/// other error takes its kind, path and reason ([`Error::not_found`],
/// [`Error::io`], ...).
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

/// A `match` on an [`Error`] with one arm for the nine variants that carry a
/// path, a backend and a reason (every one but `Config`), binding the
/// `fields` given, and one arm for `Config`: the one place that lists them.
macro_rules! match_located {
    ($error:expr, { $($fields:tt)* } => $located:expr, Config => $config:expr $(,)?) => {
        match $error {
            Error::NotFound { $($fields)* }
            | Error::AlreadyExists { $($fields)* }
            | Error::InvalidPath { $($fields)* }
            | Error::DirectoryNotEmpty { $($fields)* }
            | Error::CapabilityNotSupported { $($fields)* }
            | Error::PermissionDenied { $($fields)* }
            | Error::BackendUnavailable { $($fields)* }
            | Error::InvalidArgument { $($fields)* }
            | Error::Io { $($fields)* } => $located,
            Error::Config { .. } => $config,
        }
    };
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
        match_located!(self, { path, .. } => Some(path), Config => None)
    }

    /// The backend that reported this error, when known.
    pub fn backend(&self) -> Option<&str> {
        match_located!(self, { backend, .. } => backend.as_deref(), Config => None)
    }

    /// Replaces the path this error names (used by `Store` to report
    /// store-relative paths). [`Error::Config`] is returned unchanged.
    pub fn with_path(mut self, new_path: impl Into<String>) -> Self {
        match_located!(&mut self, { path, .. } => *path = new_path.into(), Config => {});
        self
    }

    /// Sets the backend name this error is attributed to.
    pub fn with_backend(mut self, name: impl Into<String>) -> Self {
        match_located!(&mut self, { backend, .. } => *backend = Some(name.into()), Config => {});
        self
    }

    /// The human reason of a path-carrying error, for rewriting (`Store`
    /// rebases the paths it names); `None` for [`Error::Config`].
    pub(crate) fn reason_mut(&mut self) -> Option<&mut String> {
        match_located!(self, { reason, .. } => Some(reason), Config => None)
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
