//! The Backend contract (sections 2, 3.2 and 7), rule by rule, through one
//! test body run on MemoryBackend and on LocalBackend (each local run in its
//! own temporary directory). User-metadata rules are memory-only: LocalBackend
//! does not declare USER_METADATA.

mod common;
mod subjects;

use std::io::{self, Cursor, Read, SeekFrom, Write};

use common::snapshot;
use remote_store::{
    Backend, Capability, Child, Content, DeleteFolderOptions, DeleteOptions, ErrorKind,
    ListOptions, Metadata, TransferOptions, WriteOptions, WriteSource,
};
use rstest::rstest;
use subjects::{Kind, Subject, p, state};

fn kind<T: std::fmt::Debug>(result: remote_store::Result<T>) -> ErrorKind {
    result.expect_err("expected an error").kind()
}

fn names(
    listing: remote_store::Result<remote_store::Listing<'_, remote_store::FileInfo>>,
) -> Vec<String> {
    listing
        .unwrap()
        .map(|f| f.unwrap().path.to_string())
        .collect()
}

/// Write options carrying one metadata pair when the backend stores user
/// metadata; plain options otherwise (LocalBackend).
fn with_metadata(backend: &dyn Backend, key: &str, value: &str) -> WriteOptions {
    if backend.capabilities().supports(Capability::USER_METADATA) {
        WriteOptions::new().metadata([(key, value)])
    } else {
        WriteOptions::new()
    }
}

// ---- probes ----------------------------------------------------------------

#[rstest]
fn the_root_is_an_existing_folder_and_never_a_file(
    #[values(Kind::Memory, Kind::Local)] on: Kind,
    #[values("", ".")] root: &str,
) {
    for backend in [on.empty(), on.with(&[("x", "1")])] {
        let root = p(root);
        assert!(backend.exists(&root).unwrap());
        assert!(backend.is_folder(&root).unwrap());
        assert!(!backend.is_file(&root).unwrap());
    }
}

#[rstest]
#[case("a/b")]
#[case("a/b/c")]
#[case("a/b/c/d")]
#[case("nope")]
fn probes_answer_false_for_missing_paths_and_paths_under_a_file(
    #[values(Kind::Memory, Kind::Local)] on: Kind,
    #[case] path: &str,
) {
    let backend = on.with(&[("a/b", "file")]);
    if path == "a/b" {
        return assert!(backend.is_file(&p(path)).unwrap());
    }
    assert!(!backend.exists(&p(path)).unwrap());
    assert!(!backend.is_file(&p(path)).unwrap());
    assert!(!backend.is_folder(&p(path)).unwrap());
}

#[rstest]
fn written_files_are_files_and_their_parents_folders(
    #[values(Kind::Memory, Kind::Local)] on: Kind,
) {
    let backend = on.with(&[("dir/a.txt", "x")]);
    assert!(backend.is_file(&p("dir/a.txt")).unwrap());
    assert!(!backend.is_folder(&p("dir/a.txt")).unwrap());
    assert!(backend.is_folder(&p("dir")).unwrap());
    assert!(!backend.is_file(&p("dir")).unwrap());
}

// ---- reads -----------------------------------------------------------------

#[rstest]
fn reads_of_the_root_or_a_folder_are_invalid_path(
    #[values(Kind::Memory, Kind::Local)] on: Kind,
    #[values("", ".", "dir")] path: &str,
) {
    let backend = on.with(&[("dir/f", "x")]);
    assert_eq!(kind(backend.read(&p(path))), ErrorKind::InvalidPath);
    assert_eq!(kind(backend.read_bytes(&p(path))), ErrorKind::InvalidPath);
    assert_eq!(
        kind(backend.read_seekable(&p(path))),
        ErrorKind::InvalidPath
    );
    assert_eq!(
        kind(backend.get_file_info(&p(path))),
        ErrorKind::InvalidPath
    );
    let err = backend.read_bytes(&p(path)).unwrap_err();
    assert_eq!(err.path(), Some(p(path).as_str()));
}

#[rstest]
fn reads_of_missing_paths_or_paths_under_a_file_are_not_found(
    #[values(Kind::Memory, Kind::Local)] on: Kind,

    #[values("missing", "f/child", "f/child/deeper", "dir/missing")] path: &str,
) {
    let backend = on.with(&[("f", "x"), ("dir/g", "y")]);
    assert_eq!(kind(backend.read(&p(path))), ErrorKind::NotFound);
    assert_eq!(kind(backend.read_bytes(&p(path))), ErrorKind::NotFound);
    assert_eq!(kind(backend.get_file_info(&p(path))), ErrorKind::NotFound);
    let err = backend.read_bytes(&p(path)).unwrap_err();
    assert!(err.to_string().contains(path), "{err}");
}

