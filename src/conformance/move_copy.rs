//! `rename` (the contract's `move`) and `copy`, including operations onto
//! themselves (`TestBackendMoveCopy`, `TestMoveCopyOverwrite`,
//! `TestMoveCopySelfOperation`).

use super::Settings;
use super::errors::misuse::TransferRefusal::{Kind, Naming};
use super::errors::misuse::{RefusedTransfer, TransferThen, refused_transfer};
use super::support::{
    Probe, Transfer, exists, fail, has_content, holds, is_folder, ok, probe_says, same, seed,
    seed_all,
};
use crate::{Backend, ErrorKind};

/// Seeds `src` with `content`; then `op` to the new `dst` must succeed and
/// place the content there.
#[track_caller]
fn placed(backend: &dyn Backend, op: Transfer, clause: &str, src: &str, dst: &str, content: &str) {
    seed(backend, src, content);
    let what = format!("{op:?}({src:?}, {dst:?})");
    ok(clause, &what, op.run(backend, src, dst, false));
    has_content(clause, backend, dst, content);
}

fn moves_or_copies(backend: &dyn Backend, _: &Settings, op: Transfer) {
    placed(backend, op, "BE-004", "mc/src.txt", "mc/dst.txt", "payload");
    if source_kept(backend, op, "mc/src.txt") {
        has_content("BE-004", backend, "mc/src.txt", "payload");
    }
}

/// Whether `src` still exists after `op`; fails unless it does exactly
/// after a copy.
#[track_caller]
fn source_kept(backend: &dyn Backend, op: Transfer, src: &str) -> bool {
    let kept = exists("BE-004", backend, src);
    let what = format!("exists({src:?}) after {op:?}");
    same("BE-004", &what, op == Transfer::Copy, kept);
    kept
}

table_checks! {
    /// `rename` removes the source and the destination has its content.
    rename_moves_the_content => moves_or_copies(Transfer::Rename);
    /// `copy` keeps the source and the destination has its content.
    copy_copies_the_content => moves_or_copies(Transfer::Copy);
}

fn overwrites(backend: &dyn Backend, _: &Settings, op: Transfer) {
    seed_all(backend, &[("mc/a.txt", "new content"), ("mc/b.txt", "old")]);
    ok(
        "BE-008",
        &format!("{op:?} with overwrite"),
        op.run(backend, "mc/a.txt", "mc/b.txt", true),
    );
    has_content("BE-008", backend, "mc/b.txt", "new content");
    source_kept(backend, op, "mc/a.txt");
}

table_checks! {
    /// `rename` with `overwrite` replaces the destination.
    rename_with_overwrite_replaces_the_destination => overwrites(Transfer::Rename);
    /// `copy` with `overwrite` replaces the destination and keeps the source.
    copy_with_overwrite_replaces_the_destination => overwrites(Transfer::Copy);
}

fn creates_parents(backend: &dyn Backend, _: &Settings, op: Transfer) {
    placed(
        backend,
        op,
        "BE-009",
        "src/f.txt",
        "new/deep/dst.txt",
        "data",
    );
    for folder in ["new", "new/deep"] {
        probe_says("BE-009", backend, Probe::IsFolder, folder, true);
    }
}

table_checks! {
    /// `rename` creates the destination's missing parents.
    rename_creates_destination_parents => creates_parents(Transfer::Rename);
    /// `copy` creates the destination's missing parents.
    copy_creates_destination_parents => creates_parents(Transfer::Copy);
}

/// `rename` of the last file of a folder keeps the (now empty) folder.
pub fn rename_keeps_the_source_folder(backend: &dyn Backend, _: &Settings) {
    seed(backend, "only/f.txt", "data");
    ok(
        "BE-004",
        "rename(\"only/f.txt\", \"elsewhere.txt\")",
        Transfer::Rename.run(backend, "only/f.txt", "elsewhere.txt", false),
    );
    holds(
        "BE-004",
        "is_folder(\"only\") after moving its last file",
        is_folder("BE-004", backend, "only"),
        "true (the parent is not pruned)",
        false,
    );
}

fn self_op(backend: &dyn Backend, _: &Settings, op: Transfer) {
    seed(backend, "self/f.txt", "data");
    for overwrite in [false, true] {
        ok(
            "BE-004",
            &format!("{op:?}(\"self/f.txt\", \"self/f.txt\", overwrite={overwrite})"),
            op.run(backend, "self/f.txt", "self/f.txt", overwrite),
        );
        has_content("BE-004", backend, "self/f.txt", "data");
    }
}

table_checks! {
    /// `rename` of a file onto itself is a no-op, with or without overwrite.
    rename_onto_itself_keeps_the_data => self_op(Transfer::Rename);
    /// `copy` of a file onto itself is a no-op, with or without overwrite.
    copy_onto_itself_keeps_the_data => self_op(Transfer::Copy);
}

