//! AsyncStore methods that describe rather than move data: `head`,
//! depth-limited folder aggregates, and the key/native-path conversions, by
//! `Store`'s rules (`store::scope`).

use super::AsyncStore;
use crate::aio::{AsyncBackend, next_item};
use crate::store::scope::{add_to_totals, head_of};
use crate::{Capability, FolderInfo, ListOptions, Result, WriteResult};

impl<B: AsyncBackend + ?Sized> AsyncStore<B> {
    /// What a write of the existing file would have reported, built from
    /// [`get_file_info`](AsyncStore::get_file_info) (gate `METADATA` only),
    /// exactly as [`Store::head`](crate::Store::head): no version id, and
    /// [`WriteSource::Sidecar`](crate::WriteSource::Sidecar).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> remote_store::Result<()> {
    /// use remote_store::aio::AsyncStore;
    /// use remote_store::backends::MemoryBackend;
    /// use remote_store::WriteSource;
    ///
    /// let store = AsyncStore::new(MemoryBackend::new(), "data")?;
    /// store.write("a.txt", "four").await?;
    /// let head = store.head("a.txt").await?;
    /// assert_eq!((head.path.as_str(), head.size), ("a.txt", 4));
    /// assert_eq!(head.source, WriteSource::Sidecar);
    /// # Ok(())
    /// # }
    /// ```
    pub async fn head(&self, path: &str) -> Result<WriteResult> {
        Ok(head_of(self.get_file_info(path).await?))
    }

    /// [`get_folder_info`](AsyncStore::get_folder_info) limited to files at
    /// most `max_depth` levels below the folder (`Some(0)`: its immediate
    /// files), exactly as
    /// [`Store::get_folder_info_with`](crate::Store::get_folder_info_with):
    /// with `None` it is `get_folder_info` (gate `METADATA`); with a depth
    /// the store aggregates [`list_files_with`](AsyncStore::list_files_with)
    /// (gate `LIST`), and a path that is not a folder is
    /// [`Error::NotFound`](crate::Error::NotFound).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> remote_store::Result<()> {
    /// use remote_store::aio::AsyncStore;
    /// use remote_store::backends::MemoryBackend;
    ///
    /// let store = AsyncStore::new(MemoryBackend::new(), "")?;
    /// store.write("d/a", "12").await?;
    /// store.write("d/sub/b", "345").await?;
    /// assert_eq!(store.get_folder_info_with("d", Some(0)).await?.total_size, 2);
    /// assert_eq!(store.get_folder_info_with("d", None).await?.total_size, 5);
    /// # Ok(())
    /// # }
    /// ```
    pub async fn get_folder_info_with(
        &self,
        path: &str,
        max_depth: Option<usize>,
    ) -> Result<FolderInfo> {
        let Some(depth) = max_depth else {
            return self.get_folder_info(path).await;
        };
        let full =
            self.scope
                .folder_call(self.capabilities(), self.name(), Capability::LIST, path)?;
        let is_folder = self.backend.is_folder(&full).await;
        let mut totals = self.scope.folder_totals(path, is_folder)?;
        let mut files = self
            .list_files_with(path, ListOptions::new().max_depth(depth))
            .await?;
        while let Some(file) = next_item(&mut files).await {
            add_to_totals(&mut totals, &file?);
        }
        Ok(totals)
    }

    /// The store key of a backend-native path (ungated): the backend's
    /// [`to_key`](AsyncBackend::to_key), then the store root stripped,
    /// textually, exactly as [`Store::to_key`](crate::Store::to_key): a key
    /// outside the root is [`Error::InvalidPath`](crate::Error::InvalidPath)
    /// naming it; with no root the key is returned as it is.
    ///
    /// ```
    /// use remote_store::aio::AsyncStore;
    /// use remote_store::backends::MemoryBackend;
    ///
    /// let store = AsyncStore::new(MemoryBackend::new(), "data")?;
    /// assert_eq!(store.to_key("data/a/b.txt")?, "a/b.txt");
    /// assert_eq!(store.to_key("data")?, "");
    /// assert!(store.to_key("other/b.txt").is_err());
    /// # Ok::<(), remote_store::Error>(())
    /// ```
    pub fn to_key(&self, native_path: &str) -> Result<String> {
        self.scope.store_key(self.backend.to_key(native_path))
    }

    /// The backend-native path of a store key (ungated); the inverse of
    /// [`to_key`](AsyncStore::to_key). `""` and `"."` give the native path
    /// of the store root.
    ///
    /// ```
    /// use remote_store::aio::AsyncStore;
    /// use remote_store::backends::MemoryBackend;
    ///
    /// let store = AsyncStore::new(MemoryBackend::new(), "data")?;
    /// assert_eq!(store.native_path("a.txt")?, "data/a.txt");
    /// assert_eq!(store.to_key(&store.native_path(".")?)?, "");
    /// # Ok::<(), remote_store::Error>(())
    /// ```
    pub fn native_path(&self, key: &str) -> Result<String> {
        Ok(self.backend.native_path(&self.scope.resolve(key)?))
    }
}
