//! Small option structs for the operations that take options.
//!
//! Each has public fields, a `Default` that is the contract's default, and
//! chainable setters named like the fields:
//!
//! ```
//! use remote_store::{DeleteFolderOptions, WriteOptions};
//!
//! let opts = WriteOptions::new().overwrite(true);
//! assert!(opts.overwrite);
//! let opts = DeleteFolderOptions::new().recursive(true).missing_ok(true);
//! assert!(opts.recursive && opts.missing_ok);
//! ```

use crate::Metadata;

/// Options of `write`, `write_atomic` and `open_atomic`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct WriteOptions {
    /// Replace an existing file (never a folder). Default `false`.
    pub overwrite: bool,
    /// User metadata to store with the file. `None` and an empty map mean none;
    /// a non-empty map needs the `USER_METADATA` capability.
    pub metadata: Option<Metadata>,
}

impl WriteOptions {
    /// The defaults: no overwrite, no metadata.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `overwrite`.
    #[must_use]
    pub fn overwrite(mut self, overwrite: bool) -> Self {
        self.overwrite = overwrite;
        self
    }

    /// Sets the user metadata from any `(key, value)` pairs.
    #[must_use]
    pub fn metadata<K, V>(mut self, metadata: impl IntoIterator<Item = (K, V)>) -> Self
    where
        K: Into<String>,
        V: Into<String>,
    {
        self.metadata = Some(
            metadata
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        );
        self
    }

    /// The metadata to store: `None` for `None` and for an empty map.
    pub fn effective_metadata(&self) -> Option<&Metadata> {
        self.metadata.as_ref().filter(|m| !m.is_empty())
    }
}

/// Options of `delete`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct DeleteOptions {
    /// Return quietly when the file does not exist. A folder is still refused.
    pub missing_ok: bool,
}

impl DeleteOptions {
    /// The defaults: a missing file is an error.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `missing_ok`.
    #[must_use]
    pub fn missing_ok(mut self, missing_ok: bool) -> Self {
        self.missing_ok = missing_ok;
        self
    }
}

/// Options of `delete_folder`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct DeleteFolderOptions {
    /// Remove the whole subtree; without it a non-empty folder is refused.
    pub recursive: bool,
    /// Return quietly when the folder does not exist. A file is still refused.
    pub missing_ok: bool,
}

impl DeleteFolderOptions {
    /// The defaults: not recursive, a missing folder is an error.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `recursive`.
    #[must_use]
    pub fn recursive(mut self, recursive: bool) -> Self {
        self.recursive = recursive;
        self
    }

    /// Sets `missing_ok`.
    #[must_use]
    pub fn missing_ok(mut self, missing_ok: bool) -> Self {
        self.missing_ok = missing_ok;
        self
    }
}

/// Options of `rename` and `copy`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct TransferOptions {
    /// Replace an existing destination file (never a folder). Default `false`.
    pub overwrite: bool,
}

impl TransferOptions {
    /// The defaults: an existing destination is an error.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `overwrite`.
    #[must_use]
    pub fn overwrite(mut self, overwrite: bool) -> Self {
        self.overwrite = overwrite;
        self
    }
}

/// Options of `list_files` (backend and store) and of `Store::list_folders_with`.
///
/// Not `Copy` since it gained `pattern`: clone it to reuse it.
///
/// ```
/// use remote_store::ListOptions;
///
/// let options = ListOptions::new().max_depth(2).pattern("*.csv");
/// assert_eq!(options.pattern.as_deref(), Some("*.csv"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListOptions {
    /// Walk the whole subtree instead of the immediate children.
    pub recursive: bool,
    /// With `recursive`, include only files whose depth below the listed
    /// folder is at most this (immediate children have depth 0). Through a
    /// `Store`, setting it turns recursion on when it is above 0.
    ///
    /// The contract refuses a negative depth; here the type is `usize`, so a
    /// negative depth cannot be expressed at all.
    pub max_depth: Option<usize>,
    /// An fnmatch-style pattern (`*`, `?`, `[...]`, `[!...]`) that the
    /// basename of each result must match, case-sensitively (see
    /// [`SegmentPattern`](crate::ext::glob::SegmentPattern)). The `Store`
    /// applies it; a backend may use it as a hint and may ignore it.
    pub pattern: Option<String>,
}

impl ListOptions {
    /// The defaults: immediate children only, no depth limit, no pattern.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `recursive`.
    #[must_use]
    pub fn recursive(mut self, recursive: bool) -> Self {
        self.recursive = recursive;
        self
    }

    /// Sets `max_depth`.
    #[must_use]
    pub fn max_depth(mut self, max_depth: impl Into<Option<usize>>) -> Self {
        self.max_depth = max_depth.into();
        self
    }

    /// Sets the basename `pattern`.
    #[must_use]
    pub fn pattern(mut self, pattern: impl Into<String>) -> Self {
        self.pattern = Some(pattern.into());
        self
    }
}
