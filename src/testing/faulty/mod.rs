//! [`FaultyBackend`]: wraps a backend and injects failures and delays by
//! rule.

mod rule;
mod streams;

use std::io::{Cursor, Read};
use std::sync::Arc;

use bytes::Bytes;
use parking_lot::Mutex;

use self::rule::SplitMix;
pub use self::rule::{Fault, FaultRule};
use self::streams::{FailingReader, FailingWriter, failing_listing};
use crate::testing::Operation;
use crate::{
    AtomicWriter, Backend, Child, Content, Delegate, DeleteFolderOptions, DeleteOptions, Error,
    FileInfo, FolderEntry, FolderInfo, ListOptions, Listing, ReadStream, RemotePath, Result,
    SeekRead, TransferOptions, WriteOptions, WriteResult,
};

/// Names a rule added to [`Faults`], to remove it or read its count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleId(u64);

#[derive(Debug)]
struct ActiveRule {
    id: RuleId,
    rule: FaultRule,
    selected: u64,
    injected: u64,
    draw: SplitMix,
}

#[derive(Debug, Default)]
struct FaultState {
    rules: Vec<ActiveRule>,
    next_id: u64,
    injected: u64,
    removed_counts: Vec<(RuleId, u64)>,
}

/// The rules of a [`FaultyBackend`] and what they injected: a cheap,
/// cloneable handle that stays usable after the backend moved into a
/// [`Store`](crate::Store). Changes apply to the next call.
#[derive(Clone, Debug, Default)]
pub struct Faults {
    state: Arc<Mutex<FaultState>>,
}

impl Faults {
    /// Adds `rule` after the existing ones; the first rule that fires
    /// decides a call's fault.
    pub fn add(&self, rule: FaultRule) -> RuleId {
        let mut state = self.state.lock();
        let id = RuleId(state.next_id);
        state.next_id += 1;
        let draw = rule.generator();
        state.rules.push(ActiveRule {
            id,
            rule,
            selected: 0,
            injected: 0,
            draw,
        });
        id
    }

    /// Removes a rule; `false` when it was not there. Its count stays
    /// readable.
    pub fn remove(&self, id: RuleId) -> bool {
        let mut state = self.state.lock();
        let Some(at) = state.rules.iter().position(|r| r.id == id) else {
            return false;
        };
        let removed = state.rules.remove(at);
        state.removed_counts.push((id, removed.injected));
        true
    }

    /// Removes every rule: the backend behaves like the inner one again.
    pub fn clear(&self) {
        let mut state = self.state.lock();
        let removed: Vec<_> = state.rules.drain(..).map(|r| (r.id, r.injected)).collect();
        state.removed_counts.extend(removed);
    }

    /// How many calls were altered, by all rules ever added.
    pub fn injected(&self) -> u64 {
        self.state.lock().injected
    }

    /// How many calls rule `id` altered (0 for an unknown id).
    pub fn injected_by(&self, id: RuleId) -> u64 {
        let state = self.state.lock();
        let active = state.rules.iter().find(|r| r.id == id).map(|r| r.injected);
        let removed = state.removed_counts.iter().find(|(r, _)| *r == id);
        active.or(removed.map(|(_, n)| *n)).unwrap_or(0)
    }

    /// The fault for this call, counted, if a rule fires.
    fn decide(&self, operation: Operation, paths: &[&str]) -> Option<Fault> {
        let mut state = self.state.lock();
        let fired = state.rules.iter_mut().find_map(|active| {
            if !active.rule.selects(operation, paths) {
                return None;
            }
            active.selected += 1;
            if !active.rule.fires(active.selected, &mut active.draw) {
                return None;
            }
            active.injected += 1;
            Some(active.rule.fault.clone())
        });
        if fired.is_some() {
            state.injected += 1;
        }
        fired
    }
}

/// Wraps a backend and alters the calls its [`FaultRule`]s select: an error
/// of a chosen kind, a delay, a content stream or a listing that fails part
/// way. Every other call, and everything the rules do not touch, is the
/// inner backend's.
///
/// ```
/// use remote_store::backends::MemoryBackend;
/// use remote_store::testing::{FaultRule, FaultyBackend, Operation};
/// use remote_store::{ErrorKind, Store};
///
/// let backend = FaultyBackend::new(MemoryBackend::new());
/// let faults = backend.faults();
/// let store = Store::new(backend, "")?;
/// store.write_text("a.txt", "hello")?;
///
/// let rule = faults.add(FaultRule::stream_fails_after(2).on(Operation::ReadBytes));
/// let err = store.read_bytes("a.txt").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Io);
/// faults.remove(rule);
/// assert_eq!(store.read_text("a.txt")?, "hello");
/// assert_eq!(faults.injected_by(rule), 1);
/// # Ok::<(), remote_store::Error>(())
/// ```
#[derive(Debug)]
pub struct FaultyBackend<B> {
    inner: B,
    faults: Faults,
}

