//! The committed fuzz corpora of the backend targets replayed through the
//! async entry point: MemoryBackend as an AsyncBackend, and LocalBackend
//! through SpawnBlocking, each reached through Blocking.

use std::fs;
use std::path::PathBuf;

use remote_store::aio::SpawnBlocking;
use remote_store::backends::{LocalBackend, MemoryBackend};
use remote_store::model::{OracleConfig, fuzz_async_against_oracle};

/// The corpus files of `target`; a missing or empty corpus fails.
fn corpus(target: &str) -> Vec<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let files: Vec<Vec<u8>> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the corpus {} is missing: {e}", dir.display()))
        .map(|entry| fs::read(entry.expect("a corpus entry").path()).expect("a corpus file"))
        .collect();
    assert!(!files.is_empty(), "the corpus {} is empty", dir.display());
    files
}

fn ordered() -> OracleConfig {
    OracleConfig::new().ordered_listings(true)
}

#[test]
fn ops_vs_oracle_corpus_replays_on_async_memory() {
    for data in corpus("ops_vs_oracle") {
        fuzz_async_against_oracle(MemoryBackend::new, &data, &ordered());
    }
}

#[test]
fn local_vs_memory_corpus_replays_through_both_bridges() {
    let local = || SpawnBlocking::new(LocalBackend::temporary().expect("a temporary directory"));
    for data in corpus("local_vs_memory") {
        fuzz_async_against_oracle(local, &data, &ordered());
    }
}
