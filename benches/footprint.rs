//! Memory per stored small file, counted by an instrumented global
//! allocator, and the time to create small files, for every subject.
//!
//! Run with `cargo bench --bench footprint`; see BENCHMARKS.md. Each subject
//! stores 100k new files of 64 B in 100 folders; the bytes it holds beyond
//! the 64 B of content per file, divided by the file count, are its overhead
//! per file (requested sizes, without the allocator's own rounding). That
//! table goes to `target/criterion/footprint.md`; criterion times the
//! creation of 10k new files.

mod common;

use std::alloc::System;
use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

use common::{keys, latency, populate, subjects};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Files stored for the footprint.
const FILES: usize = 100_000;
/// Files created per timed batch.
const CREATED: usize = 10_000;
/// Bytes per file.
const SIZE: usize = 64;

/// Bytes held now that were not held when `region` began.
fn held_since(region: &Region<'_, System>) -> isize {
    let change = region.change();
    change.bytes_allocated as isize - change.bytes_deallocated as isize + change.bytes_reallocated
}

fn footprint(c: &mut Criterion) {
    let files = keys::tree("fp", 100, FILES);
    let payload = [4u8; SIZE];
    let mut table = String::from(
        "| subject | files | bytes held | overhead per file (B) | overhead / rwlock_hash |\n\
         |---|---:|---:|---:|---:|\n",
    );
    let mut measured = Vec::new();
    for index in 0..subjects().len() {
        let region = Region::new(GLOBAL);
        let subject = subjects().swap_remove(index);
        populate(&*subject, &files, &payload);
        let held = held_since(&region);
        let overhead = (held - (FILES * SIZE) as isize) as f64 / FILES as f64;
        measured.push((subject.label(), held, overhead));
        drop(black_box(subject));
    }
    let baseline = measured
        .iter()
        .find(|(label, ..)| *label == "rwlock_hash")
        .map_or(f64::NAN, |(_, _, overhead)| *overhead);
    for (label, held, overhead) in &measured {
        let _ = writeln!(
            table,
            "| {label} | {FILES} | {held} | {overhead:.1} | {:.2}x |",
            overhead / baseline
        );
    }
    latency::publish("footprint", &table);

    let created = keys::tree("new", 100, CREATED);
    let mut group = c.benchmark_group("create_10k_files");
    group.throughput(Throughput::Elements(CREATED as u64));
    group.sample_size(10);
    for index in 0..subjects().len() {
        let label = subjects()[index].label();
        group.bench_function(BenchmarkId::new("create", label), |b| {
            b.iter_batched(
                || subjects().swap_remove(index),
                |subject| {
                    populate(&*subject, &created, &payload);
                    subject
                },
                BatchSize::PerIteration,
            );
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    targets = footprint
}
criterion_main!(benches);
