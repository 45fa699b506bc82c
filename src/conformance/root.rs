//! The root, spelled `""` or `"."`: always an existing folder, never a file,
//! never the target of a file operation (BE-029, `TestBackendRootPath`).

use std::io::Write;

use super::Settings;
use super::atomic::FailsAfter;
use super::errors::misuse::Call;
use super::support::{
    Probe, ROOTS, Transfer, counts, err_kind, fail, has_content, holds, overwrite, p, probe_says,
    probes_say, seed,
};
use crate::{Backend, Content, Error, ErrorKind};

fn about_the_root(clause: &str, what: &str, error: &Error) {
    let path = error.path().unwrap_or("<none>");
    holds(
        clause,
        &format!("{what}: the error's path"),
        path.is_empty() || path == ".",
        "a root spelling (\"\" or \".\")",
        path,
    );
}

fn root_answers(backend: &dyn Backend) {
    for root in ROOTS {
        probes_say("BE-029", backend, root, (true, false, true));
    }
}

/// On an empty backend the root exists, is a folder and is not a file.
pub fn the_root_is_a_folder(backend: &dyn Backend, _: &Settings) {
    root_answers(backend);
}

/// The same holds once the backend has content.
pub fn the_root_is_a_folder_with_content(backend: &dyn Backend, _: &Settings) {
    seed(backend, "some/file.txt", "x");
    root_answers(backend);
}

/// `get_folder_info` of the root aggregates the whole store: 2 files of 2
/// and 3 bytes give 2 and 5.
pub fn folder_info_of_the_root_aggregates_everything(backend: &dyn Backend, _: &Settings) {
    seed(backend, "one.txt", "12");
    seed(backend, "deep/two.txt", "345");
    for root in ROOTS {
        counts("BE-029", backend, root, (2, 5));
    }
}

/// `get_folder_info` of an empty root does not fail and counts 0.
pub fn folder_info_of_an_empty_root_is_zero(backend: &dyn Backend, _: &Settings) {
    for root in ROOTS {
        counts("BE-029", backend, root, (0, 0));
    }
}

