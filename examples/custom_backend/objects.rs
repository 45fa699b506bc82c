//! The plumbing under `FlatBackend` that is not the lesson: the locked map
//! of objects, the key-prefix test, and the buffering writer `open_atomic`
//! hands out.

use std::collections::HashMap;
use std::io::Write;
use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::SystemTime;

use bytes::Bytes;
use remote_store::{
    AtomicWriter, Backend, Content, FileInfo, RemotePath, Result, WriteOptions, WriteResult,
};

/// One stored file.
#[derive(Clone)]
pub struct Object {
    /// The bytes, shared by every reader.
    pub content: Bytes,
    /// When it was written.
    pub modified: SystemTime,
}

impl Object {
    /// `content`, modified now.
    pub fn new(content: Bytes) -> Self {
        Object {
            content,
            modified: SystemTime::now(),
        }
    }

    /// This object's `FileInfo` under `key`.
    pub fn info(&self, key: &str) -> Result<FileInfo> {
        let path = RemotePath::parse(key)?;
        Ok(FileInfo::new(
            path,
            self.content.len() as u64,
            self.modified,
        ))
    }
}

/// Full key (`"a/b/c.txt"`) to object.
pub type Map = HashMap<String, Object>;

/// The map behind a lock that a panicking writer cannot poison for good.
#[derive(Default)]
pub struct Objects(RwLock<Map>);

impl Objects {
    /// The map, for reading.
    pub fn read(&self) -> RwLockReadGuard<'_, Map> {
        self.0
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The map, for changing.
    pub fn write(&self) -> RwLockWriteGuard<'_, Map> {
        self.0
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl std::fmt::Debug for Objects {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} objects", self.read().len())
    }
}

/// Whether `key` lies under `folder` (slash-aligned: `ab` is not under `a`).
pub fn under(key: &str, folder: &RemotePath) -> bool {
    folder.is_root()
        || key
            .strip_prefix(folder.as_str())
            .is_some_and(|rest| rest.starts_with('/'))
}

/// Whether `path` is a folder of `map`: the root, or a prefix of some key.
pub fn is_folder_in(map: &Map, path: &RemotePath) -> bool {
    path.is_root() || map.keys().any(|key| under(key, path))
}

/// `open_atomic`'s writer: buffers, and writes through `backend.write` on
/// commit (a drop without commit writes nothing).
pub struct Buffered<'a> {
    /// Where the content goes on commit.
    pub backend: &'a dyn Backend,
    /// The file to write.
    pub path: RemotePath,
    /// The options of the `open_atomic` call.
    pub options: WriteOptions,
    /// What was written so far.
    pub buffer: Vec<u8>,
}

impl Write for Buffered<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl AtomicWriter for Buffered<'_> {
    fn position(&self) -> u64 {
        self.buffer.len() as u64
    }

    fn commit(self: Box<Self>) -> Result<WriteResult> {
        self.backend
            .write(&self.path, Content::from(self.buffer), &self.options)
    }
}
