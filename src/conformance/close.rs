//! Close posture (BE-020, `test_close_posture.py`): after `close`, a
//! terminal backend answers every call with `BackendUnavailable` (checked
//! before any path check); a reusable one keeps working.

use super::Settings;
use super::support::{ROOTS, control, control_kept, err_kind, fail, has_content, ok, p, seed};
use crate::{Backend, Content, Error, ErrorKind, WriteOptions};

fn closed(backend: &dyn Backend) -> bool {
    ok("BE-020", "close()", backend.close());
    backend.close_is_terminal()
}

fn terminal_answer<T: std::fmt::Debug>(what: &str, result: crate::Result<T>) {
    match result {
        Err(Error::BackendUnavailable { .. }) => {}
        found => fail(
            "BE-020",
            &format!("{what} after close() on a terminal backend"),
            "Err(BackendUnavailable)",
            found,
        ),
    }
}

fn not_the_terminal_guard<T: std::fmt::Debug>(what: &str, result: &crate::Result<T>) {
    if let Some(e) = result
        .as_ref()
        .err()
        .filter(|e| e.kind() == ErrorKind::BackendUnavailable)
    {
        fail(
            "BE-020",
            &format!("{what} after close() on a reusable backend"),
            "anything but BackendUnavailable",
            e,
        );
    }
}

/// `close` succeeds and is idempotent.
pub fn close_is_idempotent(backend: &dyn Backend, _: &Settings) {
    ok("BE-020", "close()", backend.close());
    match backend.close() {
        Ok(()) => {}
        Err(Error::BackendUnavailable { .. }) if backend.close_is_terminal() => {}
        found => fail("BE-020", "a second close()", "Ok(())", found),
    }
}

/// After `close`: terminal → `exists` is `BackendUnavailable`; reusable →
/// `exists("probe")` is false and does not fail, and a file written before
/// `close` still exists.
pub fn close_posture_of_a_probe(backend: &dyn Backend, _: &Settings) {
    let kept = control(backend, "probe.kept");
    if closed(backend) {
        terminal_answer("exists(\"probe\")", backend.exists(&p("probe")));
    } else {
        control_kept("BE-020", backend, kept);
        match backend.exists(&p("probe")) {
            Ok(false) => {}
            found => fail(
                "BE-020",
                "exists(\"probe\") after close() on a reusable backend",
                "Ok(false)",
                found,
            ),
        }
    }
}

/// The closed check outranks the root check for reads: terminal →
/// `BackendUnavailable`; reusable → any error but that.
pub fn close_posture_outranks_root_read_rejection(backend: &dyn Backend, _: &Settings) {
    let terminal = closed(backend);
    for root in ROOTS {
        let what = format!("read_bytes({root:?})");
        let result = backend.read_bytes(&p(root));
        if terminal {
            terminal_answer(&what, result);
        } else {
            not_the_terminal_guard(&what, &result);
            err_kind(
                "BE-029",
                &format!("{what} after close() on a reusable backend"),
                ErrorKind::InvalidPath,
                result,
            );
        }
    }
}

/// The closed check outranks the root check for writes: terminal →
/// `BackendUnavailable`; reusable → `InvalidPath`. The write never succeeds.
pub fn close_posture_outranks_root_write_rejection(backend: &dyn Backend, _: &Settings) {
    let terminal = closed(backend);
    for root in ROOTS {
        let what = format!("write({root:?})");
        let result = backend.write(&p(root), Content::from("x"), &WriteOptions::new());
        if terminal {
            terminal_answer(&what, result);
        } else {
            match result {
                Err(Error::InvalidPath { .. }) => {}
                found => fail(
                    "BE-020",
                    &format!("{what} after close() on a reusable backend"),
                    "Err(InvalidPath)",
                    found,
                ),
            }
        }
    }
}

/// The closed check outranks the root probes: terminal →
/// `BackendUnavailable`; reusable → the usual answers.
pub fn close_posture_outranks_the_root_probes(backend: &dyn Backend, _: &Settings) {
    let terminal = closed(backend);
    for root in ROOTS {
        let path = p(root);
        let probes = [
            ("exists", backend.exists(&path), true),
            ("is_file", backend.is_file(&path), false),
            ("is_folder", backend.is_folder(&path), true),
        ];
        for (probe, result, expected) in probes {
            let what = format!("{probe}({root:?})");
            if terminal {
                terminal_answer(&what, result);
            } else {
                not_the_terminal_guard(&what, &result);
                match result {
                    Ok(answer) if answer == expected => {}
                    found => fail(
                        "BE-029",
                        &format!("{what} after close() on a reusable backend"),
                        Ok::<bool, ()>(expected),
                        found,
                    ),
                }
            }
        }
    }
}

/// A non-terminal `close` leaves the backend usable: the content written
/// before it still reads, and a write after it lands. A terminal one answers
/// both with `BackendUnavailable` (BE-020).
pub fn a_reusable_backend_keeps_working_after_close(backend: &dyn Backend, _: &Settings) {
    seed(backend, "kept/before.txt", "before");
    if closed(backend) {
        terminal_answer(
            "read_bytes after close",
            backend.read_bytes(&p("kept/before.txt")),
        );
        terminal_answer(
            "write after close",
            backend.write(
                &p("kept/after.txt"),
                Content::from("after"),
                &WriteOptions::new(),
            ),
        );
        return;
    }
    has_content("BE-020", backend, "kept/before.txt", "before");
    ok(
        "BE-020",
        "write(\"kept/after.txt\") after close() on a reusable backend",
        backend.write(
            &p("kept/after.txt"),
            Content::from("after"),
            &WriteOptions::new(),
        ),
    );
    has_content("BE-020", backend, "kept/after.txt", "after");
}
