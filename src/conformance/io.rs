//! Probes, reads, writes and deletes on ordinary paths (contract section 2.2,
//! `test_io.py`).

use std::io::Read;

use super::Settings;
use super::support::{
    Probe, Writer, content, control, control_kept, deleted, err_kind, err_naming, fail, file_info,
    folder_deleted, folder_options, has_content, missing_ok, ok, overwrite, p, probe_says,
    probes_say, read, same, seed, seed_all,
};
use crate::{Backend, Content, ErrorKind};

/// `exists` is false for a missing path and never fails (BE-021).
pub fn exists_is_false_for_a_missing_path(backend: &dyn Backend, _: &Settings) {
    control(backend, "nonexistent.txt.old");
    probe_says("BE-021", backend, Probe::Exists, "nonexistent.txt", false);
}

/// `exists` is true after a write.
pub fn exists_is_true_after_a_write(backend: &dyn Backend, _: &Settings) {
    seed(backend, "e/file.txt", "x");
    probe_says("BE-004", backend, Probe::Exists, "e/file.txt", true);
}

/// `path`, written then deleted, no longer exists.
fn gone_after_a_delete(backend: &dyn Backend, _: &Settings, path: &str) {
    seed(backend, path, "x");
    deleted("BE-004", backend, path);
    probe_says("BE-004", backend, Probe::Exists, path, false);
}

table_checks! {
    /// `exists` is false after the file is deleted.
    exists_is_false_after_a_delete => gone_after_a_delete("e/gone.txt");
    /// `delete` removes the file.
    delete_removes_the_file => gone_after_a_delete("d/file.txt");
}

/// A written file is a file and not a folder.
pub fn a_written_file_is_a_file_not_a_folder(backend: &dyn Backend, _: &Settings) {
    seed(backend, "ff/a.txt", "x");
    probe_says("BE-004", backend, Probe::IsFile, "ff/a.txt", true);
    probe_says("BE-004", backend, Probe::IsFolder, "ff/a.txt", false);
}

/// The parent of a written file is a folder and not a file.
pub fn the_parent_of_a_written_file_is_a_folder(backend: &dyn Backend, _: &Settings) {
    seed(backend, "dir/a.txt", "x");
    probe_says("BE-009", backend, Probe::IsFolder, "dir", true);
    probe_says("BE-009", backend, Probe::IsFile, "dir", false);
}

/// `is_file` is false for a missing path.
pub fn is_file_is_false_for_a_missing_path(backend: &dyn Backend, _: &Settings) {
    control(backend, "nope.txt");
    probe_says("BE-021", backend, Probe::IsFile, "nope", false);
}

/// `is_folder` is false for a missing path.
pub fn is_folder_is_false_for_a_missing_path(backend: &dyn Backend, _: &Settings) {
    if control(backend, "nopes/file.txt").is_some() {
        probe_says("BE-009", backend, Probe::IsFolder, "nopes", true);
    }
    probe_says("BE-021", backend, Probe::IsFolder, "nope", false);
}

/// `probe` answers false (and does not fail) under a file ancestor.
fn probe_under_a_file(backend: &dyn Backend, _: &Settings, probe: Probe) {
    seed_all(backend, &[("a/b", "file"), ("file", "f")]);
    for path in ["a/b/c", "a/b/c/d", "file/subpath"] {
        probe_says("ID-209", backend, probe, path, false);
    }
}

table_checks! {
    /// `exists` is false under a file ancestor, and does not fail (ID-209).
    exists_is_false_under_a_file => probe_under_a_file(Probe::Exists);
    /// `is_file` is false under a file ancestor, and does not fail (ID-209).
    is_file_is_false_under_a_file => probe_under_a_file(Probe::IsFile);
    /// `is_folder` is false under a file ancestor, and does not fail (ID-209).
    is_folder_is_false_under_a_file => probe_under_a_file(Probe::IsFolder);
}

/// A type-conflict path and a plainly missing path answer the same: false.
pub fn probes_treat_type_conflicts_like_missing_paths(backend: &dyn Backend, _: &Settings) {
    seed(backend, "tc.txt", "x");
    for path in ["tc.txt/sub", "missing/sub"] {
        probes_say("BE-021", backend, path, (false, false, false));
    }
}

/// `read` returns a stream of the content (SIO-001).
pub fn read_returns_a_stream_of_the_content(backend: &dyn Backend, _: &Settings) {
    seed(backend, "r/stream.txt", "stream content");
    let mut stream = ok(
        "SIO-001",
        "read(\"r/stream.txt\")",
        backend.read(&p("r/stream.txt")),
    );
    let mut buffer = Vec::new();
    ok(
        "SIO-001",
        "draining the stream",
        stream
            .read_to_end(&mut buffer)
            .map_err(|e| crate::Error::io("r/stream.txt", "read", e)),
    );
    same(
        "SIO-001",
        "streamed content",
        "stream content".as_bytes(),
        &buffer[..],
    );
}

