//! Error fidelity: which error each misuse raises, and that a refused call
//! changes nothing (BE-021 table, `test_errors.py`).

use std::io::Write;

use super::Settings;
use super::support::{
    drain, err_at, err_kind, err_naming, exists, fail, file_set, folder_options, has_content,
    holds, is_file, is_folder, missing_ok, overwrite, p, read, same, seed, seed_all,
};
use crate::{Backend, Content, Error, ErrorKind};

mod transfer;
pub use self::transfer::*;

/// `read` of a folder is `InvalidPath` naming it (type mismatch outranks
/// not-found).
pub fn read_of_a_folder_is_invalid_path(backend: &dyn Backend, _: &Settings) {
    seed(backend, "rdir/child.txt", "x");
    let result = backend
        .read(&p("rdir"))
        .and_then(|s| drain(s).map_err(|e| Error::io("rdir", "drain", e)));
    err_naming(
        "BE-021",
        "read(\"rdir\") of a folder",
        ErrorKind::InvalidPath,
        "rdir",
        result,
    );
}

/// `read_bytes` of a folder is `InvalidPath` naming it.
pub fn read_bytes_of_a_folder_is_invalid_path(backend: &dyn Backend, _: &Settings) {
    seed(backend, "rdir/child.txt", "x");
    err_naming(
        "BE-021",
        "read_bytes(\"rdir\") of a folder",
        ErrorKind::InvalidPath,
        "rdir",
        read(backend, "rdir"),
    );
}

/// `read` under a file ancestor is `NotFound`, not `InvalidPath`.
pub fn read_under_a_file_is_not_found(backend: &dyn Backend, _: &Settings) {
    seed(backend, "rufa.txt", "x");
    err_naming(
        "BE-021",
        "read(\"rufa.txt/child.txt\")",
        ErrorKind::NotFound,
        "rufa.txt/child.txt",
        backend.read(&p("rufa.txt/child.txt")),
    );
}

/// `read_bytes` under a file ancestor is `NotFound`, not `InvalidPath`.
pub fn read_bytes_under_a_file_is_not_found(backend: &dyn Backend, _: &Settings) {
    seed(backend, "rufa.txt", "x");
    err_kind(
        "BE-021",
        "read_bytes(\"rufa.txt/child.txt\")",
        ErrorKind::NotFound,
        read(backend, "rufa.txt/child.txt"),
    );
}

fn write_onto_folder(backend: &dyn Backend, settings: &Settings, on: bool) {
    if !settings.flat_namespace && backend.capabilities().supports(crate::Capability::DELETE) {
        // An emptied (explicit) folder is a folder too.
        seed(backend, "wempty/gone.txt", "x");
        let deleted = backend.delete(&p("wempty/gone.txt"), missing_ok(false));
        super::support::ok("BE-004", "delete(\"wempty/gone.txt\")", deleted);
        let result = backend.write(&p("wempty"), Content::from("x"), &overwrite(on));
        let what = format!("write onto the empty folder \"wempty\" (overwrite={on})");
        err_naming("BE-008", &what, ErrorKind::InvalidPath, "wempty", result);
    }
    seed(backend, "wdir/child.txt", "child");
    let what = format!("write onto the folder \"wdir\" (overwrite={on})");
    err_naming(
        "BE-008",
        &what,
        ErrorKind::InvalidPath,
        "wdir",
        backend.write(&p("wdir"), Content::from("x"), &overwrite(on)),
    );
    holds(
        "BE-008",
        &format!("is_folder(\"wdir\") after {what}"),
        is_folder("BE-008", backend, "wdir"),
        "true",
        false,
    );
    has_content("BE-008", backend, "wdir/child.txt", "child");
}

/// `write` onto a folder is `InvalidPath`, not `AlreadyExists` (BE-008).
pub fn write_onto_a_folder_is_invalid_path(backend: &dyn Backend, settings: &Settings) {
    write_onto_folder(backend, settings, false);
}

/// `write` onto a folder with `overwrite` is still `InvalidPath`.
pub fn write_onto_a_folder_with_overwrite_is_invalid_path(
    backend: &dyn Backend,
    settings: &Settings,
) {
    write_onto_folder(backend, settings, true);
}

