//! Expectations on what a backend answers: a listing, a folder's counts,
//! stored metadata, the probes. Each fails the check with its clause.

use crate::{Backend, FileInfo, Metadata};

use super::{exists, file_set, folder_set, is_file, is_folder, ok, p, same, set};

/// Fails unless `list_files(path, recursive)` yields exactly `expected`,
/// each once, in any order.
#[track_caller]
pub(crate) fn lists_files(
    clause: &str,
    backend: &dyn Backend,
    path: &str,
    recursive: bool,
    expected: &[&str],
) {
    same(
        clause,
        &format!("list_files({path:?}, recursive={recursive})"),
        set(expected),
        file_set(clause, backend, path, recursive),
    );
}

/// Fails unless `list_folders(path)` yields exactly `expected`, each once,
/// in any order.
#[track_caller]
pub(crate) fn lists_folders(clause: &str, backend: &dyn Backend, path: &str, expected: &[&str]) {
    same(
        clause,
        &format!("list_folders({path:?})"),
        set(expected),
        folder_set(clause, backend, path),
    );
}

/// The folder info of `path`; fails unless it counts `expected` as
/// `(file_count, total_size)`.
#[track_caller]
pub(crate) fn counts(
    clause: &str,
    backend: &dyn Backend,
    path: &str,
    expected: (u64, u64),
) -> crate::FolderInfo {
    let what = format!("get_folder_info({path:?})");
    let info = ok(clause, &what, backend.get_folder_info(&p(path)));
    same(
        clause,
        &format!("(file_count, total_size) of {what}"),
        expected,
        (info.file_count, info.total_size),
    );
    info
}

/// `get_file_info(path)`, which must succeed.
#[track_caller]
pub(crate) fn file_info(clause: &str, backend: &dyn Backend, path: &str) -> FileInfo {
    let what = format!("get_file_info({path:?})");
    ok(clause, &what, backend.get_file_info(&p(path)))
}

/// The user metadata `get_file_info(path)` reports.
#[track_caller]
pub(crate) fn stored_metadata(clause: &str, backend: &dyn Backend, path: &str) -> Option<Metadata> {
    file_info(clause, backend, path).metadata
}

/// One of the three probes, for checks that expect an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Probe {
    Exists,
    IsFile,
    IsFolder,
}

/// Fails unless `probe(path)` answers `expected` (or when the probe fails).
#[track_caller]
pub(crate) fn probe_says(
    clause: &str,
    backend: &dyn Backend,
    probe: Probe,
    path: &str,
    expected: bool,
) {
    let (name, answer) = match probe {
        Probe::Exists => ("exists", exists(clause, backend, path)),
        Probe::IsFile => ("is_file", is_file(clause, backend, path)),
        Probe::IsFolder => ("is_folder", is_folder(clause, backend, path)),
    };
    same(clause, &format!("{name}({path:?})"), expected, answer);
}

/// Fails unless `(exists, is_file, is_folder)` of `path` answer `expected`.
#[track_caller]
pub(crate) fn probes_say(
    clause: &str,
    backend: &dyn Backend,
    path: &str,
    expected: (bool, bool, bool),
) {
    let answers = (
        exists(clause, backend, path),
        is_file(clause, backend, path),
        is_folder(clause, backend, path),
    );
    let what = format!("(exists, is_file, is_folder) of {path:?}");
    same(clause, &what, expected, answers);
}
