//! [`RecordingBackend`]: wraps a backend and keeps a log of every call.

use std::fmt;
use std::sync::Arc;

use bytes::Bytes;
use parking_lot::Mutex;

use crate::testing::Operation;
use crate::{
    AtomicWriter, Backend, Child, Content, Delegate, DeleteFolderOptions, DeleteOptions, ErrorKind,
    FileInfo, FolderEntry, FolderInfo, ListOptions, Listing, ReadStream, RemotePath, Result,
    SeekRead, TransferOptions, WriteOptions, WriteResult,
};

/// The options a recorded call was given.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CallOptions {
    /// The operation takes none.
    None,
    /// `write`, `write_atomic`, `open_atomic`.
    Write(WriteOptions),
    /// `delete`.
    Delete(DeleteOptions),
    /// `delete_folder`.
    DeleteFolder(DeleteFolderOptions),
    /// `list_files`.
    List(ListOptions),
    /// `rename`, `copy`.
    Transfer(TransferOptions),
}

impl fmt::Debug for CallOptions {
    /// The options that differ from the defaults, e.g. `{overwrite}` or
    /// `{recursive, max_depth: 2}`; nothing for [`CallOptions::None`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut set: Vec<String> = Vec::new();
        let mut flag = |on: bool, name: &str| {
            if on {
                set.push(name.to_owned());
            }
        };
        match self {
            CallOptions::None => return Ok(()),
            CallOptions::Write(o) => {
                flag(o.overwrite, "overwrite");
                if let Some(metadata) = &o.metadata {
                    set.push(format!("metadata: {metadata:?}"));
                }
            }
            CallOptions::Delete(o) => flag(o.missing_ok, "missing_ok"),
            CallOptions::DeleteFolder(o) => {
                flag(o.recursive, "recursive");
                flag(o.missing_ok, "missing_ok");
            }
            CallOptions::List(o) => {
                flag(o.recursive, "recursive");
                if let Some(depth) = o.max_depth {
                    set.push(format!("max_depth: {depth}"));
                }
                if let Some(pattern) = &o.pattern {
                    set.push(format!("pattern: {pattern:?}"));
                }
            }
            CallOptions::Transfer(o) => flag(o.overwrite, "overwrite"),
        }
        write!(f, " {{{}}}", set.join(", "))
    }
}

/// How a recorded call ended (for a listing or a stream: the call itself,
/// not the items or bytes read from it later).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// It returned `Ok`.
    Ok,
    /// It failed with an error of this kind.
    Err(ErrorKind),
}

impl Outcome {
    fn of<T>(result: &Result<T>) -> Self {
        match result {
            Ok(_) => Outcome::Ok,
            Err(e) => Outcome::Err(e.kind()),
        }
    }
}

/// One call a [`RecordingBackend`] saw.
#[derive(Clone, PartialEq, Eq)]
pub struct Call {
    /// Which method.
    pub operation: Operation,
    /// The backend-relative paths: one, two for `rename` and `copy` (source,
    /// destination), the pattern for `glob`, `""` for `check_health` and
    /// `close`.
    pub paths: Vec<String>,
    /// The options given.
    pub options: CallOptions,
    /// How it ended.
    pub outcome: Outcome,
}

impl Call {
    /// The first (for rename and copy, the source) path.
    pub fn path(&self) -> &str {
        self.paths.first().map_or("", String::as_str)
    }
}

impl fmt::Debug for Call {
    /// One line: `write a/b.txt {overwrite} -> ok`,
    /// `rename a -> b {} -> NotFound`; the root shows as `""`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.operation)?;
        for (i, path) in self.paths.iter().enumerate() {
            let sep = if i == 0 { " " } else { " -> " };
            if path.is_empty() {
                write!(f, "{sep}\"\"")?;
            } else {
                write!(f, "{sep}{path}")?;
            }
        }
        write!(f, "{:?} -> ", self.options)?;
        match self.outcome {
            Outcome::Ok => f.write_str("ok"),
            Outcome::Err(kind) => write!(f, "{kind:?}"),
        }
    }
}

/// The log of a [`RecordingBackend`]: a cheap, cloneable handle that stays
/// usable after the backend moved into a [`Store`](crate::Store). Its
/// `Debug` form is the list of calls, one compact line each.
#[derive(Clone, Default)]
pub struct CallLog {
    calls: Arc<Mutex<Vec<Call>>>,
}

