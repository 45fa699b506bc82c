//! `conformance_suite!`'s `skip` and `only` options: a skipped case is
//! generated ignored with its reason, and a companion test fails once the
//! case passes.

use std::fmt;

use remote_store::backends::MemoryBackend;
use remote_store::conformance::{self, Settings};
use remote_store::{Backend, Delegate};

/// Memory, except that its `Debug` form does not name it: a deviation from
/// `identity::debug_names_the_backend` and nothing else.
#[derive(Default)]
pub struct Anonymous {
    inner: MemoryBackend,
}

impl fmt::Debug for Anonymous {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Anonymous")
    }
}

impl Delegate for Anonymous {
    type Inner = MemoryBackend;
    fn inner(&self) -> &MemoryBackend {
        &self.inner
    }
}

remote_store::conformance_suite! {
    module: anonymous_conformance,
    factory: Anonymous::default(),
    lacks: [GLOB, LAZY_READ],
    skip: [identity::debug_names_the_backend = "Debug says `Anonymous`, by design"],
}

remote_store::conformance_suite! {
    module: memory_io_only,
    factory: MemoryBackend::new(),
    lacks: [GLOB, LAZY_READ],
    only: [io, root],
}

#[test]
fn the_skipped_case_really_fails_and_the_companion_accepts_that() {
    let factory = || -> Box<dyn Backend> { Box::new(Anonymous::default()) };
    let settings = Settings::new();
    let outcome = std::panic::catch_unwind(|| {
        conformance::identity::debug_names_the_backend(&*factory(), &settings)
    });
    assert!(outcome.is_err());
    remote_store::__private::run_skipped_backend_check(
        factory,
        &settings,
        conformance::identity::debug_names_the_backend,
        "identity::debug_names_the_backend",
        "reason",
    );
}

#[test]
fn a_skipped_case_that_passes_fails_its_companion_naming_case_and_reason() {
    let factory = || -> Box<dyn Backend> { Box::new(MemoryBackend::new()) };
    let failure = std::panic::catch_unwind(|| {
        remote_store::__private::run_skipped_backend_check(
            factory,
            &Settings::new(),
            conformance::identity::debug_names_the_backend,
            "identity::debug_names_the_backend",
            "was broken once",
        );
    })
    .expect_err("a passing skipped case is reported");
    let message = failure.downcast_ref::<String>().unwrap();
    assert!(
        message.contains("identity::debug_names_the_backend")
            && message.contains("was broken once")
            && message.contains("passes now"),
        "{message}"
    );
}
