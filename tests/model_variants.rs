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

use bytes::Bytes;
use remote_store::backends::MemoryBackend;
use remote_store::testing::{FaultRule, FaultyBackend};
use remote_store::{
    AtomicWriter, Backend, Capability, CapabilitySet, Child, Content, Delegate, Error, ErrorKind,
    FileInfo, FolderEntry, ListOptions, Listing, ReadStream, RemotePath, Result, WriteOptions,
    WriteResult,
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

/// `MemoryBackend` with one allowed difference; a closed terminal variant
/// refuses every call through a `FaultyBackend` rule.
#[derive(Debug)]
struct Legal {
    inner: FaultyBackend<MemoryBackend>,
    variant: Variant,
}

impl Legal {
    fn new(variant: Variant) -> Self {
        Legal {
            inner: FaultyBackend::new(MemoryBackend::new()),
            variant,
        }
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

impl Delegate for Legal {
    type Inner = FaultyBackend<MemoryBackend>;

    fn inner(&self) -> &Self::Inner {
        &self.inner
    }

    fn name(_: &Self) -> &str {
        "legal"
    }

    fn capabilities(this: &Self) -> CapabilitySet {
        let caps = MemoryBackend::CAPABILITIES;
        match this.variant {
            Variant::NoUserMetadata => caps.without(Capability::USER_METADATA),
            Variant::NoSeekableRead => caps.without(Capability::SEEKABLE_READ),
            Variant::BasicWriteResults => caps.without(Capability::WRITE_RESULT_NATIVE),
            _ => caps,
        }
    }

    fn close_is_terminal(this: &Self) -> bool {
        this.variant == Variant::TerminalClose
    }

    fn read(this: &Self, path: &RemotePath) -> Result<ReadStream> {
        let stream = this.inner.read(path)?;
        Ok(match this.variant {
            Variant::NoSeekableRead => ReadStream::Sequential(Box::new(ForwardOnly(stream))),
            _ => stream,
        })
    }

    fn write(
        this: &Self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        this.check_metadata(path, options)?;
        this.result(this.inner.write(path, content, options))
    }

    fn write_atomic(
        this: &Self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        this.check_metadata(path, options)?;
        this.result(this.inner.write_atomic(path, content, options))
    }

    fn open_atomic<'a>(
        this: &'a Self,
        path: &RemotePath,
        options: &WriteOptions,
    ) -> Result<Box<dyn AtomicWriter + 'a>> {
        this.check_metadata(path, options)?;
        let writer = this.inner.open_atomic(path, options)?;
        Ok(match this.variant {
            Variant::BasicWriteResults => Box::new(BasicWriter(writer)),
            _ => writer,
        })
    }

    fn list_files<'a>(
        this: &'a Self,
        path: &RemotePath,
        options: ListOptions,
    ) -> Result<Listing<'a, FileInfo>> {
        let options = match this.variant {
            Variant::IgnoresMaxDepth => options.max_depth(None),
            _ => options,
        };
        Ok(this.reversed(this.inner.list_files(path, options)?))
    }

    fn list_folders<'a>(this: &'a Self, path: &RemotePath) -> Result<Listing<'a, FolderEntry>> {
        Ok(this.reversed(this.inner.list_folders(path)?))
    }

    fn iter_children<'a>(this: &'a Self, path: &RemotePath) -> Result<Listing<'a, Child>> {
        Ok(this.reversed(this.inner.iter_children(path)?))
    }

    fn close(this: &Self) -> Result<()> {
        if this.variant == Variant::TerminalClose {
            // Every later call fails, before the memory backend sees it.
            this.inner
                .faults()
                .add(FaultRule::error(ErrorKind::BackendUnavailable));
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
