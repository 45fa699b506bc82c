//! Store methods that describe rather than move data: `head`, depth-limited
//! folder aggregates, and the key/native-path conversions.

use super::Store;
use super::scope::{add_to_totals, head_of};
use crate::{Backend, Capability, FolderInfo, ListOptions, Result, WriteResult};

impl<B: Backend + ?Sized> Store<B> {
    /// What a write of the existing file would have reported, built from
    /// [`get_file_info`](Store::get_file_info) (gate `METADATA` only, so it
    /// works on read-only backends): path, size, digest, etag,
    /// `last_modified` (the file's `modified_at`), metadata, no version id,
    /// and [`WriteSource::Sidecar`](crate::WriteSource::Sidecar).
    ///
    /// ```
    /// use remote_store::{backends::MemoryBackend, Store, WriteSource};
    ///
    /// let store = Store::new(MemoryBackend::new(), "data")?;
    /// store.write("a.txt", "four")?;
    /// let head = store.head("a.txt")?;
    /// assert_eq!((head.path.as_str(), head.size), ("a.txt", 4));
    /// assert_eq!(head.source, WriteSource::Sidecar);
    /// # Ok::<(), remote_store::Error>(())
    /// ```
    pub fn head(&self, path: &str) -> Result<WriteResult> {
        Ok(head_of(self.get_file_info(path)?))
    }

    /// [`get_folder_info`](Store::get_folder_info) limited to files at most
    /// `max_depth` levels below the folder (`Some(0)`: its immediate files).
    ///
    /// With `None` this is `get_folder_info` (gate `METADATA`). With a depth
    /// the store aggregates [`list_files_with`](Store::list_files_with)
    /// itself (gate `LIST`): a path that is not a folder is
    /// [`Error::NotFound`](crate::Error::NotFound); the result has the file count, total size and the
    /// latest `modified_at`, and its path is the folder's store-relative path.
    /// The contract refuses a negative depth; `usize` cannot express one.
    ///
    /// ```
    /// use remote_store::{backends::MemoryBackend, Store};
    ///
    /// let store = Store::new(MemoryBackend::new(), "")?;
    /// store.write("d/a", "12")?;
    /// store.write("d/sub/b", "345")?;
    /// assert_eq!(store.get_folder_info_with("d", Some(0))?.total_size, 2);
    /// assert_eq!(store.get_folder_info_with("d", None)?.total_size, 5);
    /// # Ok::<(), remote_store::Error>(())
    /// ```
    pub fn get_folder_info_with(&self, path: &str, max_depth: Option<usize>) -> Result<FolderInfo> {
        let Some(depth) = max_depth else {
            return self.get_folder_info(path);
        };
        let full = self.scope.folder_call(
            self.capabilities(),
            self.backend.name(),
            Capability::LIST,
            path,
        )?;
        let mut totals = self
            .scope
            .folder_totals(path, self.backend.is_folder(&full))?;
        for file in self.list_files_with(path, ListOptions::new().max_depth(depth))? {
            add_to_totals(&mut totals, &file?);
        }
        Ok(totals)
    }

    /// The store key of a backend-native path (ungated): the backend's
    /// [`to_key`](Backend::to_key), then the store root stripped, textually
    /// (contract NPR-010 to NPR-013, as the reference library does).
    ///
    /// * With no store root, the backend's key is returned unchanged: it is
    ///   not normalised or validated (`"a//b"` stays `"a//b"`).
    /// * With a root, the backend's key equal to the root gives `""`, and a
    ///   key starting with `root + "/"` gives the rest, as it is.
    /// * Any other key is [`Error::InvalidPath`](crate::Error::InvalidPath) naming the backend's key.
    ///
    /// ```
    /// use remote_store::{backends::MemoryBackend, ErrorKind, Store};
    ///
    /// let store = Store::new(MemoryBackend::new(), "data")?;
    /// assert_eq!(store.to_key("data/a/b.txt")?, "a/b.txt");
    /// assert_eq!(store.to_key("data")?, "");
    /// assert_eq!(store.to_key("other/b.txt").unwrap_err().kind(), ErrorKind::InvalidPath);
    /// let unscoped = Store::new(MemoryBackend::new(), "")?;
    /// assert_eq!(unscoped.to_key("a//b")?, "a//b");
    /// # Ok::<(), remote_store::Error>(())
    /// ```
    pub fn to_key(&self, native_path: &str) -> Result<String> {
        self.scope.store_key(self.backend.to_key(native_path))
    }

    /// The backend-native path of a store key (ungated); the inverse of
    /// [`to_key`](Store::to_key). `""` and `"."` give the native path of the
    /// store root.
    ///
    /// ```
    /// use remote_store::{backends::MemoryBackend, Store};
    ///
    /// let store = Store::new(MemoryBackend::new(), "data")?;
    /// assert_eq!(store.native_path("a.txt")?, "data/a.txt");
    /// assert_eq!(store.to_key(&store.native_path(".")?)?, "");
    /// # Ok::<(), remote_store::Error>(())
    /// ```
    pub fn native_path(&self, key: &str) -> Result<String> {
        Ok(self.backend.native_path(&self.resolve(key)?))
    }
}
