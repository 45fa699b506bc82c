//! [`run_op`]: one [`Op`] on one backend, its result captured as a
//! comparable [`Outcome`] (timestamps left out).

use std::fmt;
use std::io::{self, Read, Seek, SeekFrom, Write};

use bytes::Bytes;

use super::op::{Op, Source};
use crate::{
    Backend, Child, Content, DeleteFolderOptions, DeleteOptions, Error, ErrorKind, FileInfo,
    FolderEntry, FolderInfo, ListOptions, Metadata, RemotePath, Result, TransferOptions,
    WriteOptions, WriteResult,
};

/// A file as the comparison sees it: no timestamps, digests or etags.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileView {
    /// The file's path.
    pub path: String,
    /// Its last segment.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its user metadata.
    pub metadata: Option<Metadata>,
}

impl From<&FileInfo> for FileView {
    fn from(info: &FileInfo) -> Self {
        FileView {
            path: info.path.as_str().to_owned(),
            name: info.name.clone(),
            size: info.size,
            metadata: info.metadata.clone(),
        }
    }
}

/// Bytes read, shown as text when they are UTF-8.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Data(pub Vec<u8>);

impl fmt::Debug for Data {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SHOWN: usize = 32;
        if self.0.len() > SHOWN {
            let head = String::from_utf8_lossy(&self.0[..SHOWN]);
            return write!(f, "{head:?}... ({} bytes)", self.0.len());
        }
        match std::str::from_utf8(&self.0) {
            Ok(text) => write!(f, "{text:?}"),
            Err(_) => write!(f, "{:?}", self.0),
        }
    }
}

/// One entry of `iter_children`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChildView {
    /// A file.
    File(FileView),
    /// A folder, by path.
    Folder(String),
}

/// What an op returned, in a form two backends can be compared on.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// The op needs a capability the subject lacks, or is outside what the
    /// configuration compares; it ran on neither backend.
    Skipped,
    /// `Ok(())`, or an atomic writer dropped without commit.
    Done,
    /// A probe's answer.
    Bool(bool),
    /// Content read.
    Bytes(Data),
    /// `read_seekable`: the position after each seek of the script, and
    /// what each read after it returned (the last is the whole content).
    Seeked {
        /// Positions returned by the seeks.
        positions: Vec<u64>,
        /// The bytes of each read.
        reads: Vec<Data>,
    },
    /// A write's result: path, size and metadata.
    Written(FileView),
    /// `get_file_info`.
    Info(FileView),
    /// `get_folder_info`: path, file count, total size.
    FolderInfo(String, u64, u64),
    /// `list_files`.
    Files(Vec<FileView>),
    /// `list_folders`, by path.
    Folders(Vec<String>),
    /// `iter_children`.
    Children(Vec<ChildView>),
    /// `to_key(native_path(path))`.
    Key(String),
    /// An error: its kind and the path it names.
    Failed(ErrorKind, Option<String>),
}

impl Outcome {
    /// The outcome of an error: its kind and the path it names.
    pub(super) fn of_error(error: &Error) -> Outcome {
        Outcome::Failed(error.kind(), error.path().map(str::to_owned))
    }

    /// A `list_files` outcome of `base` without the files deeper than
    /// `max_depth` below it (what a `Store` keeps of a backend that ignores
    /// the hint); any other outcome unchanged.
    pub fn within_depth(self, base: &RemotePath, max_depth: usize) -> Outcome {
        match self {
            Outcome::Files(files) => Outcome::Files(
                files
                    .into_iter()
                    .filter(|f| {
                        let depth = f.path.split('/').count().saturating_sub(1);
                        depth.saturating_sub(base.depth()) <= max_depth
                    })
                    .collect(),
            ),
            other => other,
        }
    }

    /// Sorts listings, for backends that do not promise an order.
    pub fn sorted(mut self) -> Outcome {
        match &mut self {
            Outcome::Files(files) => files.sort(),
            Outcome::Folders(folders) => folders.sort(),
            Outcome::Children(children) => children.sort(),
            _ => {}
        }
        self
    }
}

/// A reader that yields `limit` bytes of `content`, then fails.
struct FailingReader {
    content: io::Cursor<Bytes>,
    limit: usize,
}

