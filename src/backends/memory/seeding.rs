//! Building a [`MemoryBackend`] for a test: from a literal tree, or as a
//! copy of another one.

use bytes::Bytes;
use parking_lot::RwLock;

use super::MemoryBackend;
use crate::{Backend, Content, RemotePath, Result, WriteOptions};

impl MemoryBackend {
    /// A backend holding `files` (path, content), their parent folders
    /// created as a write would. A malformed path, a path given twice or a
    /// file where another entry needs a folder is the write's error, naming
    /// the path.
    ///
    /// ```
    /// use remote_store::backends::MemoryBackend;
    /// use remote_store::Store;
    ///
    /// let backend = MemoryBackend::with_files([("a/b.txt", "x"), ("c.bin", "yz")])?;
    /// assert_eq!((backend.file_count(), backend.folder_count()), (2, 1));
    /// let store = Store::new(backend, "")?;
    /// assert_eq!(store.read_text("a/b.txt")?, "x");
    /// assert!(MemoryBackend::with_files([("a", "1"), ("a/b", "2")]).is_err());
    /// # Ok::<(), remote_store::Error>(())
    /// ```
    pub fn with_files<P, C>(files: impl IntoIterator<Item = (P, C)>) -> Result<Self>
    where
        P: AsRef<str>,
        C: Into<Bytes>,
    {
        let backend = MemoryBackend::new();
        let options = WriteOptions::new();
        for (path, content) in files {
            let path = RemotePath::parse(path.as_ref())?;
            backend.write(&path, Content::Bytes(content.into()), &options)?;
        }
        Ok(backend)
    }

    /// An independent copy of this backend as it is now: later changes to
    /// either one are not seen by the other. Contents are shared, not
    /// copied, and the folder tree is shared structurally, so forking costs
    /// no more than copying the path index, whatever the size of the files.
    ///
    /// ```
    /// use remote_store::backends::MemoryBackend;
    /// use remote_store::{Backend, RemotePath};
    ///
    /// let base = MemoryBackend::with_files([("a.txt", "x")])?;
    /// let fork = base.fork();
    /// fork.delete(&RemotePath::parse("a.txt")?, Default::default())?;
    /// assert_eq!((base.file_count(), fork.file_count()), (1, 0));
    /// # Ok::<(), remote_store::Error>(())
    /// ```
    pub fn fork(&self) -> MemoryBackend {
        MemoryBackend {
            tree: RwLock::new(self.tree.read().clone()),
        }
    }
}
