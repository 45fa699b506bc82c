//! AsyncStore listings: gated and validated when opened, streamed lazily,
//! every path rebased to the store root.

use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures_core::Stream;

use super::AsyncStore;
use crate::aio::streams::FilterMapStream;
use crate::aio::{AsyncBackend, BoxFuture, ListStream};
use crate::store::scope::FolderWalk;
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
        self.list_folders_with(path, ListOptions::new()).await
    }

    /// Subfolders of a folder with options (gate `LIST`), exactly as
    /// [`Store::list_folders_with`](crate::Store::list_folders_with):
    /// breadth-first, level by level through the backend's `list_folders`,
    /// from the immediate subfolders (level 0) down to `max_depth` (`None`
    /// and `Some(0)` both mean the immediate subfolders only; `recursive` is
    /// ignored). `pattern` filters what is yielded by the folder's name but
    /// does not prune the walk.
    ///
    /// The immediate subfolders are listed before the call returns; each
    /// deeper level when the stream reaches its folder.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> remote_store::Result<()> {
    /// use remote_store::aio::{AsyncStore, collect_stream};
    /// use remote_store::backends::MemoryBackend;
    /// use remote_store::ListOptions;
    ///
    /// let store = AsyncStore::new(MemoryBackend::new(), "")?;
    /// store.write("a/x/f", "").await?;
    /// store.write("b/y/g", "").await?;
    /// let options = ListOptions::new().max_depth(1);
    /// let folders = collect_stream(store.list_folders_with("", options).await?).await?;
    /// let paths: Vec<&str> = folders.iter().map(|f| f.path.as_str()).collect();
    /// assert_eq!(paths, ["a", "b", "a/x", "b/y"]);
    /// # Ok(())
    /// # }
    /// ```
    pub async fn list_folders_with(
        &self,
        path: &str,
        options: ListOptions,
    ) -> Result<ListStream<'_, FolderEntry>> {
        let (full, walk) =
            self.scope
                .list_folders_call(self.capabilities(), self.name(), path, &options)?;
        let first = self
            .backend
            .list_folders(&full)
            .await
            .map_err(|e| self.rebase_error(e))?;
        Ok(Box::pin(AsyncFolderWalk {
            store: self,
            state: WalkState::Draining(first, 0),
            walk,
        }))
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

    /// Files matching a glob pattern, natively (gate `GLOB`), exactly as
    /// [`Store::glob`](crate::Store::glob): the pattern is taken relative to
    /// the store root; without `GLOB` the error suggests the portable
    /// alternatives.
    pub async fn glob(&self, pattern: &str) -> Result<ListStream<'_, FileInfo>> {
        let rooted = self
            .scope
            .glob_call(self.capabilities(), self.name(), pattern)?;
        let files = self
            .backend
            .glob(&rooted)
            .await
            .map_err(|e| self.rebase_error(e))?;
        let scope = &self.scope;
        Ok(Box::pin(FilterMapStream::new(files, move |item| {
            Some(scope.rebase_file_info(item))
        })))
    }
}

/// The stream of [`AsyncStore::list_folders_with`]: one backend
/// `list_folders` call per folder, level by level, each started when the
/// stream reaches it.
struct AsyncFolderWalk<'s, B: AsyncBackend + ?Sized> {
    store: &'s AsyncStore<B>,
    state: WalkState<'s>,
    walk: FolderWalk,
}

/// Where the walk is: draining a level's listing, opening the next one, or
/// between the two.
enum WalkState<'s> {
    Draining(ListStream<'s, FolderEntry>, usize),
    Opening(BoxFuture<'s, Result<ListStream<'s, FolderEntry>>>, usize),
    Idle,
}

impl<B: AsyncBackend + ?Sized> Stream for AsyncFolderWalk<'_, B> {
    type Item = Result<FolderEntry>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        let store = this.store;
        loop {
            match &mut this.state {
                WalkState::Idle => {
                    let Some((folder, level)) = this.walk.next_folder() else {
                        return Poll::Ready(None);
                    };
                    this.state = WalkState::Opening(store.backend.list_folders(&folder), level);
                }
                WalkState::Opening(opening, level) => {
                    let level = *level;
                    match ready!(opening.as_mut().poll(cx)) {
                        Ok(listing) => this.state = WalkState::Draining(listing, level),
                        Err(e) => {
                            this.state = WalkState::Idle;
                            return Poll::Ready(Some(Err(store.rebase_error(e))));
                        }
                    }
                }
                WalkState::Draining(listing, level) => {
                    let level = *level;
                    match ready!(listing.as_mut().poll_next(cx)) {
                        None => this.state = WalkState::Idle,
                        Some(item) => {
                            if let Some(item) = this.walk.visit(item, level) {
                                return Poll::Ready(Some(item));
                            }
                        }
                    }
                }
            }
        }
    }
}
