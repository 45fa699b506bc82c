//! Atomic writes: `write_atomic` and `open_atomic` (AW-001…007, SAW-001…015,
//! `TestBackendWriteAtomic`, `TestBackendOpenAtomic`), and the failure
//! posture of every write: a failing content stream leaves nothing behind.

use std::io::{self, Read, Write};

use super::Settings;
use super::io::{Created, creates, keeps_an_existing_file, replaces};
use super::support::{
    Probe, Writer, control, err_kind, exists, fail, file_set, folder_set, has_content, holds, ok,
    overwrite, p, probe_says, same, seed, seed_all, snapshot,
};
use crate::{Backend, Content, ErrorKind};

table_checks! {
    /// `write_atomic` creates a readable file.
    write_atomic_creates_a_file =>
        creates(Writer::WriteAtomic, "AW-001", "aw/file.txt", Created::Content);
    /// `write_atomic` creates missing parents (AW-005).
    write_atomic_creates_intermediate_folders =>
        creates(Writer::WriteAtomic, "AW-005", "aw/deep/dir/file.txt", Created::Parents);
    /// `write_atomic` with `overwrite` replaces the content.
    write_atomic_with_overwrite_replaces =>
        replaces(Writer::WriteAtomic, "AW-001", "aw/over.txt", &["new"]);
}

table_checks! {
    /// `write_atomic` without `overwrite` onto a file is `AlreadyExists`.
    write_atomic_without_overwrite_is_already_exists =>
        keeps_an_existing_file(Writer::WriteAtomic, "aw/exists.txt", false);
}

/// A content stream that fails after `0` more bytes, like a dropped connection.
pub(super) struct FailsAfter(pub(super) usize);

impl Read for FailsAfter {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.0 == 0 {
            return Err(io::Error::new(
                io::ErrorKind::ConnectionReset,
                "connection reset",
            ));
        }
        let n = buf.len().min(self.0);
        buf[..n].fill(b'x');
        self.0 -= n;
        Ok(n)
    }
}

