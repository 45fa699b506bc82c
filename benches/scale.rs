//! How per-operation costs grow with the number of files stored: write
//! (overwrite), read, exists and listing one 1k-file folder, at each size in
//! `REMOTE_STORE_BENCH_SIZES`, for the memory backend and the
//! `RwLock<HashMap>` baseline.
//!
//! Heavy (a 10M-file run needs about 10 GiB), so it runs only when asked:
//!
//! ```sh
//! REMOTE_STORE_BENCH_SIZES=10000,1000000 cargo bench --bench scale
//! ```
//!
//! Files are 64 B, 1000 per folder. See BENCHMARKS.md.

mod common;

use std::sync::Arc;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use remote_store::backends::MemoryBackend;

use common::{Backed, Key, Subject, baselines, keys};

/// Files per folder.
const PER_FOLDER: usize = 1000;
/// Bytes per file.
const SIZE: usize = 64;

/// The sizes asked for, or none.
fn sizes() -> Vec<usize> {
    let Ok(list) = std::env::var("REMOTE_STORE_BENCH_SIZES") else {
        eprintln!("scale: set REMOTE_STORE_BENCH_SIZES (e.g. 10000,1000000) to run it");
        return Vec::new();
    };
    list.split(',')
        .map(|size| size.trim().parse().expect("sizes are file counts"))
        .collect()
}

fn scale(c: &mut Criterion) {
    let payload = [6u8; SIZE];
    for files in sizes() {
        // A one-letter root keeps every path of the 10M-file run within the
        // 23 bytes RemotePath stores inline, so sizes differ in size only.
        let keys = keys::tree("s", files / PER_FOLDER, files);
        let listed = keys::folder("s/d000");
        let mut group = c.benchmark_group(format!("scale_{files}"));
        group.sample_size(20);
        let subjects: [Arc<dyn Subject>; 2] = [
            Arc::new(Backed::new("memory", MemoryBackend::new())),
            Arc::new(baselines::RwLockHash::default()),
        ];
        for subject in subjects {
            for key in &keys {
                subject.write(key, &payload);
            }
            let label = subject.label();
            let mut n = 0u64;
            let mut next = || -> &Key {
                n += 1;
                &keys[keys::scattered(n, keys.len())]
            };
            group.throughput(Throughput::Elements(1));
            group.bench_function(BenchmarkId::new("write", label), |b| {
                b.iter(|| subject.write(next(), &payload));
            });
            group.bench_function(BenchmarkId::new("read", label), |b| {
                b.iter(|| subject.read(next()));
            });
            group.bench_function(BenchmarkId::new("exists", label), |b| {
                b.iter(|| subject.exists(next()));
            });
            group.throughput(Throughput::Elements(PER_FOLDER as u64));
            group.bench_function(BenchmarkId::new("list_1k_folder", label), |b| {
                b.iter(|| subject.list_one_level(&listed));
            });
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    targets = scale
}
criterion_main!(benches);
