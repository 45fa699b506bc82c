//! A recursive delete of 100k files while another thread writes elsewhere:
//! how long the delete takes, and how long the writer waits meanwhile.
//!
//! Run with `cargo bench --bench delete_stall`; see BENCHMARKS.md. criterion
//! times the delete; every write of the other thread while it runs is timed
//! on its own, and the table of the writer's p50/p99.9/max goes to
//! `target/criterion/delete_stall.md`.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

use common::latency::{self, Percentiles, Row};
use common::{keys, populate, subjects};

/// Files in the deleted folder.
const DELETED: usize = 100_000;
/// Bytes per file.
const SIZE: usize = 64;

fn recursive_delete(c: &mut Criterion) {
    let doomed = keys::tree("doomed", 100, DELETED);
    let elsewhere = keys::tree("kept", 16, 1024);
    let doomed_root = keys::folder("doomed");
    let payload = [9u8; SIZE];
    let mut group = c.benchmark_group("recursive_delete_100k");
    group.sample_size(10);
    let mut rows = Vec::new();
    for subject in subjects() {
        populate(&*subject, &elsewhere, &payload);
        let mut samples = Vec::new();
        let id = BenchmarkId::new("delete", subject.label());
        group.bench_function(id, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    populate(&*subject, &doomed, &payload);
                    let done = AtomicBool::new(false);
                    thread::scope(|scope| {
                        let writer = scope.spawn(|| {
                            let mut took = Vec::new();
                            let mut n = 0;
                            while !done.load(Ordering::Acquire) {
                                n += 1;
                                let key = &elsewhere[keys::scattered(n, elsewhere.len())];
                                let began = Instant::now();
                                subject.write(key, &payload);
                                took.push(began.elapsed());
                            }
                            took
                        });
                        // Let the writer start before the delete does.
                        thread::sleep(Duration::from_millis(1));
                        let began = Instant::now();
                        subject.delete_folder(&doomed_root);
                        total += began.elapsed();
                        done.store(true, Ordering::Release);
                        samples.extend(writer.join().expect("the writer thread"));
                    });
                }
                total
            });
        });
        if let Some(stats) = Percentiles::of(&mut samples) {
            rows.push(Row {
                subject: subject.label(),
                load: "recursive_delete",
                stall: latency::stall(&samples, stats.p50 * 2),
                stats,
                listings_per_second: 0.0,
            });
        }
    }
    group.finish();
    latency::publish("delete_stall", &latency::table(&rows));
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(100))
        .measurement_time(Duration::from_secs(5));
    targets = recursive_delete
}
criterion_main!(benches);
