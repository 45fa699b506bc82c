//! The flat store's streams: the multipart upload of written content and
//! the ranged reader.

use std::io::{self, Cursor, Read, Seek, SeekFrom};

use bytes::Bytes;
use remote_store::{Content, RemotePath, Result};

use super::flat::FlatBug;

/// Drains `content` the way `bug` says (multipart uploads of 64 KiB).
pub(super) fn drain(bug: FlatBug, path: &RemotePath, content: Content<'_>) -> Result<Bytes> {
    let streamed = matches!(content, Content::Reader(_));
    let bytes = content.into_bytes(path)?;
    const PART: usize = 64 * 1024;
    Ok(match bug {
        FlatBug::LastPartialPartDropped if streamed && bytes.len() > PART => {
            bytes.slice(..bytes.len() / PART * PART)
        }
        FlatBug::ExactPartSizeStoredEmpty if streamed && bytes.len() % PART == 0 => Bytes::new(),
        _ => bytes,
    })
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