fn under_a_file(
    backend: &dyn Backend,
    op: &str,
    call: impl Fn(&str, bool) -> crate::Result<crate::WriteResult>,
) {
    seed(backend, "blocker.txt", "blocker");
    for path in ["blocker.txt/child.txt", "blocker.txt/a/b.txt"] {
        for on in [false, true] {
            let what = format!("{op}({path:?}, overwrite={on}) under the file \"blocker.txt\"");
            err_at(
                "BE-008",
                &what,
                ErrorKind::InvalidPath,
                &[path, "blocker.txt"],
                call(path, on),
            );
            has_content("BE-008", backend, "blocker.txt", "blocker");
            holds(
                "BE-008",
                &format!("is_file(\"blocker.txt\") after {what}"),
                is_file("BE-008", backend, "blocker.txt"),
                "true",
                false,
            );
        }
    }
}

/// `write` under a file ancestor is `InvalidPath` naming the blocking file,
/// which is unchanged.
pub fn write_under_a_file_is_invalid_path(backend: &dyn Backend, _: &Settings) {
    under_a_file(backend, "write", |path, on| {
        backend.write(&p(path), Content::from("x"), &overwrite(on))
    });
}

/// `write_atomic` under a file ancestor is `InvalidPath` naming the blocker.
pub fn write_atomic_under_a_file_is_invalid_path(backend: &dyn Backend, _: &Settings) {
    under_a_file(backend, "write_atomic", |path, on| {
        backend.write_atomic(&p(path), Content::from("x"), &overwrite(on))
    });
}

