//! Evidence that the conformance suite catches bugs: each `Bug` makes a thin
//! wrapper over `MemoryBackend` misbehave in one way, and the whole check
//! registry (`conformance::CASES`) runs against it. Every bug must fail at
//! least one check, and the unbroken wrapper must fail none.
//!
//! `cargo test --features conformance --test conformance_catches_bugs -- --nocapture`
//! prints which checks caught each bug.

mod broken;

use std::panic::{AssertUnwindSafe, catch_unwind};

use remote_store::backends::MemoryBackend;
use remote_store::conformance::{self, CASES, Settings};
use remote_store::{Backend, Capability, CapabilitySet};

use self::broken::{Broken, Bug};

fn memory_settings() -> Settings {
    Settings::new()
        .lacks(CapabilitySet::of(&[
            Capability::GLOB,
            Capability::LAZY_READ,
        ]))
        .documented_order(true)
}

/// The ids of the checks that fail against `bug`.
fn failing_checks(bug: Bug) -> Vec<String> {
    let settings = memory_settings();
    let factory = move || -> Box<dyn Backend> {
        Box::new(Broken {
            inner: MemoryBackend::new(),
            bug,
        })
    };
    CASES
        .iter()
        .filter(|case| case.skip_reason(&settings).is_none())
        .filter(|case| {
            catch_unwind(AssertUnwindSafe(|| {
                conformance::run_case(case, &factory, &settings)
            }))
            .is_err()
        })
        .map(|case| case.id())
        .collect()
}

#[test]
fn the_unbroken_wrapper_passes_every_check() {
    assert_eq!(failing_checks(Bug::None), Vec::<String>::new());
}

#[test]
fn every_broken_backend_fails_at_least_one_check() {
    let mut uncaught = Vec::new();
    for bug in Bug::ALL {
        let caught_by = failing_checks(bug);
        println!(
            "{bug:?}: caught by {} checks: {}",
            caught_by.len(),
            caught_by.join(", ")
        );
        if caught_by.is_empty() {
            uncaught.push(bug);
        }
    }
    assert!(
        uncaught.is_empty(),
        "passed every check of the suite: {uncaught:?}"
    );
}
