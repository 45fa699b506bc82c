//! Bytes in and out of a backend: [`Content`] to write, [`ReadStream`] to read,
//! [`AtomicWriter`] for `open_atomic`.

use std::fmt;
use std::io::{self, Cursor, Read, Seek, SeekFrom, Write};

use bytes::Bytes;

use crate::{Error, RemotePath, Result, WriteResult};

/// Content to write: bytes already in memory, or any reader, consumed from its
/// current position to the end (contract SIO-003).
///
/// ```
/// use remote_store::Content;
///
/// let from_str: Content = "hello".into();
/// let from_vec: Content = vec![1u8, 2, 3].into();
/// let from_reader = Content::reader(std::io::Cursor::new(b"streamed".to_vec()));
/// # let _ = (from_str, from_vec, from_reader);
/// ```
pub enum Content<'a> {
    /// Bytes in memory (shared, not copied, when given as [`Bytes`]).
    Bytes(Bytes),
    /// A reader drained to its end.
    Reader(Box<dyn Read + Send + 'a>),
}

impl<'a> Content<'a> {
    /// Content read from `reader`, from its current position to its end.
    pub fn reader(reader: impl Read + Send + 'a) -> Self {
        Content::Reader(Box::new(reader))
    }

    /// Drains the content into one buffer. A failing reader becomes
    /// [`Error::Io`] naming `path`.
    pub fn into_bytes(self, path: &RemotePath) -> Result<Bytes> {
        match self {
            Content::Bytes(bytes) => Ok(bytes),
            Content::Reader(mut reader) => {
                let mut buffer = Vec::new();
                reader.read_to_end(&mut buffer).map_err(|e| {
                    Error::io(path.as_str(), "reading the content to write failed", e)
                })?;
                Ok(Bytes::from(buffer))
            }
        }
    }
}

impl fmt::Debug for Content<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Content::Bytes(bytes) => write!(f, "Content::Bytes({} bytes)", bytes.len()),
            Content::Reader(_) => f.write_str("Content::Reader(..)"),
        }
    }
}

/// `From` every in-memory content (`Bytes`, `Vec<u8>`, `&[u8]`, `&[u8; N]`,
/// `&str`, `String`) for a content enum whose `Bytes` variant holds it: the
/// one list of what converts into [`Content`] and, with the `async` feature,
/// into `AsyncContent`.
macro_rules! content_from_bytes {
    ($content:ident) => {
        impl From<Bytes> for $content<'_> {
            fn from(bytes: Bytes) -> Self {
                $content::Bytes(bytes)
            }
        }

        impl From<Vec<u8>> for $content<'_> {
            fn from(bytes: Vec<u8>) -> Self {
                $content::Bytes(Bytes::from(bytes))
            }
        }

        impl From<&[u8]> for $content<'_> {
            fn from(bytes: &[u8]) -> Self {
                $content::Bytes(Bytes::copy_from_slice(bytes))
            }
        }

        impl<const N: usize> From<&[u8; N]> for $content<'_> {
            fn from(bytes: &[u8; N]) -> Self {
                $content::Bytes(Bytes::copy_from_slice(bytes))
            }
        }

        impl From<&str> for $content<'_> {
            fn from(text: &str) -> Self {
                $content::Bytes(Bytes::copy_from_slice(text.as_bytes()))
            }
        }

        impl From<String> for $content<'_> {
            fn from(text: String) -> Self {
                $content::Bytes(Bytes::from(text))
            }
        }
    };
}
#[cfg(feature = "async")]
pub(crate) use content_from_bytes;

content_from_bytes!(Content);

/// A reader that can also seek.
pub trait SeekRead: Read + Seek + Send {}

impl<T: Read + Seek + Send> SeekRead for T {}

impl fmt::Debug for dyn SeekRead + '_ {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SeekRead(..)")
    }
}

/// A readable stream returned by `read`, positioned at 0; dropping it closes it.
///
/// Seekable when the backend declares `SEEKABLE_READ`; [`into_seekable`]
/// turns any stream into a seekable one (spooling to memory when needed).
///
/// [`into_seekable`]: ReadStream::into_seekable
pub enum ReadStream {
    /// A stream that can seek.
    Seekable(Box<dyn SeekRead>),
    /// A forward-only stream.
    Sequential(Box<dyn Read + Send>),
}