#[rstest]
fn a_read_stream_is_seekable_chunked_and_ends_with_empty_reads(
    #[values(Kind::Memory, Kind::Local)] on: Kind,
) {
    let backend = on.with(&[("f", "0123456789")]);
    let mut stream = backend.read(&p("f")).unwrap();
    assert!(stream.is_seekable());
    let mut first = [0u8; 3];
    stream.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"012");
    let mut rest = Vec::new();
    stream.read_to_end(&mut rest).unwrap();
    assert_eq!(rest, b"3456789");
    assert_eq!(stream.read(&mut [0u8; 10]).unwrap(), 0);
    stream.seek(SeekFrom::Start(4)).unwrap();
    let mut tail = String::new();
    stream.read_to_string(&mut tail).unwrap();
    assert_eq!(tail, "456789");
}

// ---- writes ----------------------------------------------------------------

#[rstest]
fn writes_create_intermediate_folders(
    #[values(Kind::Memory, Kind::Local)] on: Kind,
    #[values(false, true)] atomic: bool,
) {
    let backend = on.empty();
    let path = p("a/b/c/deep.txt");
    let result = if atomic {
        backend.write_atomic(&path, "deep".into(), &WriteOptions::new())
    } else {
        backend.write(&path, "deep".into(), &WriteOptions::new())
    }
    .unwrap();
    assert_eq!(result.path, path);
    assert_eq!(result.size, 4);
    for folder in ["a", "a/b", "a/b/c"] {
        assert!(backend.is_folder(&p(folder)).unwrap(), "{folder}");
    }
}

#[rstest]
fn writes_to_the_root_are_invalid_path_and_change_nothing(
    #[values(Kind::Memory, Kind::Local)] on: Kind,

    #[values("", ".")] root: &str,
    #[values(false, true)] overwrite: bool,
    #[values("write", "write_atomic", "open_atomic")] op: &str,
) {
    let backend = on.with(&[("seed", "s")]);
    let options = WriteOptions::new().overwrite(overwrite);
    let err = match op {
        "write" => backend.write(&p(root), "x".into(), &options).map(drop),
        "write_atomic" => backend
            .write_atomic(&p(root), "x".into(), &options)
            .map(drop),
        _ => backend.open_atomic(&p(root), &options).map(drop),
    }
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidPath);
    assert_eq!(err.path(), Some(""));
    assert_eq!(snapshot(&*backend), [("seed".to_owned(), b"s".to_vec())]);
    assert!(backend.is_folder(&p(root)).unwrap());
}

#[rstest]
fn writing_onto_a_folder_is_invalid_path_even_with_overwrite(
    #[values(Kind::Memory, Kind::Local)] on: Kind,

    #[values(false, true)] overwrite: bool,
    #[values(false, true)] atomic: bool,
) {
    let backend = on.with(&[("dir/f", "x")]);
    let options = WriteOptions::new().overwrite(overwrite);
    let result = if atomic {
        backend.write_atomic(&p("dir"), "y".into(), &options)
    } else {
        backend.write(&p("dir"), "y".into(), &options)
    };
    assert_eq!(kind(result), ErrorKind::InvalidPath);
    assert!(backend.is_folder(&p("dir")).unwrap());
    assert_eq!(backend.read_bytes(&p("dir/f")).unwrap(), "x");
}

#[rstest]
#[case("blocker.txt/child.txt", "blocker.txt")]
#[case("blocker.txt/a/b/c.txt", "blocker.txt")]
#[case("d/blocker2/x", "d/blocker2")]
fn writing_under_a_file_is_invalid_path_naming_the_blocker(
    #[values(Kind::Memory, Kind::Local)] on: Kind,

    #[case] path: &str,
    #[case] blocker: &str,
    #[values(false, true)] overwrite: bool,
) {
    let backend = on.with(&[("blocker.txt", "b"), ("d/blocker2", "c")]);
    let before = snapshot(&*backend);
    for atomic in [false, true] {
        let options = WriteOptions::new().overwrite(overwrite);
        let err = if atomic {
            backend.write_atomic(&p(path), "x".into(), &options)
        } else {
            backend.write(&p(path), "x".into(), &options)
        }
        .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidPath);
        assert!(err.to_string().contains(blocker), "{err}");
        let mut writer = backend.open_atomic(&p(path), &options).unwrap();
        writer.write_all(b"x").unwrap();
        assert_eq!(kind(writer.commit()), ErrorKind::InvalidPath);
    }
    assert_eq!(snapshot(&*backend), before);
}

