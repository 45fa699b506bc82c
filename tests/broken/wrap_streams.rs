//! Memory wrappers (through `remote_store::Delegate`) with a native `glob`
//! that matches wrongly, and wrappers whose streams or metadata go wrong.

use std::io::{self, Read, Seek, SeekFrom, Write};
use std::time::SystemTime;

use remote_store::backends::MemoryBackend;
use remote_store::ext::glob::GlobPattern;
use remote_store::{
    AtomicWriter, Backend, Capability, CapabilitySet, Content, Delegate, FileInfo, ListOptions,
    Listing, ReadStream, RemotePath, Result, SeekRead, WriteOptions, WriteResult,
};

bug_family! {
    /// One way to get glob, streams or metadata wrong.
    pub enum StreamBug {
        /// The control (with a correct native glob).
        None,
        /// `*` matches across `/` (`g/*.txt` finds `g/sub/c.txt`).
        GlobStarCrossesSegments => "GLOB-003 * within a segment",
        /// `**/` needs at least one segment.
        GlobDoubleStarNeedsASegment => "GLOB-003 ** matches zero segments",
        /// `**/` matches zero segments only.
        GlobDoubleStarMatchesZeroOnly => "GLOB-003 ** matches one segment",
        /// `*.txt` matches any name.
        GlobIgnoresTheExtension => "GLOB-003 *.txt",
        /// `glob` yields the folders on the way too.
        GlobYieldsFolders => "GLOB-004 files only",
        /// `read_seekable`'s seek reports the position but does not move.
        SeekDoesNotMove => "SIO-001 seek",
        /// A read after EOF fails instead of returning 0.
        ReadAfterEofFails => "SIO-001 EOF returns 0",
        /// `open_atomic`'s `position` counts write calls, not bytes.
        PositionCountsWrites => "SAW-001 position",
        /// Only the first metadata key is stored.
        MetadataKeepsOnlyTheFirstKey => "metadata round-trips (several keys)",
        /// A failed `write_atomic` leaves its temporary file behind.
        WriteAtomicLeavesItsTempFile => "AW-004 a failure leaves nothing",
    }
}

/// A memory backend with a native glob and one [`StreamBug`].
#[derive(Debug)]
pub struct StreamBroken {
    inner: MemoryBackend,
    bug: StreamBug,
}

impl StreamBroken {
    /// A fresh, empty backend with `bug`.
    pub fn new(bug: StreamBug) -> Self {
        StreamBroken {
            inner: MemoryBackend::new(),
            bug,
        }
    }

    /// The pattern the buggy matcher really uses.
    fn effective_pattern(&self, pattern: &str) -> String {
        match self.bug {
            StreamBug::GlobStarCrossesSegments if !pattern.contains("**") => {
                pattern.replace("/*", "/**/*")
            }
            StreamBug::GlobDoubleStarNeedsASegment => pattern.replace("**/", "*/**/"),
            StreamBug::GlobDoubleStarMatchesZeroOnly => pattern.replace("**/", ""),
            StreamBug::GlobIgnoresTheExtension => pattern.replace("*.txt", "*"),
            _ => pattern.to_owned(),
        }
    }
}

impl Delegate for StreamBroken {
    type Inner = MemoryBackend;

    fn inner(&self) -> &MemoryBackend {
        &self.inner
    }

    fn capabilities(this: &Self) -> CapabilitySet {
        this.inner.capabilities().with(Capability::GLOB)
    }

