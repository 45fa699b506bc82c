//! The cost of `LocalBackend`'s durable mode: 4 KiB writes with and without
//! `durable(true)` (an `fsync` of the file before its rename and of its
//! folder after), replacing an existing file and publishing a new one
//! (no-clobber).
//!
//! Run with `cargo bench --bench local_durable`; the README gives the ratio.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use remote_store::backends::LocalBackend;
use remote_store::{Backend, Content, DeleteOptions, RemotePath, WriteOptions};

const SIZE: usize = 4096;
const KEYS: usize = 64;

fn backend(dir: &std::path::Path, durable: bool) -> LocalBackend {
    LocalBackend::builder(dir)
        .durable(durable)
        .build()
        .expect("a local backend")
}

fn writes(c: &mut Criterion) {
    let payload = bytes::Bytes::from(vec![7u8; SIZE]);
    let keys: Vec<RemotePath> = (0..KEYS)
        .map(|i| RemotePath::parse(&format!("d{}/f{i}", i % 4)).unwrap())
        .collect();
    let fresh = RemotePath::parse("d0/fresh").unwrap();
    let mut group = c.benchmark_group("local_write_4k");
    for (label, durable) in [("default", false), ("durable", true)] {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let backend = backend(dir.path(), durable);
        let overwrite = WriteOptions::new().overwrite(true);
        for key in &keys {
            backend
                .write(key, Content::Bytes(payload.clone()), &overwrite)
                .unwrap();
        }
        let mut n = 0;
        group.bench_function(BenchmarkId::new("overwrite", label), |b| {
            b.iter(|| {
                n = (n + 1) % KEYS;
                let content = Content::Bytes(payload.clone());
                black_box(backend.write(&keys[n], content, &overwrite).unwrap());
            });
        });
        group.bench_function(BenchmarkId::new("new_file", label), |b| {
            b.iter(|| {
                let content = Content::Bytes(payload.clone());
                black_box(
                    backend
                        .write(&fresh, content, &WriteOptions::new())
                        .unwrap(),
                );
                backend.delete(&fresh, DeleteOptions::new()).unwrap();
            });
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = writes
}
criterion_main!(benches);
