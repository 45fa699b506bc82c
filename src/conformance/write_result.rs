//! `WriteResult` (contract section 2.4, WR-001a…WR-013,
//! `TestWriteResultConformance`). Each rule is checked for `write` and for
//! `write_atomic`.

use std::io::Cursor;

use super::Settings;
use super::support::{Transfer, fail, holds, landed, metadata, ok, p, same, seed};
use crate::{Backend, Capability, Content, Metadata, WriteOptions, WriteResult, WriteSource};

#[derive(Clone, Copy, Debug)]
enum Op {
    Write,
    WriteAtomic,
}

impl Op {
    fn run(
        self,
        backend: &dyn Backend,
        path: &str,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> WriteResult {
        let result = match self {
            Op::Write => backend.write(&p(path), content, options),
            Op::WriteAtomic => backend.write_atomic(&p(path), content, options),
        };
        let result = ok("WR-001a", &format!("{self:?}({path:?})"), result);
        landed("WR-001a", backend, path);
        result
    }
}

fn path_and_size(backend: &dyn Backend, op: Op) {
    let result = op.run(
        backend,
        "wr/file.bin",
        Content::from("12345"),
        &WriteOptions::new(),
    );
    same(
        "WR-001a",
        &format!("{op:?} result (path, size)"),
        ("wr/file.bin", 5),
        (result.path.as_str(), result.size),
    );
}

/// `write` returns the path written and the number of bytes.
pub fn write_result_has_path_and_size(backend: &dyn Backend, _: &Settings) {
    path_and_size(backend, Op::Write);
}

/// `write_atomic` returns the path written and the number of bytes.
pub fn write_atomic_result_has_path_and_size(backend: &dyn Backend, _: &Settings) {
    path_and_size(backend, Op::WriteAtomic);
}

/// A 100 KiB streamed `write_atomic` reports size 102400.
pub fn streamed_write_result_counts_every_byte(backend: &dyn Backend, _: &Settings) {
    let content = Content::reader(Cursor::new(vec![7u8; 100 * 1024]));
    let result = Op::WriteAtomic.run(backend, "wr/streamed.bin", content, &WriteOptions::new());
    same(
        "WR-001a",
        "size of a 100 KiB streamed write",
        102_400,
        result.size,
    );
}

fn source_matches(backend: &dyn Backend, op: Op) {
    let native = backend
        .capabilities()
        .supports(Capability::WRITE_RESULT_NATIVE);
    let r = op.run(
        backend,
        "wr/src.bin",
        Content::from("x"),
        &WriteOptions::new(),
    );
    let expected = if native {
        WriteSource::Native
    } else {
        WriteSource::Basic
    };
    same(
        "WR-004",
        &format!("{op:?} result source (WRITE_RESULT_NATIVE declared: {native})"),
        expected,
        r.source,
    );
    if native {
        holds(
            "WR-009",
            &format!("{op:?} native result last_modified"),
            r.last_modified.is_some(),
            "Some(time)",
            r.last_modified,
        );
    } else {
        let rich = (
            r.digest.clone(),
            r.etag.clone(),
            r.version_id.clone(),
            r.last_modified,
        );
        same(
            "WR-005",
            &format!("{op:?} basic result rich fields"),
            (None, None, None, None),
            rich,
        );
    }
}

/// `source` is `Native` if and only if WRITE_RESULT_NATIVE is declared;
/// native results carry `last_modified`, basic ones no rich field.
pub fn write_result_source_matches_the_declaration(backend: &dyn Backend, _: &Settings) {
    source_matches(backend, Op::Write);
}

/// The same for `write_atomic`.
pub fn write_atomic_result_source_matches_the_declaration(backend: &dyn Backend, _: &Settings) {
    source_matches(backend, Op::WriteAtomic);
}

fn populated_implies_declared(backend: &dyn Backend, op: Op) {
    let caps = backend.capabilities();
    let options = if caps.supports(Capability::USER_METADATA) {
        WriteOptions::new().metadata([("k", "v")])
    } else {
        WriteOptions::new()
    };
    let r = op.run(backend, "wr/gated.bin", Content::from("x"), &options);
    let rich = r.digest.is_some()
        || r.etag.is_some()
        || r.version_id.is_some()
        || r.last_modified.is_some();
    if rich && !caps.supports(Capability::WRITE_RESULT_NATIVE) {
        fail(
            "WR-004",
            &format!("{op:?} rich fields without WRITE_RESULT_NATIVE"),
            "None",
            &r,
        );
    }
    if r.metadata.is_some() && !caps.supports(Capability::USER_METADATA) {
        fail(
            "WR-012",
            &format!("{op:?} metadata without USER_METADATA"),
            "None",
            &r,
        );
    }
}

/// Every populated gated field implies its capability.
pub fn write_result_fields_imply_their_capability(backend: &dyn Backend, _: &Settings) {
    populated_implies_declared(backend, Op::Write);
}

/// The same for `write_atomic`.
pub fn write_atomic_result_fields_imply_their_capability(backend: &dyn Backend, _: &Settings) {
    populated_implies_declared(backend, Op::WriteAtomic);
}

fn matches_file_info(backend: &dyn Backend, op: Op, size: usize) {
    let content = Content::reader(Cursor::new(vec![3u8; size]));
    let r = op.run(backend, "wr/info.bin", content, &WriteOptions::new());
    let info = ok(
        "WR-001a",
        "get_file_info after the write",
        backend.get_file_info(&p("wr/info.bin")),
    );
    same(
        "WR-001a",
        &format!("{op:?} (result size, file_info size, etag, digest)"),
        (
            size as u64,
            size as u64,
            info.etag.clone(),
            info.digest.clone(),
        ),
        (r.size, info.size, r.etag.clone(), r.digest.clone()),
    );
    if let Some(last_modified) = r.last_modified {
        same(
            "WR-001a",
            "last_modified against modified_at",
            info.modified_at,
            last_modified,
        );
    }
}

/// `size`, `etag` and `digest` equal `get_file_info`'s, and `last_modified`
/// equals `modified_at` when set.
pub fn write_result_matches_file_info(backend: &dyn Backend, _: &Settings) {
    matches_file_info(backend, Op::Write, 11);
}

/// The same for `write_atomic`.
pub fn write_atomic_result_matches_file_info(backend: &dyn Backend, _: &Settings) {
    matches_file_info(backend, Op::WriteAtomic, 11);
}

/// The same for an 8 MiB streamed `write` (where multipart uploads kick in).
pub fn large_write_result_matches_file_info(backend: &dyn Backend, _: &Settings) {
    matches_file_info(backend, Op::Write, 8 * 1024 * 1024);
}

/// The same for an 8 MiB streamed `write_atomic`.
pub fn large_write_atomic_result_matches_file_info(backend: &dyn Backend, _: &Settings) {
    matches_file_info(backend, Op::WriteAtomic, 8 * 1024 * 1024);
}

fn echoed(backend: &dyn Backend, op: Op) {
    let given = metadata("owner", "conformance");
    let options = WriteOptions {
        overwrite: false,
        metadata: Some(given.clone()),
    };
    let r = op.run(backend, "wr/meta.bin", Content::from("x"), &options);
    same(
        "WR-012",
        &format!("{op:?} result metadata"),
        Some(given),
        r.metadata,
    );
}

/// The result echoes the metadata passed.
pub fn write_result_echoes_metadata(backend: &dyn Backend, _: &Settings) {
    echoed(backend, Op::Write);
}

/// The same for `write_atomic`.
pub fn write_atomic_result_echoes_metadata(backend: &dyn Backend, _: &Settings) {
    echoed(backend, Op::WriteAtomic);
}

fn none_when_not_passed(backend: &dyn Backend, op: Op) {
    for (i, given) in [None, Some(Metadata::new())].into_iter().enumerate() {
        let options = WriteOptions {
            overwrite: false,
            metadata: given,
        };
        let r = op.run(
            backend,
            &format!("wr/nometa{i}.bin"),
            Content::from("x"),
            &options,
        );
        same(
            "WR-012",
            &format!("{op:?} result metadata with {:?}", options.metadata),
            None,
            r.metadata,
        );
    }
}

/// Without metadata (or with an empty map) the result's metadata is `None`.
pub fn write_result_metadata_is_none_when_not_passed(backend: &dyn Backend, _: &Settings) {
    none_when_not_passed(backend, Op::Write);
}

/// The same for `write_atomic`.
pub fn write_atomic_result_metadata_is_none_when_not_passed(backend: &dyn Backend, _: &Settings) {
    none_when_not_passed(backend, Op::WriteAtomic);
}

fn round_trips(backend: &dyn Backend, op: Op) {
    let given = metadata("owner", "conformance");
    let options = WriteOptions {
        overwrite: false,
        metadata: Some(given.clone()),
    };
    op.run(backend, "wr/rt.bin", Content::from("x"), &options);
    let info = ok(
        "WR-013",
        "get_file_info",
        backend.get_file_info(&p("wr/rt.bin")),
    );
    same(
        "WR-013",
        &format!("metadata of get_file_info after {op:?}"),
        Some(given),
        info.metadata,
    );
}

/// Metadata written comes back from `get_file_info`.
pub fn metadata_round_trips_through_file_info(backend: &dyn Backend, _: &Settings) {
    round_trips(backend, Op::Write);
}

/// The same for `write_atomic`.
pub fn metadata_round_trips_through_file_info_atomically(backend: &dyn Backend, _: &Settings) {
    round_trips(backend, Op::WriteAtomic);
}

/// `get_file_info().metadata` is `None` for a file written without metadata
/// (and always, on a backend without USER_METADATA); an overwrite without
/// metadata clears it.
pub fn file_info_metadata_is_none_without_metadata(backend: &dyn Backend, _: &Settings) {
    seed(backend, "wr/plain.bin", "x");
    let info = ok(
        "WR-013",
        "get_file_info",
        backend.get_file_info(&p("wr/plain.bin")),
    );
    same(
        "WR-013",
        "metadata of a file written without metadata",
        None,
        info.metadata,
    );
    if backend.capabilities().supports(Capability::USER_METADATA) {
        let with = WriteOptions::new().metadata([("k", "v")]);
        ok(
            "WR-013",
            "write with metadata",
            backend.write(&p("wr/cleared.bin"), Content::from("1"), &with),
        );
        ok(
            "WR-013",
            "overwrite without metadata",
            backend.write(
                &p("wr/cleared.bin"),
                Content::from("2"),
                &WriteOptions::new().overwrite(true),
            ),
        );
        let info = ok(
            "WR-013",
            "get_file_info",
            backend.get_file_info(&p("wr/cleared.bin")),
        );
        same(
            "WR-013",
            "metadata after an overwrite without metadata",
            None,
            info.metadata,
        );
    }
}

fn survives(backend: &dyn Backend, op: Transfer) {
    let given = metadata("owner", "conformance");
    for (dst, overwrite) in [("wr/fresh.bin", false), ("wr/occupied.bin", true)] {
        let src = format!("{dst}.src");
        let options = WriteOptions {
            overwrite: false,
            metadata: Some(given.clone()),
        };
        ok(
            "WR-013",
            "write the source",
            backend.write(&p(&src), Content::from("s"), &options),
        );
        if overwrite {
            let other = WriteOptions {
                overwrite: true,
                metadata: Some(metadata("other", "x")),
            };
            ok(
                "WR-013",
                "write the destination",
                backend.write(&p(dst), Content::from("d"), &other),
            );
        }
        ok(
            "BK-192",
            &format!("{op:?}({src:?}, {dst:?})"),
            op.run(backend, &src, dst, overwrite),
        );
        let info = ok(
            "BK-192",
            "get_file_info(dst)",
            backend.get_file_info(&p(dst)),
        );
        same(
            "BK-192",
            &format!("metadata of {dst:?} after {op:?} (overwrite={overwrite})"),
            Some(given.clone()),
            info.metadata,
        );
    }
}

/// `rename` keeps the user metadata, onto a new or an overwritten file.
pub fn metadata_survives_rename(backend: &dyn Backend, _: &Settings) {
    survives(backend, Transfer::Rename);
}

/// `copy` carries the user metadata, and replaces the destination's on
/// overwrite (BK-192, BK-233).
pub fn metadata_survives_copy(backend: &dyn Backend, _: &Settings) {
    survives(backend, Transfer::Copy);
}
