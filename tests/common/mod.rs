//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::io::{self, Read};

use remote_store::backends::MemoryBackend;
use remote_store::ext::glob::{GlobPattern, extract_prefix, needs_recursive};
use remote_store::{
    Backend, Capability, CapabilitySet, Content, Delegate, ErrorKind, FileInfo, FolderEntry,
    ListOptions, Listing, RemotePath, Result, Store, WriteOptions, WriteResult,
};

/// Parses a path that the test knows to be valid.
pub fn p(raw: &str) -> RemotePath {
    RemotePath::parse(raw).expect("test path is valid")
}

/// The kind of the error `result` must be.
pub fn kind<T>(result: Result<T>) -> ErrorKind {
    match result {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.kind(),
    }
}

/// What a listing item shows of itself: its path.
pub trait HasPath {
    /// The item's path, as text.
    fn path_text(&self) -> String;
}

impl HasPath for FolderEntry {
    fn path_text(&self) -> String {
        self.path.to_string()
    }
}

impl HasPath for FileInfo {
    fn path_text(&self) -> String {
        self.path.to_string()
    }
}

/// The paths a listing that must succeed yields, in its order.
pub fn paths<T: HasPath>(listing: Result<impl Iterator<Item = Result<T>>>) -> Vec<String> {
    listing
        .expect("listing")
        .map(|item| item.expect("listing item").path_text())
        .collect()
}

/// A memory backend pre-loaded with `files` (path, content).
pub fn memory_with(files: &[(&str, &str)]) -> MemoryBackend {
    let backend = MemoryBackend::new();
    for (path, content) in files {
        backend
            .write(&p(path), Content::from(*content), &WriteOptions::new())
            .expect("seeding a file");
    }
    backend
}

/// Every file (path, content) of a backend, recursively, in listing order.
pub fn snapshot(backend: &dyn Backend) -> Vec<(String, Vec<u8>)> {
    backend
        .list_files(&RemotePath::root(), ListOptions::new().recursive(true))
        .expect("listing the root")
        .map(|info| {
            let info = info.expect("listing item");
            let content = backend
                .read_bytes(&info.path)
                .expect("reading a listed file");
            (info.path.to_string(), content.to_vec())
        })
        .collect()
}

/// A native `glob` as an S3-like backend would write it with the public
/// helpers: one `list_files` call on `backend` at the pattern's literal
/// prefix (recursive only when the pattern needs it), filtered.
pub fn native_glob<'a, B: Backend + ?Sized>(
    backend: &'a B,
    pattern: &str,
) -> Result<Listing<'a, FileInfo>> {
    let compiled = GlobPattern::new(pattern)?;
    let prefix = RemotePath::parse(&extract_prefix(pattern))?;
    let options = ListOptions::new().recursive(needs_recursive(pattern));
    let files = backend.list_files(&prefix, options)?;
    Ok(Box::new(files.filter(move |f| {
        f.as_ref()
            .map_or(true, |f| compiled.matches(f.path.as_str()))
    })))
}

/// A memory backend that declares only `capabilities`, to test `Store` gates.
#[derive(Debug)]
pub struct Restricted {
    pub inner: MemoryBackend,
    pub capabilities: CapabilitySet,
    /// Whether `glob` is [`native_glob`] (else memory's, which refuses).
    pub globs_natively: bool,
}

impl Restricted {
    /// An empty memory backend declaring `capabilities`.
    pub fn new(capabilities: CapabilitySet) -> Self {
        Restricted {
            inner: MemoryBackend::new(),
            capabilities,
            globs_natively: false,
        }
    }

    /// The same, globbing natively (meant for `capabilities` with `GLOB`).
    pub fn globbing(capabilities: CapabilitySet) -> Self {
        Restricted {
            globs_natively: true,
            ..Restricted::new(capabilities)
        }
    }
}

impl Delegate for Restricted {
    type Inner = MemoryBackend;
    fn inner(&self) -> &MemoryBackend {
        &self.inner
    }
    fn name(_: &Self) -> &str {
        "restricted"
    }
    fn capabilities(this: &Self) -> CapabilitySet {
        this.capabilities
    }
    fn glob<'a>(this: &'a Self, pattern: &str) -> Result<Listing<'a, FileInfo>> {
        if this.globs_natively {
            native_glob(this, pattern)
        } else {
            this.inner.glob(pattern)
        }
    }
}

/// A `Store` at `root` over a fresh [`Restricted`] backend that declares
/// every capability but `missing`.
pub fn store_lacking(missing: Capability, root: &str) -> Store<Restricted> {
    Store::new(Restricted::new(CapabilitySet::all().without(missing)), root)
        .expect("a valid store root")
}

/// A content stream of `x` bytes that fails after this many, like a dropped
/// connection.
pub struct FailsAfter(pub usize);

impl Read for FailsAfter {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.0 == 0 {
            return Err(io::Error::new(
                io::ErrorKind::ConnectionReset,
                "connection reset",
            ));
        }
        let n = buf.len().min(self.0);
        buf[..n].fill(b'x');
        self.0 -= n;
        Ok(n)
    }
}

/// `write_atomic` when `atomic`, else `write`.
pub fn write_either(
    backend: &dyn Backend,
    atomic: bool,
    path: &RemotePath,
    content: Content<'_>,
    options: &WriteOptions,
) -> Result<WriteResult> {
    if atomic {
        backend.write_atomic(path, content, options)
    } else {
        backend.write(path, content, options)
    }
}
