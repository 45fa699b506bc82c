//! Replays every committed fuzz corpus file (`fuzz/corpus/<target>/`)
//! through the same library function its cargo-fuzz target calls, so CI
//! checks the corpus on stable, without nightly or libFuzzer.

mod broken;

use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use remote_store::backends::{LocalBackend, MemoryBackend};
use remote_store::model::{
    OracleConfig, fuzz_against_oracle, fuzz_memory_against_reference, fuzz_paths, fuzz_store_ops,
};

use self::broken::{Broken, Bug};

/// The corpus files of `target`, sorted. A missing or empty corpus is a
/// failure, never a silent skip.
fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<(PathBuf, Vec<u8>)> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the corpus {} is missing: {e}", dir.display()))
        .map(|entry| {
            let path = entry.expect("a corpus entry").path();
            let data =
                fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
            (path, data)
        })
        .collect();
    assert!(!files.is_empty(), "the corpus {} is empty", dir.display());
    files.sort();
    files
}

/// Runs `check` on every corpus file of `target`; a failure names the file.
fn replay(target: &str, check: impl Fn(&[u8])) -> usize {
    let files = corpus(target);
    for (path, data) in &files {
        if let Err(panic) = catch_unwind(AssertUnwindSafe(|| check(data))) {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            panic!("{target}: {} fails:\n{message}", path.display());
        }
    }
    files.len()
}

fn ordered() -> OracleConfig {
    OracleConfig::new()
        .ordered_listings(true)
        .exact_max_depth(true)
}

#[test]
fn ops_vs_oracle_corpus_replays() {
    replay("ops_vs_oracle", |data| {
        fuzz_against_oracle(MemoryBackend::new, data, &ordered())
    });
}

#[test]
fn local_vs_memory_corpus_replays() {
    replay("local_vs_memory", |data| {
        let local = || LocalBackend::temporary().expect("a temporary directory");
        fuzz_against_oracle(local, data, &ordered())
    });
}

#[test]
fn memory_vs_reference_corpus_replays() {
    replay("memory_vs_reference", fuzz_memory_against_reference);
}

#[test]
fn paths_corpus_replays() {
    replay("paths", fuzz_paths);
}

#[test]
fn store_ops_corpus_replays() {
    replay("store_ops", fuzz_store_ops);
}

/// The corpus has teeth: replayed against a backend with a seeded bug,
/// some file of the ops_vs_oracle corpus catches it, for every bug the model
/// can see. The corpus was minimized for coverage of `MemoryBackend`, which
/// left three bugs uncaught (`ExistsFailsUnderAFile`,
/// `MissingOkSilencesTypeMismatch`, `MaxDepthOffByOne`: their sequences add
/// no coverage the oracle does not already have from shorter inputs); one
/// input each, `seeded-<bug>`, found by a random search over byte strings,
/// was added back. A re-minimized corpus must keep them.
#[test]
fn the_oracle_corpus_catches_every_seeded_bug() {
    let files = corpus("ops_vs_oracle");
    let uncaught: Vec<Bug> = Bug::ALL
        .into_iter()
        .filter(|bug| bug.model_can_see())
        .filter(|&bug| {
            !files.iter().any(|(_, data)| {
                catch_unwind(AssertUnwindSafe(|| {
                    fuzz_against_oracle(|| Broken::new(bug), data, &ordered())
                }))
                .is_err()
            })
        })
        .collect();
    assert_eq!(uncaught, Vec::<Bug>::new(), "no corpus file catches these");
}
