//! Legal variants: backends that differ from `MemoryBackend` only in ways
//! the contract allows must pass every conformance case and the model test
//! (and its concurrency check) with zero failures, declared as their author
//! would declare them. A false alarm here is a bug of the suite.
//!
//! Each variant wraps `MemoryBackend` and changes one thing; the flat
//! namespace (folders implied by keys) is the example's `FlatBackend`.

#[path = "../examples/custom_backend/main.rs"]
#[allow(dead_code)]
mod custom_backend;

use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};

use bytes::Bytes;
use remote_store::backends::MemoryBackend;
use remote_store::{
    AtomicWriter, Backend, Capability, CapabilitySet, Child, Content, DeleteFolderOptions,
    DeleteOptions, Error, FileInfo, FolderEntry, FolderInfo, ListOptions, Listing, ReadStream,
    RemotePath, Result, TransferOptions, WriteOptions, WriteResult,
};

/// One allowed difference from `MemoryBackend`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Variant {
    /// `list_files` ignores the `max_depth` hint (a `Store` filters again).
    IgnoresMaxDepth,
    /// Listings come in reverse order (no `documented_order` declared).
    UnorderedListings,
    /// No `USER_METADATA`: a write with metadata is refused.
    NoUserMetadata,
    /// No `SEEKABLE_READ`: `read` is a forward-only stream.
    NoSeekableRead,
    /// No `WRITE_RESULT_NATIVE`: writes return basic results.
    BasicWriteResults,
    /// `close` is terminal: every later call is `BackendUnavailable`.
    TerminalClose,
}

#[derive(Debug)]
struct Legal {
    inner: MemoryBackend,
    variant: Variant,
    closed: AtomicBool,
}

impl Legal {
    fn new(variant: Variant) -> Self {
        Legal {
            inner: MemoryBackend::new(),
            variant,
            closed: AtomicBool::new(false),
        }
    }

    /// The terminal posture's guard: runs before anything else.
    fn open(&self, path: &RemotePath) -> Result<()> {
        if self.closed.load(Ordering::SeqCst) {
            return Err(Error::BackendUnavailable {
                path: path.as_str().to_owned(),
                backend: Some("legal".to_owned()),
                reason: "the backend is closed".to_owned(),
            });
        }
        Ok(())
    }

    fn reversed<'a, T: Send + 'static>(&self, listing: Listing<'a, T>) -> Listing<'a, T> {
        if self.variant != Variant::UnorderedListings {
            return listing;
        }
        let mut items: Vec<Result<T>> = listing.collect();
        items.reverse();
        Box::new(items.into_iter())
    }

    fn check_metadata(&self, path: &RemotePath, options: &WriteOptions) -> Result<()> {
        let has_metadata = options.metadata.as_ref().is_some_and(|m| !m.is_empty());
        if self.variant == Variant::NoUserMetadata && has_metadata {
            return Err(Error::CapabilityNotSupported {
                capability: Capability::USER_METADATA,
                path: path.as_str().to_owned(),
                backend: Some("legal".to_owned()),
                reason: "this backend keeps no user metadata".to_owned(),
            });
        }
        Ok(())
    }

    fn result(&self, result: Result<WriteResult>) -> Result<WriteResult> {
        match self.variant {
            Variant::BasicWriteResults => {
                result.map(|r| WriteResult::basic(r.path, r.size, r.metadata))
            }
            _ => result,
        }
    }
}

/// A reader that hides the seekability of the stream it wraps.
struct ForwardOnly(ReadStream);

impl Read for ForwardOnly {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.0.read(buf)
    }
}

impl Backend for Legal {
    fn name(&self) -> &str {
        "legal"
    }

    fn capabilities(&self) -> CapabilitySet {
        let caps = MemoryBackend::CAPABILITIES;
        match self.variant {
            Variant::NoUserMetadata => caps.without(Capability::USER_METADATA),
            Variant::NoSeekableRead => caps.without(Capability::SEEKABLE_READ),
            Variant::BasicWriteResults => caps.without(Capability::WRITE_RESULT_NATIVE),
            _ => caps,
        }
    }

    fn close_is_terminal(&self) -> bool {
        self.variant == Variant::TerminalClose
    }

    fn exists(&self, path: &RemotePath) -> Result<bool> {
        self.open(path)?;
        self.inner.exists(path)
    }

    fn is_file(&self, path: &RemotePath) -> Result<bool> {
        self.open(path)?;
        self.inner.is_file(path)
    }

    fn is_folder(&self, path: &RemotePath) -> Result<bool> {
        self.open(path)?;
        self.inner.is_folder(path)
    }

    fn read(&self, path: &RemotePath) -> Result<ReadStream> {
        self.open(path)?;
        let stream = self.inner.read(path)?;
        Ok(match self.variant {
            Variant::NoSeekableRead => ReadStream::Sequential(Box::new(ForwardOnly(stream))),
            _ => stream,
        })
    }

    fn read_bytes(&self, path: &RemotePath) -> Result<Bytes> {
        self.open(path)?;
        self.inner.read_bytes(path)
    }

    fn write(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        self.open(path)?;
        self.check_metadata(path, options)?;
        self.result(self.inner.write(path, content, options))
    }

    fn write_atomic(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        self.open(path)?;
        self.check_metadata(path, options)?;
        self.result(self.inner.write_atomic(path, content, options))
    }

