//! Latency percentiles over recorded samples, and the table they go to.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Duration;

/// Nearest-rank percentiles of a set of latencies.
pub struct Percentiles {
    /// How many samples.
    pub count: usize,
    /// Median.
    pub p50: Duration,
    /// 99th percentile.
    pub p99: Duration,
    /// 99.9th percentile: where a writer stalled behind a whole listing shows.
    pub p999: Duration,
    /// Largest sample.
    pub max: Duration,
}

impl Percentiles {
    /// The percentiles of `samples` (sorted in place); `None` when empty.
    pub fn of(samples: &mut [Duration]) -> Option<Self> {
        let max = *samples.iter().max()?;
        samples.sort_unstable();
        let rank = |p: f64| {
            // Nearest rank: the smallest sample with at least p of all at or below it.
            let index = (p * samples.len() as f64).ceil() as usize;
            samples[index.clamp(1, samples.len()) - 1]
        };
        Some(Percentiles {
            count: samples.len(),
            p50: rank(0.50),
            p99: rank(0.99),
            p999: rank(0.999),
            max,
        })
    }
}

/// One row of the latency table: which subject, under which load.
pub struct Row {
    /// The subject's label.
    pub subject: &'static str,
    /// The load, e.g. `idle` or `listing`.
    pub load: &'static str,
    /// The writer's latencies under that load.
    pub stats: Percentiles,
    /// Listings the other thread completed per second meanwhile (0 when
    /// idle): a writer that starves the lister looks good on its own.
    pub listings_per_second: f64,
    /// The share of the writer's time spent beyond the subject's idle p99 in
    /// each write: the time it was held up.
    pub stall: f64,
}

/// The share of the total time of `samples` spent beyond `normal` in each.
pub fn stall(samples: &[Duration], normal: Duration) -> f64 {
    let total: Duration = samples.iter().sum();
    let excess: Duration = samples.iter().map(|took| took.saturating_sub(normal)).sum();
    excess.as_secs_f64() / total.as_secs_f64()
}

fn micros(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e6
}

/// The rows as a Markdown table; each `listing` row also gives its p99 over
/// the same subject's `idle` p99.
pub fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| subject | load | writes | p50 (µs) | p99 (µs) | p99.9 (µs) | max (µs) | p99 / idle p99 | stall | listings/s |\n\
         |---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for row in rows {
        let idle = rows
            .iter()
            .find(|other| other.subject == row.subject && other.load == "idle");
        let ratio = idle.map_or(f64::NAN, |idle| {
            row.stats.p99.as_secs_f64() / idle.stats.p99.as_secs_f64()
        });
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.1}% | {:.1} |",
            row.subject,
            row.load,
            row.stats.count,
            micros(row.stats.p50),
            micros(row.stats.p99),
            micros(row.stats.p999),
            micros(row.stats.max),
            ratio,
            row.stall * 100.0,
            row.listings_per_second,
        );
    }
    out
}

/// Prints `table` and writes it to `<target>/criterion/<name>.md`, beside
/// criterion's own reports.
pub fn publish(name: &str, table: &str) {
    eprintln!("\n{name}:\n{table}");
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| "target".into(), PathBuf::from);
    let dir = target.join("criterion");
    let written = std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(dir.join(format!("{name}.md")), table));
    if let Err(error) = written {
        eprintln!("could not write the {name} table: {error}");
    }
}
