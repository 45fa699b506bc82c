//! Error fidelity of `rename` and `copy`: the source checks outrank the
//! destination checks, and a refused transfer changes nothing (BE-021).

use super::super::Settings;
use super::super::support::{Transfer, err_at, same, seed_all, snapshot};
use super::misuse::TransferRefusal::WithPath;
use super::misuse::{RefusedTransfer, TransferThen, refused_transfer};
use crate::{Backend, ErrorKind};

const SOURCE_IS_A_FOLDER: RefusedTransfer = RefusedTransfer {
    clause: "BE-021",
    seed: &[("sdir/child.txt", "x")],
    calls: &[("sdir", "dst.txt", false)],
    refusal: WithPath(ErrorKind::InvalidPath, "sdir"),
    then: TransferThen::Absent("dst.txt"),
};

const DESTINATION_IS_A_FOLDER: RefusedTransfer = RefusedTransfer {
    clause: "BE-021",
    seed: &[("src.txt", "source"), ("ddir/child.txt", "child")],
    calls: &[("src.txt", "ddir", false), ("src.txt", "ddir", true)],
    refusal: WithPath(ErrorKind::InvalidPath, "ddir"),
    then: TransferThen::KeepsTheSeed,
};

const MISSING_SOURCE_OUTRANKS: RefusedTransfer = RefusedTransfer {
    clause: "BE-021",
    seed: &[("mblock.txt", "blocker"), ("mdir/child.txt", "child")],
    calls: &[
        ("missing.txt", "mblock.txt/child", false),
        ("missing.txt", "mdir", false),
        ("missing.txt", "mblock.txt", false),
    ],
    refusal: WithPath(ErrorKind::NotFound, "missing.txt"),
    then: TransferThen::Nothing,
};

table_checks! {
    /// `rename` of a folder is `InvalidPath` about the source.
    rename_of_a_folder_is_invalid_path => refused_transfer(Transfer::Rename, &SOURCE_IS_A_FOLDER);
    /// `copy` of a folder is `InvalidPath` about the source.
    copy_of_a_folder_is_invalid_path => refused_transfer(Transfer::Copy, &SOURCE_IS_A_FOLDER);
    /// `rename` onto a folder is `InvalidPath` about the destination.
    rename_onto_a_folder_is_invalid_path =>
        refused_transfer(Transfer::Rename, &DESTINATION_IS_A_FOLDER);
    /// `copy` onto a folder is `InvalidPath` about the destination.
    copy_onto_a_folder_is_invalid_path => refused_transfer(Transfer::Copy, &DESTINATION_IS_A_FOLDER);
    /// A missing source is `NotFound(src)`, outranking every destination check.
    rename_of_a_missing_source_outranks_the_destination =>
        refused_transfer(Transfer::Rename, &MISSING_SOURCE_OUTRANKS);
    /// A missing source is `NotFound(src)` for `copy` too.
    copy_of_a_missing_source_outranks_the_destination =>
        refused_transfer(Transfer::Copy, &MISSING_SOURCE_OUTRANKS);
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