#[rstest]
fn an_existing_file_without_overwrite_is_already_exists_naming_the_path(
    #[values(Kind::Memory, Kind::Local)] on: Kind,
) {
    let backend = on.with(&[("f.txt", "old")]);
    for atomic in [false, true] {
        let result = if atomic {
            backend.write_atomic(&p("f.txt"), "new".into(), &WriteOptions::new())
        } else {
            backend.write(&p("f.txt"), "new".into(), &WriteOptions::new())
        };
        let err = result.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::AlreadyExists);
        assert!(err.to_string().contains("f.txt"));
    }
    assert_eq!(
        kind(backend.open_atomic(&p("f.txt"), &WriteOptions::new())),
        ErrorKind::AlreadyExists
    );
    assert_eq!(backend.read_bytes(&p("f.txt")).unwrap(), "old");
}

#[rstest]
fn write_precondition_order_puts_type_mismatch_before_already_exists(
    #[values(Kind::Memory, Kind::Local)] on: Kind,
) {
    // A folder target is InvalidPath, never AlreadyExists, whatever overwrite says.
    let backend = on.with(&[("d/x", "1")]);
    assert_eq!(
        kind(backend.write(&p("d"), "y".into(), &WriteOptions::new())),
        ErrorKind::InvalidPath
    );
}

#[rstest]
fn overwrite_replaces_content_and_metadata(
    #[values(Kind::Memory, Kind::Local)] on: Kind,
    #[values(false, true)] atomic: bool,
) {
    let backend = on.empty();
    backend
        .write(&p("f"), "one".into(), &with_metadata(&*backend, "k", "v"))
        .unwrap();
    let options = WriteOptions::new().overwrite(true);
    if atomic {
        backend
            .write_atomic(&p("f"), "two!".into(), &options)
            .unwrap();
    } else {
        backend.write(&p("f"), "two!".into(), &options).unwrap();
    }
    assert_eq!(backend.read_bytes(&p("f")).unwrap(), "two!");
    let info = backend.get_file_info(&p("f")).unwrap();
    assert_eq!(info.size, 4);
    assert_eq!(
        info.metadata, None,
        "overwrite without metadata must clear it"
    );
}

#[rstest]
#[case::empty(b"".to_vec())]
#[case::binary((0..=255u8).collect::<Vec<_>>())]
#[case::text(b"hello world".to_vec())]
#[case::large(vec![0xAB; 10_000])]
fn content_round_trips_exactly(
    #[values(Kind::Memory, Kind::Local)] on: Kind,
    #[case] content: Vec<u8>,
) {
    let backend = on.empty();
    backend
        .write(&p("f"), content.clone().into(), &WriteOptions::new())
        .unwrap();
    assert_eq!(backend.read_bytes(&p("f")).unwrap(), content);
    assert_eq!(
        backend.get_file_info(&p("f")).unwrap().size,
        content.len() as u64
    );
}

#[rstest]
fn a_reader_is_consumed_from_its_current_position(#[values(Kind::Memory, Kind::Local)] on: Kind) {
    let backend = on.empty();
    let mut cursor = Cursor::new(b"HEADER:PAYLOAD".to_vec());
    cursor.set_position(7);
    let result = backend
        .write(&p("f"), Content::reader(cursor), &WriteOptions::new())
        .unwrap();
    assert_eq!(result.size, 7);
    assert_eq!(backend.read_bytes(&p("f")).unwrap(), "PAYLOAD");
}

/// A content stream that fails after 256 KiB, like a dropped connection.
struct FailsAfter(usize);

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

