//! Store listings: gated and validated eagerly, iterated lazily, every path
//! rebased to the store root.
//!
//! When a listing sees the store: every `list_*` call checks the gate and
//! the path and starts the backend's listing before it returns. Over
//! [`MemoryBackend`](crate::backends::MemoryBackend) that start is a
//! snapshot of the listed folder's whole subtree, taken under the lock when
//! the call returns: writes made afterwards, also while iterating, are not
//! seen. (The reference library takes it at the first `next()`.) Other
//! backends say what they see after the call: `LocalBackend` reads each
//! directory when the walk reaches it.

use super::Store;
use super::scope::FolderWalk;
use crate::{Backend, Capability, Child, FileInfo, FolderEntry, ListOptions, Listing, Result};

impl<B: Backend + ?Sized> Store<B> {
    /// Immediate files of a folder (gate `LIST`). A missing path, a file, or a
    /// path under a file lists nothing.
    ///
    /// When it sees the store: the gate and the path are checked, and the
    /// backend's listing started, before this call returns. Over
    /// [`MemoryBackend`](crate::backends::MemoryBackend) that start is a
    /// snapshot of the listed subtree taken under the lock: writes made
    /// after the call returned, also while iterating, are not seen (the
    /// reference library snapshots at the first `next()` instead). Other
    /// backends document what they see; `LocalBackend` reads each directory
    /// when the walk reaches it.
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

    /// Files of a folder with options (gate `LIST`), started when the call
    /// returns, like [`list_files`](Store::list_files).
    ///
    /// * With `max_depth` set the listing is recursive to that depth
    ///   (`Some(0)` is the immediate files), and the depth is enforced here
    ///   whatever the backend does with the hint.
    /// * With `pattern` set, only files whose basename matches it are yielded
    ///   (fnmatch rules of [`SegmentPattern`](crate::ext::glob::SegmentPattern): `*`, `?`, `[...]`, `[!...]`,
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

    /// Immediate subfolders of a folder (gate `LIST`), as they were when the
    /// call returned (over `MemoryBackend`; see [`list_files`](Store::list_files)).
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
    /// The immediate subfolders are listed when the call returns; each deeper
    /// level is listed when the walk reaches its folder (one backend
    /// `list_folders` per folder, started lazily). Over `MemoryBackend`, a
    /// change below level 0 made after the call may therefore be seen.
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
        let (full, walk) = self.scope.list_folders_call(
            self.capabilities(),
            self.backend.name(),
            path,
            &options,
        )?;
        let first = self
            .backend
            .list_folders(&full)
            .map_err(|e| self.rebase_error(e))?;
        Ok(Box::new(StoreFolderWalk {
            store: self,
            current: Some((first, 0)),
            walk,
        }))
    }

    /// Immediate files and folders of a folder (gate `LIST`), as they were
    /// when the call returned (over `MemoryBackend`; see
    /// [`list_files`](Store::list_files)).
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
        let rooted = self
            .scope
            .glob_call(self.capabilities(), self.backend.name(), pattern)?;
        let files = self
            .backend
            .glob(&rooted)
            .map_err(|e| self.rebase_error(e))?;
        Ok(Box::new(
            files.map(move |item| self.scope.rebase_file_info(item)),
        ))
    }
}

/// The breadth-first walk of [`Store::list_folders_with`]: one backend
/// `list_folders` call per folder, level by level, each started lazily.
struct StoreFolderWalk<'s, B: Backend + ?Sized> {
    store: &'s Store<B>,
    /// The listing being drained and its level (0 = immediate subfolders).
    current: Option<(Listing<'s, FolderEntry>, usize)>,
    walk: FolderWalk,
}

impl<B: Backend + ?Sized> Iterator for StoreFolderWalk<'_, B> {
    type Item = Result<FolderEntry>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let Some((listing, level)) = &mut self.current else {
                let (folder, level) = self.walk.next_folder()?;
                match self.store.backend.list_folders(&folder) {
                    Ok(listing) => self.current = Some((listing, level)),
                    Err(e) => return Some(Err(self.store.rebase_error(e))),
                }
                continue;
            };
            let level = *level;
            match listing.next() {
                None => self.current = None,
                Some(item) => {
                    if let Some(item) = self.walk.visit(item, level) {
                        return Some(item);
                    }
                }
            }
        }
    }
}
