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