impl CallLog {
    /// Every call so far, in order.
    pub fn calls(&self) -> Vec<Call> {
        self.calls.lock().clone()
    }

    /// The paths of the calls to `operation`, in order.
    pub fn paths_of(&self, operation: Operation) -> Vec<String> {
        self.calls
            .lock()
            .iter()
            .filter(|c| c.operation == operation)
            .map(|c| c.path().to_owned())
            .collect()
    }

    /// The number of calls so far.
    pub fn len(&self) -> usize {
        self.calls.lock().len()
    }

    /// Whether no call was made.
    pub fn is_empty(&self) -> bool {
        self.calls.lock().is_empty()
    }

    /// Forgets every call so far.
    pub fn clear(&self) {
        self.calls.lock().clear();
    }

    fn push<T>(
        &self,
        operation: Operation,
        paths: &[&str],
        options: CallOptions,
        result: Result<T>,
    ) -> Result<T> {
        self.calls.lock().push(Call {
            operation,
            paths: paths.iter().map(|p| (*p).to_owned()).collect(),
            options,
            outcome: Outcome::of(&result),
        });
        result
    }
}

impl fmt::Debug for CallLog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.calls.lock().iter()).finish()
    }
}

/// Wraps a backend and records every call that takes a path (operation,
/// paths, options, outcome kind) in a [`CallLog`], for assertions such as
/// "the app wrote exactly these files, in this order, and never listed the
/// root". `name`, `capabilities`, `to_key` and `native_path` are not
/// recorded.
///
/// ```
/// use remote_store::backends::MemoryBackend;
/// use remote_store::testing::{Operation, RecordingBackend};
/// use remote_store::Store;
///
/// let backend = RecordingBackend::new(MemoryBackend::new());
/// let log = backend.log();
/// let store = Store::new(backend, "app")?;
/// store.write_text("a.txt", "1")?;
/// store.write_text("b.txt", "2")?;
/// assert_eq!(log.paths_of(Operation::Write), ["app/a.txt", "app/b.txt"]);
/// assert!(!log.calls().iter().any(|c| c.operation.is_listing() && c.path().is_empty()));
/// # Ok::<(), remote_store::Error>(())
/// ```
#[derive(Debug)]
pub struct RecordingBackend<B> {
    inner: B,
    log: CallLog,
}

impl<B: Backend> RecordingBackend<B> {
    /// `inner`, with an empty log.
    pub fn new(inner: B) -> Self {
        RecordingBackend {
            inner,
            log: CallLog::default(),
        }
    }

    /// The handle on this backend's log.
    pub fn log(&self) -> CallLog {
        self.log.clone()
    }

    /// The wrapped backend.
    pub fn get_ref(&self) -> &B {
        &self.inner
    }
}

