//! The async path against the sync call, measured in the same run:
//! `MemoryBackend` read/write through `AsyncBackend` (awaited inside a
//! current-thread tokio runtime) against the same call through `Backend`,
//! and the per-call cost of the `Blocking` bridge, for a future that is
//! ready at once (`MemoryBackend`) and for one that waits on another thread
//! (`SpawnBlocking<MemoryBackend>`, a hop to tokio's blocking pool and back).
//!
//! Run with `cargo bench --bench async_path --features async`; the ratios
//! are in BENCHMARKS.md ("The async path").

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use remote_store::aio::{AsyncBackend, Blocking, SpawnBlocking};
use remote_store::backends::MemoryBackend;
use remote_store::{Backend, Content, RemotePath, WriteOptions};

/// Bytes per file.
const SIZE: usize = 4096;
/// Files written and read in turn.
const FILES: usize = 1024;

fn paths() -> Vec<RemotePath> {
    (0..FILES)
        .map(|i| RemotePath::parse(&format!("d{:02}/f{i:04}", i % 32)).expect("a valid path"))
        .collect()
}

fn seeded<B: Backend>(backend: B, paths: &[RemotePath], payload: &bytes::Bytes) -> B {
    for path in paths {
        let content = Content::Bytes(payload.clone());
        backend
            .write(path, content, &WriteOptions::new())
            .expect("seeding");
    }
    backend
}

/// Sync calls through a `Backend`, one per iteration.
fn bench_sync<B: Backend>(c: &mut Criterion, group: &str, label: &str, backend: &B) {
    let paths = paths();
    let payload = bytes::Bytes::from(vec![7u8; SIZE]);
    let overwrite = WriteOptions::new().overwrite(true);
    let mut group = c.benchmark_group(group);
    let mut n = 0;
    group.bench_function(BenchmarkId::new("read", label), |b| {
        b.iter(|| {
            n = (n + 1) % FILES;
            black_box(backend.read_bytes(&paths[n]).expect("read"))
        });
    });
    group.bench_function(BenchmarkId::new("write", label), |b| {
        b.iter(|| {
            n = (n + 1) % FILES;
            let content = Content::Bytes(payload.clone());
            black_box(
                backend
                    .write(&paths[n], content, &overwrite)
                    .expect("write"),
            )
        });
    });
    group.finish();
}

fn sync_vs_async(c: &mut Criterion) {
    let paths = paths();
    let payload = bytes::Bytes::from(vec![7u8; SIZE]);
    let memory = seeded(MemoryBackend::new(), &paths, &payload);
    bench_sync(c, "async_path", "sync", &memory);

    // The async calls, awaited one after another in one task, the way async
    // code calls them; the runtime is entered once per sample, not per call.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    let overwrite = WriteOptions::new().overwrite(true);
    let mut group = c.benchmark_group("async_path");
    group.bench_function(BenchmarkId::new("read", "async"), |b| {
        b.iter_custom(|iters| {
            runtime.block_on(async {
                let start = Instant::now();
                for i in 0..iters as usize {
                    let path = &paths[i % FILES];
                    black_box(AsyncBackend::read_bytes(&memory, path).await.expect("read"));
                }
                start.elapsed()
            })
        });
    });
    group.bench_function(BenchmarkId::new("write", "async"), |b| {
        b.iter_custom(|iters| {
            runtime.block_on(async {
                let start = Instant::now();
                for i in 0..iters as usize {
                    let path = &paths[i % FILES];
                    let content = payload.clone().into();
                    let written = AsyncBackend::write(&memory, path, content, &overwrite).await;
                    black_box(written.expect("write"));
                }
                start.elapsed()
            })
        });
    });
    group.finish();
}

fn blocking_overhead(c: &mut Criterion) {
    let paths = paths();
    let payload = bytes::Bytes::from(vec![7u8; SIZE]);
    let ready = seeded(Blocking::new(MemoryBackend::new()), &paths, &payload);
    bench_sync(c, "blocking_bridge", "memory_ready", &ready);
    let hop = seeded(
        Blocking::new(SpawnBlocking::new(MemoryBackend::new())),
        &paths,
        &payload,
    );
    bench_sync(c, "blocking_bridge", "spawn_blocking_hop", &hop);
    let direct = seeded(MemoryBackend::new(), &paths, &payload);
    bench_sync(c, "blocking_bridge", "direct", &direct);
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = config();
    targets = sync_vs_async, blocking_overhead
}
criterion_main!(benches);
