//! What [`Store`](super::Store) and `aio::AsyncStore` share: the root a store
//! is scoped to, how a user path resolves under it, which capability gate a
//! call passes first, and how returned paths and errors are rebased. Both
//! stores call these and add only the backend call in between.

use crate::ext::glob::SegmentPattern;
use crate::{
    Capability, CapabilitySet, Child, Error, FileInfo, FolderEntry, FolderInfo, ListOptions,
    RemotePath, Result, WriteOptions, WriteResult,
};

use super::metadata::validate_metadata;

/// A root path and the rules for calls scoped to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Scope {
    root: RemotePath,
}

/// How a transfer (`rename`, `copy`) proceeds after its checks.
pub(crate) enum Transfer {
    /// Source and destination are the same path: a no-op for a file, which
    /// never reaches the backend's transfer (see [`Scope::self_transfer`]).
    SamePath(RemotePath),
    /// Call the backend with these backend paths.
    Call(RemotePath, RemotePath),
}

impl Scope {
    /// The scope of `root_path`; an invalid one is [`Error::InvalidPath`].
    pub(crate) fn new(root_path: &str) -> Result<Self> {
        Ok(Scope {
            root: RemotePath::parse(root_path)?,
        })
    }

    /// The scope of `subpath` below this one; the root is refused.
    pub(crate) fn child(&self, subpath: &str) -> Result<Self> {
        let sub = RemotePath::parse(subpath)?;
        if sub.is_root() {
            return Err(Error::invalid_path(
                subpath,
                "A child store needs a non-empty subpath",
            ));
        }
        Ok(Scope {
            root: self.root.join_path(&sub),
        })
    }

    /// The root within the backend.
    pub(crate) fn root(&self) -> &RemotePath {
        &self.root
    }

    /// Refuses with [`Error::CapabilityNotSupported`] naming `path` unless
    /// `capabilities` has `capability`.
    pub(crate) fn gate(
        &self,
        capabilities: CapabilitySet,
        backend: &str,
        capability: Capability,
        path: &str,
    ) -> Result<()> {
        capabilities
            .require(capability, backend)
            .map_err(|e| e.with_path(path))
    }

    /// Resolves a folder or query path: the root spellings give the root.
    pub(crate) fn resolve(&self, path: &str) -> Result<RemotePath> {
        Ok(self.root.join_path(&RemotePath::parse(path)?))
    }

    /// Resolves a file path: the root spellings are refused.
    pub(crate) fn resolve_file(&self, path: &str) -> Result<RemotePath> {
        let relative = RemotePath::parse(path)?;
        if relative.is_root() {
            return Err(Error::invalid_path(
                path,
                "Path must not be empty or root for file operations",
            ));
        }
        Ok(self.root.join_path(&relative))
    }

    /// A gated file call (read, delete, get_file_info): the gate, then the
    /// file path.
    pub(crate) fn file_call(
        &self,
        capabilities: CapabilitySet,
        backend: &str,
        capability: Capability,
        path: &str,
    ) -> Result<RemotePath> {
        self.gate(capabilities, backend, capability, path)?;
        self.resolve_file(path)
    }

    /// A gated folder call (listings, get_folder_info): the gate, then the
    /// folder path.
    pub(crate) fn folder_call(
        &self,
        capabilities: CapabilitySet,
        backend: &str,
        capability: Capability,
        path: &str,
    ) -> Result<RemotePath> {
        self.gate(capabilities, backend, capability, path)?;
        self.resolve(path)
    }

    /// `delete_folder`: the store root is refused before the `DELETE` gate.
    pub(crate) fn delete_folder_call(
        &self,
        capabilities: CapabilitySet,
        backend: &str,
        path: &str,
    ) -> Result<RemotePath> {
        if RemotePath::parse(path)?.is_root() {
            return Err(Error::invalid_path(path, "Cannot delete the store root"));
        }
        self.folder_call(capabilities, backend, Capability::DELETE, path)
    }

    /// A write: metadata validated and gated (`USER_METADATA`), then the
    /// write's own gate, then the file path.
    pub(crate) fn write_call(
        &self,
        capabilities: CapabilitySet,
        backend: &str,
        capability: Capability,
        path: &str,
        options: &WriteOptions,
    ) -> Result<RemotePath> {
        if let Some(metadata) = options.effective_metadata() {
            validate_metadata(path, metadata)?;
            self.gate(capabilities, backend, Capability::USER_METADATA, path)?;
        }
        self.file_call(capabilities, backend, capability, path)
    }

    /// A transfer: the gate (naming `src`), then both file paths.
    pub(crate) fn transfer_call(
        &self,
        capabilities: CapabilitySet,
        backend: &str,
        capability: Capability,
        src: &str,
        dst: &str,
    ) -> Result<Transfer> {
        self.gate(capabilities, backend, capability, src)?;
        let full_src = self.resolve_file(src)?;
        let full_dst = self.resolve_file(dst)?;
        Ok(if full_src == full_dst {
            Transfer::SamePath(full_src)
        } else {
            Transfer::Call(full_src, full_dst)
        })
    }

