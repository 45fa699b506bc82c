//! The documented listing order, opt-in: entries of one folder sorted by name
//! (byte order), recursive listings in depth-first pre-order. The contract
//! promises no order; backends that promise this one check it here.

use super::Settings;
use super::support::{children, file_paths, folder_paths, same, seed_all};

fn owned(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}
use crate::{Backend, ListOptions};

const TREE: [(&str, &str); 8] = [
    ("o/b.txt", "1"),
    ("o/a.txt", "2"),
    ("o/B.txt", "3"),
    ("o/m/z.txt", "4"),
    ("o/m/k/y.txt", "5"),
    ("o/c/x.txt", "6"),
    ("o/aa.txt", "7"),
    ("o/ab/q.txt", "8"),
];

/// Immediate files come sorted by name, in byte order (`B` before `a`).
pub fn list_files_is_sorted_by_name(backend: &dyn Backend, _: &Settings) {
    seed_all(backend, &TREE);
    same(
        "ORDER",
        "list_files(\"o\")",
        owned(&["o/B.txt", "o/a.txt", "o/aa.txt", "o/b.txt"]),
        file_paths("ORDER", backend, "o", ListOptions::new()),
    );
}

/// A recursive listing is depth-first pre-order, siblings by name.
pub fn recursive_list_files_is_depth_first_pre_order(backend: &dyn Backend, _: &Settings) {
    seed_all(backend, &TREE);
    same(
        "ORDER",
        "list_files(\"o\", recursive)",
        owned(&[
            "o/B.txt",
            "o/a.txt",
            "o/aa.txt",
            "o/ab/q.txt",
            "o/b.txt",
            "o/c/x.txt",
            "o/m/k/y.txt",
            "o/m/z.txt",
        ]),
        file_paths("ORDER", backend, "o", ListOptions::new().recursive(true)),
    );
}

/// Folders come sorted by name.
pub fn list_folders_is_sorted_by_name(backend: &dyn Backend, _: &Settings) {
    seed_all(backend, &TREE);
    same(
        "ORDER",
        "list_folders(\"o\")",
        owned(&["o/ab", "o/c", "o/m"]),
        folder_paths("ORDER", backend, "o"),
    );
}

/// `iter_children` interleaves files and folders, sorted by name.
pub fn iter_children_is_sorted_by_name(backend: &dyn Backend, _: &Settings) {
    seed_all(backend, &TREE);
    let found: Vec<String> = children("ORDER", backend, "o")
        .into_iter()
        .map(|(_, path)| path)
        .collect();
    same(
        "ORDER",
        "iter_children(\"o\")",
        owned(&[
            "o/B.txt", "o/a.txt", "o/aa.txt", "o/ab", "o/b.txt", "o/c", "o/m",
        ]),
        found,
    );
}
