//! Inputs real data has and small examples lack: names with spaces, leading
//! dots, unicode in two normalization forms, case-only differences, names
//! that are prefixes of others at several depths, files 4 to 6 levels deep,
//! and payloads that cross 64 KiB boundaries (contract sections 1 and 2.2:
//! a key is its exact byte string, and a write stores every byte).

use std::io::{Cursor, Read, Write};

use super::Settings;
use super::support::{
    Probe, content, counts, fail, file_set, folder_deleted, has_content, holds, lists_files,
    lists_folders, ok, overwrite, p, probe_says, same, seed, seed_all, set,
};
use crate::{Backend, Content, ListOptions};

/// Seeds every `(path, content)`, then requires each to read back its own
/// content and the recursive listing of `folder` to be exactly these paths.
#[track_caller]
fn distinct_names(backend: &dyn Backend, folder: &str, files: &[(&str, &str)]) {
    seed_all(backend, files);
    for (path, expected) in files {
        has_content("BE-004", backend, path, expected);
    }
    let expected: Vec<&str> = files.iter().map(|(path, _)| *path).collect();
    lists_files("BE-004", backend, folder, true, &expected);
}

/// Names with spaces and leading dots are ordinary names: they round-trip,
/// list, and are not hidden or trimmed.
pub fn names_with_spaces_and_leading_dots_round_trip(backend: &dyn Backend, _: &Settings) {
    distinct_names(
        backend,
        "odd",
        &[
            ("odd/with space.txt", "space"),
            ("odd/ lead and trail .txt", "padded"),
            ("odd/.hidden", "dot"),
            ("odd/.config/..x", "dots"),
            ("odd/sub dir/a  b", "double space"),
        ],
    );
    lists_folders("BE-014", backend, "odd", &["odd/.config", "odd/sub dir"]);
    for folder in ["odd/.config", "odd/sub dir"] {
        probe_says("BE-009", backend, Probe::IsFolder, folder, true);
    }
}

/// `café` in NFC (`e9`) and in NFD (`e` + `301`) are two different keys: a
/// backend must not normalize one onto the other.
pub fn unicode_normalization_forms_are_distinct_names(backend: &dyn Backend, _: &Settings) {
    distinct_names(
        backend,
        "uni",
        &[
            ("uni/caf\u{e9}.txt", "nfc"),
            ("uni/cafe\u{301}.txt", "nfd"),
            ("uni/\u{65e5}\u{672c}/\u{1f600}.txt", "cjk and emoji"),
        ],
    );
}

/// `Case.txt` and `case.txt` are two different keys (keys are byte strings).
pub fn case_only_differences_are_distinct_names(backend: &dyn Backend, _: &Settings) {
    distinct_names(
        backend,
        "cs",
        &[
            ("cs/Case.txt", "upper"),
            ("cs/case.txt", "lower"),
            ("cs/DIR/a", "upper dir"),
            ("cs/dir/a", "lower dir"),
        ],
    );
}

/// Names that are prefixes of others (`x`, `xy`, `x.b`) stay apart at every
/// depth: listings, folder info and a recursive delete see only their own
/// subtree (BE-014, BE-004).
pub fn prefix_names_stay_distinct_at_every_depth(backend: &dyn Backend, _: &Settings) {
    let files = [
        ("pre/x/a.txt", "1"),
        ("pre/x/ab/c.txt", "22"),
        ("pre/x/a/b/c/deep.txt", "333"),
        ("pre/xy/d.txt", "4444"),
        ("pre/x.b", "55555"),
        ("pre/x/a/b/cd/e.txt", "666666"),
        ("pre/x/a/bc.txt", "7777777"),
    ];
    distinct_names(backend, "pre", &files);
    same(
        "BE-014",
        "recursive list_files(\"pre/x/a\")",
        set(&[
            "pre/x/a/b/c/deep.txt",
            "pre/x/a/b/cd/e.txt",
            "pre/x/a/bc.txt",
        ]),
        file_set("BE-014", backend, "pre/x/a", true),
    );
    lists_folders("BE-014", backend, "pre/x", &["pre/x/a", "pre/x/ab"]);
    lists_folders(
        "BE-014",
        backend,
        "pre/x/a/b",
        &["pre/x/a/b/c", "pre/x/a/b/cd"],
    );
    if backend.capabilities().supports(crate::Capability::METADATA) {
        counts("BE-004", backend, "pre/x/a/b/c", (1, 3));
    }
    if backend.capabilities().supports(crate::Capability::DELETE) {
        folder_deleted("BE-004", backend, "pre/x/a/b/c", true);
        for (path, expected) in &files {
            if *path != "pre/x/a/b/c/deep.txt" {
                has_content("BE-004", backend, path, expected);
            }
        }
    }
}