/// `call` on each spelling of the root is `InvalidPath` about the root.
fn file_op_on_root(backend: &dyn Backend, _: &Settings, call: fn(&'static str) -> Call) {
    for root in ROOTS {
        let call = call(root);
        let what = call.to_string();
        let error = err_kind("BE-029", &what, ErrorKind::InvalidPath, call.run(backend));
        about_the_root("BE-029", &what, &error);
    }
}

table_checks! {
    /// `read` of the root is `InvalidPath` about the root (drained if it returns).
    read_of_the_root_is_invalid_path => file_op_on_root(Call::Read);
    /// `read_bytes` of the root is `InvalidPath` about the root.
    read_bytes_of_the_root_is_invalid_path => file_op_on_root(Call::ReadBytes);
    /// `read_seekable` of the root is `InvalidPath` about the root.
    read_seekable_of_the_root_is_invalid_path => file_op_on_root(Call::ReadSeekable);
    /// `get_file_info` of the root is `InvalidPath` about the root.
    file_info_of_the_root_is_invalid_path => file_op_on_root(Call::FileInfo);
    /// `delete` of the root is `InvalidPath` about the root.
    delete_of_the_root_is_invalid_path => file_op_on_root(|root| Call::Delete(root, false));
    /// `rename` with the root as source is `InvalidPath` about the root.
    rename_from_the_root_is_invalid_path =>
        file_op_on_root(|root| Call::Rename(root, "moved.txt"));
    /// `copy` with the root as source is `InvalidPath` about the root.
    copy_from_the_root_is_invalid_path => file_op_on_root(|root| Call::Copy(root, "copied.txt"));
}

/// `delete(root, missing_ok)` is still `InvalidPath`, and a seeded file
/// survives (type mismatch outranks `missing_ok`).
pub fn delete_of_the_root_with_missing_ok_still_fails(backend: &dyn Backend, settings: &Settings) {
    seed(backend, "survivor.txt", "alive");
    file_op_on_root(backend, settings, |root| Call::Delete(root, true));
    has_content("BE-021", backend, "survivor.txt", "alive");
}

fn write_to_root(
    backend: &dyn Backend,
    op: &str,
    call: impl Fn(&str, bool) -> crate::Result<crate::WriteResult>,
) {
    seed(backend, "seed.txt", "seed");
    for root in ROOTS {
        for overwrite in [false, true] {
            let what = format!("{op}({root:?}, overwrite={overwrite})");
            let error = err_kind(
                "BE-008",
                &what,
                ErrorKind::InvalidPath,
                call(root, overwrite),
            );
            about_the_root("BE-008", &what, &error);
            has_content("BE-008", backend, "seed.txt", "seed");
            probe_says("BE-029", backend, Probe::IsFolder, root, true);
        }
    }
}

/// `write` to the root is refused with `InvalidPath`; the store survives.
pub fn write_to_the_root_is_refused(backend: &dyn Backend, _: &Settings) {
    write_to_root(backend, "write", |root, on| {
        backend.write(&p(root), Content::from("x"), &overwrite(on))
    });
}

/// `write_atomic` to the root is refused with `InvalidPath`; the store survives.
pub fn write_atomic_to_the_root_is_refused(backend: &dyn Backend, _: &Settings) {
    write_to_root(backend, "write_atomic", |root, on| {
        backend.write_atomic(&p(root), Content::from("x"), &overwrite(on))
    });
}

/// `write` to the root is `InvalidPath` even when the content stream fails:
/// the root is refused before the content is read (BE-008 outranks I/O).
pub fn write_to_the_root_outranks_a_failing_reader(backend: &dyn Backend, _: &Settings) {
    write_to_root(
        backend,
        "write with a failing content stream",
        |root, on| backend.write(&p(root), Content::reader(FailsAfter(0)), &overwrite(on)),
    );
}

/// `write_atomic` to the root is `InvalidPath` even when the content stream
/// fails.
pub fn write_atomic_to_the_root_outranks_a_failing_reader(backend: &dyn Backend, _: &Settings) {
    write_to_root(
        backend,
        "write_atomic with a failing content stream",
        |root, on| backend.write_atomic(&p(root), Content::reader(FailsAfter(0)), &overwrite(on)),
    );
}

/// `open_atomic` to the root is refused with `InvalidPath`, on open or on
/// commit; the store survives.
pub fn open_atomic_to_the_root_is_refused(backend: &dyn Backend, _: &Settings) {
    write_to_root(backend, "open_atomic", |root, on| {
        let mut writer = backend.open_atomic(&p(root), &overwrite(on))?;
        if let Err(e) = writer.write_all(b"x") {
            fail("SAW-012", "writing into an open_atomic writer", "Ok(())", e);
        }
        writer.commit()
    });
}

fn root_as_destination(backend: &dyn Backend, op: Transfer) {
    seed(backend, "src.txt", "source");
    for root in ROOTS {
        let what = format!("{op:?}(\"src.txt\", {root:?})");
        let error = err_kind(
            "BE-029",
            &what,
            ErrorKind::InvalidPath,
            op.run(backend, "src.txt", root, true),
        );
        about_the_root("BE-029", &what, &error);
        probe_says("BE-029", backend, Probe::Exists, "src.txt", true);
        probe_says("BE-029", backend, Probe::IsFolder, root, true);
    }
}

/// The root as `rename` destination is `InvalidPath`; the source survives.
pub fn rename_to_the_root_is_refused(backend: &dyn Backend, _: &Settings) {
    root_as_destination(backend, Transfer::Rename);
}

/// The root as `copy` destination is `InvalidPath`; the source survives.
pub fn copy_to_the_root_is_refused(backend: &dyn Backend, _: &Settings) {
    root_as_destination(backend, Transfer::Copy);
}