impl ReadStream {
    /// A seekable stream over shared bytes; no copy is made.
    pub fn from_bytes(bytes: Bytes) -> Self {
        ReadStream::Seekable(Box::new(Cursor::new(bytes)))
    }

    /// Whether the stream can seek.
    pub fn is_seekable(&self) -> bool {
        matches!(self, ReadStream::Seekable(_))
    }

    /// The stream as a seekable reader; a sequential stream is read to its
    /// end into memory first.
    pub fn into_seekable(self) -> io::Result<Box<dyn SeekRead>> {
        match self {
            ReadStream::Seekable(inner) => Ok(inner),
            ReadStream::Sequential(mut inner) => {
                let mut spool = Vec::new();
                inner.read_to_end(&mut spool)?;
                Ok(Box::new(Cursor::new(spool)))
            }
        }
    }

    /// Seeks, when the stream is seekable; a sequential stream answers
    /// [`io::ErrorKind::Unsupported`].
    pub fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        match self {
            ReadStream::Seekable(inner) => inner.seek(pos),
            ReadStream::Sequential(_) => Err(io::Error::new(
                io::ErrorKind::Unsupported,
                "this stream is not seekable",
            )),
        }
    }
}

impl Read for ReadStream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            ReadStream::Seekable(inner) => inner.read(buf),
            ReadStream::Sequential(inner) => inner.read(buf),
        }
    }
}

impl fmt::Debug for ReadStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadStream::Seekable(_) => f.write_str("ReadStream::Seekable(..)"),
            ReadStream::Sequential(_) => f.write_str("ReadStream::Sequential(..)"),
        }
    }
}

/// A writer returned by `open_atomic`: nothing is visible at the target until
/// [`commit`](AtomicWriter::commit) succeeds; dropping it without committing
/// (including on an error or a panic) discards everything and leaves no
/// temporary artefact.
pub trait AtomicWriter: Write + Send {
    /// Bytes written so far (the position, like `tell`).
    fn position(&self) -> u64;

    /// Publishes the written bytes at the target, re-checking the write
    /// preconditions at this moment.
    fn commit(self: Box<Self>) -> Result<WriteResult>;
}

impl fmt::Debug for dyn AtomicWriter + '_ {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AtomicWriter(position={})", self.position())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct FailingReader;

    impl Read for FailingReader {
        fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
            Err(io::Error::other("connection reset"))
        }
    }

    #[test]
    fn content_conversions_keep_the_bytes() {
        let path = RemotePath::parse("x").unwrap();
        for (content, expected) in [
            (Content::from("abc"), &b"abc"[..]),
            (Content::from(vec![1, 2]), &[1, 2][..]),
            (Content::from(&b"xy"[..]), &b"xy"[..]),
            (Content::from(b"pq"), &b"pq"[..]),
            (Content::from(String::from("s")), &b"s"[..]),
            (Content::reader(Cursor::new(b"rd".to_vec())), &b"rd"[..]),
        ] {
            assert_eq!(content.into_bytes(&path).unwrap(), expected);
        }
    }

    #[test]
    fn reader_content_is_read_from_its_current_position() {
        let mut cursor = Cursor::new(b"HEADER:PAYLOAD".to_vec());
        cursor.set_position(7);
        let bytes = Content::reader(cursor)
            .into_bytes(&RemotePath::root())
            .unwrap();
        assert_eq!(bytes, &b"PAYLOAD"[..]);
    }

    #[test]
    fn failing_reader_is_an_io_error_naming_the_path() {
        let path = RemotePath::parse("a/b").unwrap();
        let err = Content::reader(FailingReader)
            .into_bytes(&path)
            .unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Io);
        assert_eq!(err.path(), Some("a/b"));
    }

    #[test]
    fn sequential_streams_spool_into_seekable_ones() {
        let stream = ReadStream::Sequential(Box::new(Cursor::new(b"0123".to_vec())));
        assert!(!stream.is_seekable());
        let mut seekable = stream.into_seekable().unwrap();
        seekable.seek(SeekFrom::Start(2)).unwrap();
        let mut rest = String::new();
        seekable.read_to_string(&mut rest).unwrap();
        assert_eq!(rest, "23");
    }

    #[test]
    fn sequential_seek_is_unsupported() {
        let mut stream = ReadStream::Sequential(Box::new(io::empty()));
        let err = stream.seek(SeekFrom::Start(0)).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::Unsupported);
    }
}