#[rstest]
fn a_failing_content_reader_leaves_the_store_unchanged(
    #[values(Kind::Memory, Kind::Local)] on: Kind,

    #[values(false, true)] atomic: bool,
    #[values("new/deep/file", "existing")] path: &str,
) {
    let backend = on.with(&[("existing", "kept")]);
    let before = state(&*backend);
    let content = Content::reader(FailsAfter(256 * 1024));
    let options = WriteOptions::new().overwrite(true);
    let err = if atomic {
        backend.write_atomic(&p(path), content, &options)
    } else {
        backend.write(&p(path), content, &options)
    }
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Io);
    assert_eq!(err.path(), Some(path));
    assert_eq!(state(&*backend), before);
    assert!(!backend.exists(&p("new")).unwrap());
    if let Some(dir) = &backend.dir {
        assert_eq!(subjects::temp_files(dir.path()), Vec::<String>::new());
    }
}

// ---- write results ---------------------------------------------------------

#[rstest]
fn write_results_are_native_and_match_file_info(
    #[values(Kind::Memory, Kind::Local)] on: Kind,
    #[values(false, true)] atomic: bool,
) {
    let backend = on.empty();
    let options = with_metadata(&*backend, "owner", "me");
    let metadata = options.metadata.clone();
    let result = if atomic {
        backend.write_atomic(&p("w/f"), "12345".into(), &options)
    } else {
        backend.write(&p("w/f"), "12345".into(), &options)
    }
    .unwrap();
    assert_eq!(result.source, WriteSource::Native);
    assert_eq!(result.metadata, metadata);
    let info = backend.get_file_info(&p("w/f")).unwrap();
    assert_eq!(result.size, info.size);
    assert_eq!(result.last_modified, Some(info.modified_at));
    assert_eq!((result.etag, result.digest), (info.etag, info.digest));
    assert_eq!(info.metadata, metadata);
}

#[rstest]
fn no_or_empty_metadata_is_none(
    #[values(Kind::Memory, Kind::Local)] on: Kind,
    #[values(None, Some(Metadata::new()))] metadata: Option<Metadata>,
) {
    let backend = on.empty();
    let options = WriteOptions {
        overwrite: false,
        metadata,
    };
    let result = backend.write(&p("f"), "x".into(), &options).unwrap();
    assert_eq!(result.metadata, None);
    assert_eq!(backend.get_file_info(&p("f")).unwrap().metadata, None);
}

// ---- deletes ---------------------------------------------------------------

#[rstest]
fn deleting_the_last_file_keeps_its_folder(#[values(Kind::Memory, Kind::Local)] on: Kind) {
    let backend = on.with(&[("dir/file.txt", "x"), ("dir/sibling", "y")]);
    backend
        .delete(&p("dir/file.txt"), DeleteOptions::new())
        .unwrap();
    assert!(!backend.exists(&p("dir/file.txt")).unwrap());
    assert_eq!(backend.read_bytes(&p("dir/sibling")).unwrap(), "y");
    backend
        .delete(&p("dir/sibling"), DeleteOptions::new())
        .unwrap();
    assert!(
        backend.is_folder(&p("dir")).unwrap(),
        "the empty folder was pruned"
    );
    backend
        .delete_folder(&p("dir"), DeleteFolderOptions::new())
        .unwrap();
    assert!(!backend.exists(&p("dir")).unwrap());
}

#[rstest]
fn deleting_a_folder_or_the_root_as_a_file_is_invalid_path(
    #[values(Kind::Memory, Kind::Local)] on: Kind,

    #[values("", ".", "dir")] path: &str,
    #[values(false, true)] missing_ok: bool,
) {
    let backend = on.with(&[("dir/child", "x")]);
    let result = backend.delete(&p(path), DeleteOptions::new().missing_ok(missing_ok));
    assert_eq!(kind(result), ErrorKind::InvalidPath);
    assert_eq!(backend.read_bytes(&p("dir/child")).unwrap(), "x");
}

