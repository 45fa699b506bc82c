//! The failing stream, writer and listing behind
//! [`Fault::StreamFailsAfter`](super::Fault::StreamFailsAfter) and
//! [`Fault::ListingFailsAfter`](super::Fault::ListingFailsAfter).

use std::io::{self, Read, Write};

use crate::{AtomicWriter, Error, Listing, Result, WriteResult};

fn stream_failure(after: u64) -> io::Error {
    io::Error::other(format!(
        "injected by FaultyBackend: the stream failed after {after} bytes"
    ))
}

/// Delivers at most `after` bytes of `inner`, then fails where the next
/// byte would come.
pub(super) struct FailingReader<R> {
    inner: R,
    after: u64,
    left: u64,
}

impl<R: Read> FailingReader<R> {
    pub(super) fn new(inner: R, after: u64) -> Self {
        FailingReader {
            inner,
            after,
            left: after,
        }
    }
}

impl<R: Read> Read for FailingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.left == 0 {
            // Only content that goes on past the limit fails.
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(stream_failure(self.after)),
            };
        }
        let room = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let read = self.inner.read(&mut buf[..room])?;
        self.left -= read as u64;
        Ok(read)
    }
}

/// An atomic writer that accepts `after` bytes, then fails every write.
pub(super) struct FailingWriter<'a> {
    inner: Box<dyn AtomicWriter + 'a>,
    after: u64,
    left: u64,
}

impl<'a> FailingWriter<'a> {
    pub(super) fn new(inner: Box<dyn AtomicWriter + 'a>, after: u64) -> Self {
        FailingWriter {
            inner,
            after,
            left: after,
        }
    }
}

impl Write for FailingWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.left == 0 {
            return Err(stream_failure(self.after));
        }
        let room = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let written = self.inner.write(&buf[..room])?;
        self.left -= written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl AtomicWriter for FailingWriter<'_> {
    fn position(&self) -> u64 {
        self.inner.position()
    }

    fn commit(self: Box<Self>) -> Result<WriteResult> {
        self.inner.commit()
    }
}

/// Yields `after` items of `inner`, then one error where the next item
/// would come, then nothing.
pub(super) fn failing_listing<'a, T: 'a>(
    mut inner: Listing<'a, T>,
    after: usize,
    path: String,
) -> Listing<'a, T> {
    let mut left = after;
    let mut failed = false;
    Box::new(std::iter::from_fn(move || {
        if failed {
            return None;
        }
        let item = inner.next()?;
        if left == 0 {
            failed = true;
            let reason =
                format!("injected by FaultyBackend: the listing failed after {after} items");
            let source = io::Error::other(reason.clone());
            return Some(Err(Error::io(path.as_str(), reason, source)));
        }
        left -= 1;
        Some(item)
    }))
}
