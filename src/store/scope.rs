//! What [`Store`](super::Store) and `aio::AsyncStore` share: the root a store
//! is scoped to, how a user path resolves under it, which capability gate a
//! call passes first, and how returned paths and errors are rebased. Both
//! stores call these and add only the backend call in between.

use std::collections::VecDeque;

use crate::ext::glob::SegmentPattern;
use crate::{
    Capability, CapabilitySet, Child, Error, FileInfo, FolderEntry, FolderInfo, ListOptions,
    RemotePath, Result, WriteOptions, WriteResult, WriteSource,
};

use super::error_paths;
use super::metadata::validate_metadata;

/// A root path and the rules for calls scoped to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Scope {
    root: RemotePath,
}

/// What the source of a self-transfer (`src == dst`) is.
pub(crate) enum SelfSource {
    File,
    Folder,
    Missing,
}

impl SelfSource {
    /// Classifies a source from its `is_file` and (asked only when it is
    /// not a file) `is_folder` answers.
    pub(crate) fn classify(
        is_file: Result<bool>,
        is_folder: impl FnOnce() -> Result<bool>,
    ) -> Result<Self> {
        Ok(if is_file? {
            SelfSource::File
        } else if is_folder()? {
            SelfSource::Folder
        } else {
            SelfSource::Missing
        })
    }
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
            root: parse_root(root_path)?,
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
            return Err(Error::root_is_not_a_file(path));
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

