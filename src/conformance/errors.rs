//! Error fidelity: which error each misuse raises, and that a refused call
//! changes nothing (BE-021 table, `test_errors.py`).

use std::io::Write;

use self::misuse::Call::{Delete, DeleteFolder, FileInfo, FolderInfo, Open, Read, ReadBytes};
use self::misuse::Refusal::{Kind, Naming};
use self::misuse::{Misuse, Then, refused};
use super::Settings;
use super::support::{
    Probe, Writer, deleted, err_at, err_kind, err_naming, fail, file_set, folder_options,
    has_content, holds, is_folder, lists_files, p, probe_says, same, seed, seed_all,
};
use crate::{Backend, ErrorKind};
use ErrorKind::{DirectoryNotEmpty, InvalidPath, NotFound};

pub(super) mod misuse;
mod transfer;
pub use self::transfer::*;

const FOLDER: &[(&str, &str)] = &[("ddir/child.txt", "child")];

table_checks! {
    /// `read` of a folder is `InvalidPath` naming it (type mismatch outranks
    /// not-found).
    read_of_a_folder_is_invalid_path => refused(Misuse {
        clause: "BE-021", seed: &[("rdir/child.txt", "x")], call: Read("rdir"),
        refusal: Naming(InvalidPath), then: Then::Nothing,
    });
    /// `read_bytes` of a folder is `InvalidPath` naming it.
    read_bytes_of_a_folder_is_invalid_path => refused(Misuse {
        clause: "BE-021", seed: &[("rdir/child.txt", "x")], call: ReadBytes("rdir"),
        refusal: Naming(InvalidPath), then: Then::Nothing,
    });
    /// `read` under a file ancestor is `NotFound`, not `InvalidPath`.
    read_under_a_file_is_not_found => refused(Misuse {
        clause: "ID-209", seed: &[("rufa.txt", "x")], call: Open("rufa.txt/child.txt"),
        refusal: Naming(NotFound), then: Then::Nothing,
    });
    /// `read_bytes` under a file ancestor is `NotFound`, not `InvalidPath`.
    read_bytes_under_a_file_is_not_found => refused(Misuse {
        clause: "ID-209", seed: &[("rufa.txt", "x")], call: ReadBytes("rufa.txt/child.txt"),
        refusal: Kind(NotFound), then: Then::Nothing,
    });
    /// `delete` of a folder is `InvalidPath`; the child survives.
    delete_of_a_folder_is_invalid_path => refused(Misuse {
        clause: "BE-021", seed: FOLDER, call: Delete("ddir", false),
        refusal: Naming(InvalidPath), then: Then::KeepsTheSeed,
    });
    /// `delete(folder, missing_ok)` is still `InvalidPath`; the child survives.
    delete_of_a_folder_with_missing_ok_is_invalid_path => refused(Misuse {
        clause: "BE-021", seed: FOLDER, call: Delete("ddir", true),
        refusal: Naming(InvalidPath), then: Then::KeepsTheSeed,
    });
    /// `delete` under a file ancestor is `NotFound`, silent with `missing_ok`;
    /// the blocker is intact.
    delete_under_a_file_is_not_found => refused(Misuse {
        clause: "ID-209", seed: &[("dblock.txt", "blocker")], call: Delete("dblock.txt/child", false),
        refusal: Naming(NotFound), then: Then::PassesWith(Delete("dblock.txt/child", true)),
    });
    /// `delete_folder` under a file ancestor is `NotFound` naming the path, and
    /// silent with `missing_ok`; the blocker is intact.
    delete_folder_under_a_file_is_not_found => refused(Misuse {
        clause: "ID-209", seed: &[("fblock.txt", "blocker")],
        call: DeleteFolder("fblock.txt/sub", false, false), refusal: Naming(NotFound),
        then: Then::PassesWith(DeleteFolder("fblock.txt/sub", true, true)),
    });
    /// A non-recursive `delete_folder` of a non-empty folder is
    /// `DirectoryNotEmpty`, and removes nothing.
    delete_folder_of_a_non_empty_folder_is_directory_not_empty => refused(Misuse {
        clause: "BE-021", seed: &[("full/a.txt", "a"), ("full/sub/b.txt", "b")],
        call: DeleteFolder("full", false, false), refusal: Naming(DirectoryNotEmpty),
        then: Then::KeepsTheSeed,
    });
    /// `get_file_info` of a folder is `InvalidPath`.
    file_info_of_a_folder_is_invalid_path => refused(Misuse {
        clause: "BE-021", seed: &[("gdir/child.txt", "x")], call: FileInfo("gdir"),
        refusal: Naming(InvalidPath), then: Then::Nothing,
    });
    /// `get_file_info` under a file ancestor is `NotFound`.
    file_info_under_a_file_is_not_found => refused(Misuse {
        clause: "ID-209", seed: &[("gblock.txt", "x")], call: FileInfo("gblock.txt/child"),
        refusal: Naming(NotFound), then: Then::Nothing,
    });
    /// `get_folder_info` of a file is `InvalidPath`.
    folder_info_of_a_file_is_invalid_path => refused(Misuse {
        clause: "BE-021", seed: &[("gfile.txt", "x")], call: FolderInfo("gfile.txt"),
        refusal: Naming(InvalidPath), then: Then::Nothing,
    });
    /// `get_folder_info` under a file ancestor is `NotFound`.
    folder_info_under_a_file_is_not_found => refused(Misuse {
        clause: "ID-209", seed: &[("gfile.txt", "x")], call: FolderInfo("gfile.txt/sub"),
        refusal: Naming(NotFound), then: Then::Nothing,
    });

    /// `write` onto a folder is `InvalidPath`, not `AlreadyExists` (BE-008).
    write_onto_a_folder_is_invalid_path => onto_a_folder(Writer::Write, &[false]);
    /// `write` onto a folder with `overwrite` is still `InvalidPath`.
    write_onto_a_folder_with_overwrite_is_invalid_path => onto_a_folder(Writer::Write, &[true]);
    /// `write_atomic` onto a folder is `InvalidPath`, with or without overwrite.
    write_atomic_onto_a_folder_is_invalid_path =>
        onto_a_folder(Writer::WriteAtomic, &[false, true]);

    /// `write` under a file ancestor is `InvalidPath` naming the blocking file,
    /// which is unchanged.
    write_under_a_file_is_invalid_path => under_a_file(Writer::Write);
    /// `write_atomic` under a file ancestor is `InvalidPath` naming the blocker.
    write_atomic_under_a_file_is_invalid_path => under_a_file(Writer::WriteAtomic);

    /// `delete_folder` of a file is `InvalidPath`; the file survives.
    delete_folder_of_a_file_is_invalid_path => delete_folder_on_file(false);
    /// `delete_folder(file, missing_ok)` is still `InvalidPath`.
    delete_folder_of_a_file_with_missing_ok_is_invalid_path => delete_folder_on_file(true);
}

