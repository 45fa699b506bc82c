//! The behaviours where this crate was compared op by op with the Python
//! reference library (remote-store 0.33.0) and either follows it or keeps a
//! documented difference (issue 12; README, "Differences from the Python
//! library"). One test per item.

use remote_store::backends::{LocalBackend, MemoryBackend};
use remote_store::ext::glob::glob_files;
use remote_store::{Backend, ErrorKind, ListOptions, Metadata, Store, WriteOptions};
use rstest::rstest;

fn store_at(root: &str) -> Store<MemoryBackend> {
    Store::new(MemoryBackend::new(), root).unwrap()
}

fn assert_invalid_path<T: std::fmt::Debug>(what: &str, raw: &str, result: remote_store::Result<T>) {
    let err = result.expect_err(what);
    assert_eq!(err.kind(), ErrorKind::InvalidPath, "{what}: {err}");
    assert_eq!(err.path(), Some(raw), "{what}: {err}");
}

fn glob(store: &Store<MemoryBackend>, pattern: &str) -> Vec<String> {
    glob_files(store, pattern)
        .unwrap()
        .map(|f| f.unwrap().path.to_string())
        .collect()
}

fn names_matching(store: &Store<MemoryBackend>, pattern: &str) -> Vec<String> {
    store
        .list_files_with("", ListOptions::new().pattern(pattern))
        .unwrap()
        .map(|f| f.unwrap().name)
        .collect()
}

/// Item 1: only `""` and `"."` are the root; other empty spellings are
/// `InvalidPath` naming the path as given, in every operation.
#[rstest]
fn other_root_spellings_are_invalid_path(
    #[values("/", "./", "//", "\\", "./.", "//./")] raw: &str,
    #[values("", "data")] root: &str,
) {
    let store = store_at(root);
    store.write("f", "x").unwrap();
    assert_invalid_path("exists", raw, store.exists(raw));
    assert_invalid_path("is_file", raw, store.is_file(raw));
    assert_invalid_path("is_folder", raw, store.is_folder(raw));
    assert_invalid_path("list_files", raw, store.list_files(raw).map(drop));
    assert_invalid_path("list_folders", raw, store.list_folders(raw).map(drop));
    assert_invalid_path("iter_children", raw, store.iter_children(raw).map(drop));
    assert_invalid_path("get_folder_info", raw, store.get_folder_info(raw));
    assert_invalid_path("native_path", raw, store.native_path(raw));
    assert_invalid_path("child", raw, store.child(raw).map(drop));
    assert_invalid_path("delete_folder", raw, store.delete_folder(raw));
    assert_invalid_path("Store::new", raw, Store::new(MemoryBackend::new(), raw));
    // the two root spellings and ordinary spellings keep working
    for spelling in ["", "."] {
        assert!(store.is_folder(spelling).unwrap());
    }
    assert!(store.exists("/f").unwrap());
    assert!(store.exists("./f//").unwrap());
    assert_invalid_path("Store::new", ".", Store::new(MemoryBackend::new(), "."));
    assert!(store_at("").root_path().is_root());
}

/// Item 2: a self-move or self-copy of a folder is `InvalidPath(src)`.
#[rstest]
fn self_transfer_of_a_folder_is_invalid_path(#[values("rename", "copy")] op: &str) {
    let store = store_at("data");
    store.write("d/x", "1").unwrap();
    for (src, dst) in [("d", "d"), ("d", "d/"), ("./d", "d")] {
        let result = match op {
            "rename" => store.rename(src, dst),
            _ => store.copy(src, dst),
        };
        assert_invalid_path(op, src, result);
    }
    assert_eq!(store.read_text("d/x").unwrap(), "1");
}

/// Item 3: only `[!...]` negates; `[^a]` is the class of `^` and `a`, in
/// `list_files` patterns, `list_folders` patterns and glob segments.
#[test]
fn a_caret_does_not_negate_a_class() {
    let store = store_at("data");
    for path in ["a", "b", "^", "sub/a", "x/^/f", "y/b/f"] {
        store.write(path, "").unwrap();
    }
    assert_eq!(names_matching(&store, "[^a]"), ["^", "a"]);
    assert_eq!(names_matching(&store, "[!a]"), ["^", "b"]);
    let folders: Vec<String> = store
        .list_folders_with("", ListOptions::new().max_depth(1).pattern("[^a]"))
        .unwrap()
        .map(|f| f.unwrap().path.to_string())
        .collect();
    assert_eq!(folders, ["x/^"]);
    assert_eq!(glob(&store, "*/[^a]"), ["sub/a"]);
    assert_eq!(glob(&store, "*/[^a]/f"), ["x/^/f"]);
}

