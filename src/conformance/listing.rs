//! Listings: `list_files`, `list_folders`, `iter_children` and native `glob`
//! (BE-014, `test_listing.py`). Results are compared as sets; duplicates fail.

use std::collections::BTreeSet;

use super::Settings;
use super::support::{
    children, control, file_paths, file_set, lists_files, lists_folders, ok, same, seed, seed_all,
    set, unique,
};
use crate::{Backend, ListOptions};

/// Non-recursive `list_files` yields the immediate files only.
pub fn list_files_non_recursive(backend: &dyn Backend, _: &Settings) {
    seed_all(
        backend,
        &[("lf/a.txt", "a"), ("lf/b.txt", "b"), ("lf/sub/c.txt", "c")],
    );
    lists_files("BE-014", backend, "lf", false, &["lf/a.txt", "lf/b.txt"]);
}

/// Recursive `list_files` yields the whole subtree.
pub fn list_files_recursive(backend: &dyn Backend, _: &Settings) {
    seed_all(
        backend,
        &[("lf/a.txt", "a"), ("lf/b.txt", "b"), ("lf/sub/c.txt", "c")],
    );
    lists_files(
        "BE-014",
        backend,
        "lf",
        true,
        &["lf/a.txt", "lf/b.txt", "lf/sub/c.txt"],
    );
}

/// `list_folders` yields the immediate subfolders with their paths, and no
/// files.
pub fn list_folders_yields_immediate_folders(backend: &dyn Backend, _: &Settings) {
    seed_all(
        backend,
        &[
            ("lfd/sub1/a.txt", "a"),
            ("lfd/sub2/deeper/b.txt", "b"),
            ("lfd/file.txt", "f"),
        ],
    );
    lists_folders("BE-014", backend, "lfd", &["lfd/sub1", "lfd/sub2"]);
    let what = "list_folders(\"lfd\") names";
    let names: BTreeSet<String> = ok(
        "BE-014",
        what,
        backend.list_folders(&super::support::p("lfd")),
    )
    .map(|e| ok("BE-014", what, e).name)
    .collect();
    same("BE-014", what, set(&["sub1", "sub2"]), names);
}

/// `iter_children` yields the files and the folders of one level.
pub fn iter_children_yields_files_and_folders(backend: &dyn Backend, _: &Settings) {
    seed_all(
        backend,
        &[("ic/a.txt", "a"), ("ic/b.txt", "b"), ("ic/sub/c.txt", "c")],
    );
    let found = unique(
        "ITER-004",
        "iter_children",
        children("ITER-004", backend, "ic"),
    );
    let expected: BTreeSet<(String, String)> = [
        ("file", "ic/a.txt"),
        ("file", "ic/b.txt"),
        ("folder", "ic/sub"),
    ]
    .into_iter()
    .map(|(k, p)| (k.to_owned(), p.to_owned()))
    .collect();
    same("ITER-004", "iter_children(\"ic\")", expected, found);
}

/// `iter_children` of a missing path is empty.
pub fn iter_children_of_a_missing_path_is_empty(backend: &dyn Backend, _: &Settings) {
    control(backend, "nonexistent_sibling/file.txt");
    same(
        "BE-014",
        "iter_children(\"nonexistent\")",
        Vec::<(String, String)>::new(),
        children("BE-014", backend, "nonexistent"),
    );
}

/// `iter_children` of a folder with only files yields only files.
pub fn iter_children_with_only_files(backend: &dyn Backend, _: &Settings) {
    seed_all(backend, &[("of/a.txt", "a"), ("of/b.txt", "b")]);
    let kinds: BTreeSet<String> = children("ITER-004", backend, "of")
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    same(
        "ITER-004",
        "kinds yielded by iter_children(\"of\")",
        set(&["file"]),
        kinds,
    );
}

/// `iter_children` of a folder with only folders yields only folders.
pub fn iter_children_with_only_folders(backend: &dyn Backend, _: &Settings) {
    seed_all(backend, &[("od/x/a.txt", "a"), ("od/y/b.txt", "b")]);
    same(
        "ITER-004",
        "iter_children(\"od\")",
        vec![
            ("folder".to_owned(), "od/x".to_owned()),
            ("folder".to_owned(), "od/y".to_owned()),
        ],
        unique(
            "ITER-004",
            "iter_children",
            children("ITER-004", backend, "od"),
        )
        .into_iter()
        .collect::<Vec<_>>(),
    );
}

