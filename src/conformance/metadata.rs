//! File and folder information (`test_metadata.py`).

use super::Settings;
use super::support::{control, err_naming, ok, p, same, seed, seed_all};
use crate::{Backend, ErrorKind};

/// `get_file_info` names the file and gives its size.
pub fn file_info_describes_the_file(backend: &dyn Backend, _: &Settings) {
    seed(backend, "m/info.txt", "hello world");
    let info = ok(
        "BE-004",
        "get_file_info(\"m/info.txt\")",
        backend.get_file_info(&p("m/info.txt")),
    );
    same(
        "BE-004",
        "(name, size, path)",
        ("info.txt", 11, "m/info.txt"),
        (info.name.as_str(), info.size, info.path.as_str()),
    );
}

/// `get_folder_info` counts 2 files and 5 bytes.
pub fn folder_info_counts_files_and_bytes(backend: &dyn Backend, _: &Settings) {
    seed_all(backend, &[("fi/a.txt", "12"), ("fi/b.txt", "345")]);
    let info = ok(
        "BE-004",
        "get_folder_info(\"fi\")",
        backend.get_folder_info(&p("fi")),
    );
    same(
        "BE-004",
        "(file_count, total_size)",
        (2, 5),
        (info.file_count, info.total_size),
    );
    same("BE-004", "FolderInfo.path", "fi", info.path.as_str());
}

/// Files in subfolders count; folder nodes do not.
pub fn folder_info_counts_the_subtree_not_the_folders(backend: &dyn Backend, _: &Settings) {
    seed_all(
        backend,
        &[
            ("mix/a.txt", "12"),
            ("mix/sub/b.txt", "345"),
            ("mix/sub/deeper/c.txt", "6789"),
        ],
    );
    let info = ok(
        "BE-004",
        "get_folder_info(\"mix\")",
        backend.get_folder_info(&p("mix")),
    );
    same(
        "BE-004",
        "(file_count, total_size) of the subtree",
        (3, 9),
        (info.file_count, info.total_size),
    );
}

/// `get_file_info` of a missing path is `NotFound` naming it.
pub fn file_info_of_a_missing_path_is_not_found(backend: &dyn Backend, _: &Settings) {
    control(backend, "nope.txt.bak");
    err_naming(
        "BE-021",
        "get_file_info(\"nope.txt\")",
        ErrorKind::NotFound,
        "nope.txt",
        backend.get_file_info(&p("nope.txt")),
    );
}

/// `get_folder_info` of a missing path is `NotFound` naming it.
pub fn folder_info_of_a_missing_path_is_not_found(backend: &dyn Backend, _: &Settings) {
    control(backend, "nodir2/file.txt");
    err_naming(
        "BE-021",
        "get_folder_info(\"nodir\")",
        ErrorKind::NotFound,
        "nodir",
        backend.get_folder_info(&p("nodir")),
    );
}