#[rstest]
fn deleting_a_missing_file_is_not_found_unless_missing_ok(
    #[values(Kind::Memory, Kind::Local)] on: Kind,

    #[values("missing", "blocker/child", "dir/missing")] path: &str,
) {
    let backend = on.with(&[("blocker", "b"), ("dir/x", "x")]);
    let err = backend.delete(&p(path), DeleteOptions::new()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert!(err.to_string().contains(path));
    backend
        .delete(&p(path), DeleteOptions::new().missing_ok(true))
        .unwrap();
    assert_eq!(backend.read_bytes(&p("blocker")).unwrap(), "b");
}

#[rstest]
fn delete_folder_on_a_file_is_invalid_path_even_with_missing_ok(
    #[values(Kind::Memory, Kind::Local)] on: Kind,

    #[values(false, true)] missing_ok: bool,
) {
    let backend = on.with(&[("f", "x")]);
    let options = DeleteFolderOptions::new()
        .missing_ok(missing_ok)
        .recursive(true);
    assert_eq!(
        kind(backend.delete_folder(&p("f"), options)),
        ErrorKind::InvalidPath
    );
    assert!(backend.is_file(&p("f")).unwrap());
}

#[rstest]
fn delete_folder_of_a_missing_path_is_not_found_unless_missing_ok(
    #[values(Kind::Memory, Kind::Local)] on: Kind,

    #[values("missing", "f/under")] path: &str,
) {
    let backend = on.with(&[("f", "x")]);
    let err = backend
        .delete_folder(&p(path), DeleteFolderOptions::new())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert!(err.to_string().contains(path));
    backend
        .delete_folder(&p(path), DeleteFolderOptions::new().missing_ok(true))
        .unwrap();
    assert!(!backend.exists(&p(path)).unwrap());
}

#[rstest]
fn a_non_recursive_folder_delete_refuses_a_non_empty_folder(
    #[values(Kind::Memory, Kind::Local)] on: Kind,
) {
    for seed in [("d/f", "x"), ("d/sub/f", "x")] {
        let backend = on.with(&[seed]);
        if seed.0 == "d/sub/f" {
            backend.delete(&p("d/sub/f"), DeleteOptions::new()).unwrap();
        }
        let err = backend
            .delete_folder(&p("d"), DeleteFolderOptions::new())
            .unwrap_err();
        assert_eq!(
            err.kind(),
            ErrorKind::DirectoryNotEmpty,
            "an empty subfolder is a child too"
        );
        assert!(backend.is_folder(&p("d")).unwrap());
    }
}

#[rstest]
fn a_recursive_folder_delete_removes_the_whole_subtree_and_nothing_else(
    #[values(Kind::Memory, Kind::Local)] on: Kind,
) {
    let backend = on.with(&[
        ("t/a", "1"),
        ("t/b/c", "2"),
        ("t/b/d/e", "3"),
        ("tt/keep", "4"),
    ]);
    backend
        .delete_folder(&p("t"), DeleteFolderOptions::new().recursive(true))
        .unwrap();
    for gone in ["t", "t/a", "t/b", "t/b/d/e"] {
        assert!(!backend.exists(&p(gone)).unwrap(), "{gone}");
    }
    assert_eq!(snapshot(&*backend), [("tt/keep".to_owned(), b"4".to_vec())]);
}

#[rstest]
fn deleting_the_root_folder_is_invalid_path(
    #[values(Kind::Memory, Kind::Local)] on: Kind,
    #[values("", ".")] root: &str,
) {
    let backend = on.with(&[("x", "1")]);
    let options = DeleteFolderOptions::new().recursive(true).missing_ok(true);
    assert_eq!(
        kind(backend.delete_folder(&p(root), options)),
        ErrorKind::InvalidPath
    );
    assert!(backend.is_file(&p("x")).unwrap());
}

// ---- listings --------------------------------------------------------------

fn completeness_tree(on: Kind) -> Subject {
    on.with(&[
        ("pc/a.txt", "a"),
        ("pc/d1/b.txt", "b"),
        ("pc/d1/c.txt", "c"),
        ("pc/d1/d2/d.txt", "d"),
        ("pc/d1/d2/d3/e.txt", "e"),
        ("other/z.txt", "z"),
    ])
}

#[rstest]
#[case(Some(0), &["pc/a.txt"][..])]
#[case(Some(1), &["pc/a.txt", "pc/d1/b.txt", "pc/d1/c.txt"][..])]
#[case(Some(2), &["pc/a.txt", "pc/d1/b.txt", "pc/d1/c.txt", "pc/d1/d2/d.txt"][..])]
#[case(Some(3), &["pc/a.txt", "pc/d1/b.txt", "pc/d1/c.txt", "pc/d1/d2/d.txt", "pc/d1/d2/d3/e.txt"][..])]
#[case(None, &["pc/a.txt", "pc/d1/b.txt", "pc/d1/c.txt", "pc/d1/d2/d.txt", "pc/d1/d2/d3/e.txt"][..])]
fn recursive_listing_honours_max_depth_in_pre_order(
    #[values(Kind::Memory, Kind::Local)] on: Kind,

    #[case] max_depth: Option<usize>,
    #[case] expected: &[&str],
) {
    let backend = completeness_tree(on);
    let options = ListOptions::new().recursive(true).max_depth(max_depth);
    assert_eq!(names(backend.list_files(&p("pc"), options)), expected);
}

#[rstest]
fn a_non_recursive_listing_has_the_immediate_files_only_and_ignores_max_depth(
    #[values(Kind::Memory, Kind::Local)] on: Kind,
) {
    let backend = completeness_tree(on);
    assert_eq!(
        names(backend.list_files(&p("pc"), ListOptions::new().max_depth(5))),
        ["pc/a.txt"]
    );
}

#[rstest]
fn listing_a_missing_path_a_file_or_a_path_under_a_file_is_empty(
    #[values(Kind::Memory, Kind::Local)] on: Kind,

    #[values("missing", "pc/a.txt", "pc/a.txt/child", "pc/a.txt/child/deeper")] path: &str,
    #[values(false, true)] recursive: bool,
) {
    let backend = completeness_tree(on);
    assert!(
        names(backend.list_files(&p(path), ListOptions::new().recursive(recursive))).is_empty()
    );
    assert_eq!(backend.list_folders(&p(path)).unwrap().count(), 0);
    assert_eq!(backend.iter_children(&p(path)).unwrap().count(), 0);
}

#[rstest]
fn the_root_lists_from_the_top(
    #[values(Kind::Memory, Kind::Local)] on: Kind,
    #[values("", ".")] root: &str,
) {
    let backend = on.with(&[("b", "1"), ("a/x", "2")]);
    assert_eq!(
        names(backend.list_files(&p(root), ListOptions::new())),
        ["b"]
    );
    assert_eq!(
        names(backend.list_files(&p(root), ListOptions::new().recursive(true))),
        ["a/x", "b"]
    );
}

#[rstest]
fn prefix_siblings_do_not_leak_into_a_listing(#[values(Kind::Memory, Kind::Local)] on: Kind) {
    let backend = on.with(&[
        ("foo/in.txt", "1"),
        ("foo.bar/out.txt", "2"),
        ("foobar", "3"),
    ]);
    assert_eq!(
        names(backend.list_files(&p("foo"), ListOptions::new().recursive(true))),
        ["foo/in.txt"]
    );
}

#[rstest]
fn list_folders_yields_immediate_folders_with_paths_sorted(
    #[values(Kind::Memory, Kind::Local)] on: Kind,
) {
    let backend = on.with(&[
        ("lfd/sub2/x", "1"),
        ("lfd/sub1/y/z", "2"),
        ("lfd/file.txt", "3"),
    ]);
    let entries: Vec<(String, String)> = backend
        .list_folders(&p("lfd"))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (e.name, e.path.to_string())
        })
        .collect();
    assert_eq!(
        entries,
        [
            ("sub1".into(), "lfd/sub1".into()),
            ("sub2".into(), "lfd/sub2".into())
        ]
    );
}

