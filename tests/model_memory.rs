//! The model test aimed at `MemoryBackend` itself, the oracle: memory
//! against memory (the oracle's path index is checked against its tree
//! after every op), and LocalBackend, an independent implementation of the
//! same promises (sorted listings, exact `max_depth`), against memory.
//!
//! This is the model half of the mutation-testing run (STRENGTH.md):
//! `cargo mutants -f 'src/backends/memory/*.rs' -- --test conformance_memory --test model_memory`.

use remote_store::backends::{LocalBackend, MemoryBackend};
use remote_store::model::{OracleConfig, check_against_oracle};

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