/// `open_atomic` under a file ancestor is `InvalidPath` (on open or on
/// commit); afterwards the blocker is the only file (no orphan temp file).
pub fn open_atomic_under_a_file_is_invalid_path(backend: &dyn Backend, _: &Settings) {
    seed(backend, "oblock.txt", "blocker");
    let result = backend
        .open_atomic(&p("oblock.txt/child.txt"), &overwrite(false))
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

/// `delete` of a folder is `InvalidPath`; the child survives.
pub fn delete_of_a_folder_is_invalid_path(backend: &dyn Backend, _: &Settings) {
    seed(backend, "ddir/child.txt", "child");
    err_naming(
        "BE-021",
        "delete(\"ddir\") of a folder",
        ErrorKind::InvalidPath,
        "ddir",
        backend.delete(&p("ddir"), missing_ok(false)),
    );
    has_content("BE-021", backend, "ddir/child.txt", "child");
}

/// `delete(folder, missing_ok)` is still `InvalidPath`; the child survives.
pub fn delete_of_a_folder_with_missing_ok_is_invalid_path(backend: &dyn Backend, _: &Settings) {
    seed(backend, "ddir/child.txt", "child");
    err_naming(
        "BE-021",
        "delete(\"ddir\", missing_ok) of a folder",
        ErrorKind::InvalidPath,
        "ddir",
        backend.delete(&p("ddir"), missing_ok(true)),
    );
    has_content("BE-021", backend, "ddir/child.txt", "child");
}

/// `delete` under a file ancestor is `NotFound`, silent with `missing_ok`;
/// the blocker is intact.
pub fn delete_under_a_file_is_not_found(backend: &dyn Backend, _: &Settings) {
    seed(backend, "dblock.txt", "blocker");
    err_naming(
        "BE-021",
        "delete(\"dblock.txt/child\")",
        ErrorKind::NotFound,
        "dblock.txt/child",
        backend.delete(&p("dblock.txt/child"), missing_ok(false)),
    );
    if let Err(e) = backend.delete(&p("dblock.txt/child"), missing_ok(true)) {
        fail(
            "BE-021",
            "delete(\"dblock.txt/child\", missing_ok)",
            "Ok(())",
            e,
        );
    }
    has_content("BE-021", backend, "dblock.txt", "blocker");
}

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

/// `delete_folder` of a file is `InvalidPath`; the file survives.
pub fn delete_folder_of_a_file_is_invalid_path(backend: &dyn Backend, settings: &Settings) {
    delete_folder_on_file(backend, settings, false);
}

/// `delete_folder(file, missing_ok)` is still `InvalidPath`.
pub fn delete_folder_of_a_file_with_missing_ok_is_invalid_path(
    backend: &dyn Backend,
    settings: &Settings,
) {
    delete_folder_on_file(backend, settings, true);
}

/// A non-recursive `delete_folder` of a non-empty folder is
/// `DirectoryNotEmpty`, and removes nothing.
pub fn delete_folder_of_a_non_empty_folder_is_directory_not_empty(
    backend: &dyn Backend,
    _: &Settings,
) {
    seed_all(backend, &[("full/a.txt", "a"), ("full/sub/b.txt", "b")]);
    err_naming(
        "BE-021",
        "delete_folder(\"full\") without recursive",
        ErrorKind::DirectoryNotEmpty,
        "full",
        backend.delete_folder(&p("full"), folder_options(false, false)),
    );
    has_content("BE-021", backend, "full/a.txt", "a");
    has_content("BE-021", backend, "full/sub/b.txt", "b");
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
    same(
        "BE-004",
        "list_files(\"rec\", recursive) after the delete",
        Default::default(),
        file_set("BE-004", backend, "rec", true),
    );
    holds(
        "BE-004",
        "exists(\"rec\")",
        !exists("BE-004", backend, "rec"),
        "false",
        true,
    );
}

/// `get_file_info` of a folder is `InvalidPath`.
pub fn file_info_of_a_folder_is_invalid_path(backend: &dyn Backend, _: &Settings) {
    seed(backend, "gdir/child.txt", "x");
    err_naming(
        "BE-021",
        "get_file_info(\"gdir\") of a folder",
        ErrorKind::InvalidPath,
        "gdir",
        backend.get_file_info(&p("gdir")),
    );
}

/// `get_file_info` under a file ancestor is `NotFound`.
pub fn file_info_under_a_file_is_not_found(backend: &dyn Backend, _: &Settings) {
    seed(backend, "gblock.txt", "x");
    err_naming(
        "BE-021",
        "get_file_info(\"gblock.txt/child\")",
        ErrorKind::NotFound,
        "gblock.txt/child",
        backend.get_file_info(&p("gblock.txt/child")),
    );
}

/// `get_folder_info` of a file is `InvalidPath`.
pub fn folder_info_of_a_file_is_invalid_path(backend: &dyn Backend, _: &Settings) {
    seed(backend, "gfile.txt", "x");
    err_naming(
        "BE-021",
        "get_folder_info(\"gfile.txt\") of a file",
        ErrorKind::InvalidPath,
        "gfile.txt",
        backend.get_folder_info(&p("gfile.txt")),
    );
}

/// `get_folder_info` under a file ancestor is `NotFound`.
pub fn folder_info_under_a_file_is_not_found(backend: &dyn Backend, _: &Settings) {
    seed(backend, "gfile.txt", "x");
    err_naming(
        "BE-021",
        "get_folder_info(\"gfile.txt/sub\")",
        ErrorKind::NotFound,
        "gfile.txt/sub",
        backend.get_folder_info(&p("gfile.txt/sub")),
    );
}

/// `write_atomic` onto a folder is `InvalidPath`, with or without overwrite.
pub fn write_atomic_onto_a_folder_is_invalid_path(backend: &dyn Backend, _: &Settings) {
    seed(backend, "wdir/child.txt", "child");
    for on in [false, true] {
        let what = format!("write_atomic onto the folder \"wdir\" (overwrite={on})");
        err_naming(
            "BE-008",
            &what,
            ErrorKind::InvalidPath,
            "wdir",
            backend.write_atomic(&p("wdir"), Content::from("x"), &overwrite(on)),
        );
    }
    holds(
        "BE-008",
        "is_folder(\"wdir\")",
        is_folder("BE-008", backend, "wdir"),
        "true",
        false,
    );
    has_content("BE-008", backend, "wdir/child.txt", "child");
}

/// `delete_folder` under a file ancestor is `NotFound` naming the path, and
/// silent with `missing_ok`; the blocker is intact.
pub fn delete_folder_under_a_file_is_not_found(backend: &dyn Backend, _: &Settings) {
    seed(backend, "fblock.txt", "blocker");
    err_naming(
        "BE-021",
        "delete_folder(\"fblock.txt/sub\")",
        ErrorKind::NotFound,
        "fblock.txt/sub",
        backend.delete_folder(&p("fblock.txt/sub"), folder_options(false, false)),
    );
    if let Err(e) = backend.delete_folder(&p("fblock.txt/sub"), folder_options(true, true)) {
        fail(
            "BE-021",
            "delete_folder(\"fblock.txt/sub\", missing_ok)",
            "Ok(())",
            e,
        );
    }
    has_content("BE-021", backend, "fblock.txt", "blocker");
}

/// An empty subfolder is a child too: a non-recursive `delete_folder` of its
/// parent is `DirectoryNotEmpty`.
pub fn delete_folder_of_a_folder_with_an_empty_subfolder_is_directory_not_empty(
    backend: &dyn Backend,
    _: &Settings,
) {
    seed(backend, "outer/inner/f.txt", "x");
    let deleted = backend.delete(&p("outer/inner/f.txt"), missing_ok(false));
    super::support::ok("BE-004", "delete(\"outer/inner/f.txt\")", deleted);
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
