//! File and folder information (`test_metadata.py`).

use std::time::{Duration, SystemTime};

use super::Settings;
use super::support::{
    control, counts, err_naming, file_info, holds, ok, p, same, seed, seed_all, transfer,
};
use crate::{Backend, Content, ErrorKind, ListOptions, Metadata, WriteOptions};

/// `get_file_info` names the file and gives its size.
pub fn file_info_describes_the_file(backend: &dyn Backend, _: &Settings) {
    seed(backend, "m/info.txt", "hello world");
    let info = file_info("BE-004", backend, "m/info.txt");
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
    let info = counts("BE-004", backend, "fi", (2, 5));
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
    counts("BE-004", backend, "mix", (3, 9));
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

/// Long enough for any clock with millisecond resolution to tick.
const TICK: Duration = Duration::from_millis(15);

fn modified_at(backend: &dyn Backend, path: &str) -> SystemTime {
    file_info("BE-004", backend, path).modified_at
}

/// A real `rename` keeps the file's modification time (contract:
/// "`modified_at` and `metadata` are kept"). Only for a backend that declares
/// `ATOMIC_MOVE`: a copy-then-delete rename (S3, Azure) cannot keep it, and
/// the contract's postconditions of `move` name only the content and the
/// user metadata.
pub fn rename_keeps_the_modification_time(backend: &dyn Backend, _: &Settings) {
    seed(backend, "tm/src.txt", "timed");
    let before = modified_at(backend, "tm/src.txt");
    std::thread::sleep(TICK);
    ok(
        "BE-004",
        "rename(\"tm/src.txt\", \"tm/dst.txt\")",
        backend.rename(&p("tm/src.txt"), &p("tm/dst.txt"), transfer(false)),
    );
    same(
        "BE-004",
        "modified_at of the renamed file",
        before,
        modified_at(backend, "tm/dst.txt"),
    );
}

/// An overwrite never moves the modification time backwards (it sets it to
/// "now").
pub fn an_overwrite_does_not_move_the_modification_time_backwards(
    backend: &dyn Backend,
    _: &Settings,
) {
    seed(backend, "tm/over.txt", "first");
    let first = modified_at(backend, "tm/over.txt");
    for round in ["second", "third"] {
        std::thread::sleep(TICK);
        seed(backend, "tm/over.txt", round);
        let now = modified_at(backend, "tm/over.txt");
        holds(
            "BE-004",
            &format!("modified_at after the {round} write is not before the first's"),
            now >= first,
            &format!("at or after {first:?}"),
            now,
        );
    }
}

/// Every listed `FileInfo` agrees with `get_file_info` of the same path:
/// name, size and modification time (BE-014, BE-004).
pub fn listed_file_info_matches_get_file_info(backend: &dyn Backend, _: &Settings) {
    seed_all(
        backend,
        &[
            ("ls/empty.txt", ""),
            ("ls/one.txt", "1"),
            ("ls/sub/longer.txt", "a longer content"),
        ],
    );
    seed(backend, "ls/sub/deeper/big.bin", vec![9u8; 70_000]);
    let what = "recursive list_files(\"ls\")";
    let listing = ok(
        "BE-014",
        what,
        backend.list_files(&p("ls"), ListOptions::new().recursive(true)),
    );
    let mut seen = 0;
    for item in listing {
        let listed = ok("BE-014", what, item);
        let info = ok(
            "BE-004",
            &format!("get_file_info({:?})", listed.path.as_str()),
            backend.get_file_info(&listed.path),
        );
        same(
            "BE-004",
            &format!(
                "listed (name, size, modified_at) of {:?} against get_file_info",
                listed.path.as_str()
            ),
            (info.name.as_str(), info.size, info.modified_at),
            (listed.name.as_str(), listed.size, listed.modified_at),
        );
        seen += 1;
    }
    same("BE-014", "files listed under ls", 4, seen);
}

/// Metadata with several keys round-trips, and an overwrite replaces the
/// whole map: keys it does not pass are gone (not merged), and an overwrite
/// without metadata leaves none (contract: "replace metadata (even with
/// None)").
pub fn an_overwrite_replaces_the_whole_metadata(backend: &dyn Backend, _: &Settings) {
    let path = p("md/file.txt");
    let first: Metadata = [("a", "1"), ("b", "2"), ("c", "3")]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .into();
    let second: Metadata = [("b", "20"), ("d", "4")]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .into();
    let metadata_of = |what: &str| ok("WR-013", what, backend.get_file_info(&path)).metadata;
    for (round, metadata) in [
        ("first", Some(&first)),
        ("second", Some(&second)),
        ("third", None),
    ] {
        let mut options = WriteOptions::new().overwrite(true);
        options.metadata = metadata.cloned();
        ok(
            "WR-013",
            &format!("{round} write of md/file.txt"),
            backend.write(&path, Content::from(round), &options),
        );
        same(
            "WR-013",
            &format!("file metadata after the {round} write (replaced, not merged)"),
            metadata.cloned(),
            metadata_of(&format!("get_file_info after the {round} write")),
        );
    }
}
