//! The model test aimed at `MemoryBackend` itself, the oracle: memory
//! against memory (the oracle's path index is checked against its tree
//! after every op), and LocalBackend, an independent implementation of the
//! same promises (sorted listings, exact `max_depth`), against memory.
//!
//! This is the model half of the mutation-testing run (STRENGTH.md):
//! `cargo mutants -f 'src/backends/memory/*.rs' -- --test conformance_memory --test model_memory`.

use proptest::test_runner::{
    Config, FileFailurePersistence, RngAlgorithm, TestCaseError, TestRng, TestRunner,
};
use remote_store::backends::{LocalBackend, MemoryBackend};
use remote_store::model::{
    Counterexample, OracleConfig, SEED_VAR, check_against_oracle, check_memory_against_reference,
    strategy,
};

/// What memory and local promise beyond the contract.
fn exact() -> OracleConfig {
    OracleConfig::new()
        .ordered_listings(true)
        .exact_max_depth(true)
}

#[test]
fn memory_matches_itself_and_keeps_its_index() {
    check_against_oracle(MemoryBackend::new, &exact());
}

#[test]
fn local_matches_memory() {
    let factory = || LocalBackend::temporary().expect("a temporary directory");
    check_against_oracle(factory, &exact().cases(64));
}

#[test]
fn concurrent_ops_on_memory_are_linearizable() {
    use remote_store::model::{ConcurrencyConfig, check_concurrent};
    let config = ConcurrencyConfig::new();
    let report = check_concurrent(&MemoryBackend::new(), &config)
        .unwrap_or_else(|violations| panic!("seed {}:\n{}", config.seed, violations.join("\n")));
    assert!(report.writes > 100 && report.reads > 100, "{report:?}");
}

/// The oracle checked: memory against the naive reference model (a sorted
/// map of full paths), every outcome and state compared.
#[test]
fn memory_matches_the_naive_reference() {
    let config = OracleConfig::new();
    let mut seed = [0u8; 32];
    seed[..8].copy_from_slice(&config.seed.to_le_bytes());
    let proptest_config = Config {
        cases: config.cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        source_file: Some(file!()),
        ..Config::default()
    };
    let mut runner = TestRunner::new_with_rng(
        proptest_config,
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed),
    );
    let result = runner.run(&strategy::ops(config.max_ops), |ops| {
        check_memory_against_reference(&ops).map_err(|divergence| {
            let mut ops = ops.clone();
            ops.truncate(divergence.step + 1);
            TestCaseError::fail(Counterexample { ops, divergence }.to_string())
        })
    });
    if let Err(error) = result {
        panic!(
            "{error}\n(seed {}: rerun with {SEED_VAR}={})",
            config.seed, config.seed
        );
    }
}