    fn open_atomic(
        &self,
        path: &RemotePath,
        options: &WriteOptions,
    ) -> Result<Box<dyn AtomicWriter + '_>> {
        self.open(path)?;
        self.check_metadata(path, options)?;
        let writer = self.inner.open_atomic(path, options)?;
        Ok(match self.variant {
            Variant::BasicWriteResults => Box::new(BasicWriter(writer)),
            _ => writer,
        })
    }

    fn delete(&self, path: &RemotePath, options: DeleteOptions) -> Result<()> {
        self.open(path)?;
        self.inner.delete(path, options)
    }

    fn delete_folder(&self, path: &RemotePath, options: DeleteFolderOptions) -> Result<()> {
        self.open(path)?;
        self.inner.delete_folder(path, options)
    }

    fn list_files(&self, path: &RemotePath, options: ListOptions) -> Result<Listing<'_, FileInfo>> {
        self.open(path)?;
        let options = match self.variant {
            Variant::IgnoresMaxDepth => options.max_depth(None),
            _ => options,
        };
        Ok(self.reversed(self.inner.list_files(path, options)?))
    }

    fn list_folders(&self, path: &RemotePath) -> Result<Listing<'_, FolderEntry>> {
        self.open(path)?;
        Ok(self.reversed(self.inner.list_folders(path)?))
    }

    fn iter_children(&self, path: &RemotePath) -> Result<Listing<'_, Child>> {
        self.open(path)?;
        Ok(self.reversed(self.inner.iter_children(path)?))
    }

    fn get_file_info(&self, path: &RemotePath) -> Result<FileInfo> {
        self.open(path)?;
        self.inner.get_file_info(path)
    }

    fn get_folder_info(&self, path: &RemotePath) -> Result<FolderInfo> {
        self.open(path)?;
        self.inner.get_folder_info(path)
    }

    fn rename(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()> {
        self.open(src)?;
        self.inner.rename(src, dst, options)
    }

    fn copy(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()> {
        self.open(src)?;
        self.inner.copy(src, dst, options)
    }

    fn check_health(&self) -> Result<()> {
        self.open(&RemotePath::root())
    }

    fn close(&self) -> Result<()> {
        if self.variant == Variant::TerminalClose {
            self.closed.store(true, Ordering::SeqCst);
        }
        Ok(())
    }
}

/// An atomic writer whose commit gives a basic result.
struct BasicWriter<'a>(Box<dyn AtomicWriter + 'a>);

impl std::io::Write for BasicWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

impl AtomicWriter for BasicWriter<'_> {
    fn position(&self) -> u64 {
        self.0.position()
    }

    fn commit(self: Box<Self>) -> Result<WriteResult> {
        let r = self.0.commit()?;
        Ok(WriteResult::basic(r.path, r.size, r.metadata))
    }
}

remote_store::conformance_suite! {
    module: ignores_max_depth,
    factory: Legal::new(Variant::IgnoresMaxDepth),
    lacks: [GLOB, LAZY_READ],
    model: true,
}

remote_store::conformance_suite! {
    module: unordered_listings,
    factory: Legal::new(Variant::UnorderedListings),
    lacks: [GLOB, LAZY_READ],
    model: true,
}

remote_store::conformance_suite! {
    module: no_user_metadata,
    factory: Legal::new(Variant::NoUserMetadata),
    lacks: [GLOB, LAZY_READ, USER_METADATA],
    model: true,
}

remote_store::conformance_suite! {
    module: no_seekable_read,
    factory: Legal::new(Variant::NoSeekableRead),
    lacks: [GLOB, LAZY_READ, SEEKABLE_READ],
    model: true,
}

remote_store::conformance_suite! {
    module: basic_write_results,
    factory: Legal::new(Variant::BasicWriteResults),
    lacks: [GLOB, LAZY_READ, WRITE_RESULT_NATIVE],
    model: true,
}

remote_store::conformance_suite! {
    module: terminal_close,
    factory: Legal::new(Variant::TerminalClose),
    lacks: [GLOB, LAZY_READ],
    flags: [documented_order],
    model: { cases: 128 },
}

remote_store::conformance_suite! {
    module: flat_namespace,
    factory: custom_backend::FlatBackend::default(),
    lacks: [GLOB, LAZY_READ, USER_METADATA, WRITE_RESULT_NATIVE, ATOMIC_MOVE],
    flags: [flat_namespace],
    model: true,
}

/// The variant the model used to false-alarm on: ignoring `max_depth` is
/// allowed, and a listing deeper than asked is filtered as a `Store` would.
#[test]
fn a_listing_deeper_than_max_depth_is_not_a_divergence() {
    use remote_store::model::{Op, OracleConfig, Source, run_ops};
    let path = |s: &str| RemotePath::parse(s).unwrap();
    let ops = [
        Op::Write {
            path: path("a/b/c"),
            content: Bytes::from_static(b"x"),
            source: Source::Bytes,
            overwrite: false,
            metadata: None,
        },
        Op::ListFiles {
            path: RemotePath::root(),
            recursive: true,
            max_depth: Some(0),
        },
    ];
    let subject = Legal::new(Variant::IgnoresMaxDepth);
    assert_eq!(run_ops(&subject, &ops, &OracleConfig::new()), Ok(()));
    // The exact form still tells the two apart, so the filter is what passes it.
    let exact = OracleConfig::new().exact_max_depth(true);
    let subject = Legal::new(Variant::IgnoresMaxDepth);
    assert!(run_ops(&subject, &ops, &exact).is_err());
}
