//! `WriteResult` (contract section 2.4, WR-001a…WR-013,
//! `TestWriteResultConformance`). Each rule is checked for `write` and for
//! `write_atomic`.

use std::io::Cursor;

use super::Settings;
use super::support::{
    Transfer, Writer, fail, file_info, holds, landed, metadata, ok, p, same, seed, stored_metadata,
};
use crate::{Backend, Capability, Content, Metadata, WriteOptions, WriteResult, WriteSource};

/// `writer`'s result for a write that must land.
#[track_caller]
fn written(
    backend: &dyn Backend,
    writer: Writer,
    path: &str,
    content: Content<'_>,
    options: &WriteOptions,
) -> WriteResult {
    let result = writer.run_with(backend, path, content, options);
    let result = ok("WR-001a", &format!("{writer:?}({path:?})"), result);
    landed("WR-001a", backend, path);
    result
}

fn path_and_size(backend: &dyn Backend, _: &Settings, op: Writer) {
    let result = written(
        backend,
        op,
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

table_checks! {
    /// `write` returns the path written and the number of bytes.
    write_result_has_path_and_size => path_and_size(Writer::Write);
    /// `write_atomic` returns the path written and the number of bytes.
    write_atomic_result_has_path_and_size => path_and_size(Writer::WriteAtomic);
}

/// A 100 KiB streamed `write_atomic` reports size 102400.
pub fn streamed_write_result_counts_every_byte(backend: &dyn Backend, _: &Settings) {
    let content = Content::reader(Cursor::new(vec![7u8; 100 * 1024]));
    let result = written(
        backend,
        Writer::WriteAtomic,
        "wr/streamed.bin",
        content,
        &WriteOptions::new(),
    );
    same(
        "WR-001a",
        "size of a 100 KiB streamed write",
        102_400,
        result.size,
    );
}

fn source_matches(backend: &dyn Backend, _: &Settings, op: Writer) {
    let native = backend
        .capabilities()
        .supports(Capability::WRITE_RESULT_NATIVE);
    let r = written(
        backend,
        op,
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

table_checks! {
    /// `source` is `Native` if and only if WRITE_RESULT_NATIVE is declared;
    /// native results carry `last_modified`, basic ones no rich field.
    write_result_source_matches_the_declaration => source_matches(Writer::Write);
    /// The same for `write_atomic`.
    write_atomic_result_source_matches_the_declaration => source_matches(Writer::WriteAtomic);
}

fn populated_implies_declared(backend: &dyn Backend, _: &Settings, op: Writer) {
    let caps = backend.capabilities();
    let options = if caps.supports(Capability::USER_METADATA) {
        WriteOptions::new().metadata([("k", "v")])
    } else {
        WriteOptions::new()
    };
    let r = written(backend, op, "wr/gated.bin", Content::from("x"), &options);
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

table_checks! {
    /// Every populated gated field implies its capability.
    write_result_fields_imply_their_capability => populated_implies_declared(Writer::Write);
    /// The same for `write_atomic`.
    write_atomic_result_fields_imply_their_capability => populated_implies_declared(Writer::WriteAtomic);
}

fn matches_file_info(backend: &dyn Backend, _: &Settings, op: Writer, size: usize) {
    let content = Content::reader(Cursor::new(vec![3u8; size]));
    let r = written(backend, op, "wr/info.bin", content, &WriteOptions::new());
    let info = file_info("WR-001a", backend, "wr/info.bin");
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

table_checks! {
    /// `size`, `etag` and `digest` equal `get_file_info`'s, and `last_modified`
    /// equals `modified_at` when set.
    write_result_matches_file_info => matches_file_info(Writer::Write, 11);
    /// The same for `write_atomic`.
    write_atomic_result_matches_file_info => matches_file_info(Writer::WriteAtomic, 11);
    /// The same for an 8 MiB streamed `write` (where multipart uploads kick in).
    large_write_result_matches_file_info => matches_file_info(Writer::Write, 8 * 1024 * 1024);
    /// The same for an 8 MiB streamed `write_atomic`.
    large_write_atomic_result_matches_file_info => matches_file_info(Writer::WriteAtomic, 8 * 1024 * 1024);
}

fn echoed(backend: &dyn Backend, _: &Settings, op: Writer) {
    let given = metadata("owner", "conformance");
    let options = WriteOptions {
        overwrite: false,
        metadata: Some(given.clone()),
    };
    let r = written(backend, op, "wr/meta.bin", Content::from("x"), &options);
    same(
        "WR-012",
        &format!("{op:?} result metadata"),
        Some(given),
        r.metadata,
    );
}

table_checks! {
    /// The result echoes the metadata passed.
    write_result_echoes_metadata => echoed(Writer::Write);
    /// The same for `write_atomic`.
    write_atomic_result_echoes_metadata => echoed(Writer::WriteAtomic);
}

fn none_when_not_passed(backend: &dyn Backend, _: &Settings, op: Writer) {
    for (i, given) in [None, Some(Metadata::new())].into_iter().enumerate() {
        let options = WriteOptions {
            overwrite: false,
            metadata: given,
        };
        let r = written(
            backend,
            op,
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

table_checks! {
    /// Without metadata (or with an empty map) the result's metadata is `None`.
    write_result_metadata_is_none_when_not_passed => none_when_not_passed(Writer::Write);
    /// The same for `write_atomic`.
    write_atomic_result_metadata_is_none_when_not_passed => none_when_not_passed(Writer::WriteAtomic);
}

fn round_trips(backend: &dyn Backend, _: &Settings, op: Writer) {
    let given = metadata("owner", "conformance");
    let options = WriteOptions {
        overwrite: false,
        metadata: Some(given.clone()),
    };
    written(backend, op, "wr/rt.bin", Content::from("x"), &options);
    same(
        "WR-013",
        &format!("metadata of get_file_info after {op:?}"),
        Some(given),
        stored_metadata("WR-013", backend, "wr/rt.bin"),
    );
}

table_checks! {
    /// Metadata written comes back from `get_file_info`.
    metadata_round_trips_through_file_info => round_trips(Writer::Write);
    /// The same for `write_atomic`.
    metadata_round_trips_through_file_info_atomically => round_trips(Writer::WriteAtomic);
}

/// `get_file_info().metadata` is `None` for a file written without metadata
/// (and always, on a backend without USER_METADATA); an overwrite without
/// metadata clears it.
pub fn file_info_metadata_is_none_without_metadata(backend: &dyn Backend, _: &Settings) {
    seed(backend, "wr/plain.bin", "x");
    same(
        "WR-013",
        "metadata of a file written without metadata",
        None,
        stored_metadata("WR-013", backend, "wr/plain.bin"),
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
        same(
            "WR-013",
            "metadata after an overwrite without metadata",
            None,
            stored_metadata("WR-013", backend, "wr/cleared.bin"),
        );
    }
}

fn survives(backend: &dyn Backend, _: &Settings, op: Transfer) {
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
        same(
            "BK-192",
            &format!("metadata of {dst:?} after {op:?} (overwrite={overwrite})"),
            Some(given.clone()),
            stored_metadata("BK-192", backend, dst),
        );
    }
}

table_checks! {
    /// `rename` keeps the user metadata, onto a new or an overwritten file.
    metadata_survives_rename => survives(Transfer::Rename);
    /// `copy` carries the user metadata, and replaces the destination's on
    /// overwrite (BK-192, BK-233).
    metadata_survives_copy => survives(Transfer::Copy);
}