    fn glob<'a>(this: &'a Self, pattern: &str) -> Result<Listing<'a, FileInfo>> {
        let compiled = GlobPattern::new(&this.effective_pattern(pattern))?;
        let original = GlobPattern::new(pattern)?;
        let all = this
            .inner
            .list_files(&RemotePath::root(), ListOptions::new().recursive(true))?;
        let mut found: Vec<Result<FileInfo>> = Vec::new();
        for file in all {
            let file = file?;
            if !compiled.matches(file.path.as_str()) {
                continue;
            }
            if this.bug == StreamBug::GlobYieldsFolders {
                for folder in file
                    .path
                    .ancestors()
                    .filter(|a| *a != file.path && !a.is_root())
                {
                    let listed = found
                        .iter()
                        .any(|f| f.as_ref().is_ok_and(|f| f.path == folder));
                    if original.matches(folder.as_str()) && !listed {
                        found.push(Ok(FileInfo::new(folder, 0, SystemTime::now())));
                    }
                }
            }
            found.push(Ok(file));
        }
        Ok(Box::new(found.into_iter()))
    }

    fn read(this: &Self, path: &RemotePath) -> Result<ReadStream> {
        if this.bug == StreamBug::ReadAfterEofFails {
            let bytes = this.inner.read_bytes(path)?;
            let stream = FailsAfterEof {
                bytes: io::Cursor::new(bytes),
                at_eof: false,
            };
            return Ok(ReadStream::Seekable(Box::new(stream)));
        }
        this.inner.read(path)
    }

    fn read_seekable(this: &Self, path: &RemotePath) -> Result<Box<dyn SeekRead>> {
        let reader = this.inner.read_seekable(path)?;
        if this.bug == StreamBug::SeekDoesNotMove {
            return Ok(Box::new(StuckSeek { reader, claimed: 0 }));
        }
        Ok(reader)
    }

    fn write(
        this: &Self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        let mut options = options.clone();
        if this.bug == StreamBug::MetadataKeepsOnlyTheFirstKey {
            options.metadata = options.metadata.map(|m| m.into_iter().take(1).collect());
        }
        this.inner.write(path, content, &options)
    }

    fn write_atomic(
        this: &Self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        if this.bug == StreamBug::WriteAtomicLeavesItsTempFile {
            let temp = RemotePath::parse(&format!("{path}.tmp"))?;
            let bytes = content.into_bytes(path);
            let bytes = match bytes {
                Ok(bytes) => bytes,
                Err(e) => {
                    this.inner.write(
                        &temp,
                        Content::from(&b"partial"[..]),
                        &WriteOptions::new().overwrite(true),
                    )?;
                    return Err(e);
                }
            };
            return this
                .inner
                .write_atomic(path, Content::Bytes(bytes), options);
        }
        this.inner.write_atomic(path, content, options)
    }

    fn open_atomic<'a>(
        this: &'a Self,
        path: &RemotePath,
        options: &WriteOptions,
    ) -> Result<Box<dyn AtomicWriter + 'a>> {
        let writer = this.inner.open_atomic(path, options)?;
        if this.bug == StreamBug::PositionCountsWrites {
            return Ok(Box::new(CountingWrites { writer, writes: 0 }));
        }
        Ok(writer)
    }
}

struct FailsAfterEof {
    bytes: io::Cursor<bytes::Bytes>,
    at_eof: bool,
}

impl Read for FailsAfterEof {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.at_eof {
            return Err(io::Error::other("read past the end"));
        }
        let n = self.bytes.read(buf)?;
        self.at_eof = n == 0;
        Ok(n)
    }
}

impl Seek for FailsAfterEof {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        self.bytes.seek(pos)
    }
}

struct StuckSeek {
    reader: Box<dyn SeekRead>,
    claimed: u64,
}

impl Read for StuckSeek {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.reader.read(buf)
    }
}

impl Seek for StuckSeek {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        self.claimed = match pos {
            SeekFrom::Start(n) => n,
            SeekFrom::Current(n) | SeekFrom::End(n) => self.claimed.saturating_add_signed(n),
        };
        Ok(self.claimed)
    }
}

struct CountingWrites<'a> {
    writer: Box<dyn AtomicWriter + 'a>,
    writes: u64,
}

impl Write for CountingWrites<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writes += 1;
        self.writer.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

impl AtomicWriter for CountingWrites<'_> {
    fn position(&self) -> u64 {
        self.writes
    }
    fn commit(self: Box<Self>) -> Result<WriteResult> {
        self.writer.commit()
    }
}