const COMPLETENESS: [(&str, &str); 6] = [
    ("pc/a.txt", "a"),
    ("pc/d1/b.txt", "b"),
    ("pc/d1/c.txt", "c"),
    ("pc/d1/d2/d.txt", "d"),
    ("pc/d1/d2/d3/e.txt", "e"),
    ("other/z.txt", "z"),
];

const ALL_PC: [&str; 5] = [
    "pc/a.txt",
    "pc/d1/b.txt",
    "pc/d1/c.txt",
    "pc/d1/d2/d.txt",
    "pc/d1/d2/d3/e.txt",
];

/// `max_depth` is a pruning hint a backend may ignore (DEPTH-003): every file
/// within the depth must be listed, and anything extra must come from deeper.
fn max_depth(backend: &dyn Backend, depth: usize, expected: &[&str]) {
    seed_all(backend, &COMPLETENESS);
    let options = ListOptions::new().recursive(true).max_depth(depth);
    let found = unique(
        "DEPTH-003",
        "list_files",
        file_paths("DEPTH-003", backend, "pc", options),
    );
    let expected = set(expected);
    let allowed = set(&ALL_PC);
    if !found.is_superset(&expected) || !found.is_subset(&allowed) {
        super::support::fail(
            "DEPTH-003",
            &format!("list_files(\"pc\", recursive, max_depth={depth})"),
            format_args!("at least {expected:?}, at most {allowed:?}"),
            found,
        );
    }
}

/// `max_depth = 0` keeps the immediate files.
pub fn list_files_max_depth_0(backend: &dyn Backend, _: &Settings) {
    max_depth(backend, 0, &ALL_PC[..1]);
}

/// `max_depth = 1` adds the files one folder down.
pub fn list_files_max_depth_1(backend: &dyn Backend, _: &Settings) {
    max_depth(backend, 1, &ALL_PC[..3]);
}

/// `max_depth = 2` adds the files two folders down.
pub fn list_files_max_depth_2(backend: &dyn Backend, _: &Settings) {
    max_depth(backend, 2, &ALL_PC[..4]);
}

/// `max_depth = 3` reaches the deepest file.
pub fn list_files_max_depth_3(backend: &dyn Backend, _: &Settings) {
    max_depth(backend, 3, &ALL_PC);
}

/// Without `max_depth` a recursive listing has all 5 files, and nothing
/// from the sibling tree.
pub fn list_files_unlimited_depth(backend: &dyn Backend, _: &Settings) {
    seed_all(backend, &COMPLETENESS);
    lists_files("BE-014", backend, "pc", true, &ALL_PC);
}

/// Non-recursive listing of the completeness tree has only `pc/a.txt`.
pub fn list_files_non_recursive_skips_subfolders(backend: &dyn Backend, _: &Settings) {
    seed_all(backend, &COMPLETENESS);
    lists_files("BE-014", backend, "pc", false, &ALL_PC[..1]);
}

/// A missing path lists nothing and does not fail (BE-014).
pub fn list_files_of_a_missing_path_is_empty(backend: &dyn Backend, _: &Settings) {
    control(backend, "missing2/file.txt");
    for recursive in [false, true] {
        lists_files("BE-014", backend, "missing", recursive, &[]);
    }
}

/// Every listed path lies under the listed folder.
pub fn list_files_yields_only_children(backend: &dyn Backend, _: &Settings) {
    seed_all(
        backend,
        &[
            ("lfc/a.txt", "a"),
            ("lfc/sub/b.txt", "b"),
            ("other/c.txt", "c"),
        ],
    );
    let found = file_set("BE-014", backend, "lfc", true);
    same(
        "BE-014",
        "list_files(\"lfc\", recursive)",
        set(&["lfc/a.txt", "lfc/sub/b.txt"]),
        found,
    );
}

/// Listing under a file ancestor is empty, never `NotFound` (BE-014).
pub fn list_files_under_a_file_is_empty(backend: &dyn Backend, _: &Settings) {
    seed(backend, "badanc.txt", "file");
    for recursive in [false, true] {
        lists_files("BE-014", backend, "badanc.txt/child", recursive, &[]);
    }
}

