//! Error fidelity of `rename` and `copy`: the source checks outrank the
//! destination checks, and a refused transfer changes nothing (BE-021).

use super::super::Settings;
use super::super::support::{
    Probe, Transfer, err_at, err_with_path, has_content, probe_says, same, seed, seed_all, snapshot,
};
use crate::{Backend, ErrorKind};

fn source_is_folder(backend: &dyn Backend, _: &Settings, op: Transfer) {
    seed(backend, "sdir/child.txt", "x");
    err_with_path(
        "BE-021",
        &format!("{op:?}(\"sdir\", \"dst.txt\") of a folder"),
        ErrorKind::InvalidPath,
        "sdir",
        op.run(backend, "sdir", "dst.txt", false),
    );
    probe_says("BE-021", backend, Probe::Exists, "dst.txt", false);
}

table_checks! {
    /// `rename` of a folder is `InvalidPath` about the source.
    rename_of_a_folder_is_invalid_path => source_is_folder(Transfer::Rename);
    /// `copy` of a folder is `InvalidPath` about the source.
    copy_of_a_folder_is_invalid_path => source_is_folder(Transfer::Copy);
}

fn destination_is_folder(backend: &dyn Backend, _: &Settings, op: Transfer) {
    seed_all(
        backend,
        &[("src.txt", "source"), ("ddir/child.txt", "child")],
    );
    for on in [false, true] {
        err_with_path(
            "BE-021",
            &format!("{op:?}(\"src.txt\", \"ddir\", overwrite={on}) onto a folder"),
            ErrorKind::InvalidPath,
            "ddir",
            op.run(backend, "src.txt", "ddir", on),
        );
    }
    has_content("BE-021", backend, "src.txt", "source");
    has_content("BE-021", backend, "ddir/child.txt", "child");
}

table_checks! {
    /// `rename` onto a folder is `InvalidPath` about the destination.
    rename_onto_a_folder_is_invalid_path => destination_is_folder(Transfer::Rename);
    /// `copy` onto a folder is `InvalidPath` about the destination.
    copy_onto_a_folder_is_invalid_path => destination_is_folder(Transfer::Copy);
}

fn destination_under_a_file(backend: &dyn Backend, _: &Settings, op: Transfer) {
    seed_all(backend, &[("src.txt", "source"), ("tblock.txt", "blocker")]);
    let before = snapshot("BE-021", backend);
    err_at(
        "BE-021",
        &format!("{op:?}(\"src.txt\", \"tblock.txt/child\")"),
        ErrorKind::InvalidPath,
        &["tblock.txt/child", "tblock.txt"],
        op.run(backend, "src.txt", "tblock.txt/child", false),
    );
    same(
        "BE-021",
        "the store after the refused transfer",
        before,
        snapshot("BE-021", backend),
    );
}

table_checks! {
    /// `rename` to a path under a file is `InvalidPath` naming the blocker; the
    /// store is unchanged.
    rename_under_a_file_is_invalid_path => destination_under_a_file(Transfer::Rename);
    /// `copy` to a path under a file is `InvalidPath` naming the blocker; the
    /// store is unchanged.
    copy_under_a_file_is_invalid_path => destination_under_a_file(Transfer::Copy);
}

fn missing_source_outranks(backend: &dyn Backend, _: &Settings, op: Transfer) {
    seed_all(
        backend,
        &[("mblock.txt", "blocker"), ("mdir/child.txt", "child")],
    );
    for dst in ["mblock.txt/child", "mdir", "mblock.txt"] {
        err_with_path(
            "BE-021",
            &format!("{op:?}(\"missing.txt\", {dst:?})"),
            ErrorKind::NotFound,
            "missing.txt",
            op.run(backend, "missing.txt", dst, false),
        );
    }
}

table_checks! {
    /// A missing source is `NotFound(src)`, outranking every destination check.
    rename_of_a_missing_source_outranks_the_destination => missing_source_outranks(Transfer::Rename);
    /// A missing source is `NotFound(src)` for `copy` too.
    copy_of_a_missing_source_outranks_the_destination => missing_source_outranks(Transfer::Copy);
}
