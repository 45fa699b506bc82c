//! Model-based tests: random op sequences on a backend and on the memory
//! oracle, compared after every step (see `remote_store::model`).
//!
//! CI size: 256 sequences of up to 64 ops per subject. MemoryBackend against
//! itself (which guards the harness) and LocalBackend against memory run
//! through `conformance_suite!`'s `model: true` option, in
//! `conformance_memory.rs` and `conformance_local.rs`.

mod broken;

use std::sync::Arc;

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use remote_store::backends::{LocalBackend, MemoryBackend};
use remote_store::model::{
    ConcurrencyConfig, Counterexample, Op, OracleConfig, Outcome, apply, check_against_oracle,
    check_concurrent, find_divergence, strategy,
};
use remote_store::{Backend, ErrorKind};
use rstest::rstest;

use self::broken::{Broken, Bug};

/// The size CI runs: 256 sequences of 1 to 64 ops, from a fixed seed: a
/// test that a bug is found must not depend on the draw.
fn ci() -> OracleConfig {
    OracleConfig::new().cases(256).max_ops(64).seed(0)
}

#[test]
fn a_shared_local_backend_behind_arc_dyn_matches_memory() {
    let factory = || -> Arc<dyn Backend> {
        Arc::new(LocalBackend::temporary().expect("a temporary directory"))
    };
    check_against_oracle(factory, &OracleConfig::new().cases(32).seed(7));
}

#[test]
fn the_unbroken_wrapper_matches_memory() {
    assert_eq!(
        find_divergence(|| Broken::new(Bug::None), &ci().ordered_listings(true)),
        None
    );
}

/// Every bug the model can see (see `Bug::model_can_see`) is found in 256
/// sequences and shrunk to a short one; one thread per bug.
#[test]
fn each_seeded_bug_is_found_and_shrunk() {
    let config = ci().ordered_listings(true);
    let results: Vec<(Bug, Option<Counterexample>)> = std::thread::scope(|scope| {
        let runs: Vec<_> = Bug::ALL
            .into_iter()
            .filter(|bug| bug.model_can_see())
            .map(|bug| {
                let config = &config;
                (
                    bug,
                    scope.spawn(move || find_divergence(|| Broken::new(bug), config)),
                )
            })
            .collect();
        runs.into_iter()
            .map(|(bug, run)| (bug, run.join().expect("a model run")))
            .collect()
    });
    assert_eq!(results.len(), 26);
    let mut problems = Vec::new();
    for (bug, found) in results {
        match found {
            None => problems.push(format!("{bug:?} was not found in 256 sequences")),
            Some(found) => {
                println!("{bug:?}:\n{found}\n");
                if found.ops.len() > 4 {
                    problems.push(format!(
                        "{bug:?} shrank to {} ops only:\n{found}",
                        found.ops.len()
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[rstest]
fn concurrent_ops_on_memory_are_linearizable(#[values(1, 2, 3)] seed: u64) {
    let backend = MemoryBackend::new();
    let report = check_concurrent(&backend, &ConcurrencyConfig::new().seed(seed))
        .unwrap_or_else(|violations| panic!("{}", violations.join("\n")));
    assert!(
        report.writes > 100 && report.reads > 100 && report.listings > 20,
        "{report:?}"
    );
}

#[rstest]
fn concurrent_ops_on_local_are_linearizable(#[values(1, 2)] seed: u64) {
    let backend = LocalBackend::temporary().expect("a temporary directory");
    let report = check_concurrent(&backend, &ConcurrencyConfig::new().seed(seed))
        .unwrap_or_else(|violations| panic!("{}", violations.join("\n")));
    assert!(report.writes > 100 && report.reads > 100, "{report:?}");
}

/// The generated sequences reach every interesting outcome, so a model run
/// that passes means something: each error kind the contract names, and
/// non-empty reads and listings.
#[test]
fn generated_sequences_reach_every_kind_of_outcome() {
    let mut runner = TestRunner::deterministic();
    let mut seen: Vec<String> = Vec::new();
    for _ in 0..64 {
        let ops = strategy::ops(64)
            .new_tree(&mut runner)
            .expect("a sequence")
            .current();
        let (subject, oracle) = (MemoryBackend::new(), MemoryBackend::new());
        let mut tracker = remote_store::model::Tracker::new();
        for op in &ops {
            let outcome = apply(&subject, &oracle, op, &OracleConfig::new(), &mut tracker)
                .expect("memory matches itself");
            let label = match outcome {
                Outcome::Failed(kind, _) => format!("{kind:?}"),
                Outcome::Bytes(data) if !data.0.is_empty() => "content".to_owned(),
                Outcome::Files(files) if !files.is_empty() => "files".to_owned(),
                Outcome::Folders(folders) if !folders.is_empty() => "folders".to_owned(),
                Outcome::Written(_) => "written".to_owned(),
                Outcome::Done if matches!(op, Op::Rename { .. }) => "renamed".to_owned(),
                Outcome::Done if matches!(op, Op::Copy { .. }) => "copied".to_owned(),
                Outcome::Done if matches!(op, Op::DeleteFolder { .. }) => {
                    "deleted folder".to_owned()
                }
                _ => continue,
            };
            if !seen.contains(&label) {
                seen.push(label);
            }
        }
    }
    for kind in [
        ErrorKind::NotFound,
        ErrorKind::InvalidPath,
        ErrorKind::AlreadyExists,
        ErrorKind::DirectoryNotEmpty,
        ErrorKind::Io,
    ] {
        assert!(
            seen.contains(&format!("{kind:?}")),
            "no sequence hit {kind:?}: {seen:?}"
        );
    }
    for label in [
        "content",
        "files",
        "folders",
        "written",
        "renamed",
        "copied",
        "deleted folder",
    ] {
        assert!(
            seen.iter().any(|s| s == label),
            "no sequence gave {label}: {seen:?}"
        );
    }
}