/// `read_bytes` returns the content.
pub fn read_bytes_returns_the_content(backend: &dyn Backend, _: &Settings) {
    seed(backend, "r/bytes.txt", "bytes content");
    has_content("BE-004", backend, "r/bytes.txt", "bytes content");
}

/// `read` of a missing path is `NotFound` naming the path.
pub fn read_of_a_missing_path_is_not_found(backend: &dyn Backend, _: &Settings) {
    control(backend, "missing.txt.tmp");
    err_naming(
        "BE-021",
        "read(\"missing.txt\")",
        ErrorKind::NotFound,
        "missing.txt",
        backend.read(&p("missing.txt")),
    );
}

/// `read_bytes` of a missing path is `NotFound` naming the path.
pub fn read_bytes_of_a_missing_path_is_not_found(backend: &dyn Backend, _: &Settings) {
    control(backend, "missing.txt.tmp");
    err_naming(
        "BE-021",
        "read_bytes(\"missing.txt\")",
        ErrorKind::NotFound,
        "missing.txt",
        read(backend, "missing.txt"),
    );
}

table_checks! {
    /// `write` creates a readable file.
    write_creates_a_file => creates(Writer::Write, "BE-004", "w/new.txt", Created::Content);
    /// `overwrite` replaces the content, twice: a shorter content after a
    /// longer one, then a longer one.
    write_with_overwrite_replaces_the_content =>
        replaces(Writer::Write, "BE-008", "w/over.txt", &["new", "a longer third content"]);
    /// A write creates every missing intermediate folder (BE-009).
    write_creates_intermediate_folders =>
        creates(Writer::Write, "BE-009", "a/b/c/deep.txt", Created::Parents);
}

/// `writer` with overwrite replaces the content of the file at `path` with
/// each of `rounds` in turn.
pub(super) fn replaces(
    backend: &dyn Backend,
    _: &Settings,
    writer: Writer,
    clause: &str,
    path: &str,
    rounds: &[&str],
) {
    seed(backend, path, "old content");
    for new in rounds {
        let what = format!("{}({path:?}) with overwrite", writer.name());
        ok(clause, &what, writer.run(backend, path, new, true));
        has_content(clause, backend, path, new);
    }
}

/// What a check of a new file looks at.
#[derive(Clone, Copy)]
pub(super) enum Created {
    /// The file reads back what was written.
    Content,
    /// Every ancestor folder of the file exists.
    Parents,
}

/// `writer` at the new `path`, without overwrite, creates the file (or its
/// missing ancestor folders), as `created` says.
pub(super) fn creates(
    backend: &dyn Backend,
    _: &Settings,
    writer: Writer,
    clause: &str,
    path: &str,
    created: Created,
) {
    let what = format!("{}({path:?})", writer.name());
    ok(clause, &what, writer.run(backend, path, "new", false));
    match created {
        Created::Content => has_content(clause, backend, path, "new"),
        Created::Parents => {
            for (end, _) in path.match_indices('/') {
                probe_says(clause, backend, Probe::IsFolder, &path[..end], true);
            }
        }
    }
}

table_checks! {
    /// Writing an existing file without `overwrite` is `AlreadyExists` naming
    /// the path, and keeps the old content (BE-008 step 2).
    write_without_overwrite_is_already_exists =>
        keeps_an_existing_file(Writer::Write, "w/exists.txt", true);
}

/// `writer` without overwrite onto the existing file `path` is
/// `AlreadyExists` (naming the path when `naming`) and keeps the old content.
pub(super) fn keeps_an_existing_file(
    backend: &dyn Backend,
    _: &Settings,
    writer: Writer,
    path: &str,
    naming: bool,
) {
    seed(backend, path, "old");
    let what = format!("{}({path:?}) onto an existing file", writer.name());
    let result = writer.run(backend, path, "new", false);
    if naming {
        err_naming("BE-008", &what, ErrorKind::AlreadyExists, path, result);
    } else {
        err_kind("BE-008", &what, ErrorKind::AlreadyExists, result);
    }
    has_content("BE-008", backend, path, "old");
}

/// Deleting one file leaves its sibling.
pub fn delete_keeps_the_siblings(backend: &dyn Backend, _: &Settings) {
    seed_all(backend, &[("sib/a.txt", "a"), ("sib/b.txt", "b")]);
    deleted("BE-004", backend, "sib/a.txt");
    has_content("BE-004", backend, "sib/b.txt", "b");
}

/// After deleting the only file, a non-recursive `delete_folder` removes the
/// now empty folder (explicit empty folders).
pub fn delete_folder_removes_an_emptied_folder(backend: &dyn Backend, _: &Settings) {
    seed(backend, "dir/file.txt", "x");
    deleted("BE-004", backend, "dir/file.txt");
    folder_deleted("BE-004", backend, "dir", false);
    probe_says("BE-004", backend, Probe::Exists, "dir", false);
}

