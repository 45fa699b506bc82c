//! AsyncStore listings: gated and validated when opened, streamed lazily,
//! every path rebased to the store root.

use super::AsyncStore;
use crate::aio::streams::FilterMapStream;
use crate::aio::{AsyncBackend, ListStream};
use crate::{Capability, Child, FileInfo, FolderEntry, ListOptions, Result};

impl<B: AsyncBackend + ?Sized> AsyncStore<B> {
    /// Immediate files of a folder (gate `LIST`); a missing path, a file, or
    /// a path under a file lists nothing.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> remote_store::Result<()> {
    /// use remote_store::aio::{AsyncStore, collect_stream};
    /// use remote_store::backends::MemoryBackend;
    ///
    /// let store = AsyncStore::new(MemoryBackend::new(), "data")?;
    /// store.write("b.txt", "").await?;
    /// store.write("a.txt", "").await?;
    /// let files = collect_stream(store.list_files("").await?).await?;
    /// let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    /// assert_eq!(names, ["a.txt", "b.txt"]);
    /// # Ok(())
    /// # }
    /// ```
    pub async fn list_files(&self, path: &str) -> Result<ListStream<'_, FileInfo>> {
        self.list_files_with(path, ListOptions::new()).await
    }

    /// Files of a folder with options (gate `LIST`): `recursive`,
    /// `max_depth` (enforced here whatever the backend does with the hint)
    /// and a basename `pattern`, exactly as
    /// [`Store::list_files_with`](crate::Store::list_files_with).
    pub async fn list_files_with(
        &self,
        path: &str,
        options: ListOptions,
    ) -> Result<ListStream<'_, FileInfo>> {
        let (full, options, filter) =
            self.scope
                .list_files_call(self.capabilities(), self.name(), path, options)?;
        let files = self
            .backend
            .list_files(&full, options)
            .await
            .map_err(|e| self.rebase_error(e))?;
        Ok(Box::pin(FilterMapStream::new(files, move |item| {
            filter.apply(item)
        })))
    }

    /// Immediate subfolders of a folder (gate `LIST`).
    pub async fn list_folders(&self, path: &str) -> Result<ListStream<'_, FolderEntry>> {
        let full =
            self.scope
                .folder_call(self.capabilities(), self.name(), Capability::LIST, path)?;
        let folders = self
            .backend
            .list_folders(&full)
            .await
            .map_err(|e| self.rebase_error(e))?;
        let scope = &self.scope;
        Ok(Box::pin(FilterMapStream::new(folders, move |item| {
            Some(scope.rebase_folder(item))
        })))
    }

    /// Immediate files and folders of a folder (gate `LIST`).
    pub async fn iter_children(&self, path: &str) -> Result<ListStream<'_, Child>> {
        let full =
            self.scope
                .folder_call(self.capabilities(), self.name(), Capability::LIST, path)?;
        let children = self
            .backend
            .iter_children(&full)
            .await
            .map_err(|e| self.rebase_error(e))?;
        let scope = &self.scope;
        Ok(Box::pin(FilterMapStream::new(children, move |item| {
            Some(scope.rebase_child(item))
        })))
    }
}