/// Item 4: a pattern with an empty segment or a trailing `/` matches nothing.
#[rstest]
fn glob_patterns_with_empty_segments_match_nothing(
    #[values("a//*", "/a/*", "a/b/", "**/", "a/**/", "//a/b")] pattern: &str,
) {
    let store = store_at("data");
    for path in ["a/b", "a/c/b"] {
        store.write(path, "").unwrap();
    }
    assert_eq!(glob(&store, pattern), Vec::<String>::new(), "{pattern:?}");
    assert_eq!(
        glob(&store, "a/**"),
        ["a/b", "a/c/b"],
        "the control pattern"
    );
}

/// Item 5: `to_key` is textual.
#[test]
fn to_key_strips_the_root_textually() {
    let unscoped = store_at("");
    assert_eq!(unscoped.to_key("a//b").unwrap(), "a//b");
    assert_eq!(unscoped.to_key("..").unwrap(), "..");
    assert_eq!(unscoped.to_key("/x/").unwrap(), "/x/");
    let rooted = store_at("data");
    assert_eq!(rooted.to_key("data//b").unwrap(), "/b");
    assert_eq!(rooted.to_key("data/a/../b").unwrap(), "a/../b");
    assert_eq!(rooted.to_key("data").unwrap(), "");
    assert_invalid_path("to_key", "/data/b", rooted.to_key("/data/b"));
    assert_invalid_path("to_key", "database/b", rooted.to_key("database/b"));
}

/// Item 6 (kept, made consistent): an error names the store-relative path,
/// in its `path` field and in its message alike, on both backends.
#[test]
fn an_error_names_one_path_in_field_and_message() {
    one_path_per_error(Store::new(MemoryBackend::new(), "data").unwrap());
    one_path_per_error(Store::new(LocalBackend::temporary().unwrap(), "data").unwrap());
    let memory = store_at("data");
    memory.write_text("hello.txt", "Hello").unwrap();
    assert_eq!(
        memory
            .write_text("hello.txt", "again")
            .unwrap_err()
            .to_string(),
        "File already exists: hello.txt | path='hello.txt' | backend='memory'"
    );
}

fn one_path_per_error<B: Backend>(store: Store<B>) {
    // the store root itself, missing from the backend
    let err = store.get_folder_info("").unwrap_err();
    assert_eq!((err.kind(), err.path()), (ErrorKind::NotFound, Some("")));
    assert!(!err.to_string().contains("data"), "{err}");
    store.write_text("hello.txt", "Hello").unwrap();
    store.write_text("f", "").unwrap();
    store.write_text("d/x", "").unwrap();
    let errors = [
        store.write_text("hello.txt", "again").unwrap_err(),
        store.read("m").map(drop).unwrap_err(),
        store.read("d").map(drop).unwrap_err(),
        store.write("f/under", "").unwrap_err(),
        store.write("d", "").unwrap_err(),
        store.rename("missing", "x").unwrap_err(),
        store.copy("f", "d").unwrap_err(),
        store.get_folder_info("f").unwrap_err(),
        store.delete_folder("d").unwrap_err(),
    ];
    for err in errors {
        let message = err.to_string();
        assert!(
            !message.contains("data"),
            "the backend path leaks: {message}"
        );
        let path = err.path().unwrap();
        assert!(message.contains(&format!("path='{path}'")), "{message}");
    }
}

/// Item 7 (kept): `metadata = {}` gives `WriteResult.metadata == None`.
#[test]
fn empty_metadata_reports_none() {
    let store = store_at("data");
    let options = WriteOptions::new().metadata(Metadata::new());
    assert_eq!(store.write_with("f", "x", &options).unwrap().metadata, None);
    assert_eq!(
        store
            .write_atomic_with("g", "x", &options)
            .unwrap()
            .metadata,
        None
    );
    assert_eq!(store.get_file_info("f").unwrap().metadata, None);
}