fn failing_content(
    backend: &dyn Backend,
    op: &str,
    call: impl Fn(Content<'static>) -> crate::Result<crate::WriteResult>,
) {
    let kept = control(backend, "fail/kept.txt");
    let result = call(Content::reader(FailsAfter(256 * 1024)));
    err_kind(
        "AW-004",
        &format!("{op} with a content stream failing after 256 KiB (the reader's I/O error)"),
        ErrorKind::Io,
        result,
    );
    probe_says("AW-004", backend, Probe::Exists, "fail/target.bin", false);
    same(
        "AW-004",
        &format!("every file after the failed {op}"),
        kept_set(kept),
        file_set("AW-004", backend, "", true),
    );
}

/// `write_atomic` whose content stream fails leaves no file and no partial
/// artefact (AW-004).
pub fn write_atomic_failing_content_leaves_nothing(backend: &dyn Backend, _: &Settings) {
    failing_content(backend, "write_atomic", |c| {
        backend.write_atomic(&p("fail/target.bin"), c, &overwrite(false))
    });
}

/// `write` whose content stream fails leaves no file either.
pub fn write_failing_content_leaves_nothing(backend: &dyn Backend, _: &Settings) {
    failing_content(backend, "write", |c| {
        backend.write(&p("fail/target.bin"), c, &overwrite(false))
    });
}

/// `open_atomic` publishes only on `commit`, with the written bytes.
pub fn open_atomic_publishes_on_commit(backend: &dyn Backend, _: &Settings) {
    let mut writer = writing(backend, "SAW-001", "oa/file.txt", false, b"hello ");
    write_into(&mut writer, b"atomic");
    same(
        "SAW-001",
        "position() after 12 bytes",
        12,
        writer.position(),
    );
    holds(
        "AW-001",
        "exists before commit",
        !exists("AW-001", backend, "oa/file.txt"),
        "false (nothing published yet)",
        true,
    );
    ok("SAW-001", "commit()", writer.commit());
    has_content("SAW-001", backend, "oa/file.txt", "hello atomic");
}

/// `open_atomic` with `overwrite` replaces the content on commit.
pub fn open_atomic_with_overwrite_replaces(backend: &dyn Backend, _: &Settings) {
    seed(backend, "oa/over.txt", "old content");
    let writer = writing(backend, "SAW-001", "oa/over.txt", true, b"new");
    has_content("AW-001", backend, "oa/over.txt", "old content");
    ok("SAW-001", "commit()", writer.commit());
    has_content("SAW-001", backend, "oa/over.txt", "new");
}

/// `open_atomic` without `overwrite` onto a file is `AlreadyExists` on open.
pub fn open_atomic_without_overwrite_is_already_exists(backend: &dyn Backend, _: &Settings) {
    seed(backend, "oa/exists.txt", "old");
    err_kind(
        "SAW-012",
        "open_atomic onto an existing file",
        ErrorKind::AlreadyExists,
        backend.open_atomic(&p("oa/exists.txt"), &overwrite(false)),
    );
    has_content("SAW-012", backend, "oa/exists.txt", "old");
}

/// Dropping an `open_atomic` writer without commit publishes nothing and
/// leaves the store completely empty (the Rust form of "an exception inside
/// the block cleans up").
pub fn open_atomic_dropped_leaves_nothing(backend: &dyn Backend, _: &Settings) {
    let kept = control(backend, "oa/kept.txt");
    drop(writing(
        backend,
        "SAW-001",
        "oa/dropped.txt",
        false,
        &[b'x'; 4096],
    ));
    probe_says("AW-004", backend, Probe::Exists, "oa/dropped.txt", false);
    same(
        "AW-004",
        "every file after the dropped writer",
        kept_set(kept),
        file_set("AW-004", backend, "", true),
    );
}

/// Dropping an `open_atomic` writer over an existing file keeps the old
/// content.
pub fn open_atomic_dropped_keeps_the_old_content(backend: &dyn Backend, _: &Settings) {
    seed(backend, "oa/kept.txt", "old");
    drop(writing(backend, "SAW-001", "oa/kept.txt", true, b"partial"));
    has_content("AW-001", backend, "oa/kept.txt", "old");
}

/// The files a check expects: the control file when it was written.
fn kept_set(kept: Option<&str>) -> std::collections::BTreeSet<String> {
    kept.into_iter().map(str::to_owned).collect()
}

/// `open_atomic` re-checks the target at commit (SAW-012 step 4): a file
/// that appeared after `open_atomic(.., overwrite=false)` makes the commit
/// `AlreadyExists` and is kept; a folder that appeared at the path makes it
/// `InvalidPath` and the folder's file is kept.
pub fn open_atomic_commit_rechecks_the_target(backend: &dyn Backend, _: &Settings) {
    let races = [
        (
            "rc/file.txt",
            false,
            "rc/file.txt",
            ErrorKind::AlreadyExists,
        ),
        (
            "rc/folder",
            true,
            "rc/folder/child.txt",
            ErrorKind::InvalidPath,
        ),
    ];
    for (path, on, appeared, refusal) in races {
        let writer = writing(backend, "SAW-012", path, on, b"late");
        seed(backend, appeared, "appeared");
        let what = format!("commit of {path:?} (overwrite={on}) after {appeared:?} appeared");
        err_kind("SAW-012", &what, refusal, writer.commit());
        has_content("SAW-012", backend, appeared, "appeared");
    }
}

/// An `open_atomic` writer of `path` that must open, with `bytes` written
/// into it (not committed).
#[track_caller]
fn writing<'b>(
    backend: &'b dyn Backend,
    clause: &str,
    path: &str,
    on: bool,
    bytes: &[u8],
) -> Box<dyn crate::AtomicWriter + 'b> {
    let what = format!("open_atomic({path:?}, overwrite={on})");
    let mut writer = ok(clause, &what, backend.open_atomic(&p(path), &overwrite(on)));
    write_into(&mut writer, bytes);
    writer
}

fn write_into(writer: &mut Box<dyn crate::AtomicWriter + '_>, bytes: &[u8]) {
    if let Err(e) = writer.write_all(bytes) {
        fail(
            "SAW-001",
            "writing into the open_atomic writer",
            "Ok(())",
            e,
        );
    }
}

/// A reader never sees a torn or empty file while `write_atomic` replaces
/// it: every read returns one of the complete contents (AW-001).
pub fn a_concurrent_reader_never_sees_a_partial_write_atomic(backend: &dyn Backend, _: &Settings) {
    let versions = [vec![b'a'; 150_000], vec![b'b'; 70_000]];
    seed(backend, "race/file.bin", &versions[0]);
    let done = std::sync::atomic::AtomicBool::new(false);
    // Stops the reader however the writer ends, a panic included.
    struct Done<'a>(&'a std::sync::atomic::AtomicBool);
    impl Drop for Done<'_> {
        fn drop(&mut self) {
            self.0.store(true, std::sync::atomic::Ordering::SeqCst);
        }
    }
    let torn = std::thread::scope(|scope| {
        let reader = scope.spawn(|| {
            let mut torn = None;
            while !done.load(std::sync::atomic::Ordering::SeqCst) && torn.is_none() {
                match backend.read_bytes(&p("race/file.bin")) {
                    Ok(bytes) if versions.iter().any(|v| v[..] == bytes[..]) => {}
                    Ok(bytes) => torn = Some(format!("{} bytes, not a whole version", bytes.len())),
                    Err(e) => torn = Some(format!("an error: {e}")),
                }
            }
            torn
        });
        let _stop = Done(&done);
        for round in 0..40 {
            let content = Content::reader(std::io::Cursor::new(versions[(round + 1) % 2].clone()));
            let result = backend.write_atomic(&p("race/file.bin"), content, &overwrite(true));
            if let Err(e) = result {
                fail(
                    "AW-001",
                    "write_atomic with overwrite during reads",
                    "Ok(..)",
                    e,
                );
            }
        }
        done.store(true, std::sync::atomic::Ordering::SeqCst);
        reader
            .join()
            .unwrap_or_else(|_| Some("the reader panicked".to_owned()))
    });
    if let Some(found) = torn {
        fail(
            "AW-001",
            "a read of race/file.bin during write_atomic",
            "150 000 x 'a' or 70 000 x 'b'",
            found,
        );
    }
}