/// A recursive `delete_folder` removes a nested tree.
pub fn delete_folder_recursive_removes_the_tree(backend: &dyn Backend, _: &Settings) {
    seed_all(
        backend,
        &[
            ("tree/a.txt", "1"),
            ("tree/sub/b.txt", "2"),
            ("tree/sub/deep/c.txt", "3"),
        ],
    );
    folder_deleted("BE-004", backend, "tree", true);
    for path in ["tree", "tree/a.txt", "tree/sub", "tree/sub/deep/c.txt"] {
        probe_says("BE-004", backend, Probe::Exists, path, false);
    }
}

/// `delete` of a missing file is `NotFound` naming the path.
pub fn delete_of_a_missing_file_is_not_found(backend: &dyn Backend, _: &Settings) {
    err_naming(
        "BE-021",
        "delete(\"missing.txt\")",
        ErrorKind::NotFound,
        "missing.txt",
        backend.delete(&p("missing.txt"), missing_ok(false)),
    );
}

/// `delete` of a missing file with `missing_ok` is silent.
pub fn delete_of_a_missing_file_with_missing_ok_passes(backend: &dyn Backend, _: &Settings) {
    let kept = control(backend, "missing.txt.keep");
    ok(
        "BE-021",
        "delete(\"missing.txt\", missing_ok)",
        backend.delete(&p("missing.txt"), missing_ok(true)),
    );
    control_kept("BE-021", backend, kept);
}

/// `delete_folder` of a missing folder is `NotFound` naming the path.
pub fn delete_folder_of_a_missing_folder_is_not_found(backend: &dyn Backend, _: &Settings) {
    err_naming(
        "BE-021",
        "delete_folder(\"missing_dir\")",
        ErrorKind::NotFound,
        "missing_dir",
        backend.delete_folder(&p("missing_dir"), folder_options(false, false)),
    );
}

/// `delete_folder` of a missing folder with `missing_ok` is silent and
/// leaves it absent.
pub fn delete_folder_of_a_missing_folder_with_missing_ok_passes(
    backend: &dyn Backend,
    _: &Settings,
) {
    let kept = control(backend, "missing_dir_kept/file.txt");
    ok(
        "BE-021",
        "delete_folder(\"missing_dir\", missing_ok)",
        backend.delete_folder(&p("missing_dir"), folder_options(false, true)),
    );
    probe_says("BE-021", backend, Probe::Exists, "missing_dir", false);
    control_kept("BE-021", backend, kept);
}

fn round_trip(backend: &dyn Backend, data: Vec<u8>) {
    let size = data.len();
    ok(
        "BE-004",
        &format!("write of {size} bytes"),
        backend.write(
            &p("rt/file.bin"),
            Content::from(data.clone()),
            &overwrite(false),
        ),
    );
    let found = content("BE-004", backend, "rt/file.bin");
    if found != data {
        fail(
            "BE-004",
            "content read back",
            format_args!("{size} bytes as written"),
            format_args!("{} bytes, differing", found.len()),
        );
    }
}

/// Empty content round-trips.
pub fn round_trip_empty(backend: &dyn Backend, _: &Settings) {
    round_trip(backend, Vec::new());
}

/// Every byte value round-trips.
pub fn round_trip_binary(backend: &dyn Backend, _: &Settings) {
    round_trip(backend, (0..=255u8).chain((0..=255u8).rev()).collect());
}

/// UTF-8 text round-trips.
pub fn round_trip_text(backend: &dyn Backend, _: &Settings) {
    round_trip(backend, "hello, wörld ✓\nline two\r\n".as_bytes().to_vec());
}

/// 10 000 bytes round-trip.
pub fn round_trip_large(backend: &dyn Backend, _: &Settings) {
    round_trip(backend, (0..10_000u32).map(|i| (i % 251) as u8).collect());
}

/// A listed file's name is its last path segment (`x.txt`).
pub fn listed_files_carry_their_name(backend: &dyn Backend, _: &Settings) {
    seed(backend, "ln/x.txt", "x");
    let listing = ok(
        "BE-014",
        "list_files(\"ln\")",
        backend.list_files(&p("ln"), crate::ListOptions::new()),
    );
    let infos: Vec<_> = listing
        .map(|i| ok("BE-014", "list_files item", i))
        .collect();
    same("BE-014", "number of files in ln", 1, infos.len());
    same("BE-014", "FileInfo.name", "x.txt", infos[0].name.as_str());
    same(
        "BE-014",
        "FileInfo.path",
        "ln/x.txt",
        infos[0].path.as_str(),
    );
}

/// `get_file_info(..).size` is the number of bytes written.
pub fn file_info_size_is_the_written_length(backend: &dyn Backend, _: &Settings) {
    seed(backend, "sz/file.bin", [7u8; 1234]);
    let info = file_info("BE-004", backend, "sz/file.bin");
    same("BE-004", "FileInfo.size", 1234, info.size);
}