/// `list_folders` of a missing path is empty.
pub fn list_folders_of_a_missing_path_is_empty(backend: &dyn Backend, _: &Settings) {
    control(backend, "missing2/sub/file.txt");
    lists_folders("BE-014", backend, "missing", &[]);
}

/// `list_folders` yields every subfolder and no file.
pub fn list_folders_completeness(backend: &dyn Backend, _: &Settings) {
    seed_all(
        backend,
        &[
            ("lc/s1/a", "1"),
            ("lc/s2/b", "2"),
            ("lc/s3/deep/c", "3"),
            ("lc/top.txt", "t"),
        ],
    );
    lists_folders("BE-014", backend, "lc", &["lc/s1", "lc/s2", "lc/s3"]);
}

/// `list_folders` under a file ancestor is empty.
pub fn list_folders_under_a_file_is_empty(backend: &dyn Backend, _: &Settings) {
    seed(backend, "lfa.txt", "file");
    lists_folders("BE-014", backend, "lfa.txt/child", &[]);
}

fn glob_set(backend: &dyn Backend, pattern: &str) -> BTreeSet<String> {
    let what = format!("glob({pattern:?})");
    let items: Vec<String> = ok("GLOB-003", &what, backend.glob(pattern))
        .map(|f| ok("GLOB-003", &what, f).path.to_string())
        .collect();
    unique("GLOB-003", &what, items)
}

/// `g/*.txt` matches `g/a.txt`, not `g/b.csv`, and not `g/sub/c.txt` (`*`
/// stays within a segment).
pub fn glob_matches_within_a_segment(backend: &dyn Backend, _: &Settings) {
    seed_all(
        backend,
        &[("g/a.txt", "a"), ("g/b.csv", "b"), ("g/sub/c.txt", "c")],
    );
    same(
        "GLOB-003",
        "glob(\"g/*.txt\")",
        set(&["g/a.txt"]),
        glob_set(backend, "g/*.txt"),
    );
}

/// `**/` matches zero segments: `gr/**/*.txt` matches `gr/a.txt`.
pub fn glob_double_star_matches_zero_segments(backend: &dyn Backend, _: &Settings) {
    seed(backend, "gr/a.txt", "a");
    same(
        "GLOB-004",
        "glob(\"gr/**/*.txt\")",
        set(&["gr/a.txt"]),
        glob_set(backend, "gr/**/*.txt"),
    );
}

/// `**/` matches one segment: `gr/**/*.txt` matches `gr/sub/b.txt` only.
pub fn glob_double_star_matches_one_segment(backend: &dyn Backend, _: &Settings) {
    seed_all(backend, &[("gr/sub/b.txt", "b"), ("gr/sub/c.csv", "c")]);
    same(
        "GLOB-004",
        "glob(\"gr/**/*.txt\")",
        set(&["gr/sub/b.txt"]),
        glob_set(backend, "gr/**/*.txt"),
    );
}

/// `gf/**/*` yields the three files, only files, all under `gf/`.
pub fn glob_yields_files_only(backend: &dyn Backend, _: &Settings) {
    seed_all(
        backend,
        &[
            ("gf/a.txt", "a"),
            ("gf/sub/b.txt", "b"),
            ("gf/sub/deeper/c.txt", "c"),
        ],
    );
    same(
        "GLOB-003",
        "glob(\"gf/**/*\")",
        set(&["gf/a.txt", "gf/sub/b.txt", "gf/sub/deeper/c.txt"]),
        glob_set(backend, "gf/**/*"),
    );
}

/// Both root spellings list from the top: the top-level files, or every
/// file recursively.
pub fn list_files_of_the_root(backend: &dyn Backend, _: &Settings) {
    seed_all(backend, &[("top.txt", "1"), ("nested/deep.txt", "2")]);
    for root in super::support::ROOTS {
        lists_files("BE-029", backend, root, false, &["top.txt"]);
        lists_files(
            "BE-029",
            backend,
            root,
            true,
            &["nested/deep.txt", "top.txt"],
        );
    }
}
