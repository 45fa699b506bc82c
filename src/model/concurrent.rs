//! [`check_concurrent`]: several threads run random writes, deletes, reads
//! and listings on one shared backend; every read and the final state must
//! be explainable by some serial order of the operations.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use std::io::Read;

use bytes::Bytes;

use crate::{Backend, Capability, DeleteOptions, ErrorKind, ListOptions, RemotePath, WriteOptions};

/// The shared keys; `b` is a folder both `b/a` and `b/a.b` live in.
const KEYS: [&str; 3] = ["a", "b/a", "b/a.b"];

/// How many threads, and how many ops each runs.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ConcurrencyConfig {
    /// Threads sharing the backend (default 4).
    pub threads: usize,
    /// Ops per thread (default 200).
    pub ops_per_thread: usize,
    /// The seed of each thread's choices (default: [`SEED_VAR`](super::SEED_VAR)
    /// when set, else random).
    pub seed: u64,
}

impl Default for ConcurrencyConfig {
    fn default() -> Self {
        ConcurrencyConfig {
            threads: 4,
            ops_per_thread: 200,
            seed: super::config::default_seed(),
        }
    }
}

impl ConcurrencyConfig {
    /// 4 threads of 200 ops each.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets [`threads`](ConcurrencyConfig::threads) (at least 1).
    pub fn threads(mut self, threads: usize) -> Self {
        self.threads = threads.max(1);
        self
    }

    /// Sets [`ops_per_thread`](ConcurrencyConfig::ops_per_thread).
    pub fn ops_per_thread(mut self, ops: usize) -> Self {
        self.ops_per_thread = ops;
        self
    }

    /// Sets [`seed`](ConcurrencyConfig::seed).
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }
}

/// What a concurrent run did, for a test to assert it did enough.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConcurrencyReport {
    /// Completed writes and deletes.
    pub writes: usize,
    /// Completed reads.
    pub reads: usize,
    /// Completed recursive listings.
    pub listings: usize,
}

/// A value of one key: a content, or no file.
type Value = Option<Vec<u8>>;

/// An op on one key between two ticks of a global clock.
#[derive(Clone, Debug)]
struct Event {
    key: usize,
    value: Value,
    start: u64,
    end: u64,
}

#[derive(Default)]
struct Log {
    writes: Vec<Event>,
    reads: Vec<Event>,
    listed_sizes: Vec<(usize, u64)>,
    listings: usize,
    errors: Vec<String>,
}

/// A tiny deterministic generator for each thread's choices.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u32(&mut self) -> u32 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 32) as u32
    }
}

fn version(thread: usize, op: usize) -> Vec<u8> {
    let unit = format!("<{thread}.{op}>");
    unit.repeat(1 + (op * 7 + thread) % 40).into_bytes()
}

