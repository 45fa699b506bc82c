//! Concurrency posture (BE-028, `test_concurrency.py`): 8 workers, 16 items,
//! no timing assertions. Shared-instance checks need the `thread_safe`
//! posture; one instance per thread must work for every backend.

use std::io::Cursor;
use std::thread;

use super::Settings;
use super::support::{fail, has_content, ok, p, seed};
use crate::{Backend, Content, WriteOptions};

const WORKERS: usize = 8;
const ITEMS: usize = 16;

fn payload(i: usize) -> String {
    format!("payload-{i}-{}", "x".repeat(i * 13))
}

fn on_workers(work: impl Fn(usize) + Sync) {
    thread::scope(|scope| {
        let work = &work;
        let handles: Vec<_> = (0..WORKERS)
            .map(|worker| scope.spawn(move || (worker..ITEMS).step_by(WORKERS).for_each(work)))
            .collect();
        for handle in handles {
            if let Err(panic) = handle.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
}

/// Concurrent reads of 16 files each return the right payload.
pub fn concurrent_reads_are_consistent(backend: &dyn Backend, _: &Settings) {
    for i in 0..ITEMS {
        seed(backend, &format!("cr/{i}.txt"), payload(i));
    }
    on_workers(|i| {
        has_content("BE-028", backend, &format!("cr/{i}.txt"), &payload(i));
    });
}

/// Concurrent writes to distinct keys all land.
pub fn concurrent_writes_to_distinct_keys_all_land(backend: &dyn Backend, _: &Settings) {
    on_workers(|i| {
        ok(
            "BE-028",
            "concurrent write",
            backend.write(
                &p(&format!("cw/sub{}/{i}.txt", i % 3)),
                Content::from(payload(i)),
                &WriteOptions::new(),
            ),
        );
    });
    for i in 0..ITEMS {
        has_content(
            "BE-028",
            backend,
            &format!("cw/sub{}/{i}.txt", i % 3),
            &payload(i),
        );
    }
}

/// Each thread reads back its own write.
pub fn concurrent_read_after_write_is_consistent(backend: &dyn Backend, _: &Settings) {
    on_workers(|i| {
        let path = format!("crw/{i}.txt");
        ok(
            "BE-028",
            "concurrent write",
            backend.write(&p(&path), Content::from(payload(i)), &WriteOptions::new()),
        );
        has_content("BE-028", backend, &path, &payload(i));
    });
}

/// Four concurrent 8 MiB streamed `write_atomic` calls all land intact.
pub fn concurrent_large_streamed_uploads(backend: &dyn Backend, _: &Settings) {
    const SIZE: usize = 8 * 1024 * 1024;
    thread::scope(|scope| {
        let handles: Vec<_> = (0..4u8)
            .map(|i| {
                scope.spawn(move || {
                    let content = Content::reader(Cursor::new(vec![i; SIZE]));
                    let r = ok(
                        "BE-028",
                        "concurrent 8 MiB write_atomic",
                        backend.write_atomic(
                            &p(&format!("big/{i}.bin")),
                            content,
                            &WriteOptions::new(),
                        ),
                    );
                    if r.size != SIZE as u64 {
                        fail("WR-001a", "size of an 8 MiB streamed write", SIZE, r.size);
                    }
                })
            })
            .collect();
        for handle in handles {
            if let Err(panic) = handle.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
    for i in 0..4u8 {
        let found = ok(
            "BE-028",
            "read a large upload",
            backend.read_bytes(&p(&format!("big/{i}.bin"))),
        );
        if found.len() != SIZE || found.iter().any(|b| *b != i) {
            fail(
                "BE-028",
                &format!("content of big/{i}.bin"),
                format_args!("{SIZE} bytes of {i}"),
                format_args!("{} bytes, differing", found.len()),
            );
        }
    }
}

/// One fresh instance per thread works (the `single_connection` carve-out,
/// which every backend must support).
pub fn one_instance_per_thread_works(factory: &dyn Fn() -> Box<dyn Backend>, _: &Settings) {
    let backends: Vec<Box<dyn Backend>> = (0..4).map(|_| factory()).collect();
    thread::scope(|scope| {
        let handles: Vec<_> = backends
            .iter()
            .enumerate()
            .map(|(i, backend)| {
                scope.spawn(move || {
                    let path = p(&format!("opt/{i}.txt"));
                    ok(
                        "BE-028",
                        "write on a per-thread instance",
                        backend.write(
                            &path,
                            Content::from(payload(i)),
                            &WriteOptions::new().overwrite(true),
                        ),
                    );
                    let found = ok(
                        "BE-028",
                        "read on a per-thread instance",
                        backend.read_bytes(&path),
                    );
                    if found != payload(i).as_bytes() {
                        fail(
                            "BE-028",
                            &format!("per-thread read of {path}"),
                            payload(i),
                            String::from_utf8_lossy(&found),
                        );
                    }
                })
            })
            .collect();
        for handle in handles {
            if let Err(panic) = handle.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
}
