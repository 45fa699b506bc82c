//! `FaultyBackend`: every fault kind, every selector, rules changed while
//! the test runs, and the counts.

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use remote_store::backends::MemoryBackend;
use remote_store::testing::{Fault, FaultRule, Faults, FaultyBackend, Operation};
use remote_store::{Content, ErrorKind, Store, TreeSnapshot};

fn faulty_store(
    files: &[(&'static str, &'static str)],
) -> (Store<FaultyBackend<MemoryBackend>>, Faults) {
    let backend = FaultyBackend::new(MemoryBackend::with_files(files.iter().copied()).unwrap());
    let faults = backend.faults();
    (Store::new(backend, "").unwrap(), faults)
}

#[test]
fn an_error_fault_fails_the_selected_operation_with_its_kind_and_path() {
    let (store, faults) = faulty_store(&[("a.txt", "x")]);
    let before = store.tree().unwrap();
    faults.add(FaultRule::error(ErrorKind::PermissionDenied).on(Operation::Write));
    let err = store.write_text("b.txt", "y").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied);
    assert_eq!(err.path(), Some("b.txt"));
    assert_eq!(err.backend(), Some("memory"));
    assert!(err.to_string().contains("injected"), "{err}");
    assert_eq!(
        store.tree().unwrap(),
        before,
        "the inner backend was not called"
    );
    assert_eq!(
        store.read_text("a.txt").unwrap(),
        "x",
        "other operations run"
    );
    assert_eq!(faults.injected(), 1);
}

#[test]
fn every_error_kind_can_be_injected() {
    for kind in [
        ErrorKind::NotFound,
        ErrorKind::AlreadyExists,
        ErrorKind::InvalidPath,
        ErrorKind::DirectoryNotEmpty,
        ErrorKind::CapabilityNotSupported,
        ErrorKind::PermissionDenied,
        ErrorKind::BackendUnavailable,
        ErrorKind::InvalidArgument,
        ErrorKind::Io,
    ] {
        let (store, faults) = faulty_store(&[("a.txt", "x")]);
        faults.add(FaultRule::error(kind).on(Operation::Exists));
        assert_eq!(store.exists("a.txt").unwrap_err().kind(), kind);
    }
}

#[test]
fn a_path_glob_selects_only_matching_paths_and_rename_matches_either_side() {
    let (store, faults) = faulty_store(&[("in/a.txt", "1"), ("out/b.txt", "2")]);
    faults.add(
        FaultRule::error(ErrorKind::BackendUnavailable)
            .paths("out/**")
            .unwrap(),
    );
    assert_eq!(store.read_text("in/a.txt").unwrap(), "1");
    assert!(store.read_text("out/b.txt").is_err());
    let err = store.rename("in/a.txt", "out/c.txt").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BackendUnavailable);
    assert!(store.exists("in/a.txt").unwrap());
    assert_eq!(faults.injected(), 2);
}

#[test]
fn a_malformed_glob_is_an_invalid_argument() {
    let err = FaultRule::error(ErrorKind::Io).paths("a**").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
}

#[test]
fn call_numbers_count_the_selected_calls_only() {
    let (store, faults) = faulty_store(&[("a", "1"), ("b", "2")]);
    let rule = faults.add(
        FaultRule::error(ErrorKind::Io)
            .on(Operation::ReadBytes)
            .paths("a")
            .unwrap()
            .calls([2, 4]),
    );
    let outcomes: Vec<bool> = ["a", "b", "a", "a", "b", "a", "a"]
        .iter()
        .map(|p| store.read_bytes(p).is_ok())
        .collect();
    // Reads of `a` are calls 1, 2, 3, 4, 5; reads of `b` are not counted.
    assert_eq!(outcomes, [true, true, false, true, true, false, true]);
    assert_eq!(faults.injected_by(rule), 2);
}

#[test]
fn a_seeded_probability_is_reproducible_and_roughly_right() {
    let run = |seed| {
        let (store, faults) = faulty_store(&[("a", "1")]);
        faults.add(
            FaultRule::error(ErrorKind::Io)
                .on(Operation::Exists)
                .probability(0.25, seed),
        );
        let failed: Vec<bool> = (0..400).map(|_| store.exists("a").is_err()).collect();
        (failed, faults.injected())
    };
    let (first, count) = run(7);
    assert_eq!(run(7).0, first, "the same seed fails the same calls");
    assert_ne!(run(8).0, first, "another seed fails other calls");
    assert!((60..=140).contains(&count), "{count} of 400 at p = 0.25");
    let (_, never) = {
        let (store, faults) = faulty_store(&[("a", "1")]);
        faults.add(FaultRule::error(ErrorKind::Io).probability(0.0, 1));
        (0..50).for_each(|_| assert!(store.exists("a").is_ok()));
        ((), faults.injected())
    };
    assert_eq!(never, 0);
}