    /// The outcome of a transfer onto itself, given whether `src` is a file.
    pub(crate) fn self_transfer(&self, src: &str, is_file: Result<bool>) -> Result<()> {
        match is_file {
            Ok(true) => Ok(()),
            Ok(false) => Err(Error::not_found(src, format!("Source not found: {src}"))),
            Err(e) => Err(self.rebase_error(e)),
        }
    }

    /// A backend path as a store-relative one; outside the root is
    /// [`Error::InvalidPath`].
    pub(crate) fn rebase(&self, path: &RemotePath) -> Result<RemotePath> {
        path.strip_prefix(&self.root).ok_or_else(|| {
            Error::invalid_path(
                path.as_str(),
                format!("Path '{path}' is not under store root '{}'", self.root),
            )
        })
    }

    /// Makes the path an error names store-relative when it lies under the root.
    pub(crate) fn rebase_error(&self, error: Error) -> Error {
        let relative = error
            .path()
            .and_then(|p| RemotePath::parse(p).ok())
            .and_then(|p| p.strip_prefix(&self.root));
        match relative {
            Some(relative) if !self.root.is_root() => error.with_path(relative.as_str()),
            _ => error,
        }
    }

    /// A write's result (or error) with store-relative paths.
    pub(crate) fn rebase_write_result(&self, result: Result<WriteResult>) -> Result<WriteResult> {
        let mut result = result.map_err(|e| self.rebase_error(e))?;
        result.path = self.rebase(&result.path)?;
        Ok(result)
    }

    /// A folder info (or error) with a store-relative path.
    pub(crate) fn rebase_folder_info(&self, info: Result<FolderInfo>) -> Result<FolderInfo> {
        let mut info = info.map_err(|e| self.rebase_error(e))?;
        info.path = self.rebase(&info.path)?;
        Ok(info)
    }

    /// A file info (or error) with a store-relative path.
    pub(crate) fn rebase_file_info(&self, item: Result<FileInfo>) -> Result<FileInfo> {
        let mut info = item.map_err(|e| self.rebase_error(e))?;
        info.path = self.rebase(&info.path)?;
        Ok(info)
    }

    /// A folder entry (or error) with a store-relative path.
    pub(crate) fn rebase_folder(&self, item: Result<FolderEntry>) -> Result<FolderEntry> {
        let entry = item.map_err(|e| self.rebase_error(e))?;
        Ok(FolderEntry::new(self.rebase(&entry.path)?))
    }

    /// A child (or error) with a store-relative path.
    pub(crate) fn rebase_child(&self, item: Result<Child>) -> Result<Child> {
        Ok(match item.map_err(|e| self.rebase_error(e))? {
            Child::File(info) => Child::File(self.rebase_file_info(Ok(info))?),
            Child::Folder(entry) => Child::Folder(self.rebase_folder(Ok(entry))?),
        })
    }

    /// `list_files_with`: the gated folder path, the options the backend
    /// gets, and the filter its items go through.
    pub(crate) fn list_files_call(
        &self,
        capabilities: CapabilitySet,
        backend: &str,
        path: &str,
        options: ListOptions,
    ) -> Result<(RemotePath, ListOptions, FileFilter)> {
        let full = self.folder_call(capabilities, backend, Capability::LIST, path)?;
        let max_depth = options.max_depth;
        let filter = FileFilter {
            scope: self.clone(),
            base_depth: full.depth(),
            max_depth,
            pattern: options.pattern.as_deref().map(SegmentPattern::new),
        };
        let options = ListOptions {
            recursive: max_depth.map_or(options.recursive, |depth| depth > 0),
            ..options
        };
        Ok((full, options, filter))
    }
}

/// A file's content as UTF-8 text; invalid UTF-8 is an [`Error::Io`] of
/// kind `InvalidData` naming `path`.
pub(crate) fn utf8_text(path: &str, bytes: &[u8]) -> Result<String> {
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        Error::io(
            path,
            "content is not valid UTF-8",
            std::io::Error::new(std::io::ErrorKind::InvalidData, e),
        )
    })
}

/// What `list_files_with` does to each item of the backend's listing: the
/// depth limit is enforced whatever the backend did with the hint, the name
/// pattern applied, the path rebased.
pub(crate) struct FileFilter {
    scope: Scope,
    base_depth: usize,
    max_depth: Option<usize>,
    pattern: Option<SegmentPattern>,
}

impl FileFilter {
    /// The item as the store yields it, or `None` when it is filtered out.
    pub(crate) fn apply(&self, item: Result<FileInfo>) -> Option<Result<FileInfo>> {
        let info = match item {
            Ok(info) => info,
            Err(e) => return Some(Err(self.scope.rebase_error(e))),
        };
        let depth = info.path.depth().saturating_sub(self.base_depth + 1);
        if self.max_depth.is_some_and(|max| depth > max) {
            return None;
        }
        if self
            .pattern
            .as_ref()
            .is_some_and(|pattern| !pattern.matches(info.path.name()))
        {
            return None;
        }
        Some(self.scope.rebase_file_info(Ok(info)))
    }
}