#[rstest]
fn an_empty_folder_is_listed_and_survives(#[values(Kind::Memory, Kind::Local)] on: Kind) {
    let backend = on.with(&[("e/only", "x")]);
    backend.delete(&p("e/only"), DeleteOptions::new()).unwrap();
    let folders: Vec<String> = backend
        .list_folders(&p(""))
        .unwrap()
        .map(|e| e.unwrap().name)
        .collect();
    assert_eq!(folders, ["e"]);
    assert!(names(backend.list_files(&p("e"), ListOptions::new())).is_empty());
}

#[rstest]
fn iter_children_yields_files_and_folders_by_name_without_duplicates(
    #[values(Kind::Memory, Kind::Local)] on: Kind,
) {
    let backend = on.with(&[
        ("ic/b.txt", "1"),
        ("ic/a.txt", "2"),
        ("ic/sub/c.txt", "3"),
        ("ic/sub/d", "4"),
    ]);
    let children: Vec<String> = backend
        .iter_children(&p("ic"))
        .unwrap()
        .map(|c| match c.unwrap() {
            Child::File(f) => format!("file {}", f.path),
            Child::Folder(d) => format!("folder {}", d.path),
        })
        .collect();
    assert_eq!(
        children,
        ["file ic/a.txt", "file ic/b.txt", "folder ic/sub"]
    );
}

