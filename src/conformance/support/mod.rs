//! Small helpers the checks share: seeding, listing, and failure messages that
//! cite a contract clause and show what was expected and what was found.

mod expect;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;
use std::io::Read;

use crate::{
    Backend, Child, Content, DeleteFolderOptions, DeleteOptions, Error, ErrorKind, ListOptions,
    Metadata, RemotePath, Result, TransferOptions, WriteOptions,
};

pub(crate) use self::expect::{
    Probe, counts, file_info, lists_files, lists_folders, probe_says, probes_say, stored_metadata,
};

/// The two spellings of the root.
pub(crate) const ROOTS: [&str; 2] = ["", "."];

/// A path the check knows to be valid.
#[track_caller]
pub(crate) fn p(raw: &str) -> RemotePath {
    match RemotePath::parse(raw) {
        Ok(path) => path,
        Err(e) => panic!("conformance check bug: {raw:?} is not a valid path: {e}"),
    }
}

/// Fails the check: `[clause] what`, the clause's rule, then what was
/// expected and what was found.
#[track_caller]
pub(crate) fn fail(clause: &str, what: &str, expected: impl Debug, found: impl Debug) -> ! {
    let rule = super::rule_of(clause).unwrap_or("(not in conformance::CLAUSES)");
    panic!("[{clause}] {what}\n      rule: {rule}\n  expected: {expected:?}\n     found: {found:?}")
}

/// Fails unless `expected == found`.
#[track_caller]
pub(crate) fn same<T: PartialEq + Debug>(clause: &str, what: &str, expected: T, found: T) {
    if expected != found {
        fail(clause, what, expected, found);
    }
}

/// Fails unless `condition`; `expected` describes what should have held.
#[track_caller]
pub(crate) fn holds(clause: &str, what: &str, condition: bool, expected: &str, found: impl Debug) {
    if !condition {
        fail(clause, what, format_args!("{expected}"), found);
    }
}

/// The value of a call that must succeed.
#[track_caller]
pub(crate) fn ok<T>(clause: &str, what: &str, result: Result<T>) -> T {
    match result {
        Ok(value) => value,
        Err(e) => fail(clause, what, "Ok(..)", e),
    }
}

/// The error of a call that must fail with `expected`.
#[track_caller]
pub(crate) fn err_kind<T: Debug>(
    clause: &str,
    what: &str,
    expected: ErrorKind,
    result: Result<T>,
) -> Error {
    match result {
        Err(e) if e.kind() == expected => e,
        Err(e) => fail(clause, what, format_args!("Err({expected:?})"), e),
        Ok(value) => fail(
            clause,
            what,
            format_args!("Err({expected:?})"),
            Ok::<T, ()>(value),
        ),
    }
}

/// Like [`err_kind`], and the error's path field must be `named` and its
/// message must name it.
#[track_caller]
pub(crate) fn err_naming<T: Debug>(
    clause: &str,
    what: &str,
    expected: ErrorKind,
    named: &str,
    result: Result<T>,
) -> Error {
    let e = err_with_path(clause, what, expected, named, result);
    if !e.to_string().contains(named) {
        fail(
            clause,
            what,
            format_args!("a message naming '{named}'"),
            e.to_string(),
        );
    }
    e
}

/// Like [`err_kind`], and the error's path field must be `named`.
#[track_caller]
pub(crate) fn err_with_path<T: Debug>(
    clause: &str,
    what: &str,
    expected: ErrorKind,
    named: &str,
    result: Result<T>,
) -> Error {
    let e = err_kind(clause, what, expected, result);
    if e.path() != Some(named) {
        fail(
            clause,
            &format!("{what}: the error's path field (Error::path())"),
            Some(named),
            e.path(),
        );
    }
    e
}

/// Like [`err_naming`] when the contract allows the error to name one of
/// several paths (a write under a file may name the target or the blocking
/// file): the path field must be one of `allowed`, and the message must name
/// the path field's value.
#[track_caller]
pub(crate) fn err_at<T: Debug>(
    clause: &str,
    what: &str,
    expected: ErrorKind,
    allowed: &[&str],
    result: Result<T>,
) -> Error {
    let e = err_kind(clause, what, expected, result);
    match e.path() {
        Some(path) if allowed.contains(&path) && e.to_string().contains(path) => e,
        Some(path) if allowed.contains(&path) => fail(
            clause,
            what,
            format_args!("a message naming '{path}'"),
            e.to_string(),
        ),
        found => fail(
            clause,
            &format!("{what}: the error's path field (Error::path())"),
            format_args!("one of {allowed:?}"),
            found,
        ),
    }
}

/// Writes `content` at `path` (setup; fails the check when refused), and
/// confirms the setup took effect: `is_file(path)` must then be true.
#[track_caller]
pub(crate) fn seed(backend: &dyn Backend, path: &str, content: impl AsRef<[u8]>) {
    let content = Content::from(content.as_ref());
    if let Err(e) = backend.write(&p(path), content, &WriteOptions::new().overwrite(true)) {
        panic!("setup: writing {path:?} failed: {e}");
    }
    landed("BE-008", backend, path);
}