impl<B: Backend> FaultyBackend<B> {
    /// `inner` with no rules yet.
    pub fn new(inner: B) -> Self {
        FaultyBackend {
            inner,
            faults: Faults::default(),
        }
    }

    /// This backend with `rule` added.
    pub fn with_rule(self, rule: FaultRule) -> Self {
        self.faults.add(rule);
        self
    }

    /// The handle on this backend's rules and counts.
    pub fn faults(&self) -> Faults {
        self.faults.clone()
    }

    /// The wrapped backend.
    pub fn get_ref(&self) -> &B {
        &self.inner
    }

    /// Applies an error or a delay; hands a stream or listing fault back.
    fn check(&self, operation: Operation, paths: &[&str]) -> Result<Option<Fault>> {
        match self.faults.decide(operation, paths) {
            Some(Fault::Error(kind)) => Err(Error::of_kind(
                kind,
                paths.first().copied().unwrap_or(""),
                format!("injected by FaultyBackend into {operation}"),
            )
            .with_backend(self.inner.name())),
            Some(Fault::Delay(delay)) => {
                std::thread::sleep(delay);
                Ok(None)
            }
            other => Ok(other),
        }
    }

    fn stream_limit(&self, operation: Operation, path: &RemotePath) -> Result<Option<u64>> {
        Ok(match self.check(operation, &[path.as_str()])? {
            Some(Fault::StreamFailsAfter(bytes)) => Some(bytes),
            _ => None,
        })
    }

    fn listing_limit(&self, operation: Operation, path: &str) -> Result<Option<usize>> {
        Ok(match self.check(operation, &[path])? {
            Some(Fault::ListingFailsAfter(items)) => Some(items),
            _ => None,
        })
    }

    /// The whole content of `path` through a stream failing after `after`.
    fn drain(&self, path: &RemotePath, after: u64) -> Result<Bytes> {
        let mut content = Vec::new();
        FailingReader::new(self.inner.read(path)?, after)
            .read_to_end(&mut content)
            .map_err(|e| Error::stream_read_failed(path, e))?;
        Ok(Bytes::from(content))
    }
}

fn limited<'a>(content: Content<'a>, limit: Option<u64>) -> Content<'a> {
    match (limit, content) {
        (None, content) => content,
        (Some(after), Content::Bytes(bytes)) => {
            Content::reader(FailingReader::new(Cursor::new(bytes), after))
        }
        (Some(after), Content::Reader(reader)) => {
            Content::reader(FailingReader::new(reader, after))
        }
    }
}

fn limited_listing<'a, T: 'a>(
    listing: Listing<'a, T>,
    limit: Option<usize>,
    path: &str,
) -> Listing<'a, T> {
    match limit {
        Some(after) => failing_listing(listing, after, path.to_owned()),
        None => listing,
    }
}