#[rstest]
fn listed_paths_read_back(#[values(Kind::Memory, Kind::Local)] on: Kind) {
    let backend = on.with(&[("tk/one", "1"), ("tk/two", "2")]);
    for info in backend.list_files(&p("tk"), ListOptions::new()).unwrap() {
        let info = info.unwrap();
        let content = backend.read_bytes(&info.path).unwrap();
        assert_eq!(content.len() as u64, info.size);
        assert_eq!(info.name, info.path.name());
    }
}

#[rstest]
fn calling_the_backend_while_iterating_a_listing_does_not_deadlock(
    #[values(Kind::Memory, Kind::Local)] on: Kind,
) {
    let backend = on.with(&[("d/a", "1"), ("d/b", "2"), ("d/c", "3")]);
    for info in backend
        .list_files(&p("d"), ListOptions::new().recursive(true))
        .unwrap()
    {
        let info = info.unwrap();
        backend.delete(&info.path, DeleteOptions::new()).unwrap();
        backend
            .write(
                &p(&format!("d/new/{}", info.name)),
                "n".into(),
                &WriteOptions::new(),
            )
            .unwrap();
    }
    assert_eq!(
        names(backend.list_files(&p("d/new"), ListOptions::new())).len(),
        3
    );
}

// ---- file and folder info --------------------------------------------------

#[rstest]
fn get_file_info_describes_the_file(#[values(Kind::Memory, Kind::Local)] on: Kind) {
    let backend = on.with(&[("m/info.txt", "hello world")]);
    let info = backend.get_file_info(&p("m/info.txt")).unwrap();
    assert_eq!((info.name.as_str(), info.size), ("info.txt", 11));
    assert_eq!(info.path, p("m/info.txt"));
    assert_eq!(info.content_type, None);
}

#[rstest]
fn folder_info_aggregates_the_whole_subtree(
    #[values(Kind::Memory, Kind::Local)] on: Kind,
    #[values("", ".", "mix")] path: &str,
) {
    let backend = on.with(&[("mix/a.txt", "12"), ("mix/sub/b.txt", "345")]);
    let info = backend.get_folder_info(&p(path)).unwrap();
    assert_eq!((info.file_count, info.total_size), (2, 5));
    let newest = backend
        .get_file_info(&p("mix/sub/b.txt"))
        .unwrap()
        .modified_at;
    assert_eq!(info.modified_at, Some(newest));
    assert_eq!(info.path, p(path));
}

#[rstest]
fn folder_info_of_an_empty_root_is_zero(
    #[values(Kind::Memory, Kind::Local)] on: Kind,
    #[values("", ".")] root: &str,
) {
    let info = on.empty().get_folder_info(&p(root)).unwrap();
    assert_eq!(
        (info.file_count, info.total_size, info.modified_at),
        (0, 0, None)
    );
}

#[rstest]
#[case("f", ErrorKind::InvalidPath)]
#[case("missing", ErrorKind::NotFound)]
#[case("f/under", ErrorKind::NotFound)]
fn folder_info_errors(
    #[values(Kind::Memory, Kind::Local)] on: Kind,
    #[case] path: &str,
    #[case] expected: ErrorKind,
) {
    let backend = on.with(&[("f", "x")]);
    assert_eq!(kind(backend.get_folder_info(&p(path))), expected);
}

// ---- rename and copy -------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq)]
enum Transfer {
    Rename,
    Copy,
}

impl Transfer {
    fn run(
        self,
        backend: &dyn Backend,
        src: &str,
        dst: &str,
        overwrite: bool,
    ) -> remote_store::Result<()> {
        let options = TransferOptions::new().overwrite(overwrite);
        match self {
            Transfer::Rename => backend.rename(&p(src), &p(dst), options),
            Transfer::Copy => backend.copy(&p(src), &p(dst), options),
        }
    }
}

#[rstest]
fn transfers_move_or_copy_content_and_create_parents(
    #[values(Kind::Memory, Kind::Local)] on: Kind,

    #[values(Transfer::Rename, Transfer::Copy)] op: Transfer,
) {
    let backend = on.with(&[("src/f", "data")]);
    op.run(&*backend, "src/f", "a/b/dst", false).unwrap();
    assert_eq!(backend.read_bytes(&p("a/b/dst")).unwrap(), "data");
    assert!(
        backend.is_folder(&p("src")).unwrap(),
        "the source parent was pruned"
    );
    let source_kept = backend.exists(&p("src/f")).unwrap();
    assert_eq!(source_kept, op == Transfer::Copy);
}