impl Read for FailingReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.limit.saturating_sub(self.content.position() as usize);
        if left == 0 {
            return Err(io::Error::other("the content reader failed (by design)"));
        }
        let n = buf.len().min(left);
        self.content.read(&mut buf[..n])
    }
}

fn content(bytes: &Bytes, source: Source) -> Content<'static> {
    match source {
        Source::Bytes => Content::from(bytes.clone()),
        Source::Reader => Content::reader(io::Cursor::new(bytes.clone())),
        Source::FailingReader(limit) => Content::reader(FailingReader {
            content: io::Cursor::new(bytes.clone()),
            limit,
        }),
    }
}

/// The options of a generated write: `overwrite`, and the metadata if any.
pub(super) fn write_options(overwrite: bool, metadata: &Option<Metadata>) -> WriteOptions {
    let options = WriteOptions::new().overwrite(overwrite);
    match metadata {
        Some(metadata) => options.metadata(metadata.clone()),
        None => options,
    }
}

/// A write's result as an outcome.
pub(super) fn written(result: WriteResult) -> Outcome {
    Outcome::Written(FileView {
        name: result.path.name().to_owned(),
        path: result.path.as_str().to_owned(),
        size: result.size,
        metadata: result.metadata,
    })
}

fn drain(path: &RemotePath, mut reader: impl Read) -> Outcome {
    let mut bytes = Vec::new();
    match reader.read_to_end(&mut bytes) {
        Ok(_) => Outcome::Bytes(Data(bytes)),
        Err(e) => Outcome::of_error(&Error::stream_read_failed(path, e)),
    }
}

/// The seek script of [`Op::ReadSeekable`]: to the end, to the middle
/// (read 5), back 2 from there (read 3), 3 before the end (read the rest),
/// to the start (read all). Positions and reads are compared.
fn seek_and_read(path: &RemotePath, backend: &dyn Backend) -> Result<Outcome> {
    let mut stream = backend.read_seekable(path)?;
    let io = |e| Error::io(path.as_str(), "seeking or reading failed", e);
    let mut positions = Vec::new();
    let mut reads = Vec::new();
    let len = stream.seek(SeekFrom::End(0)).map_err(io)?;
    positions.push(len);
    let steps = [
        (SeekFrom::Start(len / 2), Some(5)),
        (SeekFrom::Current(-(len.min(2) as i64)), Some(3)),
        (SeekFrom::End(-(len.min(3) as i64)), None),
        (SeekFrom::Start(0), None),
    ];
    for (to, limit) in steps {
        positions.push(stream.seek(to).map_err(io)?);
        let mut bytes = Vec::new();
        match limit {
            Some(n) => (&mut stream).take(n).read_to_end(&mut bytes),
            None => stream.read_to_end(&mut bytes),
        }
        .map_err(io)?;
        reads.push(Data(bytes));
    }
    Ok(Outcome::Seeked { positions, reads })
}

fn open_atomic(
    backend: &dyn Backend,
    path: &RemotePath,
    bytes: &Bytes,
    overwrite: bool,
    commit: bool,
) -> Result<Outcome> {
    let mut writer = backend.open_atomic(path, &WriteOptions::new().overwrite(overwrite))?;
    writer
        .write_all(bytes)
        .map_err(|e| Error::io(path.as_str(), "writing to the atomic writer failed", e))?;
    if writer.position() != bytes.len() as u64 {
        return Err(Error::invalid_argument(
            path.as_str(),
            format!(
                "the atomic writer's position is {} after writing {} bytes",
                writer.position(),
                bytes.len()
            ),
        ));
    }
    if commit {
        writer.commit().map(written)
    } else {
        drop(writer);
        Ok(Outcome::Done)
    }
}

fn collect<T, U>(listing: Result<crate::Listing<'_, T>>, view: impl Fn(T) -> U) -> Result<Vec<U>> {
    listing?.map(|item| item.map(&view)).collect()
}

/// A `list_files` listing, drained, as an outcome.
pub(super) fn files(listing: Result<crate::Listing<'_, FileInfo>>) -> Result<Outcome> {
    collect(listing, |f| FileView::from(&f)).map(Outcome::Files)
}

