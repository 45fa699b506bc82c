//! Folder-semantics traps that object-store and filesystem abstractions keep
//! getting wrong: listing a file path, `foo` against `foo.bar`, empty folders,
//! file over folder and folder over file, the root never being a file, and
//! duplicates in listings.

use std::collections::BTreeSet;

use super::Settings;
use super::support::{
    children, err_kind, exists, file_set, folder_options, folder_set, has_content, holds, is_file,
    is_folder, missing_ok, ok, p, same, seed, seed_all, set, snapshot, unique, write,
};
use crate::{Backend, ErrorKind};

/// Listing the path of a file yields nothing: a file is not a folder.
pub fn listing_a_file_path_is_empty(backend: &dyn Backend, _: &Settings) {
    seed_all(backend, &[("lfp/a.txt", "a"), ("lfp/b.txt", "b")]);
    for recursive in [false, true] {
        same(
            "BE-014",
            &format!("list_files(\"lfp/a.txt\", recursive={recursive})"),
            BTreeSet::new(),
            file_set("BE-014", backend, "lfp/a.txt", recursive),
        );
    }
    same(
        "BE-014",
        "list_folders(\"lfp/a.txt\")",
        BTreeSet::new(),
        folder_set("BE-014", backend, "lfp/a.txt"),
    );
    same(
        "BE-014",
        "iter_children(\"lfp/a.txt\")",
        Vec::<(String, String)>::new(),
        children("BE-014", backend, "lfp/a.txt"),
    );
}

const PREFIX_SIBLINGS: [(&str, &str); 4] = [
    ("foo/in.txt", "1"),
    ("foo.bar/out.txt", "22"),
    ("foobar", "333"),
    ("foo-x/y.txt", "4444"),
];

/// A listing of `foo` contains nothing of `foo.bar`, `foobar` or `foo-x`.
pub fn prefix_siblings_do_not_leak_into_a_listing(backend: &dyn Backend, _: &Settings) {
    seed_all(backend, &PREFIX_SIBLINGS);
    same(
        "BE-014",
        "list_files(\"foo\", recursive)",
        set(&["foo/in.txt"]),
        file_set("BE-014", backend, "foo", true),
    );
    same(
        "BE-014",
        "list_folders(\"foo\")",
        BTreeSet::new(),
        folder_set("BE-014", backend, "foo"),
    );
    same(
        "BE-014",
        "list_folders(\"\")",
        set(&["foo", "foo-x", "foo.bar"]),
        folder_set("BE-014", backend, ""),
    );
}

/// `get_folder_info("foo")` counts nothing of its prefix siblings.
pub fn prefix_siblings_do_not_leak_into_folder_info(backend: &dyn Backend, _: &Settings) {
    seed_all(backend, &PREFIX_SIBLINGS);
    let info = ok(
        "BE-004",
        "get_folder_info(\"foo\")",
        backend.get_folder_info(&p("foo")),
    );
    same(
        "BE-004",
        "(file_count, total_size) of foo",
        (1, 1),
        (info.file_count, info.total_size),
    );
}

/// A recursive `delete_folder("foo")` spares `foo.bar`, `foobar`, `foo-x`.
pub fn prefix_siblings_survive_a_recursive_delete(backend: &dyn Backend, _: &Settings) {
    seed_all(backend, &PREFIX_SIBLINGS);
    ok(
        "BE-004",
        "delete_folder(\"foo\", recursive)",
        backend.delete_folder(&p("foo"), folder_options(true, false)),
    );
    for (path, content) in &PREFIX_SIBLINGS[1..] {
        has_content("BE-004", backend, path, content);
    }
}

/// A name prefix of a folder is not a folder: with `foo/x`, `fo` does not
/// exist and lists nothing.
pub fn a_name_prefix_is_not_a_folder(backend: &dyn Backend, _: &Settings) {
    seed(backend, "foo/x.txt", "x");
    same(
        "BE-004",
        "(exists, is_folder) of \"fo\"",
        (false, false),
        (
            exists("BE-004", backend, "fo"),
            is_folder("BE-004", backend, "fo"),
        ),
    );
    same(
        "BE-014",
        "list_files(\"fo\", recursive)",
        BTreeSet::new(),
        file_set("BE-014", backend, "fo", true),
    );
}

/// Deleting the last file keeps the folder: it is still a folder, still
/// listed by its parent, and lists empty.
pub fn an_empty_folder_survives(backend: &dyn Backend, _: &Settings) {
    seed(backend, "keep/only.txt", "x");
    ok(
        "BE-004",
        "delete(\"keep/only.txt\")",
        backend.delete(&p("keep/only.txt"), missing_ok(false)),
    );
    holds(
        "BE-004",
        "is_folder(\"keep\") after deleting its last file",
        is_folder("BE-004", backend, "keep"),
        "true",
        false,
    );
    same(
        "BE-014",
        "list_folders(\"\")",
        set(&["keep"]),
        folder_set("BE-014", backend, ""),
    );
    same(
        "BE-014",
        "list_files(\"keep\")",
        BTreeSet::new(),
        file_set("BE-014", backend, "keep", false),
    );
    let info = ok(
        "BE-004",
        "get_folder_info(\"keep\")",
        backend.get_folder_info(&p("keep")),
    );
    same(
        "BE-004",
        "(file_count, total_size) of an empty folder",
        (0, 0),
        (info.file_count, info.total_size),
    );
}