/// Item 8 (kept): `**` must be a whole segment.
#[rstest]
fn a_partial_double_star_is_invalid_argument(
    #[values("x**", "x**/y", "a/**b", "**x/y")] pattern: &str,
) {
    let store = store_at("data");
    let err = glob_files(&store, pattern).map(drop).unwrap_err();
    assert_eq!(
        (err.kind(), err.path()),
        (ErrorKind::InvalidArgument, Some(pattern))
    );
}

/// Item 9 (kept): a reversed range matches nothing instead of failing.
#[test]
fn a_reversed_range_matches_nothing() {
    let store = store_at("data");
    for path in ["a", "m", "z"] {
        store.write(path, "").unwrap();
    }
    assert_eq!(names_matching(&store, "[z-a]"), Vec::<String>::new());
    assert_eq!(names_matching(&store, "[z-am]"), ["m"]);
    assert_eq!(glob(&store, "[z-a]"), Vec::<String>::new());
}

/// Item 10 (kept): names containing a newline are matched as whole names.
#[test]
fn names_with_a_newline_match_as_a_whole() {
    let store = store_at("data");
    for path in ["a\nb", "b\na", "dir\n/x", "c\n"] {
        store.write(path, "").unwrap();
    }
    assert_eq!(names_matching(&store, "a*"), ["a\nb"]);
    assert_eq!(names_matching(&store, "*a"), ["b\na"]);
    assert_eq!(names_matching(&store, "a"), Vec::<String>::new());
    assert_eq!(glob(&store, "*\n/*"), ["dir\n/x"]);
    assert_eq!(glob(&store, "b"), Vec::<String>::new());
    // the reference's glob lets `$` match before a trailing newline
    assert_eq!(glob(&store, "c"), Vec::<String>::new());
    assert_eq!(names_matching(&store, "c"), Vec::<String>::new());
    assert_eq!(glob(&store, "c\n"), ["c\n"]);
}

/// Item 11 (kept): a listing is the state when the call returned, not when
/// it is first iterated.
#[test]
fn listings_are_snapshotted_when_the_call_returns() {
    let store = store_at("data");
    store.write("d/a", "").unwrap();
    let files = store.list_files("d").unwrap();
    let folders = store.list_folders("").unwrap();
    let children = store.iter_children("d").unwrap();
    store.write("d/b", "").unwrap();
    store.write("e/c", "").unwrap();
    store.delete("d/a").unwrap();
    let files: Vec<String> = files.map(|f| f.unwrap().name).collect();
    let folders: Vec<String> = folders.map(|f| f.unwrap().name).collect();
    assert_eq!(files, ["a"]);
    assert_eq!(folders, ["d"]);
    assert_eq!(children.count(), 1);
    // documented: below level 0, list_folders_with lists each folder when
    // the walk reaches it
    let walk = store
        .list_folders_with("", ListOptions::new().max_depth(1))
        .unwrap();
    store.write("d/late/f", "").unwrap();
    let walked: Vec<String> = walk.map(|f| f.unwrap().path.to_string()).collect();
    assert_eq!(walked, ["d", "e", "d/late"]);
}

/// Item 12 (kept): invalid UTF-8 is `Io` of kind `InvalidData` naming the path.
#[test]
fn read_text_of_invalid_utf8_is_io_invalid_data() {
    let store = store_at("data");
    store.write("bin", vec![b'o', b'k', 0xff]).unwrap();
    let err = store.read_text("bin").unwrap_err();
    assert_eq!((err.kind(), err.path()), (ErrorKind::Io, Some("bin")));
    let source = std::error::Error::source(&err).expect("the decoding error");
    let io = source
        .downcast_ref::<std::io::Error>()
        .expect("an io::Error");
    assert_eq!(io.kind(), std::io::ErrorKind::InvalidData);
}

/// Item 13 (kept): argument errors (Python's `ValueError`s) name the path.
#[test]
fn invalid_arguments_name_the_path() {
    let store = store_at("data");
    let bad = WriteOptions::new().metadata([("_private", "v")]);
    let err = store.write_with("f", "x", &bad).unwrap_err();
    assert_eq!(
        (err.kind(), err.path()),
        (ErrorKind::InvalidArgument, Some("f"))
    );
    assert!(!store.exists("f").unwrap());
}
