//! `MemoryBackend::fork` as the backend grows, against copying the same
//! files into a plain `HashMap<String, Bytes>` (the baseline a test would
//! otherwise write).
//!
//! Run with `cargo bench --bench fork`.

use std::collections::HashMap;
use std::hint::black_box;

use bytes::Bytes;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use remote_store::backends::MemoryBackend;

fn fork(c: &mut Criterion) {
    let mut group = c.benchmark_group("fork");
    for files in [1_000usize, 10_000, 100_000] {
        let entries: Vec<(String, Bytes)> = (0..files)
            .map(|i| (format!("d{}/f{i}.bin", i % 100), Bytes::from(vec![7u8; 64])))
            .collect();
        let backend = MemoryBackend::with_files(entries.iter().cloned()).expect("valid paths");
        let map: HashMap<String, Bytes> = entries.into_iter().collect();
        group.bench_function(BenchmarkId::new("memory_fork", files), |b| {
            b.iter(|| black_box(backend.fork()));
        });
        group.bench_function(BenchmarkId::new("hashmap_clone", files), |b| {
            b.iter(|| black_box(map.clone()));
        });
    }
    group.finish();
}

criterion_group!(benches, fork);
criterion_main!(benches);