/// A file cannot be written over a folder; the folder and its listing are
/// unchanged.
pub fn a_file_over_a_folder_is_refused(backend: &dyn Backend, _: &Settings) {
    seed(backend, "fof/child.txt", "child");
    let before = snapshot("BE-008", backend);
    err_kind(
        "BE-008",
        "write(\"fof\") over a folder",
        ErrorKind::InvalidPath,
        write(backend, "fof", "file"),
    );
    same(
        "BE-008",
        "the store after the refused write",
        before,
        snapshot("BE-008", backend),
    );
    same(
        "BE-008",
        "(is_file, is_folder) of \"fof\"",
        (false, true),
        (
            is_file("BE-008", backend, "fof"),
            is_folder("BE-008", backend, "fof"),
        ),
    );
}

/// A folder cannot be created under a file; the file and the listing are
/// unchanged.
pub fn a_folder_over_a_file_is_refused(backend: &dyn Backend, _: &Settings) {
    seed(backend, "fif", "file");
    let before = snapshot("BE-008", backend);
    err_kind(
        "BE-008",
        "write(\"fif/child.txt\") under a file",
        ErrorKind::InvalidPath,
        write(backend, "fif/child.txt", "x"),
    );
    same(
        "BE-008",
        "the store after the refused write",
        before,
        snapshot("BE-008", backend),
    );
    same(
        "BE-008",
        "(is_file, is_folder) of \"fif\"",
        (true, false),
        (
            is_file("BE-008", backend, "fif"),
            is_folder("BE-008", backend, "fif"),
        ),
    );
}

/// The root is never a file: not after writes, not after deleting everything.
pub fn the_root_is_never_a_file(backend: &dyn Backend, _: &Settings) {
    seed_all(backend, &[("r1.txt", "1"), ("rd/r2.txt", "2")]);
    ok(
        "BE-004",
        "delete(\"r1.txt\")",
        backend.delete(&p("r1.txt"), missing_ok(false)),
    );
    ok(
        "BE-004",
        "delete_folder(\"rd\", recursive)",
        backend.delete_folder(&p("rd"), folder_options(true, false)),
    );
    for root in ["", "."] {
        same(
            "BE-029",
            &format!("(exists, is_folder, is_file) of {root:?} after deleting everything"),
            (true, true, false),
            (
                exists("BE-029", backend, root),
                is_folder("BE-029", backend, root),
                is_file("BE-029", backend, root),
            ),
        );
    }
    same(
        "BE-014",
        "list_files(\"\", recursive)",
        BTreeSet::new(),
        file_set("BE-014", backend, "", true),
    );
}

/// A folder holding many files is listed once; no listing repeats an entry.
pub fn listings_have_no_duplicates(backend: &dyn Backend, _: &Settings) {
    seed_all(
        backend,
        &[
            ("dup/sub/a.txt", "a"),
            ("dup/sub/b.txt", "b"),
            ("dup/sub/c/d.txt", "d"),
            ("dup/sub.txt", "s"),
            ("dup/other/e.txt", "e"),
        ],
    );
    same(
        "BE-014",
        "list_folders(\"dup\")",
        set(&["dup/other", "dup/sub"]),
        folder_set("BE-014", backend, "dup"),
    );
    let kids = unique(
        "ITER-004",
        "iter_children(\"dup\")",
        children("ITER-004", backend, "dup"),
    );
    same("ITER-004", "number of children of dup", 3, kids.len());
    same(
        "BE-014",
        "files of dup, recursive",
        5,
        file_set("BE-014", backend, "dup", true).len(),
    );
}

/// Deep writes imply each folder level once: `list_folders` of the root
/// shows `a`, not `a/b`.
pub fn implied_folders_appear_level_by_level(backend: &dyn Backend, _: &Settings) {
    seed(backend, "lv/b/c/d.txt", "x");
    same(
        "BE-014",
        "list_folders(\"\")",
        set(&["lv"]),
        folder_set("BE-014", backend, ""),
    );
    same(
        "BE-014",
        "list_folders(\"lv\")",
        set(&["lv/b"]),
        folder_set("BE-014", backend, "lv"),
    );
    same(
        "BE-014",
        "list_folders(\"lv/b\")",
        set(&["lv/b/c"]),
        folder_set("BE-014", backend, "lv/b"),
    );
}
