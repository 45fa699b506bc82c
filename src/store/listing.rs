//! Store listings: gated and validated eagerly, iterated lazily, every path
//! rebased to the store root.

use std::collections::VecDeque;

use super::Store;
use crate::ext::glob::SegmentPattern;
use crate::{
    Backend, Capability, Child, Error, FileInfo, FolderEntry, ListOptions, Listing, RemotePath,
    Result,
};

impl<B: Backend + ?Sized> Store<B> {
    /// Immediate files of a folder (gate `LIST`). A missing path, a file, or a
    /// path under a file lists nothing.
    ///
    /// ```
    /// use remote_store::{backends::MemoryBackend, Store};
    ///
    /// let store = Store::new(MemoryBackend::new(), "")?;
    /// store.write("b.txt", "")?;
    /// store.write("a.txt", "")?;
    /// store.write("sub/c.txt", "")?;
    /// let names: Vec<String> = store
    ///     .list_files("")?
    ///     .map(|f| f.map(|f| f.name))
    ///     .collect::<Result<_, _>>()?;
    /// assert_eq!(names, ["a.txt", "b.txt"]);
    /// # Ok::<(), remote_store::Error>(())
    /// ```
    pub fn list_files(&self, path: &str) -> Result<Listing<'_, FileInfo>> {
        self.list_files_with(path, ListOptions::new())
    }

    /// Files of a folder with options (gate `LIST`).
    ///
    /// * With `max_depth` set the listing is recursive to that depth
    ///   (`Some(0)` is the immediate files), and the depth is enforced here
    ///   whatever the backend does with the hint.
    /// * With `pattern` set, only files whose basename matches it are yielded
    ///   (fnmatch rules of [`SegmentPattern`]: `*`, `?`, `[...]`, `[!...]`,
    ///   case-sensitive).
    ///
    /// ```
    /// use remote_store::{backends::MemoryBackend, ListOptions, Store};
    ///
    /// let store = Store::new(MemoryBackend::new(), "")?;
    /// for path in ["a.csv", "b.txt", "d/c.csv", "d/e/f.csv"] {
    ///     store.write(path, "")?;
    /// }
    /// let options = ListOptions::new().max_depth(1).pattern("*.csv");
    /// let paths: Vec<String> = store
    ///     .list_files_with("", options)?
    ///     .map(|f| f.map(|f| f.path.to_string()))
    ///     .collect::<Result<_, _>>()?;
    /// assert_eq!(paths, ["a.csv", "d/c.csv"]);
    /// # Ok::<(), remote_store::Error>(())
    /// ```
    pub fn list_files_with(
        &self,
        path: &str,
        options: ListOptions,
    ) -> Result<Listing<'_, FileInfo>> {
        let (full, options, filter) =
            self.scope
                .list_files_call(self.capabilities(), self.backend.name(), path, options)?;
        let files = self
            .backend
            .list_files(&full, options)
            .map_err(|e| self.rebase_error(e))?;
        Ok(Box::new(files.filter_map(move |item| filter.apply(item))))
    }

    /// Immediate subfolders of a folder (gate `LIST`).
    pub fn list_folders(&self, path: &str) -> Result<Listing<'_, FolderEntry>> {
        self.list_folders_with(path, ListOptions::new())
    }

    /// Subfolders of a folder with options (gate `LIST`).
    ///
    /// Breadth-first, level by level through the backend's `list_folders`,
    /// from the immediate subfolders (level 0) down to `max_depth` (`None`
    /// and `Some(0)` both mean the immediate subfolders only; `recursive` is
    /// ignored). `pattern` filters what is yielded by the folder's name but
    /// does not prune the walk: a non-matching folder is still descended.
    ///
    /// ```
    /// use remote_store::{backends::MemoryBackend, ListOptions, Store};
    ///
    /// let store = Store::new(MemoryBackend::new(), "")?;
    /// store.write("a/x/f", "")?;
    /// store.write("b/y/g", "")?;
    /// let paths: Vec<String> = store
    ///     .list_folders_with("", ListOptions::new().max_depth(1))?
    ///     .map(|f| f.map(|f| f.path.to_string()))
    ///     .collect::<Result<_, _>>()?;
    /// assert_eq!(paths, ["a", "b", "a/x", "b/y"]);
    /// # Ok::<(), remote_store::Error>(())
    /// ```
    pub fn list_folders_with(
        &self,
        path: &str,
        options: ListOptions,
    ) -> Result<Listing<'_, FolderEntry>> {
        self.gate(Capability::LIST, path)?;
        let full = self.resolve(path)?;
        let first = self
            .backend
            .list_folders(&full)
            .map_err(|e| self.rebase_error(e))?;
        Ok(Box::new(FolderWalk {
            store: self,
            current: Some((first, 0)),
            pending: VecDeque::new(),
            max_depth: options.max_depth.unwrap_or(0),
            pattern: options.pattern.as_deref().map(SegmentPattern::new),
        }))
    }

    /// Immediate files and folders of a folder (gate `LIST`).
    pub fn iter_children(&self, path: &str) -> Result<Listing<'_, Child>> {
        self.gate(Capability::LIST, path)?;
        let full = self.resolve(path)?;
        let children = self
            .backend
            .iter_children(&full)
            .map_err(|e| self.rebase_error(e))?;
        Ok(Box::new(
            children.map(move |item| self.scope.rebase_child(item)),
        ))
    }

    /// Files matching a glob pattern, natively (gate `GLOB`). The pattern is
    /// taken relative to the store root. Without `GLOB`, the error suggests
    /// the portable [`glob_files`](crate::ext::glob::glob_files).
    pub fn glob(&self, pattern: &str) -> Result<Listing<'_, FileInfo>> {
        self.gate(Capability::GLOB, pattern)
            .map_err(suggest_glob_fallback)?;
        let rooted = if self.root_path().is_root() {
            pattern.to_owned()
        } else {
            format!("{}/{}", self.root_path(), pattern.trim_start_matches('/'))
        };
        let files = self
            .backend
            .glob(&rooted)
            .map_err(|e| self.rebase_error(e))?;
        Ok(Box::new(files.map(move |item| {
            let mut info = item.map_err(|e| self.rebase_error(e))?;
            info.path = self.rebase(&info.path)?;
            Ok(info)
        })))
    }
}