#[rstest]
fn transfers_carry_user_metadata(
    #[values(Kind::Memory, Kind::Local)] on: Kind,

    #[values(Transfer::Rename, Transfer::Copy)] op: Transfer,
    #[values(false, true)] overwrite: bool,
) {
    let backend = on.empty();
    let options = with_metadata(&*backend, "k", "v");
    backend.write(&p("s"), "x".into(), &options).unwrap();
    backend
        .write(
            &p("d"),
            "old".into(),
            &with_metadata(&*backend, "other", "w"),
        )
        .unwrap();
    let target = if overwrite { "d" } else { "fresh" };
    op.run(&*backend, "s", target, overwrite).unwrap();
    let info = backend.get_file_info(&p(target)).unwrap();
    assert_eq!(info.metadata, options.metadata);
    assert_eq!(backend.read_bytes(&p(target)).unwrap(), "x");
}

#[rstest]
fn copy_without_metadata_gives_none(#[values(Kind::Memory, Kind::Local)] on: Kind) {
    let backend = on.with(&[("s", "x")]);
    Transfer::Copy.run(&*backend, "s", "d", false).unwrap();
    assert_eq!(backend.get_file_info(&p("d")).unwrap().metadata, None);
}

#[rstest]
fn transfer_precondition_order(
    #[values(Kind::Memory, Kind::Local)] on: Kind,
    #[values(Transfer::Rename, Transfer::Copy)] op: Transfer,
) {
    let backend = on.with(&[("src", "s"), ("dst", "d"), ("dir/x", "x"), ("blocker", "b")]);
    let before = snapshot(&*backend);
    let cases: [(&str, &str, ErrorKind, &str); 8] = [
        ("missing", "blocker/x", ErrorKind::NotFound, "missing"),
        ("missing", "dir", ErrorKind::NotFound, "missing"),
        ("missing", "", ErrorKind::NotFound, "missing"),
        ("blocker/x", "dst", ErrorKind::NotFound, "blocker/x"),
        ("dir", "dst", ErrorKind::InvalidPath, "dir"),
        ("src", "dir", ErrorKind::InvalidPath, "dir"),
        ("src", "blocker/x", ErrorKind::InvalidPath, "blocker/x"),
        ("src", "dst", ErrorKind::AlreadyExists, "dst"),
    ];
    for (src, dst, expected, named) in cases {
        let err = op.run(&*backend, src, dst, false).unwrap_err();
        assert_eq!(
            (err.kind(), err.path()),
            (expected, Some(named)),
            "{src} -> {dst}: {err}"
        );
    }
    assert!(
        op.run(&*backend, "src", "blocker/x", false)
            .unwrap_err()
            .to_string()
            .contains("blocker")
    );
    assert_eq!(
        kind(op.run(&*backend, "src", "", true)),
        ErrorKind::InvalidPath
    );
    assert_eq!(
        kind(op.run(&*backend, "", "dst", true)),
        ErrorKind::InvalidPath
    );
    assert_eq!(
        snapshot(&*backend),
        before,
        "a refused transfer changed the store"
    );
}

#[rstest]
fn self_transfers_are_no_ops_on_files_and_errors_otherwise(
    #[values(Kind::Memory, Kind::Local)] on: Kind,

    #[values(Transfer::Rename, Transfer::Copy)] op: Transfer,
    #[values(false, true)] overwrite: bool,
) {
    let backend = on.with(&[("f", "data"), ("d/x", "1")]);
    op.run(&*backend, "f", "f", overwrite).unwrap();
    assert_eq!(backend.read_bytes(&p("f")).unwrap(), "data");
    assert_eq!(
        kind(op.run(&*backend, "missing", "missing", overwrite)),
        ErrorKind::NotFound
    );
    assert_eq!(
        kind(op.run(&*backend, "d", "d", overwrite)),
        ErrorKind::InvalidPath
    );
}

#[rstest]
fn overwriting_transfers_replace_the_destination(
    #[values(Kind::Memory, Kind::Local)] on: Kind,

    #[values(Transfer::Rename, Transfer::Copy)] op: Transfer,
) {
    let backend = on.with(&[("s", "new"), ("d", "old")]);
    op.run(&*backend, "s", "d", true).unwrap();
    assert_eq!(backend.read_bytes(&p("d")).unwrap(), "new");
}