#[test]
fn a_delay_slows_the_call_and_then_runs_it() {
    let (store, faults) = faulty_store(&[]);
    faults.add(FaultRule::delay(Duration::from_millis(30)).on(Operation::Write));
    let start = Instant::now();
    store.write_text("a.txt", "x").unwrap();
    assert!(start.elapsed() >= Duration::from_millis(30));
    assert_eq!(store.read_text("a.txt").unwrap(), "x");
    assert_eq!(faults.injected(), 1);
}

#[test]
fn a_read_stream_fails_after_n_bytes_and_shorter_content_reads_normally() {
    let (store, faults) = faulty_store(&[("long", "0123456789"), ("short", "012")]);
    faults.add(FaultRule::stream_fails_after(4).on_any(Operation::READS));
    let mut stream = store.read("long").unwrap();
    let mut got = Vec::new();
    let err = stream.read_to_end(&mut got).unwrap_err();
    assert_eq!(got, b"0123");
    assert!(err.to_string().contains("after 4 bytes"), "{err}");
    assert_eq!(store.read_bytes("long").unwrap_err().kind(), ErrorKind::Io);
    assert_eq!(
        store.read_seekable("long").unwrap_err().kind(),
        ErrorKind::Io
    );
    assert_eq!(store.read_bytes("short").unwrap(), "012");
    assert_eq!(faults.injected(), 4);
}

#[test]
fn a_write_whose_stream_fails_leaves_the_store_unchanged() {
    let (store, faults) = faulty_store(&[("keep.txt", "old")]);
    faults.add(FaultRule::stream_fails_after(3).on_any([Operation::Write, Operation::WriteAtomic]));
    let before = store.tree().unwrap();
    assert_eq!(
        store.write("new.txt", "abcdef").unwrap_err().kind(),
        ErrorKind::Io
    );
    let reader = Content::reader(&b"abcdef"[..]);
    assert_eq!(
        store.write_atomic("new.txt", reader).unwrap_err().kind(),
        ErrorKind::Io
    );
    assert_eq!(store.tree().unwrap(), before);
    store.write("small.txt", "ab").unwrap();
    assert_eq!(faults.injected(), 3);
}

#[test]
fn an_atomic_writer_fails_after_n_bytes_and_publishes_nothing() {
    let (store, faults) = faulty_store(&[]);
    faults.add(FaultRule::stream_fails_after(2).on(Operation::OpenAtomic));
    let mut writer = store.open_atomic("a.txt").unwrap();
    assert!(writer.write_all(b"abcd").is_err());
    drop(writer);
    assert!(store.tree().unwrap().is_empty());
}

#[test]
fn a_listing_fails_after_n_items_with_an_error_naming_the_folder() {
    let (store, faults) = faulty_store(&[("d/1", ""), ("d/2", ""), ("d/3", ""), ("e/1", "")]);
    faults.add(FaultRule::listing_fails_after(2).on(Operation::ListFiles));
    let items: Vec<_> = store.list_files("d").unwrap().collect();
    assert_eq!(items.len(), 3);
    assert!(items[0].is_ok() && items[1].is_ok());
    let err = items[2].as_ref().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Io);
    assert_eq!(err.path(), Some("d"));
    assert_eq!(
        store
            .list_files("e")
            .unwrap()
            .filter(Result::is_err)
            .count(),
        0
    );
}

#[test]
fn stream_and_listing_faults_leave_other_operations_alone() {
    let stream = FaultRule::stream_fails_after(0);
    let listing = FaultRule::listing_fails_after(0);
    assert!(stream.fault().applies_to(Operation::Read));
    assert!(!stream.fault().applies_to(Operation::Exists));
    assert!(listing.fault().applies_to(Operation::IterChildren));
    assert!(!listing.fault().applies_to(Operation::Read));
    let (store, faults) = faulty_store(&[("a", "x")]);
    faults.add(listing);
    assert!(store.exists("a").unwrap());
    assert_eq!(store.read_text("a").unwrap(), "x");
    assert_eq!(faults.injected(), 0);
    assert_eq!(Fault::Delay(Duration::ZERO), Fault::Delay(Duration::ZERO));
}

#[test]
fn rules_change_while_the_test_runs_and_counts_survive_removal() {
    let (store, faults) = faulty_store(&[("a", "x")]);
    let first = faults.add(FaultRule::error(ErrorKind::Io).on(Operation::ReadBytes));
    assert!(store.read_bytes("a").is_err());
    assert!(faults.remove(first));
    assert!(!faults.remove(first));
    assert!(store.read_bytes("a").is_ok());
    let second = faults.add(FaultRule::error(ErrorKind::NotFound));
    let third = faults.add(FaultRule::error(ErrorKind::PermissionDenied));
    assert_eq!(
        store.exists("a").unwrap_err().kind(),
        ErrorKind::NotFound,
        "first rule wins"
    );
    faults.clear();
    assert!(store.exists("a").unwrap());
    assert_eq!(
        (
            faults.injected_by(first),
            faults.injected_by(second),
            faults.injected_by(third)
        ),
        (1, 1, 0)
    );
    assert_eq!(faults.injected(), 2);
    assert_eq!(store.tree().unwrap(), TreeSnapshot::new().file("a", "x"));
}
