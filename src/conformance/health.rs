//! Health check (PING-008, `test_check_health.py`).

use super::Settings;
use super::support::{control, control_kept, fail, ok};
use crate::{Backend, Error};

/// `check_health` returns `Ok(())` or a typed `PermissionDenied`,
/// `NotFound` or `BackendUnavailable`; it is read-only (a file written before
/// it is still there), and after a terminal `close` it answers
/// `BackendUnavailable` like every other call (BE-020).
pub fn check_health_is_ok_or_a_typed_error(backend: &dyn Backend, _: &Settings) {
    let kept = control(backend, "health/kept.txt");
    answer(backend.check_health());
    control_kept("PING-008", backend, kept);
    ok("BE-020", "close()", backend.close());
    if backend.close_is_terminal() {
        match backend.check_health() {
            Err(Error::BackendUnavailable { .. }) => {}
            found => fail(
                "BE-020",
                "check_health() after close() on a terminal backend",
                "Err(BackendUnavailable)",
                found,
            ),
        }
    }
}

fn answer(result: crate::Result<()>) {
    match result {
        Ok(())
        | Err(Error::PermissionDenied { .. })
        | Err(Error::NotFound { .. })
        | Err(Error::BackendUnavailable { .. }) => {}
        found => fail(
            "PING-008",
            "check_health() of a usable backend",
            "Ok(()) or PermissionDenied/NotFound/BackendUnavailable",
            found,
        ),
    }
}