impl<B: Backend> Delegate for FaultyBackend<B> {
    type Inner = B;
    fn inner(&self) -> &B {
        &self.inner
    }
    fn exists(this: &Self, path: &RemotePath) -> Result<bool> {
        this.check(Operation::Exists, &[path.as_str()])?;
        this.inner.exists(path)
    }
    fn is_file(this: &Self, path: &RemotePath) -> Result<bool> {
        this.check(Operation::IsFile, &[path.as_str()])?;
        this.inner.is_file(path)
    }
    fn is_folder(this: &Self, path: &RemotePath) -> Result<bool> {
        this.check(Operation::IsFolder, &[path.as_str()])?;
        this.inner.is_folder(path)
    }
    fn read(this: &Self, path: &RemotePath) -> Result<ReadStream> {
        let stream = match this.stream_limit(Operation::Read, path)? {
            Some(after) => {
                let inner = this.inner.read(path)?;
                ReadStream::Sequential(Box::new(FailingReader::new(inner, after)))
            }
            None => this.inner.read(path)?,
        };
        Ok(stream)
    }
    fn read_bytes(this: &Self, path: &RemotePath) -> Result<Bytes> {
        match this.stream_limit(Operation::ReadBytes, path)? {
            Some(after) => this.drain(path, after),
            None => this.inner.read_bytes(path),
        }
    }
    fn read_seekable(this: &Self, path: &RemotePath) -> Result<Box<dyn SeekRead>> {
        match this.stream_limit(Operation::ReadSeekable, path)? {
            Some(after) => Ok(Box::new(Cursor::new(this.drain(path, after)?))),
            None => this.inner.read_seekable(path),
        }
    }
    fn write(
        this: &Self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        let limit = this.stream_limit(Operation::Write, path)?;
        this.inner.write(path, limited(content, limit), options)
    }
    fn write_atomic(
        this: &Self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        let limit = this.stream_limit(Operation::WriteAtomic, path)?;
        this.inner
            .write_atomic(path, limited(content, limit), options)
    }
    fn open_atomic<'a>(
        this: &'a Self,
        path: &RemotePath,
        options: &WriteOptions,
    ) -> Result<Box<dyn AtomicWriter + 'a>> {
        let limit = this.stream_limit(Operation::OpenAtomic, path)?;
        let writer = this.inner.open_atomic(path, options)?;
        Ok(match limit {
            Some(after) => Box::new(FailingWriter::new(writer, after)),
            None => writer,
        })
    }
    fn delete(this: &Self, path: &RemotePath, options: DeleteOptions) -> Result<()> {
        this.check(Operation::Delete, &[path.as_str()])?;
        this.inner.delete(path, options)
    }
    fn delete_folder(this: &Self, path: &RemotePath, options: DeleteFolderOptions) -> Result<()> {
        this.check(Operation::DeleteFolder, &[path.as_str()])?;
        this.inner.delete_folder(path, options)
    }
    fn list_files<'a>(
        this: &'a Self,
        path: &RemotePath,
        options: ListOptions,
    ) -> Result<Listing<'a, FileInfo>> {
        let limit = this.listing_limit(Operation::ListFiles, path.as_str())?;
        let listing = this.inner.list_files(path, options)?;
        Ok(limited_listing(listing, limit, path.as_str()))
    }
    fn list_folders<'a>(this: &'a Self, path: &RemotePath) -> Result<Listing<'a, FolderEntry>> {
        let limit = this.listing_limit(Operation::ListFolders, path.as_str())?;
        let listing = this.inner.list_folders(path)?;
        Ok(limited_listing(listing, limit, path.as_str()))
    }
    fn iter_children<'a>(this: &'a Self, path: &RemotePath) -> Result<Listing<'a, Child>> {
        let limit = this.listing_limit(Operation::IterChildren, path.as_str())?;
        let listing = this.inner.iter_children(path)?;
        Ok(limited_listing(listing, limit, path.as_str()))
    }
    fn glob<'a>(this: &'a Self, pattern: &str) -> Result<Listing<'a, FileInfo>> {
        let limit = this.listing_limit(Operation::Glob, pattern)?;
        let listing = this.inner.glob(pattern)?;
        Ok(limited_listing(listing, limit, pattern))
    }
    fn get_file_info(this: &Self, path: &RemotePath) -> Result<FileInfo> {
        this.check(Operation::GetFileInfo, &[path.as_str()])?;
        this.inner.get_file_info(path)
    }
    fn get_folder_info(this: &Self, path: &RemotePath) -> Result<FolderInfo> {
        this.check(Operation::GetFolderInfo, &[path.as_str()])?;
        this.inner.get_folder_info(path)
    }
    fn rename(
        this: &Self,
        src: &RemotePath,
        dst: &RemotePath,
        options: TransferOptions,
    ) -> Result<()> {
        this.check(Operation::Rename, &[src.as_str(), dst.as_str()])?;
        this.inner.rename(src, dst, options)
    }
    fn copy(
        this: &Self,
        src: &RemotePath,
        dst: &RemotePath,
        options: TransferOptions,
    ) -> Result<()> {
        this.check(Operation::Copy, &[src.as_str(), dst.as_str()])?;
        this.inner.copy(src, dst, options)
    }
    fn check_health(this: &Self) -> Result<()> {
        this.check(Operation::CheckHealth, &[""])?;
        this.inner.check_health()
    }
    fn close(this: &Self) -> Result<()> {
        this.check(Operation::Close, &[""])?;
        this.inner.close()
    }
}
