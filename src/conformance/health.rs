//! Health check (PING-008, `test_check_health.py`).

use super::Settings;
use super::support::fail;
use crate::{Backend, Error};

/// `check_health` returns `Ok(())` or a typed `PermissionDenied`,
/// `NotFound` or `BackendUnavailable`.
pub fn check_health_is_ok_or_a_typed_error(backend: &dyn Backend, _: &Settings) {
    match backend.check_health() {
        Ok(())
        | Err(Error::PermissionDenied { .. })
        | Err(Error::NotFound { .. })
        | Err(Error::BackendUnavailable { .. }) => {}
        found => fail(
            "PING-008",
            "check_health()",
            "Ok(()) or PermissionDenied/NotFound/BackendUnavailable",
            found,
        ),
    }
}
