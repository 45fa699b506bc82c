//! How strong the conformance suite is, measured on the in-repo broken
//! backends (`tests/broken`, see `subject::all`): null backends, memory
//! wrappers, a from-scratch object store and a from-scratch hierarchical
//! table, each wrong in one way, many only for some inputs.
//!
//! * the correct member of each family passes every case and the model;
//! * at least 98% of the broken backends are caught by the conformance cases
//!   or, for those the cases miss, by the model test (configured as
//!   `conformance_suite! { .., model: true }` does, with 64 sequences);
//!   every miss is listed in [`KNOWN_MISSES`] with its reason;
//! * every case of `conformance::CASES` is failed by at least one broken
//!   backend (the case-by-bug matrix), except those in [`NEVER_FAILED`].
//!
//! `cargo test --all-features --test conformance_catches_bugs -- --nocapture`
//! prints the figures (STRENGTH.md); `STRENGTH_MODEL_ALL=1` also runs the
//! model on every broken backend, to measure the model alone, and
//! `STRENGTH_DETAILS=1` shows which cases caught each one.

mod broken;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use remote_store::conformance::CASES;
use remote_store::model::find_divergence;

use self::broken::run::{quietly, run_all};
use self::broken::subject::{self, Subject};

/// Broken backends that neither the cases nor the model catch, with why.
const KNOWN_MISSES: &[(&str, &str)] = &[];

/// Cases that no broken backend fails, with why none can.
const NEVER_FAILED: &[(&str, &str)] = &[(
    "identity::require_refuses_exactly_the_undeclared",
    "it checks CapabilitySet::require, the library's own code, on the declared set: \
     no backend method is involved after capabilities(), which other cases pin",
)];

/// Model sequences per subject: 64 in CI, `STRENGTH_MODEL_CASES` to change
/// (256 is what `conformance_suite! { .., model: true }` runs).
fn model_cases() -> u32 {
    std::env::var("STRENGTH_MODEL_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

/// What one subject did.
struct Outcome {
    subject: Subject,
    /// The ids of the cases it failed.
    failed: Vec<String>,
    /// Whether the model test found it (`None`: not run, because a case
    /// already caught it and `STRENGTH_MODEL_ALL` is not set).
    model_caught: Option<bool>,
}

impl Outcome {
    fn caught(&self) -> bool {
        !self.failed.is_empty() || self.model_caught == Some(true)
    }
}

fn evaluate(subject: Subject, model_always: bool) -> Outcome {
    let failed: Vec<String> = run_all(&*subject.factory, &subject.settings)
        .into_iter()
        .filter(|(_, passed)| !passed)
        .map(|(case, _)| case.id())
        .collect();
    let model_caught = (model_always || failed.is_empty()).then(|| {
        let factory = subject.factory.clone();
        let config = subject.oracle(model_cases());
        // A backend that panics is a divergence too.
        quietly(move || find_divergence(move || factory(), &config).is_some()).unwrap_or(true)
    });
    Outcome {
        subject,
        failed,
        model_caught,
    }
}

/// Workers: a case spends most of its time waiting on its own threads
/// (`concurrency::concurrent_large_streamed_uploads` alone takes ~0.4 s), so
/// more workers than CI's two cores pay off.
const WORKERS: usize = 8;

fn evaluate_all(subjects: Vec<Subject>, model_always: bool) -> Vec<Outcome> {
    let mut shares: Vec<Vec<Subject>> = (0..WORKERS).map(|_| Vec::new()).collect();
    for (i, s) in subjects.into_iter().enumerate() {
        shares[i % WORKERS].push(s);
    }
    std::thread::scope(|scope| {
        let runs: Vec<_> = shares
            .into_iter()
            .map(|share| {
                scope.spawn(move || {
                    share
                        .into_iter()
                        .map(|s| evaluate(s, model_always))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        runs.into_iter()
            .flat_map(|r| r.join().expect("a worker"))
            .collect()
    })
}

/// The broken set's outcomes, computed once for the tests below.
fn broken_set() -> &'static [Outcome] {
    static OUTCOMES: OnceLock<Vec<Outcome>> = OnceLock::new();
    OUTCOMES.get_or_init(|| {
        let model_always = std::env::var_os("STRENGTH_MODEL_ALL").is_some();
        evaluate_all(subject::all(), model_always)
    })
}

#[test]
fn the_correct_member_of_each_family_passes_every_case_and_the_model() {
    let mut problems = Vec::new();
    for outcome in evaluate_all(subject::controls(), true) {
        if outcome.caught() {
            problems.push(format!(
                "{}: fails {:?}; the model diverges: {:?}",
                outcome.subject.name, outcome.failed, outcome.model_caught
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn at_least_98_percent_of_the_broken_backends_are_caught() {
    let outcomes = broken_set();
    let total = outcomes.len();
    let by_cases = outcomes.iter().filter(|o| !o.failed.is_empty()).count();
    let caught = outcomes.iter().filter(|o| o.caught()).count();
    println!("{total} broken backends");
    println!("caught by the conformance cases alone: {by_cases} of {total}");
    println!("caught by the cases + the model: {caught} of {total}");
    let modelled: Vec<&Outcome> = outcomes
        .iter()
        .filter(|o| o.model_caught.is_some())
        .collect();
    let by_model = modelled
        .iter()
        .filter(|o| o.model_caught == Some(true))
        .count();
    println!(
        "the model ({} sequences) ran on {} and caught {by_model}",
        model_cases(),
        modelled.len()
    );
    if std::env::var_os("STRENGTH_DETAILS").is_some() {
        for o in outcomes {
            let shown: Vec<&str> = o.failed.iter().take(4).map(String::as_str).collect();
            println!(
                "{} [{}]: {} cases, e.g. {shown:?}",
                o.subject.name,
                o.subject.clause,
                o.failed.len()
            );
        }
    }
    let missed: Vec<&str> = outcomes
        .iter()
        .filter(|o| !o.caught())
        .map(|o| o.subject.name.as_str())
        .collect();
    let listed: Vec<&str> = KNOWN_MISSES.iter().map(|(name, _)| *name).collect();
    assert_eq!(missed, listed, "the misses changed: update KNOWN_MISSES");
    assert!(total >= 100, "only {total} broken backends");
    assert!(caught * 100 >= total * 98, "{caught} of {total} caught");
}

#[test]
fn every_case_is_failed_by_some_broken_backend() {
    let outcomes = broken_set();
    let failed: BTreeSet<&str> = outcomes
        .iter()
        .flat_map(|o| o.failed.iter().map(String::as_str))
        .collect();
    let never: Vec<String> = CASES
        .iter()
        .map(|case| case.id())
        .filter(|id| !failed.contains(id.as_str()))
        .collect();
    let listed: Vec<&str> = NEVER_FAILED.iter().map(|(id, _)| *id).collect();
    println!(
        "{} of {} cases are failed by at least one broken backend",
        CASES.len() - never.len(),
        CASES.len()
    );
    assert_eq!(never, listed, "the matrix changed: update NEVER_FAILED");
}
