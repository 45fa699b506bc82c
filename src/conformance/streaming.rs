//! Read streams and streamed writes (SIO-001…012, `test_streaming.py`).
//! Python's `close()` and `with` blocks are Rust's drop.

use std::io::{Cursor, Read, Seek, SeekFrom};

use super::Settings;
use super::support::{fail, has_content, ok, p, same, seed};
use crate::{Backend, Content, DeleteOptions, WriteOptions};

fn io_ok<T>(clause: &str, what: &str, result: std::io::Result<T>) -> T {
    match result {
        Ok(value) => value,
        Err(e) => fail(clause, what, "Ok(..)", e),
    }
}

const DIGITS: &str = "0123456789";

/// A read stream of `path`, which must open.
#[track_caller]
fn opened(backend: &dyn Backend, path: &str) -> crate::ReadStream {
    ok(
        "SIO-001",
        &format!("read({path:?})"),
        backend.read(&p(path)),
    )
}

/// A seekable read stream of `path`, which must open.
#[track_caller]
fn opened_seekable(backend: &dyn Backend, path: &str) -> Box<dyn crate::SeekRead> {
    let what = format!("read_seekable({path:?})");
    ok("SIO-001", &what, backend.read_seekable(&p(path)))
}

/// Reading in chunks of 100 gives at most 100 bytes per call and the whole
/// content in order.
pub fn read_stream_supports_chunked_reads(backend: &dyn Backend, _: &Settings) {
    let data: Vec<u8> = (0..1000u32).map(|i| (i % 256) as u8).collect();
    seed(backend, "s/chunks.bin", &data);
    let mut stream = opened(backend, "s/chunks.bin");
    let mut assembled = Vec::new();
    let mut buf = [0u8; 100];
    loop {
        let n = io_ok("SIO-001", "read(100)", stream.read(&mut buf));
        if n > 100 {
            fail("SIO-001", "bytes returned by read(100)", "at most 100", n);
        }
        if n == 0 {
            break;
        }
        assembled.extend_from_slice(&buf[..n]);
    }
    same("SIO-001", "reassembled content", data, assembled);
}

/// At EOF a read returns 0 bytes, again and again, never an error.
pub fn read_stream_at_eof_returns_nothing(backend: &dyn Backend, _: &Settings) {
    seed(backend, "s/eof.txt", "abc");
    let mut stream = opened(backend, "s/eof.txt");
    let mut sink = Vec::new();
    io_ok("SIO-001", "read_to_end", stream.read_to_end(&mut sink));
    for _ in 0..2 {
        same(
            "SIO-001",
            "read(10) at EOF",
            0,
            io_ok("SIO-001", "read at EOF", stream.read(&mut [0u8; 10])),
        );
    }
}

/// A new stream starts at position 0: `read(3)` gives `012`, then the rest.
pub fn read_stream_starts_at_zero(backend: &dyn Backend, _: &Settings) {
    seed(backend, "s/pos.txt", DIGITS);
    let mut stream = opened(backend, "s/pos.txt");
    let mut first = [0u8; 3];
    io_ok("SIO-001", "read_exact(3)", stream.read_exact(&mut first));
    same("SIO-001", "first 3 bytes", b"012", &first);
    let mut rest = String::new();
    io_ok("SIO-001", "read the rest", stream.read_to_string(&mut rest));
    same("SIO-001", "the rest", "3456789", rest.as_str());
}

/// A dropped stream (partly read) releases the file: it can then be
/// overwritten, read and deleted.
pub fn dropped_read_stream_releases_the_file(backend: &dyn Backend, _: &Settings) {
    seed(backend, "s/drop.txt", DIGITS);
    for _ in 0..2 {
        let mut stream = opened(backend, "s/drop.txt");
        io_ok("SIO-001", "read(2)", stream.read(&mut [0u8; 2]));
        drop(stream);
    }
    ok(
        "SIO-001",
        "overwrite after dropping streams",
        backend.write(
            &p("s/drop.txt"),
            Content::from("new"),
            &WriteOptions::new().overwrite(true),
        ),
    );
    has_content("SIO-001", backend, "s/drop.txt", "new");
    ok(
        "SIO-001",
        "delete after dropping streams",
        backend.delete(&p("s/drop.txt"), DeleteOptions::new()),
    );
}

/// An 8 KiB reader round-trips.
pub fn write_from_a_reader_streams_the_content(backend: &dyn Backend, _: &Settings) {
    let data: Vec<u8> = (0..8192u32).map(|i| (i * 7 % 256) as u8).collect();
    ok(
        "SIO-003",
        "write from an 8 KiB reader",
        backend.write(
            &p("s/streamed.bin"),
            Content::reader(Cursor::new(data.clone())),
            &WriteOptions::new(),
        ),
    );
    same(
        "SIO-003",
        "content read back",
        data,
        ok(
            "SIO-003",
            "read_bytes",
            backend.read_bytes(&p("s/streamed.bin")),
        )
        .to_vec(),
    );
}

