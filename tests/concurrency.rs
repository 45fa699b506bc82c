//! MemoryBackend under concurrent use: no lost write, no torn read, no
//! deadlock when the backend is called from inside a listing loop.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::Duration;

use common::p;
use remote_store::backends::MemoryBackend;
use remote_store::{Backend, DeleteOptions, ListOptions, WriteOptions};

const WRITERS: usize = 8;
const KEYS_PER_WRITER: usize = 200;

/// Runs `body` on a thread and fails the test if it does not finish in time,
/// so a deadlock shows up as a failure instead of a hung CI job.
fn within(seconds: u64, body: impl FnOnce() + Send + 'static) {
    let (done, finished) = mpsc::channel();
    let handle = thread::spawn(move || {
        body();
        let _ = done.send(());
    });
    match finished.recv_timeout(Duration::from_secs(seconds)) {
        Ok(()) => handle.join().expect("worker panicked"),
        Err(_) => {
            if handle.is_finished() {
                handle.join().expect("worker panicked");
            }
            panic!("did not finish within {seconds}s: deadlock or livelock");
        }
    }
}

/// A payload whose every byte is the same, so a torn read would show mixed bytes.
fn payload(version: u8, len: usize) -> Vec<u8> {
    vec![version; len]
}

#[test]
fn writers_on_distinct_keys_lose_nothing_while_others_list_and_read() {
    within(60, || {
        let backend = Arc::new(MemoryBackend::new());
        let stop = Arc::new(AtomicBool::new(false));
        let mut readers = Vec::new();
        for _ in 0..2 {
            let backend = Arc::clone(&backend);
            let stop = Arc::clone(&stop);
            readers.push(thread::spawn(move || {
                let mut listings = 0usize;
                while !stop.load(Ordering::Relaxed) {
                    let listing = backend
                        .list_files(&p("w"), ListOptions::new().recursive(true))
                        .unwrap();
                    for info in listing {
                        let info = info.unwrap();
                        // A listed file may be read back complete: keys are written once.
                        let content = backend.read_bytes(&info.path).unwrap();
                        assert_eq!(content.len() as u64, info.size);
                    }
                    listings += 1;
                }
                listings
            }));
        }
        let writers: Vec<_> = (0..WRITERS)
            .map(|w| {
                let backend = Arc::clone(&backend);
                thread::spawn(move || {
                    for k in 0..KEYS_PER_WRITER {
                        let path = p(&format!("w/{w}/k{k}"));
                        backend
                            .write(&path, payload(w as u8, 64).into(), &WriteOptions::new())
                            .unwrap();
                    }
                })
            })
            .collect();
        for writer in writers {
            writer.join().unwrap();
        }
        stop.store(true, Ordering::Relaxed);
        for reader in readers {
            assert!(
                reader.join().unwrap() > 0,
                "a reader never completed a listing"
            );
        }
        let all = backend
            .list_files(&p("w"), ListOptions::new().recursive(true))
            .unwrap()
            .count();
        assert_eq!(all, WRITERS * KEYS_PER_WRITER, "writes were lost");
        assert_eq!(backend.file_count(), WRITERS * KEYS_PER_WRITER);
        for w in 0..WRITERS {
            for k in 0..KEYS_PER_WRITER {
                let content = backend.read_bytes(&p(&format!("w/{w}/k{k}"))).unwrap();
                assert_eq!(content, payload(w as u8, 64));
            }
        }
    });
}

#[test]
fn reads_racing_overwrites_always_see_one_complete_version() {
    within(60, || {
        let backend = Arc::new(MemoryBackend::new());
        let key = p("shared");
        backend
            .write(&key, payload(0, 4096).into(), &WriteOptions::new())
            .unwrap();
        let overwriters: Vec<_> = (1..=4u8)
            .map(|version| {
                let backend = Arc::clone(&backend);
                let key = key.clone();
                thread::spawn(move || {
                    for _ in 0..500 {
                        let options = WriteOptions::new().overwrite(true);
                        backend
                            .write(&key, payload(version, 4096).into(), &options)
                            .unwrap();
                    }
                })
            })
            .collect();
        let readers: Vec<_> = (0..4)
            .map(|_| {
                let backend = Arc::clone(&backend);
                let key = key.clone();
                thread::spawn(move || {
                    for _ in 0..2000 {
                        let content = backend.read_bytes(&key).unwrap();
                        assert_eq!(content.len(), 4096, "torn read: wrong length");
                        assert!(
                            content.iter().all(|b| *b == content[0]),
                            "torn read: mixed versions"
                        );
                    }
                })
            })
            .collect();
        for handle in overwriters.into_iter().chain(readers) {
            handle.join().unwrap();
        }
    });
}

#[test]
fn each_thread_reads_back_its_own_write() {
    within(60, || {
        let backend = Arc::new(MemoryBackend::new());
        let handles: Vec<_> = (0..WRITERS)
            .map(|t| {
                let backend = Arc::clone(&backend);
                thread::spawn(move || {
                    for i in 0..16 {
                        let path = p(&format!("rw/{t}/{i}"));
                        let data = format!("{t}:{i}");
                        backend
                            .write(&path, data.clone().into(), &WriteOptions::new())
                            .unwrap();
                        assert_eq!(backend.read_bytes(&path).unwrap(), data);
                    }
                })
            })
            .collect();
        for handle in handles {
            handle.join().unwrap();
        }
    });
}

#[test]
fn mutating_from_inside_listing_loops_on_many_threads_does_not_deadlock() {
    within(60, || {
        let backend = Arc::new(MemoryBackend::new());
        for i in 0..100 {
            backend
                .write(
                    &p(&format!("loop/f{i:03}")),
                    "x".into(),
                    &WriteOptions::new(),
                )
                .unwrap();
        }
        let handles: Vec<_> = (0..4)
            .map(|t| {
                let backend = Arc::clone(&backend);
                thread::spawn(move || {
                    let mut seen = 0;
                    for child in backend.iter_children(&p("loop")).unwrap() {
                        seen += 1;
                        let path = child.unwrap().path().clone();
                        backend
                            .delete(&path, DeleteOptions::new().missing_ok(true))
                            .unwrap();
                        let mirror = p(&format!("mirror/{t}/{}", path.name()));
                        backend
                            .write(&mirror, "y".into(), &WriteOptions::new())
                            .unwrap();
                        backend.list_folders(&p("mirror")).unwrap().for_each(drop);
                    }
                    seen
                })
            })
            .collect();
        // Each thread walks the snapshot taken when it called iter_children,
        // whatever the others deleted meanwhile.
        let seen: usize = handles.into_iter().map(|h| h.join().unwrap()).sum();
        assert!(seen >= 100, "the first snapshot alone holds 100 files");
        assert_eq!(
            backend
                .list_files(&p("loop"), ListOptions::new())
                .unwrap()
                .count(),
            0
        );
        let mirrored = backend
            .list_files(&p("mirror"), ListOptions::new().recursive(true))
            .unwrap()
            .count();
        assert_eq!(mirrored, seen);
    });
}