const MISSING_SOURCE: RefusedTransfer = RefusedTransfer {
    clause: "BE-021",
    seed: &[],
    calls: &[("nope.txt", "dst.txt", false)],
    refusal: Naming(ErrorKind::NotFound, "nope.txt"),
    then: TransferThen::Nothing,
};

const ONTO_A_FILE: RefusedTransfer = RefusedTransfer {
    clause: "BE-008",
    seed: &[("mc/a.txt", "a"), ("mc/b.txt", "b")],
    calls: &[("mc/a.txt", "mc/b.txt", false)],
    refusal: Naming(ErrorKind::AlreadyExists, "mc/b.txt"),
    then: TransferThen::KeepsTheSeed,
};

const MISSING_ONTO_ITSELF: RefusedTransfer = RefusedTransfer {
    clause: "BE-021",
    seed: &[],
    calls: &[("ghost", "ghost", false), ("ghost", "ghost", true)],
    refusal: Kind(ErrorKind::NotFound),
    then: TransferThen::Absent("ghost"),
};

const FOLDER_ONTO_ITSELF: RefusedTransfer = RefusedTransfer {
    clause: "BE-021",
    seed: &[("sd/child.txt", "child")],
    calls: &[("sd", "sd", false), ("sd", "sd", true)],
    refusal: Kind(ErrorKind::InvalidPath),
    then: TransferThen::KeepsTheSeed,
};

table_checks! {
    /// `rename` of a missing source is `NotFound` naming it.
    rename_of_a_missing_source_is_not_found => refused_transfer(Transfer::Rename, &MISSING_SOURCE);
    /// `copy` of a missing source is `NotFound` naming it.
    copy_of_a_missing_source_is_not_found => refused_transfer(Transfer::Copy, &MISSING_SOURCE);
    /// `rename` onto an existing file without `overwrite` is `AlreadyExists`
    /// naming the destination; both files are unchanged.
    rename_without_overwrite_is_already_exists =>
        refused_transfer(Transfer::Rename, &ONTO_A_FILE);
    /// The same for `copy`.
    copy_without_overwrite_is_already_exists => refused_transfer(Transfer::Copy, &ONTO_A_FILE);
    /// `rename` of a missing path onto itself is `NotFound`.
    rename_of_a_missing_path_onto_itself_is_not_found =>
        refused_transfer(Transfer::Rename, &MISSING_ONTO_ITSELF);
    /// `copy` of a missing path onto itself is `NotFound`.
    copy_of_a_missing_path_onto_itself_is_not_found =>
        refused_transfer(Transfer::Copy, &MISSING_ONTO_ITSELF);
    /// `rename` of a folder onto itself is `InvalidPath`.
    rename_of_a_folder_onto_itself_is_invalid_path =>
        refused_transfer(Transfer::Rename, &FOLDER_ONTO_ITSELF);
    /// `copy` of a folder onto itself is `InvalidPath`.
    copy_of_a_folder_onto_itself_is_invalid_path =>
        refused_transfer(Transfer::Copy, &FOLDER_ONTO_ITSELF);
}

/// Through a [`Store`](crate::Store), a self-move or self-copy never
/// reaches the backend, and the store asks the backend's probes instead: a
/// folder (spelled `d` or `d/`) is `InvalidPath` naming the source as
/// given, since type mismatch outranks not-found (BE-021, as the reference
/// library's store answers).
pub fn store_self_transfer_of_a_folder_is_invalid_path(
    factory: &dyn Fn() -> Box<dyn Backend>,
    _: &Settings,
) {
    let store = ok(
        "BE-021",
        "Store::new(backend, \"sub\")",
        crate::Store::new(factory(), "sub"),
    );
    ok(
        "BE-021",
        "write(\"sd/child.txt\")",
        store.write("sd/child.txt", "child"),
    );
    for (src, dst) in [("sd", "sd"), ("sd", "sd/")] {
        let calls: [(&str, crate::Result<()>); 2] = [
            ("rename", store.rename(src, dst)),
            ("copy", store.copy(src, dst)),
        ];
        for (op, result) in calls {
            let what = format!("Store::{op}({src:?}, {dst:?}) of a folder");
            match result {
                Err(e) if e.kind() == ErrorKind::InvalidPath && e.path() == Some(src) => {}
                found => fail("BE-021", &what, "Err(InvalidPath) naming \"sd\"", found),
            }
        }
    }
    match store.read_bytes("sd/child.txt") {
        Ok(bytes) if bytes == "child" => {}
        found => fail(
            "BE-021",
            "read_bytes(\"sd/child.txt\") after",
            "Ok(\"child\")",
            found,
        ),
    }
}