fn run_thread(
    backend: &dyn Backend,
    clock: &AtomicU64,
    thread: usize,
    config: &ConcurrencyConfig,
) -> Log {
    let mut rng = SplitMix64(config.seed ^ (thread as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let paths: Vec<RemotePath> = KEYS
        .iter()
        .map(|k| RemotePath::parse(k).unwrap_or_default())
        .collect();
    let mut log = Log::default();
    let tick = || clock.fetch_add(1, Ordering::SeqCst);
    let caps = backend.capabilities();
    let atomic = caps.supports(Capability::ATOMIC_WRITE);
    let lists = caps.supports(Capability::LIST);
    for op in 0..config.ops_per_thread {
        let key = rng.next_u32() as usize % KEYS.len();
        let path = &paths[key];
        let choice = rng.next_u32() % 10;
        let start = tick();
        let (value, is_write) = match choice {
            0..=2 => {
                let content = version(thread, op);
                let options = WriteOptions::new().overwrite(true);
                let result = if choice == 2 && atomic {
                    backend.write_atomic(path, content.clone().into(), &options)
                } else {
                    backend.write(path, content.clone().into(), &options)
                };
                match result {
                    Ok(_) => (Some(content), true),
                    Err(e) => {
                        log.errors.push(format!("write of '{path}' failed: {e}"));
                        continue;
                    }
                }
            }
            3 => match backend.delete(path, DeleteOptions::new().missing_ok(true)) {
                Ok(()) => (None, true),
                Err(e) => {
                    log.errors.push(format!("delete of '{path}' failed: {e}"));
                    continue;
                }
            },
            4 if !lists => continue,
            4 => {
                match backend.list_files(&RemotePath::root(), ListOptions::new().recursive(true)) {
                    Ok(listing) => {
                        for item in listing {
                            match item {
                                Ok(info) => match KEYS.iter().position(|k| info.path == *k) {
                                    Some(k) => log.listed_sizes.push((k, info.size)),
                                    None => log.errors.push(format!(
                                        "listing shows '{}', never written",
                                        info.path
                                    )),
                                },
                                Err(e) => log.errors.push(format!("listing failed mid-way: {e}")),
                            }
                        }
                        log.listings += 1;
                    }
                    Err(e) => log.errors.push(format!("listing failed: {e}")),
                }
                continue;
            }
            _ => match backend.read_bytes(path) {
                Ok(bytes) => (Some(bytes.to_vec()), false),
                Err(e) if e.kind() == ErrorKind::NotFound => (None, false),
                Err(e) => {
                    log.errors.push(format!("read of '{path}' failed: {e}"));
                    continue;
                }
            },
        };
        let event = Event {
            key,
            value,
            start,
            end: tick(),
        };
        if is_write {
            log.writes.push(event)
        } else {
            log.reads.push(event)
        }
    }
    log
}

/// Whether `value` of `key` may be observed by something that ran between
/// `start` and `end`: some write of that value (or the initial absence)
/// began before `end`, and no other write both began after it ended and
/// ended before `start`.
fn explainable(writes: &[Event], key: usize, value: &Value, start: u64, end: u64) -> bool {
    let initial = Event {
        key,
        value: None,
        start: 0,
        end: 0,
    };
    let of_key: Vec<&Event> = writes.iter().filter(|w| w.key == key).collect();
    std::iter::once(&initial)
        .chain(of_key.iter().copied())
        .filter(|v| v.value == *value && v.start < end)
        .any(|v| !of_key.iter().any(|w| w.start > v.end && w.end < start))
}

fn describe(value: &Value) -> String {
    match value {
        None => "no file".to_owned(),
        Some(bytes) => format!(
            "{} bytes {:?}",
            bytes.len(),
            String::from_utf8_lossy(&bytes[..bytes.len().min(24)])
        ),
    }
}

/// The key of the single-key race.
const RACE_KEY: &str = "race/one";

/// The size of each version in the single-key race: past 64 KiB, so that a
/// copy in pieces can tear.
const RACE_SIZE: usize = 70_000;

/// Version `n` of the race key: `RACE_SIZE` bytes, all `n`'s byte, so a
/// torn read (two versions, or a partial one) shows.
fn race_version(n: usize) -> Bytes {
    Bytes::from(vec![b'A' + (n % 26) as u8; RACE_SIZE])
}

/// The single-key race: half the threads overwrite one file again and
/// again (`write` and `write_atomic`, with `overwrite`), the other half read
/// it (`read_bytes` and the `read` stream); a read must always return one
/// whole version, never a torn, partial or empty file, nor `NotFound`.
fn single_key_race(backend: &dyn Backend, config: &ConcurrencyConfig) -> Vec<String> {
    let path = RemotePath::parse(RACE_KEY).unwrap_or_default();
    let overwrite = WriteOptions::new().overwrite(true);
    let atomic = backend.capabilities().supports(Capability::ATOMIC_WRITE);
    if let Err(e) = backend.write(&path, race_version(0).into(), &overwrite) {
        return vec![format!("the race's first write of '{path}' failed: {e}")];
    }
    let threads = config.threads.max(2);
    let rounds = (config.ops_per_thread / 4).max(1);
    let violations = Mutex::new(Vec::new());
    let report = |v: String| violations.lock().unwrap_or_else(|e| e.into_inner()).push(v);
    std::thread::scope(|scope| {
        for thread in 0..threads {
            let (path, overwrite, report) = (&path, &overwrite, &report);
            scope.spawn(move || {
                for round in 0..rounds {
                    let n = thread * rounds + round + 1;
                    if thread % 2 == 0 {
                        let result = if atomic && round % 2 == 1 {
                            backend.write_atomic(path, race_version(n).into(), overwrite)
                        } else {
                            backend.write(path, race_version(n).into(), overwrite)
                        };
                        if let Err(e) = result {
                            report(format!("an overwrite of '{path}' failed: {e}"));
                        }
                        continue;
                    }
                    let read = if round % 2 == 0 {
                        backend.read_bytes(path).map(|b| b.to_vec())
                    } else {
                        backend.read(path).and_then(|mut stream| {
                            let mut bytes = Vec::new();
                            stream
                                .read_to_end(&mut bytes)
                                .map_err(|e| crate::Error::stream_read_failed(path, e))
                                .map(|_| bytes)
                        })
                    };
                    match read {
                        Ok(bytes) if bytes.len() == RACE_SIZE && bytes.iter().all(|b| *b == bytes[0]) => {}
                        Ok(bytes) => report(format!(
                            "a read of '{path}' during overwrites returned a torn or partial file: {}",
                            describe(&Some(bytes))
                        )),
                        Err(e) => report(format!("a read of '{path}' during overwrites failed: {e}")),
                    }
                }
            });
        }
    });
    violations.into_inner().unwrap_or_else(|e| e.into_inner())
}

/// Runs [`ConcurrencyConfig::threads`] threads of random ops on `backend`
/// (which must start empty) and checks, per key, that:
///
/// * no op failed;
/// * every read returned a complete version (never a torn or foreign one)
///   that was written before the read ended and not yet overwritten, in real
///   time, when the read began;
/// * every listed size is the size of a version of that key;
/// * the final content is that of a write no other write followed in real
///   time (some serial order of the completed writes ends with it);
/// * in a single-key race that follows (half the threads overwrite one
///   file of 70 000 bytes with `write` and `write_atomic`, half read it
///   with `read_bytes` and `read`), every read returns one whole version:
///   never a torn, partial or empty file, nor `NotFound`.
///
/// Returns what ran, or every violation found.
pub fn check_concurrent(
    backend: &dyn Backend,
    config: &ConcurrencyConfig,
) -> Result<ConcurrencyReport, Vec<String>> {
    let clock = AtomicU64::new(1);
    let logs = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for thread in 0..config.threads {
            let (clock, logs) = (&clock, &logs);
            scope.spawn(move || {
                let log = run_thread(backend, clock, thread, config);
                logs.lock().unwrap_or_else(|e| e.into_inner()).push(log);
            });
        }
    });
    let logs = logs.into_inner().unwrap_or_else(|e| e.into_inner());
    let end = clock.load(Ordering::SeqCst);
    let mut all = Log::default();
    for log in logs {
        all.writes.extend(log.writes);
        all.reads.extend(log.reads);
        all.listed_sizes.extend(log.listed_sizes);
        all.listings += log.listings;
        all.errors.extend(log.errors);
    }
    let mut violations = all.errors;
    for read in &all.reads {
        if !explainable(&all.writes, read.key, &read.value, read.start, read.end) {
            violations.push(format!(
                "a read of '{}' returned {}, which no serial order explains",
                KEYS[read.key],
                describe(&read.value)
            ));
        }
    }
    let mut sizes: BTreeMap<usize, Vec<u64>> = BTreeMap::new();
    for write in &all.writes {
        if let Some(content) = &write.value {
            sizes
                .entry(write.key)
                .or_default()
                .push(content.len() as u64);
        }
    }
    for (key, size) in &all.listed_sizes {
        if !sizes.get(key).is_some_and(|s| s.contains(size)) {
            violations.push(format!(
                "a listing showed '{}' with {size} bytes, the size of no version",
                KEYS[*key]
            ));
        }
    }
    for (key, name) in KEYS.iter().enumerate() {
        let path = RemotePath::parse(name).unwrap_or_default();
        let value = match backend.read_bytes(&path) {
            Ok(bytes) => Some(bytes.to_vec()),
            Err(e) if e.kind() == ErrorKind::NotFound => None,
            Err(e) => {
                violations.push(format!("the final read of '{name}' failed: {e}"));
                continue;
            }
        };
        if !explainable(&all.writes, key, &value, end, end) {
            violations.push(format!(
                "'{name}' ends with {}, which no serial order of the writes explains",
                describe(&value)
            ));
        }
    }
    violations.extend(single_key_race(backend, config));
    if violations.is_empty() {
        Ok(ConcurrencyReport {
            writes: all.writes.len(),
            reads: all.reads.len(),
            listings: all.listings,
        })
    } else {
        Err(violations)
    }
}
