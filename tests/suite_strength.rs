//! How strong the conformance suite is, measured on the in-repo broken
//! backends (`tests/broken`): the correct controls pass everything; every
//! broken backend is caught by the conformance cases or the model test; and
//! every case is failed by at least one broken backend (the case-by-bug
//! matrix). Figures are printed with `-- --nocapture` (see STRENGTH.md).

mod broken;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use remote_store::conformance::CASES;
use remote_store::model::find_divergence;

use self::broken::run::run_all;
use self::broken::subject::{self, Subject};

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
    /// Whether the model test found it (run only when no case failed).
    model_caught: Option<bool>,
}

fn evaluate(subject: Subject, with_model: bool) -> Outcome {
    let start = std::time::Instant::now();
    let failed: Vec<String> = run_all(&*subject.factory, &subject.settings)
        .into_iter()
        .filter(|(_, passed)| !passed)
        .map(|(case, _)| case.id())
        .collect();
    let model_caught = (with_model && failed.is_empty()).then(|| {
        let factory = subject.factory.clone();
        find_divergence(move || factory(), &subject.oracle(model_cases())).is_some()
    });
    if std::env::var_os("STRENGTH_TIMES").is_some() {
        println!("{:>8.2?} {}", start.elapsed(), subject.name);
    }
    Outcome {
        subject,
        failed,
        model_caught,
    }
}

/// Workers: most of a case's time is spent waiting on its own threads
/// (`concurrency::concurrent_large_streamed_uploads` alone takes ~0.4 s), so
/// more workers than CI's two cores pay off.
const WORKERS: usize = 8;

/// Runs the subjects on [`WORKERS`] threads.
fn evaluate_all(subjects: Vec<Subject>, with_model: bool) -> Vec<Outcome> {
    let mut halves: Vec<Vec<Subject>> = (0..WORKERS).map(|_| Vec::new()).collect();
    for (i, s) in subjects.into_iter().enumerate() {
        halves[i % WORKERS].push(s);
    }
    std::thread::scope(|scope| {
        let runs: Vec<_> = halves
            .into_iter()
            .map(|half| {
                scope.spawn(move || {
                    half.into_iter()
                        .map(|s| evaluate(s, with_model))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        runs.into_iter()
            .flat_map(|r| r.join().expect("a worker"))
            .collect()
    })
}

fn broken_set() -> &'static [Outcome] {
    static OUTCOMES: OnceLock<Vec<Outcome>> = OnceLock::new();
    OUTCOMES.get_or_init(|| evaluate_all(subject::all(), true))
}

#[test]
fn the_controls_pass_every_case_and_the_model() {
    let mut problems = Vec::new();
    for outcome in evaluate_all(subject::controls(), true) {
        if !outcome.failed.is_empty() || outcome.model_caught == Some(true) {
            problems.push(format!(
                "{}: fails {:?}, model diverges: {:?}",
                outcome.subject.name, outcome.failed, outcome.model_caught
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn print() {
    let outcomes = broken_set();
    let total = outcomes.len();
    let by_cases = outcomes.iter().filter(|o| !o.failed.is_empty()).count();
    let by_model = outcomes
        .iter()
        .filter(|o| o.model_caught == Some(true))
        .count();
    println!(
        "{total} broken backends: {by_cases} caught by the cases, {} with the model",
        by_cases + by_model
    );
    for o in outcomes.iter().filter(|o| o.failed.is_empty()) {
        println!(
            "  missed by the cases: {} ({}), model: {:?}",
            o.subject.name, o.subject.clause, o.model_caught
        );
    }
    let failed: BTreeSet<&str> = outcomes
        .iter()
        .flat_map(|o| o.failed.iter().map(String::as_str))
        .collect();
    for case in CASES {
        if !failed.contains(case.id().as_str()) {
            println!("  never failed: {}", case.id());
        }
    }
}

#[test]
#[ignore = "profiling aid"]
fn case_times() {
    let s = subject::controls().remove(0);
    for case in CASES
        .iter()
        .filter(|c| c.skip_reason(&s.settings).is_none())
    {
        let start = std::time::Instant::now();
        broken::run::passes(case, &*s.factory, &s.settings);
        let t = start.elapsed();
        if t.as_millis() > 5 {
            println!("{t:>8.2?} {}", case.id());
        }
    }
}
