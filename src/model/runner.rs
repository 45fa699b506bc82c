//! [`check_against_oracle`]: random sequences on a backend and on the
//! oracle, shrunk to a minimal [`Counterexample`] on divergence.

use proptest::test_runner::{
    Config, FileFailurePersistence, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner,
};

use super::config::{OracleConfig, SEED_VAR};
use super::harness::{Counterexample, Divergence, StepDivergence, run_ops};
use super::strategy;
use crate::Backend;

fn seeded_rng(seed: u64) -> TestRng {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    TestRng::from_seed(RngAlgorithm::ChaCha, &bytes)
}

/// Runs [`OracleConfig::cases`] random sequences on backends made by
/// `factory` (a fresh, empty one per sequence, and per shrinking attempt)
/// and returns the shortest diverging sequence proptest's shrinking finds,
/// or `None` if every sequence matched the oracle.
///
/// The run is deterministic for a given [`OracleConfig::seed`]. Nothing
/// is persisted: a test that expects a divergence must not record it
/// ([`check_against_oracle`] does).
pub fn find_divergence<B, F>(factory: F, config: &OracleConfig) -> Option<Counterexample>
where
    B: Backend,
    F: Fn() -> B,
{
    search(factory, config, None)
}

/// [`find_divergence`], persisting failures beside `source_file` when given.
fn search<B, F>(
    factory: F,
    config: &OracleConfig,
    source_file: Option<&'static str>,
) -> Option<Counterexample>
where
    B: Backend,
    F: Fn() -> B,
{
    let proptest_config = Config {
        cases: config.cases,
        failure_persistence: source_file.map(|_| {
            Box::new(FileFailurePersistence::WithSource("proptest-regressions")) as Box<_>
        }),
        source_file,
        ..Config::default()
    };
    let mut runner = TestRunner::new_with_rng(proptest_config, seeded_rng(config.seed));
    let result = runner.run(&strategy::ops(config.max_ops), |ops| {
        run_ops(&factory(), &ops, config)
            .map_err(|found| TestCaseError::fail(found.divergence.to_string()))
    });
    let (reason, mut ops) = match result {
        Ok(()) => return None,
        Err(TestError::Fail(reason, ops)) => (reason, ops),
        Err(TestError::Abort(reason)) => (reason, Vec::new()),
    };
    let Err(mut divergence) = run_ops(&factory(), &ops, config) else {
        return Some(Counterexample {
            divergence: StepDivergence {
                step: ops.len().saturating_sub(1),
                divergence: Divergence::NotReproduced(reason.to_string()),
            },
            ops,
        });
    };
    ops.truncate(divergence.step + 1);
    // proptest removes ops before it simplifies them, so an op simplified
    // into a harmless one (`exists("")`) stays; drop each op that is not
    // needed to diverge, until none can go.
    let mut i = 0;
    while i < ops.len() && ops.len() > 1 {
        let mut shorter = ops.clone();
        shorter.remove(i);
        match run_ops(&factory(), &shorter, config) {
            Err(found) => {
                shorter.truncate(found.step + 1);
                (ops, divergence) = (shorter, found);
                i = 0;
            }
            Ok(()) => i += 1,
        }
    }
    Some(Counterexample { ops, divergence })
}

/// Checks a backend against the memory oracle: panics with the shrunk
/// counterexample, printed as a numbered script, and the seed to replay it
/// with ([`SEED_VAR`]), if any sequence diverges. The failing sequence is
/// also persisted beside the caller's source file (`tests/x.rs` gives
/// `tests/x.proptest-regressions`, proptest's format) and replayed first
/// on every later run.
///
/// `factory` must return a fresh, empty backend each time it is called.
///
/// ```
/// use remote_store::backends::MemoryBackend;
/// use remote_store::model::{OracleConfig, check_against_oracle};
///
/// check_against_oracle(MemoryBackend::new, &OracleConfig::new().cases(8).max_ops(16));
/// ```
#[track_caller]
pub fn check_against_oracle<B, F>(factory: F, config: &OracleConfig)
where
    B: Backend,
    F: Fn() -> B,
{
    let caller = std::panic::Location::caller().file();
    if let Some(counterexample) = search(factory, config, Some(caller)) {
        panic!(
            "{counterexample}\n(seed {seed}, {cases} sequences: rerun with {SEED_VAR}={seed}; \
             the failure is also saved in a .proptest-regressions file beside the test)",
            seed = config.seed,
            cases = config.cases,
        );
    }
}