/// A `list_folders` listing, drained, as an outcome.
pub(super) fn folders(listing: Result<crate::Listing<'_, FolderEntry>>) -> Result<Outcome> {
    collect(listing, |f| f.path.as_str().to_owned()).map(Outcome::Folders)
}

/// An `iter_children` listing, drained, as an outcome.
pub(super) fn children(listing: Result<crate::Listing<'_, Child>>) -> Result<Outcome> {
    collect(listing, |c| match c {
        Child::File(f) => ChildView::File(FileView::from(&f)),
        Child::Folder(f) => ChildView::Folder(f.path.as_str().to_owned()),
    })
    .map(Outcome::Children)
}

/// A `get_folder_info` result as an outcome.
pub(super) fn folder_info(info: FolderInfo) -> Outcome {
    Outcome::FolderInfo(
        info.path.as_str().to_owned(),
        info.file_count,
        info.total_size,
    )
}

fn try_run(backend: &dyn Backend, op: &Op) -> Result<Outcome> {
    Ok(match op {
        Op::Exists(p) => Outcome::Bool(backend.exists(p)?),
        Op::IsFile(p) => Outcome::Bool(backend.is_file(p)?),
        Op::IsFolder(p) => Outcome::Bool(backend.is_folder(p)?),
        Op::Read(p) => drain(p, backend.read(p)?),
        Op::ReadBytes(p) => Outcome::Bytes(Data(backend.read_bytes(p)?.to_vec())),
        Op::ReadSeekable(p) => seek_and_read(p, backend)?,
        Op::Write {
            path,
            content: bytes,
            source,
            overwrite,
            metadata,
        }
        | Op::WriteAtomic {
            path,
            content: bytes,
            source,
            overwrite,
            metadata,
        } => {
            let (content, options) = (content(bytes, *source), write_options(*overwrite, metadata));
            written(if matches!(op, Op::WriteAtomic { .. }) {
                backend.write_atomic(path, content, &options)?
            } else {
                backend.write(path, content, &options)?
            })
        }
        Op::OpenAtomic {
            path,
            content: bytes,
            overwrite,
            commit,
        } => open_atomic(backend, path, bytes, *overwrite, *commit)?,
        Op::Delete { path, missing_ok } => {
            backend.delete(path, DeleteOptions::new().missing_ok(*missing_ok))?;
            Outcome::Done
        }
        Op::DeleteFolder {
            path,
            recursive,
            missing_ok,
        } => {
            let options = DeleteFolderOptions::new()
                .recursive(*recursive)
                .missing_ok(*missing_ok);
            backend.delete_folder(path, options)?;
            Outcome::Done
        }
        Op::ListFiles {
            path,
            recursive,
            max_depth,
        } => {
            let options = ListOptions::new()
                .recursive(*recursive)
                .max_depth(*max_depth);
            files(backend.list_files(path, options))?
        }
        Op::ListFolders(p) => folders(backend.list_folders(p))?,
        Op::IterChildren(p) => children(backend.iter_children(p))?,
        Op::GetFileInfo(p) => Outcome::Info(FileView::from(&backend.get_file_info(p)?)),
        Op::GetFolderInfo(p) => folder_info(backend.get_folder_info(p)?),
        Op::Rename {
            src,
            dst,
            overwrite,
        } => {
            backend.rename(src, dst, TransferOptions::new().overwrite(*overwrite))?;
            Outcome::Done
        }
        Op::Copy {
            src,
            dst,
            overwrite,
        } => {
            backend.copy(src, dst, TransferOptions::new().overwrite(*overwrite))?;
            Outcome::Done
        }
        Op::KeyRoundTrip(p) => Outcome::Key(backend.to_key(&backend.native_path(p))),
        Op::CheckHealth => {
            backend.check_health()?;
            Outcome::Done
        }
    })
}

/// Runs `op` on `backend` and captures what it returned. A panic is not
/// caught here; the runner reports it with the sequence that caused it.
pub fn run_op(backend: &dyn Backend, op: &Op) -> Outcome {
    try_run(backend, op).unwrap_or_else(|e| Outcome::of_error(&e))
}