/// Fails unless `path` is a file: a write the check relies on took effect.
#[track_caller]
pub(crate) fn landed(clause: &str, backend: &dyn Backend, path: &str) {
    holds(
        clause,
        &format!("setup: is_file({path:?}) after writing it"),
        is_file(clause, backend, path),
        "true",
        false,
    );
}

/// A positive control for a negative check: when the backend can write,
/// seeds `path` (a neighbour of the path the check expects to be missing) and
/// confirms it. A backend that stores nothing then fails the check instead of
/// passing it vacuously, and one that matches names by prefix is caught.
#[track_caller]
pub(crate) fn control<'a>(backend: &dyn Backend, path: &'a str) -> Option<&'a str> {
    let can_write = backend.capabilities().supports(crate::Capability::WRITE);
    if can_write {
        seed(backend, path, "control");
    }
    can_write.then_some(path)
}

/// Fails unless the control file (if any) is still a file.
#[track_caller]
pub(crate) fn control_kept(clause: &str, backend: &dyn Backend, control: Option<&str>) {
    if let Some(path) = control {
        holds(
            clause,
            &format!("is_file({path:?}), an untouched neighbour"),
            is_file(clause, backend, path),
            "true",
            false,
        );
    }
}

/// Writes every `(path, content)`.
#[track_caller]
pub(crate) fn seed_all(backend: &dyn Backend, files: &[(&str, &str)]) {
    for (path, content) in files {
        seed(backend, path, content);
    }
}

/// Writes with options.
pub(crate) fn write_with(
    backend: &dyn Backend,
    path: &str,
    content: &str,
    options: &WriteOptions,
) -> Result<crate::WriteResult> {
    backend.write(&p(path), Content::from(content), options)
}

/// Writes without options.
pub(crate) fn write(
    backend: &dyn Backend,
    path: &str,
    content: &str,
) -> Result<crate::WriteResult> {
    write_with(backend, path, content, &WriteOptions::new())
}

/// The content of a file, or the failure.
pub(crate) fn read(backend: &dyn Backend, path: &str) -> Result<Vec<u8>> {
    backend.read_bytes(&p(path)).map(|b| b.to_vec())
}

/// The content of a file that must be readable.
#[track_caller]
pub(crate) fn content(clause: &str, backend: &dyn Backend, path: &str) -> Vec<u8> {
    ok(clause, &format!("reading {path:?}"), read(backend, path))
}

/// Fails unless the file at `path` holds `expected`.
#[track_caller]
pub(crate) fn has_content(clause: &str, backend: &dyn Backend, path: &str, expected: &str) {
    let found = content(clause, backend, path);
    if found != expected.as_bytes() {
        fail(
            clause,
            &format!("content of {path:?}"),
            expected,
            String::from_utf8_lossy(&found),
        );
    }
}

/// A probe answer (fails the check when the probe itself fails).
#[track_caller]
pub(crate) fn exists(clause: &str, backend: &dyn Backend, path: &str) -> bool {
    ok(
        clause,
        &format!("exists({path:?})"),
        backend.exists(&p(path)),
    )
}

/// `is_file` (fails the check when the probe fails).
#[track_caller]
pub(crate) fn is_file(clause: &str, backend: &dyn Backend, path: &str) -> bool {
    ok(
        clause,
        &format!("is_file({path:?})"),
        backend.is_file(&p(path)),
    )
}

/// `is_folder` (fails the check when the probe fails).
#[track_caller]
pub(crate) fn is_folder(clause: &str, backend: &dyn Backend, path: &str) -> bool {
    ok(
        clause,
        &format!("is_folder({path:?})"),
        backend.is_folder(&p(path)),
    )
}

/// Paths of `list_files`, in the order yielded.
#[track_caller]
pub(crate) fn file_paths(
    clause: &str,
    backend: &dyn Backend,
    path: &str,
    options: ListOptions,
) -> Vec<String> {
    let what = format!("list_files({path:?}, {options:?})");
    ok(clause, &what, backend.list_files(&p(path), options))
        .map(|item| ok(clause, &what, item).path.to_string())
        .collect()
}

/// Paths of `list_files` as a set; duplicates fail the check.
#[track_caller]
pub(crate) fn file_set(
    clause: &str,
    backend: &dyn Backend,
    path: &str,
    recursive: bool,
) -> BTreeSet<String> {
    let options = ListOptions::new().recursive(recursive);
    unique(
        clause,
        "list_files",
        file_paths(clause, backend, path, options),
    )
}

/// Paths of `list_folders`, in the order yielded.
#[track_caller]
pub(crate) fn folder_paths(clause: &str, backend: &dyn Backend, path: &str) -> Vec<String> {
    let what = format!("list_folders({path:?})");
    ok(clause, &what, backend.list_folders(&p(path)))
        .map(|item| ok(clause, &what, item).path.to_string())
        .collect()
}