/// A reader is consumed from its current position: after seeking to 7 in
/// `HEADER:PAYLOAD`, only `PAYLOAD` is written.
pub fn write_reads_from_the_current_position(backend: &dyn Backend, _: &Settings) {
    let mut cursor = Cursor::new(b"HEADER:PAYLOAD".to_vec());
    io_ok(
        "SIO-003",
        "seek the source",
        cursor.seek(SeekFrom::Start(7)),
    );
    let r = ok(
        "SIO-003",
        "write from a positioned reader",
        backend.write(
            &p("s/pos.bin"),
            Content::reader(cursor),
            &WriteOptions::new(),
        ),
    );
    same("SIO-003", "WriteResult.size", 7, r.size);
    has_content("SIO-003", backend, "s/pos.bin", "PAYLOAD");
}

/// With SEEKABLE_READ, `read` returns a seekable stream: `seek(0)` rereads
/// and `seek(4)` gives the tail.
pub fn read_is_seekable_when_declared(backend: &dyn Backend, _: &Settings) {
    seed(backend, "s/seek.txt", DIGITS);
    let mut stream = opened(backend, "s/seek.txt");
    same(
        "SIO-001",
        "read() stream is_seekable()",
        true,
        stream.is_seekable(),
    );
    let mut all = String::new();
    io_ok("SIO-001", "read all", stream.read_to_string(&mut all));
    io_ok("SIO-001", "seek(0)", stream.seek(SeekFrom::Start(0)));
    let mut again = String::new();
    io_ok("SIO-001", "reread", stream.read_to_string(&mut again));
    same("SIO-001", "content after seek(0)", DIGITS, again.as_str());
    io_ok("SIO-001", "seek(4)", stream.seek(SeekFrom::Start(4)));
    let mut tail = String::new();
    io_ok("SIO-001", "read the tail", stream.read_to_string(&mut tail));
    same("SIO-001", "content after seek(4)", "456789", tail.as_str());
}

/// `read_seekable` is always seekable, whatever `read` returns.
pub fn read_seekable_seeks(backend: &dyn Backend, _: &Settings) {
    seed(backend, "s/rs.txt", DIGITS);
    let mut stream = opened_seekable(backend, "s/rs.txt");
    io_ok("SIO-001", "seek(6)", stream.seek(SeekFrom::Start(6)));
    let mut tail = String::new();
    io_ok("SIO-001", "read the tail", stream.read_to_string(&mut tail));
    same("SIO-001", "content after seek(6)", "6789", tail.as_str());
}

/// A 1 MiB + 3 bytes file streams back in chunks of at most 64 KiB, whole
/// and in order (SIO-001). (Named for what it can observe: laziness itself is
/// not visible through the trait, so this runs on every backend.)
pub fn read_streams_a_large_file_in_chunks(backend: &dyn Backend, _: &Settings) {
    let data: Vec<u8> = (0..1024 * 1024 + 3u32).map(|i| (i % 251) as u8).collect();
    seed(backend, "s/large.bin", &data);
    let mut stream = opened(backend, "s/large.bin");
    let mut buf = vec![0u8; 64 * 1024];
    let mut assembled = Vec::with_capacity(data.len());
    loop {
        let n = io_ok("SIO-001", "read(64 KiB)", stream.read(&mut buf));
        if n > buf.len() {
            fail(
                "SIO-001",
                "bytes returned by read(64 KiB)",
                "at most 65536",
                n,
            );
        }
        if n == 0 {
            break;
        }
        assembled.extend_from_slice(&buf[..n]);
    }
    if assembled != data {
        fail(
            "SIO-001",
            "content streamed back",
            format_args!("{} bytes as written", data.len()),
            format_args!("{} bytes, differing", assembled.len()),
        );
    }
}

/// `read_seekable` seeks from the current position and from the end
/// (`SeekFrom::Current(n)`, `SeekFrom::End(-n)`), not only from the start.
pub fn read_seekable_seeks_from_current_and_end(backend: &dyn Backend, _: &Settings) {
    seed(backend, "s/rel.txt", DIGITS);
    let mut stream = opened_seekable(backend, "s/rel.txt");
    let mut two = [0u8; 2];
    io_ok("SIO-001", "read 2 bytes", stream.read_exact(&mut two));
    let at = io_ok(
        "SIO-001",
        "seek(Current(3))",
        stream.seek(SeekFrom::Current(3)),
    );
    same(
        "SIO-001",
        "position after reading 2 then seek(Current(3))",
        5,
        at,
    );
    io_ok("SIO-001", "read 2 bytes", stream.read_exact(&mut two));
    same("SIO-001", "bytes at 5..7", *b"56", two);
    let at = io_ok(
        "SIO-001",
        "seek(Current(-4))",
        stream.seek(SeekFrom::Current(-4)),
    );
    same("SIO-001", "position after seek(Current(-4))", 3, at);
    let at = io_ok("SIO-001", "seek(End(-3))", stream.seek(SeekFrom::End(-3)));
    same("SIO-001", "position after seek(End(-3))", 7, at);
    let mut tail = String::new();
    io_ok("SIO-001", "read the tail", stream.read_to_string(&mut tail));
    same(
        "SIO-001",
        "content after seek(End(-3))",
        "789",
        tail.as_str(),
    );
}