/// Files 4, 5 and 6 levels below a folder are listed (and pruned by
/// `max_depth`), make every ancestor a folder, and go with a recursive delete.
pub fn files_4_to_6_levels_deep_are_listed_and_deleted(backend: &dyn Backend, _: &Settings) {
    let deep = [
        "dp/1/2/3/four.txt",
        "dp/1/2/3/4/five.txt",
        "dp/1/2/3/4/5/six.txt",
    ];
    for path in deep {
        seed(backend, path, path);
    }
    lists_files("BE-014", backend, "dp", true, &deep);
    lists_files("BE-014", backend, "dp/1", true, &deep);
    let options = ListOptions::new().recursive(true).max_depth(4);
    let pruned = super::support::file_paths("DEPTH-003", backend, "dp", options);
    holds(
        "DEPTH-003",
        "list_files(\"dp\", max_depth=4) includes the files 4 and 5 levels down",
        pruned.contains(&deep[0].to_owned()) && pruned.contains(&deep[1].to_owned()),
        "dp/1/2/3/four.txt and dp/1/2/3/4/five.txt",
        &pruned,
    );
    for folder in ["dp/1/2/3", "dp/1/2/3/4", "dp/1/2/3/4/5"] {
        probe_says("BE-009", backend, Probe::IsFolder, folder, true);
    }
    lists_folders("BE-014", backend, "dp/1/2/3/4", &["dp/1/2/3/4/5"]);
    if backend.capabilities().supports(crate::Capability::DELETE) {
        folder_deleted("BE-004", backend, "dp/1/2", true);
        for path in deep {
            probe_says("BE-004", backend, Probe::IsFile, path, false);
        }
    }
}

/// The sizes around 64 KiB boundaries that chunked code gets wrong.
const BOUNDARY_SIZES: [usize; 5] = [65_535, 65_536, 65_537, 131_072, 196_609];

fn pattern(size: usize) -> Vec<u8> {
    (0..size).map(|i| (i % 253) as u8).collect()
}

#[track_caller]
fn reads_back(backend: &dyn Backend, path: &str, data: &[u8], how: &str) {
    let found = content("BE-004", backend, path);
    if found != data {
        let first = found.iter().zip(data).position(|(a, b)| a != b);
        fail(
            "BE-004",
            &format!("content of {path:?} after {how}"),
            format_args!("{} bytes as written", data.len()),
            format_args!("{} bytes, first difference at {first:?}", found.len()),
        );
    }
    let mut stream = ok(
        "SIO-001",
        &format!("read({path:?})"),
        backend.read(&p(path)),
    );
    let mut streamed = Vec::new();
    let mut buf = [0u8; 10_000];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => streamed.extend_from_slice(&buf[..n]),
            Err(e) => fail(
                "SIO-001",
                &format!("reading {path:?} in 10 000-byte chunks"),
                "Ok",
                e,
            ),
        }
    }
    holds(
        "SIO-001",
        &format!("{path:?} streamed back in 10 000-byte chunks after {how}"),
        streamed == data,
        &format!("{} bytes as written", data.len()),
        format_args!("{} bytes, differing", streamed.len()),
    );
}

/// `write` from a reader stores every byte of payloads just under, at and
/// past 64 KiB boundaries (SIO-010).
pub fn streamed_writes_across_64_kib_boundaries_round_trip(backend: &dyn Backend, _: &Settings) {
    for size in BOUNDARY_SIZES {
        let data = pattern(size);
        let path = format!("kb/write-{size}.bin");
        let content = Content::reader(Cursor::new(data.clone()));
        let result = ok(
            "BE-008",
            &format!("write({path:?})"),
            backend.write(&p(&path), content, &overwrite(false)),
        );
        same(
            "WR-001a",
            &format!("WriteResult.size of {path:?}"),
            size as u64,
            result.size,
        );
        reads_back(backend, &path, &data, "a streamed write");
    }
}

/// `write_atomic` from a reader does the same.
pub fn write_atomic_streams_across_64_kib_boundaries(backend: &dyn Backend, _: &Settings) {
    for size in BOUNDARY_SIZES {
        let data = pattern(size);
        let path = format!("kb/atomic-{size}.bin");
        let content = Content::reader(Cursor::new(data.clone()));
        ok(
            "AW-001",
            &format!("write_atomic({path:?})"),
            backend.write_atomic(&p(&path), content, &overwrite(false)),
        );
        reads_back(backend, &path, &data, "a streamed write_atomic");
    }
}

/// `open_atomic` with writes of odd sizes (1, 4095, 65 537 ...) commits every
/// byte of payloads across 64 KiB boundaries (SAW-001).
pub fn open_atomic_payloads_across_64_kib_boundaries_round_trip(
    backend: &dyn Backend,
    _: &Settings,
) {
    for size in BOUNDARY_SIZES {
        let data = pattern(size);
        let path = format!("kb/open-{size}.bin");
        let mut writer = ok(
            "SAW-001",
            &format!("open_atomic({path:?})"),
            backend.open_atomic(&p(&path), &overwrite(false)),
        );
        let mut rest = &data[..];
        for chunk in [1usize, 4095, 65_537, 7, 60_000].iter().cycle() {
            if rest.is_empty() {
                break;
            }
            let (now, later) = rest.split_at((*chunk).min(rest.len()));
            if let Err(e) = writer.write_all(now) {
                fail(
                    "SAW-001",
                    "writing into the open_atomic writer",
                    "Ok(())",
                    e,
                );
            }
            rest = later;
        }
        same(
            "SAW-001",
            "AtomicWriter::position before commit",
            size as u64,
            writer.position(),
        );
        let result = ok("SAW-001", &format!("commit of {path:?}"), writer.commit());
        same(
            "WR-001a",
            &format!("committed size of {path:?}"),
            size as u64,
            result.size,
        );
        reads_back(backend, &path, &data, "an open_atomic commit");
    }
}