/// Of several threads creating one file without `overwrite` (with `write`
/// and `write_atomic`), exactly one succeeds; the others get
/// `AlreadyExists`, and the file holds the winner's content (BE-008: the
/// existence check and the write are one step).
pub fn concurrent_creates_without_overwrite_let_exactly_one_win(
    backend: &dyn Backend,
    _: &Settings,
) {
    for round in 0..8 {
        let path = format!("one/winner-{round}.txt");
        let results: Vec<(String, crate::Result<crate::WriteResult>)> =
            std::thread::scope(|scope| {
                let workers: Vec<_> = (0..4)
                    .map(|i| {
                        let path = p(&path);
                        scope.spawn(move || {
                            let body = format!("writer {i}");
                            let content = Content::from(body.clone().into_bytes());
                            let result = if i % 2 == 0 {
                                backend.write(&path, content, &overwrite(false))
                            } else {
                                backend.write_atomic(&path, content, &overwrite(false))
                            };
                            (body, result)
                        })
                    })
                    .collect();
                workers.into_iter().filter_map(|w| w.join().ok()).collect()
            });
        let winners: Vec<&String> = results
            .iter()
            .filter(|(_, r)| r.is_ok())
            .map(|(body, _)| body)
            .collect();
        same(
            "BE-008",
            &format!("writers of {path:?} that succeeded"),
            1,
            winners.len(),
        );
        for (_, result) in results.iter().filter(|(_, r)| r.is_err()) {
            let kind = result.as_ref().err().map(crate::Error::kind);
            same(
                "BE-008",
                "the losers' error",
                Some(ErrorKind::AlreadyExists),
                kind,
            );
        }
        has_content("BE-008", backend, &path, winners[0]);
    }
}

/// The double fault: a content stream that fails, written where the path
/// would be refused (onto a folder, under a file, onto a file without
/// `overwrite`). Either error is correct, the content's [`ErrorKind::Io`]
/// or the path's refusal, and nothing changes (BE-008; a streaming backend
/// cannot drain the content before it checks the path, the reference's
/// memory backend drains first).
fn failing_content_onto_refused_paths(
    backend: &dyn Backend,
    op: &str,
    call: impl Fn(&str, Content<'static>) -> crate::Result<crate::WriteResult>,
) {
    seed_all(
        backend,
        &[("dbl/folder/inner.txt", "inner"), ("dbl/file.txt", "file")],
    );
    let files = snapshot("BE-008", backend);
    let folders = folder_set("BE-008", backend, "dbl");
    for (target, refusal) in [
        ("dbl/folder", ErrorKind::InvalidPath),
        ("dbl/file.txt/under", ErrorKind::InvalidPath),
        ("dbl/file.txt", ErrorKind::AlreadyExists),
    ] {
        let what = format!("{op}({target:?}) with a content stream failing after 3 bytes");
        match call(target, Content::reader(FailsAfter(3))) {
            Err(e) if e.kind() == ErrorKind::Io || e.kind() == refusal => {}
            other => fail(
                "BE-008",
                &what,
                format!("Err(Io) or Err({refusal:?})"),
                other.map_err(|e| e.kind()),
            ),
        }
        same(
            "BE-008",
            &format!("every file and its content after {what}"),
            &files,
            &snapshot("BE-008", backend),
        );
        same(
            "BE-008",
            &format!("the folders of \"dbl\" after {what}"),
            &folders,
            &folder_set("BE-008", backend, "dbl"),
        );
    }
}

/// `write` of a failing content stream to a path it would refuse: the I/O
/// error or the refusal, and nothing changes.
pub fn write_of_failing_content_to_a_refused_path_changes_nothing(
    backend: &dyn Backend,
    _: &Settings,
) {
    failing_content_onto_refused_paths(backend, "write", |target, content| {
        backend.write(&p(target), content, &overwrite(false))
    });
}

/// The same for `write_atomic`.
pub fn write_atomic_of_failing_content_to_a_refused_path_changes_nothing(
    backend: &dyn Backend,
    _: &Settings,
) {
    failing_content_onto_refused_paths(backend, "write_atomic", |target, content| {
        backend.write_atomic(&p(target), content, &overwrite(false))
    });
}
