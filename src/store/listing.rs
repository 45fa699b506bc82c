//! Store listings: gated and validated eagerly, iterated lazily, every path
//! rebased to the store root.

use super::Store;
use crate::{Backend, Capability, Child, FileInfo, FolderEntry, ListOptions, Listing, Result};

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

    /// Files of a folder with options (gate `LIST`). With `max_depth` set the
    /// listing is recursive to that depth (`Some(0)` is the immediate files),
    /// and the depth is enforced here whatever the backend does with the hint.
    pub fn list_files_with(
        &self,
        path: &str,
        options: ListOptions,
    ) -> Result<Listing<'_, FileInfo>> {
        self.gate(Capability::LIST, path)?;
        let full = self.resolve(path)?;
        let options = ListOptions {
            recursive: options
                .max_depth
                .map_or(options.recursive, |depth| depth > 0),
            max_depth: options.max_depth,
        };
        let base_depth = full.depth();
        let files = self
            .backend
            .list_files(&full, options)
            .map_err(|e| self.rebase_error(e))?;
        Ok(Box::new(files.filter_map(move |item| {
            let mut info = match item {
                Ok(info) => info,
                Err(e) => return Some(Err(self.rebase_error(e))),
            };
            let depth = info.path.depth().saturating_sub(base_depth + 1);
            if options.max_depth.is_some_and(|max| depth > max) {
                return None;
            }
            Some(self.rebase(&info.path).map(|path| {
                info.path = path;
                info
            }))
        })))
    }

    /// Immediate subfolders of a folder (gate `LIST`).
    pub fn list_folders(&self, path: &str) -> Result<Listing<'_, FolderEntry>> {
        self.gate(Capability::LIST, path)?;
        let full = self.resolve(path)?;
        let folders = self
            .backend
            .list_folders(&full)
            .map_err(|e| self.rebase_error(e))?;
        Ok(Box::new(folders.map(move |item| {
            let entry = item.map_err(|e| self.rebase_error(e))?;
            Ok(FolderEntry::new(self.rebase(&entry.path)?))
        })))
    }

    /// Immediate files and folders of a folder (gate `LIST`).
    pub fn iter_children(&self, path: &str) -> Result<Listing<'_, Child>> {
        self.gate(Capability::LIST, path)?;
        let full = self.resolve(path)?;
        let children = self
            .backend
            .iter_children(&full)
            .map_err(|e| self.rebase_error(e))?;
        Ok(Box::new(children.map(move |item| {
            Ok(match item.map_err(|e| self.rebase_error(e))? {
                Child::File(mut info) => {
                    info.path = self.rebase(&info.path)?;
                    Child::File(info)
                }
                Child::Folder(entry) => Child::Folder(FolderEntry::new(self.rebase(&entry.path)?)),
            })
        })))
    }

    /// Files matching a glob pattern, natively (gate `GLOB`). The pattern is
    /// taken relative to the store root.
    pub fn glob(&self, pattern: &str) -> Result<Listing<'_, FileInfo>> {
        self.gate(Capability::GLOB, pattern)?;
        let rooted = if self.root.is_root() {
            pattern.to_owned()
        } else {
            format!("{}/{}", self.root, pattern.trim_start_matches('/'))
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
