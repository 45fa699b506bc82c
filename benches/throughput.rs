//! Single-threaded throughput of the memory backend against the two lock
//! baselines: small-file write/read/exists, listing 100k files (recursive and
//! one level), how long a listing keeps writers out at 1k and 100k files, and
//! reading a 64 MiB file against copying it.
//!
//! Run with `cargo bench --bench throughput`; see BENCHMARKS.md.

mod common;

use std::hint::black_box;
use std::time::Duration;

use bytes::Bytes;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use common::{keys, populate, subjects};

/// Files in the small-file set.
const SMALL_FILES: usize = 10_000;
/// Bytes per small file.
const SMALL_SIZE: usize = 256;
/// Files in each listing set.
const LISTED: usize = 100_000;
/// Bytes in the big file.
const BIG_SIZE: usize = 64 << 20;

fn small_files(c: &mut Criterion) {
    let keys = keys::tree("small", 100, SMALL_FILES);
    let payload = vec![7u8; SMALL_SIZE];
    let mut group = c.benchmark_group("small_files");
    group.throughput(Throughput::Elements(1));
    for subject in subjects() {
        populate(&*subject, &keys, &payload);
        let label = subject.label();
        let mut n = 0u64;
        let mut next = || {
            n += 1;
            &keys[keys::scattered(n, keys.len())]
        };
        group.bench_function(BenchmarkId::new("write", label), |b| {
            b.iter(|| subject.write(next(), &payload));
        });
        group.bench_function(BenchmarkId::new("read", label), |b| {
            b.iter(|| subject.read(next()));
        });
        group.bench_function(BenchmarkId::new("exists", label), |b| {
            b.iter(|| subject.exists(next()));
        });
    }
    group.finish();
}

fn listing(c: &mut Criterion) {
    let payload = [1u8; 16];
    let tree = keys::tree("tree", 100, LISTED);
    let flat = keys::flat("flat", LISTED);
    let (tree_root, flat_root) = (keys::folder("tree"), keys::folder("flat"));
    // One folder of `tree`: 1k files directly in it.
    let small_folder = keys::folder("tree/d000");
    let mut group = c.benchmark_group("listing_100k");
    group.throughput(Throughput::Elements(LISTED as u64));
    group.sample_size(10);
    let mut first = Vec::new();
    for subject in subjects() {
        populate(&*subject, &tree, &payload);
        populate(&*subject, &flat, &payload);
        let label = subject.label();
        group.bench_function(BenchmarkId::new("recursive", label), |b| {
            b.iter(|| assert_eq!(subject.list_recursive(&tree_root), LISTED));
        });
        group.bench_function(BenchmarkId::new("one_level", label), |b| {
            b.iter(|| assert_eq!(subject.list_one_level(&flat_root), LISTED));
        });
        first.push(subject);
    }
    group.finish();

    // The time to a listing's first item bounds how long it holds the lock.
    let mut group = c.benchmark_group("listing_first_item");
    for subject in &first {
        for (size, folder) in [("1k", &small_folder), ("100k", &flat_root)] {
            group.bench_function(BenchmarkId::new(subject.label(), size), |b| {
                b.iter(|| assert!(subject.first_listed(folder)));
            });
        }
    }
    group.finish();
}

fn big_read(c: &mut Criterion) {
    let key = keys::Key::new("big/blob.bin".to_owned());
    let bytes = Bytes::from(vec![42u8; BIG_SIZE]);
    let mut group = c.benchmark_group("read_64mib");
    group.throughput(Throughput::Bytes(BIG_SIZE as u64));
    group.sample_size(10);
    group.bench_function("copy_to_vec", |b| {
        b.iter(|| black_box(Vec::from(&bytes[..])).len());
    });
    for subject in subjects() {
        subject.write(&key, &bytes);
        group.bench_function(BenchmarkId::new("read", subject.label()), |b| {
            b.iter(|| assert_eq!(subject.read(&key), BIG_SIZE));
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = small_files, listing, big_read
}
criterion_main!(benches);
