//! The `open_atomic` writer the from-scratch stores share: it buffers, and
//! hands the whole content to the store's commit function; a drop without
//! `commit` writes nothing.

use std::io::{self, Write};

use remote_store::{AtomicWriter, Result, WriteResult};

/// What publishes the buffered content.
type CommitFn<'a> = Box<dyn FnOnce(Vec<u8>) -> Result<WriteResult> + Send + 'a>;

/// Buffers every write; `commit` passes the buffer on.
pub(super) struct Buffered<'a> {
    buffer: Vec<u8>,
    commit: CommitFn<'a>,
}

impl<'a> Buffered<'a> {
    /// A writer whose `commit` calls `commit` with everything written.
    pub(super) fn boxed(
        commit: impl FnOnce(Vec<u8>) -> Result<WriteResult> + Send + 'a,
    ) -> Box<dyn AtomicWriter + 'a> {
        Box::new(Buffered {
            buffer: Vec::new(),
            commit: Box::new(commit),
        })
    }
}

impl Write for Buffered<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl AtomicWriter for Buffered<'_> {
    fn position(&self) -> u64 {
        self.buffer.len() as u64
    }
    fn commit(self: Box<Self>) -> Result<WriteResult> {
        (self.commit)(self.buffer)
    }
}