    /// The outcome of a transfer onto itself, given what `src` is: a file is
    /// left as it is; a folder is a type mismatch, which outranks not-found.
    pub(crate) fn self_transfer(&self, src: &str, source: Result<SelfSource>) -> Result<()> {
        match source {
            Ok(SelfSource::File) => Ok(()),
            Ok(SelfSource::Folder) => Err(Error::source_is_a_folder(src)),
            Ok(SelfSource::Missing) => Err(Error::source_not_found(src)),
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

    /// Makes the path an error names store-relative when it lies under the
    /// root, in its `path` field and in its message alike.
    pub(crate) fn rebase_error(&self, error: Error) -> Error {
        let relative = error
            .path()
            .and_then(|p| RemotePath::parse(p).ok())
            .and_then(|p| p.strip_prefix(&self.root));
        match relative {
            Some(relative) if !self.root.is_root() => {
                error_paths::rebase_error(error, self.root.as_str(), relative.as_str())
            }
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

    /// `list_folders_with`: the gated folder path, and the walk that its
    /// backend listings (the first one of `path`) go through.
    pub(crate) fn list_folders_call(
        &self,
        capabilities: CapabilitySet,
        backend: &str,
        path: &str,
        options: &ListOptions,
    ) -> Result<(RemotePath, FolderWalk)> {
        let full = self.folder_call(capabilities, backend, Capability::LIST, path)?;
        let walk = FolderWalk {
            scope: self.clone(),
            pending: VecDeque::new(),
            max_depth: options.max_depth.unwrap_or(0),
            pattern: options.pattern.as_deref().map(SegmentPattern::new),
        };
        Ok((full, walk))
    }

    /// `glob`: the `GLOB` gate (a refusal suggests the portable
    /// alternatives), then the pattern the backend gets.
    pub(crate) fn glob_call(
        &self,
        capabilities: CapabilitySet,
        backend: &str,
        pattern: &str,
    ) -> Result<String> {
        self.gate(capabilities, backend, Capability::GLOB, pattern)
            .map_err(suggest_glob_fallback)?;
        // Prefixed textually, as the reference does: a pattern with an empty
        // segment (`/a/*`) stays one and matches nothing.
        Ok(if self.root.is_root() {
            pattern.to_owned()
        } else {
            format!("{}/{}", self.root, pattern)
        })
    }

    /// `get_folder_info_with` with a depth, once the folder path passed the
    /// `LIST` gate: the empty totals of `path`, or [`Error::NotFound`] when
    /// `is_folder` (the backend's answer for it) is `false`.
    pub(crate) fn folder_totals(&self, path: &str, is_folder: Result<bool>) -> Result<FolderInfo> {
        if !is_folder.map_err(|e| self.rebase_error(e))? {
            return Err(Error::folder_not_found(path));
        }
        Ok(FolderInfo {
            path: RemotePath::parse(path)?,
            file_count: 0,
            total_size: 0,
            modified_at: None,
        })
    }

    /// `to_key`: the backend's `key` with the store root stripped,
    /// textually (contract NPR-010 to NPR-013); unscoped, the key as it is.
    pub(crate) fn store_key(&self, key: String) -> Result<String> {
        if self.root.is_root() {
            return Ok(key);
        }
        let root = self.root.as_str();
        if key == root {
            return Ok(String::new());
        }
        match key
            .strip_prefix(root)
            .and_then(|rest| rest.strip_prefix('/'))
        {
            Some(rest) => Ok(rest.to_owned()),
            None => Err(Error::invalid_path(
                key.as_str(),
                format!("Path '{key}' is not under store root '{root}'"),
            )),
        }
    }
}

/// Adds one file to the totals of `get_folder_info_with`.
pub(crate) fn add_to_totals(totals: &mut FolderInfo, file: &FileInfo) {
    totals.file_count += 1;
    totals.total_size += file.size;
    totals.modified_at = totals.modified_at.max(Some(file.modified_at));
}

/// `head`: what a write of the file would have reported, from its info.
pub(crate) fn head_of(info: FileInfo) -> WriteResult {
    WriteResult {
        path: info.path,
        size: info.size,
        source: WriteSource::Sidecar,
        digest: info.digest,
        etag: info.etag,
        version_id: None,
        last_modified: Some(info.modified_at),
        metadata: info.metadata,
    }
}

/// Adds the portable alternatives to a refused `GLOB` gate.
fn suggest_glob_fallback(mut error: Error) -> Error {
    if let Error::CapabilityNotSupported { reason, .. } = &mut error {
        reason.push_str(
            "; use Store::list_files_with with a pattern, \
             or the portable remote_store::ext::glob::glob_files",
        );
    }
    error
}

/// The breadth-first walk of `list_folders_with`, without its I/O: each
/// store lists the folders it is handed (one backend `list_folders` per
/// folder, level by level) and passes every item through
/// [`visit`](FolderWalk::visit).
pub(crate) struct FolderWalk {
    scope: Scope,
    /// Folders still to list, with the level of their subfolders.
    pending: VecDeque<(RemotePath, usize)>,
    max_depth: usize,
    pattern: Option<SegmentPattern>,
}

impl FolderWalk {
    /// The next folder to list, with the level of its subfolders.
    pub(crate) fn next_folder(&mut self) -> Option<(RemotePath, usize)> {
        self.pending.pop_front()
    }

    /// An item of a level-`level` listing as the store yields it, or `None`
    /// when the pattern filters it out. A folder above `max_depth` is queued
    /// for descent whether or not its name matches.
    pub(crate) fn visit(
        &mut self,
        item: Result<FolderEntry>,
        level: usize,
    ) -> Option<Result<FolderEntry>> {
        let entry = match item {
            Ok(entry) => entry,
            Err(e) => return Some(Err(self.scope.rebase_error(e))),
        };
        if level < self.max_depth {
            self.pending.push_back((entry.path.clone(), level + 1));
        }
        if self
            .pattern
            .as_ref()
            .is_some_and(|pattern| !pattern.matches(&entry.name))
        {
            return None;
        }
        Some(self.scope.rebase(&entry.path).map(FolderEntry::new))
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

/// Parses a store root: `""` is the backend root; any other string must name
/// a folder below it (contract 3.3: a non-empty `root_path` goes through
/// `RemotePath`, which refuses `"."`, `"/"` and the like).
fn parse_root(root_path: &str) -> Result<RemotePath> {
    let root = RemotePath::parse(root_path)?;
    if root.is_root() && !root_path.is_empty() {
        return Err(Error::invalid_path(
            root_path,
            "A store root must be \"\" (the backend root) or name a folder",
        ));
    }
    Ok(root)
}