/// Adds the portable alternatives to a refused `GLOB` gate.
fn suggest_glob_fallback(error: Error) -> Error {
    match error {
        Error::CapabilityNotSupported {
            capability,
            path,
            backend,
            reason,
        } => Error::CapabilityNotSupported {
            capability,
            path,
            backend,
            reason: format!(
                "{reason}; use Store::list_files_with with a pattern, \
                 or the portable remote_store::ext::glob::glob_files"
            ),
        },
        other => other,
    }
}

/// The breadth-first walk of [`Store::list_folders_with`]: one backend
/// `list_folders` call per folder, level by level, each started lazily.
struct FolderWalk<'s, B: Backend + ?Sized> {
    store: &'s Store<B>,
    /// The listing being drained and its level (0 = immediate subfolders).
    current: Option<(Listing<'s, FolderEntry>, usize)>,
    /// Folders whose subfolders are still to be listed, with their level.
    pending: VecDeque<(RemotePath, usize)>,
    max_depth: usize,
    pattern: Option<SegmentPattern>,
}

impl<B: Backend + ?Sized> Iterator for FolderWalk<'_, B> {
    type Item = Result<FolderEntry>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let Some((listing, level)) = &mut self.current else {
                let (folder, level) = self.pending.pop_front()?;
                match self.store.backend.list_folders(&folder) {
                    Ok(listing) => self.current = Some((listing, level)),
                    Err(e) => return Some(Err(self.store.rebase_error(e))),
                }
                continue;
            };
            let level = *level;
            let entry = match listing.next() {
                None => {
                    self.current = None;
                    continue;
                }
                Some(Err(e)) => return Some(Err(self.store.rebase_error(e))),
                Some(Ok(entry)) => entry,
            };
            if level < self.max_depth {
                self.pending.push_back((entry.path.clone(), level + 1));
            }
            if self
                .pattern
                .as_ref()
                .is_some_and(|pattern| !pattern.matches(&entry.name))
            {
                continue;
            }
            return Some(self.store.rebase(&entry.path).map(FolderEntry::new));
        }
    }
}
