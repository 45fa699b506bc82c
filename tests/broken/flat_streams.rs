//! The flat store's streams: the `open_atomic` upload and the ranged reader.

use std::io::{self, Cursor, Read, Seek, SeekFrom, Write};

use bytes::Bytes;
use remote_store::{AtomicWriter, Content, RemotePath, Result, WriteOptions, WriteResult};

use super::flat::{FlatBug, FlatStore};

/// `open_atomic`: buffers, uploads on commit.
pub(super) struct Upload<'a> {
    pub(super) store: &'a FlatStore,
    pub(super) path: RemotePath,
    pub(super) options: WriteOptions,
    pub(super) buffer: Vec<u8>,
}

impl Write for Upload<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl AtomicWriter for Upload<'_> {
    fn position(&self) -> u64 {
        self.buffer.len() as u64
    }
    fn commit(self: Box<Self>) -> Result<WriteResult> {
        self.store
            .put(&self.path, Content::from(self.buffer), &self.options)
    }
}

/// A ranged reader: seeks are turned into byte offsets, the bug's way.
pub(super) struct Ranged {
    pub(super) cursor: Cursor<Bytes>,
    pub(super) bug: FlatBug,
}

impl Read for Ranged {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.cursor.read(buf)
    }
}

impl Seek for Ranged {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        let pos = match (self.bug, pos) {
            (FlatBug::SeekFromEndCountsFromTheStart, SeekFrom::End(n)) => {
                SeekFrom::Start(n.unsigned_abs())
            }
            (FlatBug::SeekFromCurrentIsFromTheStart, SeekFrom::Current(n)) if n >= 0 => {
                SeekFrom::Start(n as u64)
            }
            (_, pos) => pos,
        };
        self.cursor.seek(pos)
    }
}
