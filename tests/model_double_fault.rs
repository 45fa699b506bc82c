//! The model accepts either error in exactly one double fault: a write whose
//! content fails *and* whose path would be refused. A backend that checks
//! the path before it reads the content (as the `Backend` docs allow, and as
//! a streaming upload must) answers the refusal where the memory oracle,
//! which drains first, answers the content's I/O error.
#![cfg(any(feature = "model", feature = "arbitrary"))]

use remote_store::backends::MemoryBackend;
use remote_store::model::{Divergence, Op, OracleConfig, Source, run_ops};
use remote_store::{
    Backend, Content, Delegate, Error, RemotePath, Result, WriteOptions, WriteResult,
};

/// A memory backend whose writes check the path before reading any content.
/// With `wrong_kind`, it reports a folder as `AlreadyExists`: a refusal the
/// model and the conformance checks must still reject.
/// With `hides_folders`, `is_folder` always answers `false` (for the store
/// self-transfer check below).
#[derive(Debug, Default)]
struct PathFirst {
    inner: MemoryBackend,
    wrong_kind: bool,
    hides_folders: bool,
}

fn wrong_kind() -> PathFirst {
    PathFirst {
        wrong_kind: true,
        ..PathFirst::default()
    }
}

impl PathFirst {
    /// The refusal, if any, a path-first backend answers before it reads
    /// the content.
    fn refuse(&self, path: &RemotePath, options: &WriteOptions) -> Result<()> {
        let under_a_file = path
            .ancestors()
            .any(|a| self.inner.is_file(&a).unwrap_or(false));
        if self.inner.is_folder(path).unwrap_or(false) || under_a_file {
            return Err(if self.wrong_kind {
                Error::already_exists(path.as_str(), "refused")
            } else {
                Error::invalid_path(path.as_str(), "refused before reading the content")
            });
        }
        if !options.overwrite && self.inner.is_file(path).unwrap_or(false) {
            return Err(Error::already_exists(
                path.as_str(),
                "refused before reading the content",
            ));
        }
        Ok(())
    }
}

impl Delegate for PathFirst {
    type Inner = MemoryBackend;
    fn inner(&self) -> &MemoryBackend {
        &self.inner
    }
    fn name(_: &Self) -> &str {
        "path-first"
    }
    fn is_folder(this: &Self, path: &RemotePath) -> Result<bool> {
        Ok(!this.hides_folders && this.inner.is_folder(path)?)
    }
    fn write(
        this: &Self,
        path: &RemotePath,
        c: Content<'_>,
        o: &WriteOptions,
    ) -> Result<WriteResult> {
        this.refuse(path, o)?;
        this.inner.write(path, c, o)
    }
    fn write_atomic(
        this: &Self,
        path: &RemotePath,
        c: Content<'_>,
        o: &WriteOptions,
    ) -> Result<WriteResult> {
        this.refuse(path, o)?;
        this.inner.write_atomic(path, c, o)
    }
}

fn path(raw: &str) -> RemotePath {
    RemotePath::parse(raw).unwrap()
}

fn write(raw: &str, source: Source, overwrite: bool, atomic: bool) -> Op {
    let content = bytes::Bytes::from_static(b"xy");
    Op::new_write(atomic, path(raw), content, source, overwrite, None)
}

/// Seeds `a/b` and `f`, then writes failing content onto `target`.
fn double_fault(target: &str, overwrite: bool, atomic: bool) -> Vec<Op> {
    vec![
        write("a/b", Source::Bytes, false, false),
        write("f", Source::Bytes, false, false),
        write(target, Source::FailingReader(1), overwrite, atomic),
    ]
}

#[test]
fn a_backend_that_checks_the_path_first_agrees_with_the_oracle() {
    for atomic in [false, true] {
        for (target, overwrite) in [("a", true), ("f/x", false), ("f", false)] {
            let ops = double_fault(target, overwrite, atomic);
            let result = run_ops(&PathFirst::default(), &ops, &OracleConfig::new());
            assert_eq!(result, Ok(()), "{ops:?}");
        }
    }
}

#[test]
fn only_the_refusal_of_the_path_is_accepted_instead_of_the_io_error() {
    let ops = double_fault("a", false, false);
    let divergence = run_ops(&wrong_kind(), &ops, &OracleConfig::new()).unwrap_err();
    assert_eq!(divergence.step, 2);
    assert!(matches!(divergence.divergence, Divergence::Outcome { .. }));
}

#[test]
fn without_a_failing_content_the_refusal_is_compared_as_usual() {
    // `f` with overwrite is writable: no double fault, so no refusal either.
    let ops = double_fault("f", true, false);
    assert_eq!(
        run_ops(&PathFirst::default(), &ops, &OracleConfig::new()),
        Ok(())
    );
    let ops = vec![
        write("a/b", Source::Bytes, false, false),
        write("a", Source::Bytes, false, false),
    ];
    assert!(run_ops(&wrong_kind(), &ops, &OracleConfig::new()).is_err());
}

/// The conformance checks of the double fault pass a path-first backend and
/// fail one that refuses with the wrong kind.
#[cfg(feature = "conformance")]
#[test]
fn the_conformance_checks_accept_either_error_and_nothing_else() {
    use remote_store::conformance::{Settings, atomic};
    let checks: [fn(&dyn Backend, &Settings); 2] = [
        atomic::write_of_failing_content_to_a_refused_path_changes_nothing,
        atomic::write_atomic_of_failing_content_to_a_refused_path_changes_nothing,
    ];
    for check in checks {
        check(&PathFirst::default(), &Settings::new());
        check(&MemoryBackend::new(), &Settings::new());
        let failed = std::panic::catch_unwind(|| check(&wrong_kind(), &Settings::new()));
        assert!(failed.is_err(), "a folder refused as AlreadyExists passed");
    }
}

/// The conformance check of a store self-transfer of a folder fails a
/// backend whose `is_folder` misses folders.
#[cfg(feature = "conformance")]
#[test]
fn the_store_self_transfer_check_relies_on_the_folder_probe() {
    use remote_store::conformance::{Settings, move_copy};
    let check = move_copy::store_self_transfer_of_a_folder_is_invalid_path;
    let healthy = || Box::new(PathFirst::default()) as Box<dyn Backend>;
    check(&healthy, &Settings::new());
    let hiding = || {
        Box::new(PathFirst {
            hides_folders: true,
            ..PathFirst::default()
        }) as Box<dyn Backend>
    };
    let failed = std::panic::catch_unwind(|| check(&hiding, &Settings::new()));
    assert!(
        failed.is_err(),
        "a folder self-transfer answered NotFound passed"
    );
}
