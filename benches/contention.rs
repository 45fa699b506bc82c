//! Lock contention: readers and writers on shared keys, and a writer's
//! latency while another thread lists 100k files in a loop, for the memory
//! backend and the two lock baselines.
//!
//! Run with `cargo bench --bench contention`; see BENCHMARKS.md. Besides
//! criterion's means, the writer-latency bench times every write on its own
//! (warm-up included), prints p50/p99/p99.9/max and the lister's listings per
//! second, and writes that table to `target/criterion/writer_latency.md`.

mod common;

use std::hint::black_box;
use std::sync::Barrier;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use common::latency::{self, Percentiles, Row};
use common::{Key, Subject, keys, populate, subjects};

/// Files the readers and writers share.
const SHARED: usize = 1024;
/// Files the lister lists.
const LISTED: usize = 100_000;
/// Bytes per written file.
const SIZE: usize = 256;
/// (readers, writers) thread counts.
const MIXES: [(usize, usize); 5] = [(1, 1), (2, 2), (4, 1), (1, 4), (4, 4)];

/// Runs `readers` + `writers` threads that each do `iters` operations on
/// `keys`, started together; returns the wall time until all are done.
fn mixed_round(
    subject: &dyn Subject,
    keys: &[Key],
    (readers, writers): (usize, usize),
    iters: u64,
) -> Duration {
    let payload = [3u8; SIZE];
    let start = Barrier::new(readers + writers + 1);
    thread::scope(|scope| {
        for thread in 0..readers + writers {
            let (start, payload) = (&start, &payload);
            scope.spawn(move || {
                start.wait();
                let offset = thread as u64 * 7_919;
                for n in 0..iters {
                    let key = &keys[keys::scattered(n + offset, keys.len())];
                    if thread < readers {
                        black_box(subject.read(key));
                    } else {
                        subject.write(key, payload);
                    }
                }
            });
        }
        start.wait();
        Instant::now()
    })
    .elapsed()
}

fn readers_writers(c: &mut Criterion) {
    let keys = keys::tree("shared", 16, SHARED);
    let mut group = c.benchmark_group("readers_writers");
    for subject in subjects() {
        populate(&*subject, &keys, &[3u8; SIZE]);
        for mix in MIXES {
            let (readers, writers) = mix;
            group.throughput(Throughput::Elements((readers + writers) as u64));
            let id = BenchmarkId::new(subject.label(), format!("r{readers}w{writers}"));
            group.bench_function(id, |b| {
                b.iter_custom(|iters| mixed_round(&*subject, &keys, mix, iters));
            });
        }
    }
    group.finish();
}

/// Times `iters` overwrites of files in `keys`, each one on its own, adding
/// every latency to `samples`; returns their sum.
fn timed_writes(
    subject: &dyn Subject,
    keys: &[Key],
    iters: u64,
    cursor: &mut u64,
    samples: &mut Vec<Duration>,
) -> Duration {
    let payload = [5u8; SIZE];
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        *cursor += 1;
        let key = &keys[keys::scattered(*cursor, keys.len())];
        let began = Instant::now();
        subject.write(key, &payload);
        let took = began.elapsed();
        total += took;
        samples.push(took);
    }
    total
}

/// What a second thread does while the writer is timed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Load {
    /// Nothing.
    Idle,
    /// Lists, in a loop, the 100k-file tree the writer writes into.
    Listing,
    /// Lists, in a loop, another 100k-file tree: the same CPU and cache
    /// pressure as `Listing` without sharing a node with the writer.
    ListingElsewhere,
}

impl Load {
    const ALL: [Load; 3] = [Load::Idle, Load::Listing, Load::ListingElsewhere];

    fn name(self) -> &'static str {
        match self {
            Load::Idle => "idle",
            Load::Listing => "listing",
            Load::ListingElsewhere => "listing_elsewhere",
        }
    }
}

fn writer_latency(c: &mut Criterion) {
    let written = keys::tree("tree", 100, LISTED);
    let elsewhere = keys::tree("other", 100, LISTED);
    let (tree, other) = (keys::folder("tree"), keys::folder("other"));
    let mut group = c.benchmark_group("writer_latency");
    group.sample_size(20);
    let mut rows = Vec::new();
    for subject in subjects() {
        populate(&*subject, &written, &[5u8; SIZE]);
        populate(&*subject, &elsewhere, &[5u8; SIZE]);
        let mut idle_p99 = None;
        for load in Load::ALL {
            let stop = AtomicBool::new(false);
            let listings = AtomicU64::new(0);
            let mut samples = Vec::new();
            let mut cursor = 0;
            let began = Instant::now();
            thread::scope(|scope| {
                let listed = match load {
                    Load::Idle => None,
                    Load::Listing => Some(&tree),
                    Load::ListingElsewhere => Some(&other),
                };
                if let Some(listed) = listed {
                    let (stop, listings, subject) = (&stop, &listings, &subject);
                    scope.spawn(move || {
                        while !stop.load(Ordering::Relaxed) {
                            assert_eq!(subject.list_recursive(listed), LISTED);
                            listings.fetch_add(1, Ordering::Relaxed);
                        }
                    });
                }
                let id = BenchmarkId::new(subject.label(), load.name());
                group.bench_function(id, |b| {
                    b.iter_custom(|iters| {
                        timed_writes(&*subject, &written, iters, &mut cursor, &mut samples)
                    });
                });
                stop.store(true, Ordering::Relaxed);
            });
            let seconds = began.elapsed().as_secs_f64();
            if let Some(stats) = Percentiles::of(&mut samples) {
                // Load::ALL starts with Idle.
                let normal = *idle_p99.get_or_insert(stats.p99);
                rows.push(Row {
                    subject: subject.label(),
                    load: load.name(),
                    stall: latency::stall(&samples, normal),
                    stats,
                    listings_per_second: listings.into_inner() as f64 / seconds,
                });
            }
        }
    }
    group.finish();
    latency::publish("writer_latency", &latency::table(&rows));
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = readers_writers, writer_latency
}
criterion_main!(benches);
