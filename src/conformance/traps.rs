//! Folder-semantics traps that object-store and filesystem abstractions keep
//! getting wrong: listing a file path, `foo` against `foo.bar`, empty folders,
//! file over folder and folder over file, the root never being a file, and
//! duplicates in listings.

use super::Settings;
use super::support::{
    Probe, children, counts, deleted, err_kind, exists, file_set, folder_deleted, has_content,
    is_file, is_folder, lists_files, lists_folders, probe_says, probes_say, same, seed, seed_all,
    snapshot, unique, write,
};
use crate::{Backend, ErrorKind};

/// Listing the path of a file yields nothing: a file is not a folder.
pub fn listing_a_file_path_is_empty(backend: &dyn Backend, _: &Settings) {
    seed_all(backend, &[("lfp/a.txt", "a"), ("lfp/b.txt", "b")]);
    for recursive in [false, true] {
        lists_files("BE-014", backend, "lfp/a.txt", recursive, &[]);
    }
    lists_folders("BE-014", backend, "lfp/a.txt", &[]);
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
    lists_files("BE-014", backend, "foo", true, &["foo/in.txt"]);
    lists_folders("BE-014", backend, "foo", &[]);
    lists_folders("BE-014", backend, "", &["foo", "foo-x", "foo.bar"]);
}

/// `get_folder_info("foo")` counts nothing of its prefix siblings.
pub fn prefix_siblings_do_not_leak_into_folder_info(backend: &dyn Backend, _: &Settings) {
    seed_all(backend, &PREFIX_SIBLINGS);
    counts("BE-004", backend, "foo", (1, 1));
}

/// A recursive `delete_folder("foo")` spares `foo.bar`, `foobar`, `foo-x`.
pub fn prefix_siblings_survive_a_recursive_delete(backend: &dyn Backend, _: &Settings) {
    seed_all(backend, &PREFIX_SIBLINGS);
    folder_deleted("BE-004", backend, "foo", true);
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
    lists_files("BE-014", backend, "fo", true, &[]);
}

/// Deleting the last file keeps the folder: it is still a folder, still
/// listed by its parent, and lists empty.
pub fn an_empty_folder_survives(backend: &dyn Backend, _: &Settings) {
    seed(backend, "keep/only.txt", "x");
    deleted("BE-004", backend, "keep/only.txt");
    probe_says("BE-004", backend, Probe::IsFolder, "keep", true);
    lists_folders("BE-014", backend, "", &["keep"]);
    lists_files("BE-014", backend, "keep", false, &[]);
    counts("BE-004", backend, "keep", (0, 0));
}

table_checks! {
    /// A file cannot be written over a folder; the folder and its listing are
    /// unchanged.
    a_file_over_a_folder_is_refused => write_over_is_refused("fof/child.txt", "fof", (false, true));
    /// A folder cannot be created under a file; the file and the listing are
    /// unchanged.
    a_folder_over_a_file_is_refused => write_over_is_refused("fif", "fif/child.txt", (true, false));
}

/// With `existing` written, a write at `target` is `InvalidPath`, the store
/// is unchanged, and the top segment of both is still
/// `(is_file, is_folder)` as `kind` says.
fn write_over_is_refused(
    backend: &dyn Backend,
    _: &Settings,
    existing: &str,
    target: &str,
    kind: (bool, bool),
) {
    seed(backend, existing, "existing");
    let before = snapshot("BE-008", backend);
    let what = format!("write({target:?}) over {existing:?}");
    err_kind(
        "BE-008",
        &what,
        ErrorKind::InvalidPath,
        write(backend, target, "x"),
    );
    same(
        "BE-008",
        &format!("the store after {what}"),
        before,
        snapshot("BE-008", backend),
    );
    let top = existing.split('/').next().unwrap_or(existing);
    same(
        "BE-008",
        &format!("(is_file, is_folder) of {top:?}"),
        kind,
        (
            is_file("BE-008", backend, top),
            is_folder("BE-008", backend, top),
        ),
    );
}

/// The root is never a file: not after writes, not after deleting everything.
pub fn the_root_is_never_a_file(backend: &dyn Backend, _: &Settings) {
    seed_all(backend, &[("r1.txt", "1"), ("rd/r2.txt", "2")]);
    deleted("BE-004", backend, "r1.txt");
    folder_deleted("BE-004", backend, "rd", true);
    for root in ["", "."] {
        probes_say("BE-029", backend, root, (true, false, true));
    }
    lists_files("BE-014", backend, "", true, &[]);
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
    lists_folders("BE-014", backend, "dup", &["dup/other", "dup/sub"]);
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
    lists_folders("BE-014", backend, "", &["lv"]);
    lists_folders("BE-014", backend, "lv", &["lv/b"]);
    lists_folders("BE-014", backend, "lv/b", &["lv/b/c"]);
}