impl<B: Backend> Delegate for RecordingBackend<B> {
    type Inner = B;
    fn inner(&self) -> &B {
        &self.inner
    }
    fn exists(this: &Self, path: &RemotePath) -> Result<bool> {
        let result = this.inner.exists(path);
        this.log.push(
            Operation::Exists,
            &[path.as_str()],
            CallOptions::None,
            result,
        )
    }
    fn is_file(this: &Self, path: &RemotePath) -> Result<bool> {
        let result = this.inner.is_file(path);
        this.log.push(
            Operation::IsFile,
            &[path.as_str()],
            CallOptions::None,
            result,
        )
    }
    fn is_folder(this: &Self, path: &RemotePath) -> Result<bool> {
        let result = this.inner.is_folder(path);
        this.log.push(
            Operation::IsFolder,
            &[path.as_str()],
            CallOptions::None,
            result,
        )
    }
    fn read(this: &Self, path: &RemotePath) -> Result<ReadStream> {
        let result = this.inner.read(path);
        this.log
            .push(Operation::Read, &[path.as_str()], CallOptions::None, result)
    }
    fn read_bytes(this: &Self, path: &RemotePath) -> Result<Bytes> {
        let result = this.inner.read_bytes(path);
        this.log.push(
            Operation::ReadBytes,
            &[path.as_str()],
            CallOptions::None,
            result,
        )
    }
    fn read_seekable(this: &Self, path: &RemotePath) -> Result<Box<dyn SeekRead>> {
        let result = this.inner.read_seekable(path);
        let options = CallOptions::None;
        this.log
            .push(Operation::ReadSeekable, &[path.as_str()], options, result)
    }
    fn write(
        this: &Self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        let result = this.inner.write(path, content, options);
        let recorded = CallOptions::Write(options.clone());
        this.log
            .push(Operation::Write, &[path.as_str()], recorded, result)
    }
    fn write_atomic(
        this: &Self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        let result = this.inner.write_atomic(path, content, options);
        let recorded = CallOptions::Write(options.clone());
        this.log
            .push(Operation::WriteAtomic, &[path.as_str()], recorded, result)
    }
    fn open_atomic<'a>(
        this: &'a Self,
        path: &RemotePath,
        options: &WriteOptions,
    ) -> Result<Box<dyn AtomicWriter + 'a>> {
        let result = this.inner.open_atomic(path, options);
        let recorded = CallOptions::Write(options.clone());
        this.log
            .push(Operation::OpenAtomic, &[path.as_str()], recorded, result)
    }
    fn delete(this: &Self, path: &RemotePath, options: DeleteOptions) -> Result<()> {
        let result = this.inner.delete(path, options);
        let recorded = CallOptions::Delete(options);
        this.log
            .push(Operation::Delete, &[path.as_str()], recorded, result)
    }
    fn delete_folder(this: &Self, path: &RemotePath, options: DeleteFolderOptions) -> Result<()> {
        let result = this.inner.delete_folder(path, options);
        let recorded = CallOptions::DeleteFolder(options);
        this.log
            .push(Operation::DeleteFolder, &[path.as_str()], recorded, result)
    }
    fn list_files<'a>(
        this: &'a Self,
        path: &RemotePath,
        options: ListOptions,
    ) -> Result<Listing<'a, FileInfo>> {
        let recorded = CallOptions::List(options.clone());
        let result = this.inner.list_files(path, options);
        this.log
            .push(Operation::ListFiles, &[path.as_str()], recorded, result)
    }
    fn list_folders<'a>(this: &'a Self, path: &RemotePath) -> Result<Listing<'a, FolderEntry>> {
        let result = this.inner.list_folders(path);
        this.log.push(
            Operation::ListFolders,
            &[path.as_str()],
            CallOptions::None,
            result,
        )
    }
    fn iter_children<'a>(this: &'a Self, path: &RemotePath) -> Result<Listing<'a, Child>> {
        let result = this.inner.iter_children(path);
        this.log.push(
            Operation::IterChildren,
            &[path.as_str()],
            CallOptions::None,
            result,
        )
    }
    fn glob<'a>(this: &'a Self, pattern: &str) -> Result<Listing<'a, FileInfo>> {
        let result = this.inner.glob(pattern);
        this.log
            .push(Operation::Glob, &[pattern], CallOptions::None, result)
    }
    fn get_file_info(this: &Self, path: &RemotePath) -> Result<FileInfo> {
        let result = this.inner.get_file_info(path);
        this.log.push(
            Operation::GetFileInfo,
            &[path.as_str()],
            CallOptions::None,
            result,
        )
    }
    fn get_folder_info(this: &Self, path: &RemotePath) -> Result<FolderInfo> {
        let result = this.inner.get_folder_info(path);
        let options = CallOptions::None;
        this.log
            .push(Operation::GetFolderInfo, &[path.as_str()], options, result)
    }
    fn rename(
        this: &Self,
        src: &RemotePath,
        dst: &RemotePath,
        options: TransferOptions,
    ) -> Result<()> {
        let result = this.inner.rename(src, dst, options);
        let paths = [src.as_str(), dst.as_str()];
        this.log.push(
            Operation::Rename,
            &paths,
            CallOptions::Transfer(options),
            result,
        )
    }
    fn copy(
        this: &Self,
        src: &RemotePath,
        dst: &RemotePath,
        options: TransferOptions,
    ) -> Result<()> {
        let result = this.inner.copy(src, dst, options);
        let paths = [src.as_str(), dst.as_str()];
        this.log.push(
            Operation::Copy,
            &paths,
            CallOptions::Transfer(options),
            result,
        )
    }
    fn check_health(this: &Self) -> Result<()> {
        let result = this.inner.check_health();
        this.log
            .push(Operation::CheckHealth, &[""], CallOptions::None, result)
    }
    fn close(this: &Self) -> Result<()> {
        let result = this.inner.close();
        this.log
            .push(Operation::Close, &[""], CallOptions::None, result)
    }
}