/// `writer` onto the folder `wdir` with each of `overwrites` is
/// `InvalidPath` naming it, and the folder is unchanged. A plain write also
/// tries an emptied (explicit) folder, which is a folder too.
fn onto_a_folder(backend: &dyn Backend, settings: &Settings, writer: Writer, overwrites: &[bool]) {
    let name = writer.name();
    let empty_too = writer == Writer::Write
        && !settings.flat_namespace
        && backend.capabilities().supports(crate::Capability::DELETE);
    if empty_too {
        seed(backend, "wempty/gone.txt", "x");
        deleted("BE-004", backend, "wempty/gone.txt");
        for &on in overwrites {
            let what = format!("{name} onto the empty folder \"wempty\" (overwrite={on})");
            let result = writer.run(backend, "wempty", "x", on);
            err_naming("BE-008", &what, InvalidPath, "wempty", result);
        }
    }
    seed(backend, "wdir/child.txt", "child");
    for &on in overwrites {
        let what = format!("{name} onto the folder \"wdir\" (overwrite={on})");
        let result = writer.run(backend, "wdir", "x", on);
        err_naming("BE-008", &what, InvalidPath, "wdir", result);
    }
    probe_says("BE-008", backend, Probe::IsFolder, "wdir", true);
    has_content("BE-008", backend, "wdir/child.txt", "child");
}

