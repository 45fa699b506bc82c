//! The `Blocking` bridge (an `AsyncBackend` as a sync `Backend`) works from a
//! plain test and inside both kinds of tokio runtime.

use std::io::{Cursor, Read, Write};

use remote_store::aio::Blocking;
use remote_store::backends::MemoryBackend;
use remote_store::{ErrorKind, Store};

/// A few operations of every kind through a bridged store.
fn exercise_the_bridge() {
    let store = Store::new(Blocking::new(MemoryBackend::new()), "data").unwrap();
    store.write("a/1.txt", "one").unwrap();
    store
        .write(
            "a/2.txt",
            remote_store::Content::reader(Cursor::new(vec![7u8; 200_000])),
        )
        .unwrap();
    assert_eq!(store.read_bytes("a/1.txt").unwrap(), "one");
    assert_eq!(store.read_bytes("a/2.txt").unwrap().len(), 200_000);
    let mut text = String::new();
    store
        .read("a/1.txt")
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    assert_eq!(text, "one");

    let names: Vec<String> = store
        .list_files("a")
        .unwrap()
        .map(|f| f.unwrap().path.to_string())
        .collect();
    assert_eq!(names, ["a/1.txt", "a/2.txt"]);

    let mut writer = store.open_atomic("a/3.txt").unwrap();
    writer.write_all(b"atomic").unwrap();
    assert!(!store.exists("a/3.txt").unwrap());
    writer.commit().unwrap();
    assert_eq!(store.read_bytes("a/3.txt").unwrap(), "atomic");

    let mut dropped = store.open_atomic("a/4.txt").unwrap();
    dropped.write_all(b"never").unwrap();
    drop(dropped);
    assert!(!store.exists("a/4.txt").unwrap());

    let err = store.write("a/1.txt", "again").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::AlreadyExists);
    assert_eq!(err.path(), Some("a/1.txt"));
}

#[test]
fn works_from_a_plain_test() {
    exercise_the_bridge();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn works_inside_a_multi_thread_runtime() {
    exercise_the_bridge();
}

#[tokio::test(flavor = "current_thread")]
async fn works_inside_a_current_thread_runtime() {
    exercise_the_bridge();
}

#[tokio::test(flavor = "current_thread")]
async fn many_calls_in_one_task_poll_do_not_starve() {
    // tokio's cooperative budget of the calling task is 128 units per poll;
    // far more bridged calls than that must not spin or hang.
    let store = Store::new(Blocking::new(MemoryBackend::new()), "").unwrap();
    for i in 0..500 {
        store.write(&format!("f{i}"), "x").unwrap();
        assert!(store.exists(&format!("f{i}")).unwrap());
    }
    assert_eq!(store.list_files("").unwrap().count(), 500);
}

/// MemoryBackend without `SEEKABLE_READ`, served async by `SpawnBlocking`,
/// so that `Blocking::read` takes the sequential path (a task feeding the
/// chunk stream to a reader) instead of `read_seekable`.
mod sequential {
    use remote_store::aio::SpawnBlocking;
    use remote_store::backends::MemoryBackend;
    use remote_store::{Backend, Capability, CapabilitySet, Delegate};

    #[derive(Debug, Default)]
    pub struct NoSeek(MemoryBackend);

    impl Delegate for NoSeek {
        type Inner = MemoryBackend;
        fn inner(&self) -> &MemoryBackend {
            &self.0
        }
        fn capabilities(this: &Self) -> CapabilitySet {
            this.0.capabilities().without(Capability::SEEKABLE_READ)
        }
    }

    /// A fresh, empty one, as an async backend.
    pub fn no_seek() -> SpawnBlocking<NoSeek> {
        SpawnBlocking::new(NoSeek::default())
    }
}

/// A large file read through the sequential path, inside a current-thread
/// runtime; errors about the path come at `read`, not mid-stream.
#[tokio::test(flavor = "current_thread")]
async fn a_sequential_read_streams_the_whole_file() {
    let store = Store::new(Blocking::new(sequential::no_seek()), "").unwrap();
    let data: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    store.write("big.bin", data.clone()).unwrap();
    let mut stream = store.read("big.bin").unwrap();
    assert!(!stream.is_seekable());
    let mut back = Vec::new();
    stream.read_to_end(&mut back).unwrap();
    assert_eq!(back, data);
    // read_seekable still seeks (the default spools the chunk stream).
    let mut seekable = store.read_seekable("big.bin").unwrap();
    std::io::Seek::seek(&mut seekable, std::io::SeekFrom::Start(299_999)).unwrap();
    let mut last = Vec::new();
    seekable.read_to_end(&mut last).unwrap();
    assert_eq!(last, [(299_999 % 251) as u8]);
    let err = store.read("missing").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.path(), Some("missing"));
}

// The whole suite on the sequential path too: every read check of the
// suite reads through the task-fed stream.
remote_store::conformance_suite! {
    module: no_seek_via_blocking,
    factory: async sequential::no_seek(),
    lacks: [GLOB, LAZY_READ, SEEKABLE_READ],
    flags: [documented_order],
}
