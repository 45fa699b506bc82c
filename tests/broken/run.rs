//! Running the conformance registry against a backend, quietly.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};

use remote_store::Backend;
use remote_store::conformance::{self, CASES, Case, Settings};

/// Silences the panic messages of failing checks (there are thousands):
/// those of the thread running a case, and of the unnamed threads a check
/// spawns while a case runs. The test's own assertions (on named test
/// threads, outside a case) still print.
pub fn quiet_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_case = QUIET.with(|quiet| quiet.get());
            let in_worker =
                RUNNING.load(Ordering::SeqCst) > 0 && std::thread::current().name().is_none();
            if !in_case && !in_worker {
                default(info);
            }
        }));
    });
}

/// How many cases are running, on any thread.
static RUNNING: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with the panic messages of this thread (and of unnamed threads)
/// silenced; `None` when it panicked.
pub fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    quiet_panics();
    QUIET.with(|quiet| quiet.set(true));
    RUNNING.fetch_add(1, Ordering::SeqCst);
    let result = catch_unwind(AssertUnwindSafe(f)).ok();
    RUNNING.fetch_sub(1, Ordering::SeqCst);
    QUIET.with(|quiet| quiet.set(false));
    result
}

/// Whether `case` passes on backends from `factory` (a panic is a failure).
pub fn passes(case: &Case, factory: &dyn Fn() -> Box<dyn Backend>, settings: &Settings) -> bool {
    quietly(|| conformance::run_case(case, factory, settings)).is_some()
}

/// The applicable cases of the registry, as `(case, passed)`.
pub fn run_all(
    factory: &dyn Fn() -> Box<dyn Backend>,
    settings: &Settings,
) -> Vec<(&'static Case, bool)> {
    CASES
        .iter()
        .filter(|case| case.skip_reason(settings).is_none())
        .map(|case| (case, passes(case, factory, settings)))
        .collect()
}