/// Paths of `list_folders` as a set; duplicates fail the check.
#[track_caller]
pub(crate) fn folder_set(clause: &str, backend: &dyn Backend, path: &str) -> BTreeSet<String> {
    unique(clause, "list_folders", folder_paths(clause, backend, path))
}

/// `iter_children` as `("file" | "folder", path)`, in the order yielded.
#[track_caller]
pub(crate) fn children(clause: &str, backend: &dyn Backend, path: &str) -> Vec<(String, String)> {
    let what = format!("iter_children({path:?})");
    ok(clause, &what, backend.iter_children(&p(path)))
        .map(|item| match ok(clause, &what, item) {
            Child::File(f) => ("file".to_owned(), f.path.to_string()),
            Child::Folder(d) => ("folder".to_owned(), d.path.to_string()),
        })
        .collect()
}

/// The items as a set, failing on duplicates.
#[track_caller]
pub(crate) fn unique<T: Ord + Debug + Clone>(
    clause: &str,
    what: &str,
    items: Vec<T>,
) -> BTreeSet<T> {
    let set: BTreeSet<T> = items.iter().cloned().collect();
    if set.len() != items.len() {
        fail(clause, &format!("{what} yielded duplicates"), &set, &items);
    }
    set
}

/// A set of owned strings.
pub(crate) fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// Every file and its content, via a recursive listing of the root.
#[track_caller]
pub(crate) fn snapshot(clause: &str, backend: &dyn Backend) -> BTreeMap<String, Vec<u8>> {
    file_set(clause, backend, "", true)
        .into_iter()
        .map(|path| {
            let bytes = content(clause, backend, &path);
            (path, bytes)
        })
        .collect()
}

/// Drains a stream from `read`.
pub(crate) fn drain(mut reader: impl Read) -> std::io::Result<Vec<u8>> {
    let mut buffer = Vec::new();
    reader.read_to_end(&mut buffer)?;
    Ok(buffer)
}

/// One metadata entry.
pub(crate) fn metadata(key: &str, value: &str) -> Metadata {
    [(key.to_owned(), value.to_owned())].into()
}

/// Shorthands for options.
pub(crate) fn overwrite(on: bool) -> WriteOptions {
    WriteOptions::new().overwrite(on)
}

pub(crate) fn transfer(on: bool) -> TransferOptions {
    TransferOptions::new().overwrite(on)
}

pub(crate) fn missing_ok(on: bool) -> DeleteOptions {
    DeleteOptions::new().missing_ok(on)
}

pub(crate) fn folder_options(recursive: bool, missing_ok: bool) -> DeleteFolderOptions {
    DeleteFolderOptions::new()
        .recursive(recursive)
        .missing_ok(missing_ok)
}

/// Rename or copy, for checks that hold for both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Transfer {
    Rename,
    Copy,
}

impl Transfer {
    pub(crate) fn run(
        self,
        backend: &dyn Backend,
        src: &str,
        dst: &str,
        overwrite: bool,
    ) -> Result<()> {
        match self {
            Transfer::Rename => backend.rename(&p(src), &p(dst), transfer(overwrite)),
            Transfer::Copy => backend.copy(&p(src), &p(dst), transfer(overwrite)),
        }
    }
}

/// `write` or `write_atomic`, for checks that hold for both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Writer {
    Write,
    WriteAtomic,
}

impl Writer {
    /// Writes `content` at `path`, with `overwrite` as given.
    pub(crate) fn run(
        self,
        backend: &dyn Backend,
        path: &str,
        content: &str,
        overwrite: bool,
    ) -> Result<crate::WriteResult> {
        let options = WriteOptions::new().overwrite(overwrite);
        self.run_with(backend, path, Content::from(content), &options)
    }

    /// Writes `content` at `path` with `options`.
    pub(crate) fn run_with(
        self,
        backend: &dyn Backend,
        path: &str,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<crate::WriteResult> {
        match self {
            Writer::Write => backend.write(&p(path), content, options),
            Writer::WriteAtomic => backend.write_atomic(&p(path), content, options),
        }
    }

    /// The method's name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Writer::Write => "write",
            Writer::WriteAtomic => "write_atomic",
        }
    }
}

/// Deletes the file at `path`, which must succeed.
#[track_caller]
pub(crate) fn deleted(clause: &str, backend: &dyn Backend, path: &str) {
    let what = format!("delete({path:?})");
    ok(clause, &what, backend.delete(&p(path), missing_ok(false)));
}

/// Deletes the folder at `path` (recursively or not), which must succeed.
#[track_caller]
pub(crate) fn folder_deleted(clause: &str, backend: &dyn Backend, path: &str, recursive: bool) {
    let what = format!("delete_folder({path:?}, recursive={recursive})");
    let options = folder_options(recursive, false);
    ok(clause, &what, backend.delete_folder(&p(path), options));
}