/// `writer` under the file `blocker.txt` is `InvalidPath` naming the target
/// or the blocker, which is unchanged.
fn under_a_file(backend: &dyn Backend, _: &Settings, writer: Writer) {
    seed(backend, "blocker.txt", "blocker");
    for path in ["blocker.txt/child.txt", "blocker.txt/a/b.txt"] {
        for on in [false, true] {
            let op = writer.name();
            let what = format!("{op}({path:?}, overwrite={on}) under the file \"blocker.txt\"");
            let result = writer.run(backend, path, "x", on);
            err_at("BE-008", &what, InvalidPath, &[path, "blocker.txt"], result);
            has_content("BE-008", backend, "blocker.txt", "blocker");
            probe_says("BE-008", backend, Probe::IsFile, "blocker.txt", true);
        }
    }
}

/// `open_atomic` under a file ancestor is `InvalidPath` (on open or on
/// commit); afterwards the blocker is the only file (no orphan temp file).
pub fn open_atomic_under_a_file_is_invalid_path(backend: &dyn Backend, _: &Settings) {
    seed(backend, "oblock.txt", "blocker");
    let result = backend
        .open_atomic(
            &p("oblock.txt/child.txt"),
            &super::support::overwrite(false),
        )
        .and_then(|mut writer| {
            if let Err(e) = writer.write_all(b"payload") {
                fail("SAW-012", "writing into an open_atomic writer", "Ok(())", e);
            }
            writer.commit()
        });
    err_kind(
        "SAW-012",
        "open_atomic(\"oblock.txt/child.txt\") + commit",
        ErrorKind::InvalidPath,
        result,
    );
    has_content("SAW-012", backend, "oblock.txt", "blocker");
    same(
        "AW-004",
        "every file after the refused open_atomic",
        super::support::set(&["oblock.txt"]),
        file_set("AW-004", backend, "", true),
    );
}

/// `delete_folder` of the file `dfile.txt` (recursive or not) is
/// `InvalidPath`, and the file survives.
fn delete_folder_on_file(backend: &dyn Backend, settings: &Settings, missing: bool) {
    seed(backend, "dfile.txt", "file");
    let what = format!("delete_folder(\"dfile.txt\", missing_ok={missing}) of a file");
    for recursive in [false, true] {
        let result = backend.delete_folder(&p("dfile.txt"), folder_options(recursive, missing));
        match result {
            Err(ref e) if e.kind() == ErrorKind::InvalidPath => {}
            // A flat namespace may see no folder there at all; it still must
            // answer with a typed error and leave the file alone.
            Err(ref e)
                if settings.flat_namespace && e.kind() == ErrorKind::NotFound && !missing => {}
            Ok(()) if settings.flat_namespace && missing => {}
            found => fail("BE-021", &what, "Err(InvalidPath)", found),
        }
    }
    has_content("BE-021", backend, "dfile.txt", "file");
}

/// After a recursive `delete_folder`, a recursive listing of it is empty.
pub fn delete_folder_recursive_leaves_no_child(backend: &dyn Backend, _: &Settings) {
    seed_all(
        backend,
        &[("rec/a", "1"), ("rec/b/c", "2"), ("rec/b/d/e", "3")],
    );
    if let Err(e) = backend.delete_folder(&p("rec"), folder_options(true, false)) {
        fail("BE-004", "delete_folder(\"rec\", recursive)", "Ok(())", e);
    }
    lists_files("BE-004", backend, "rec", true, &[]);
    probe_says("BE-004", backend, Probe::Exists, "rec", false);
}

/// An empty subfolder is a child too: a non-recursive `delete_folder` of its
/// parent is `DirectoryNotEmpty`.
pub fn delete_folder_of_a_folder_with_an_empty_subfolder_is_directory_not_empty(
    backend: &dyn Backend,
    _: &Settings,
) {
    seed(backend, "outer/inner/f.txt", "x");
    deleted("BE-004", backend, "outer/inner/f.txt");
    err_naming(
        "BE-021",
        "delete_folder(\"outer\") holding an empty folder",
        ErrorKind::DirectoryNotEmpty,
        "outer",
        backend.delete_folder(&p("outer"), folder_options(false, false)),
    );
    let kept = is_folder("BE-021", backend, "outer/inner");
    holds("BE-021", "is_folder(\"outer/inner\")", kept, "true", false);
}
