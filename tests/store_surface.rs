//! Store surface beyond the basics: list_files patterns, list_folders depth,
//! depth-limited folder info, head, to_key and native_path (contract
//! sections 3.3 and 5).

mod common;

use std::collections::BTreeSet;

use common::{Restricted, p, paths, store_lacking};
use remote_store::backends::MemoryBackend;
use remote_store::{
    Backend, Capability, CapabilitySet, ErrorKind, ListOptions, Store, WriteOptions, WriteSource,
};
use rstest::rstest;

/// A store rooted at `r` holding a small tree.
fn tree() -> Store<MemoryBackend> {
    let store = Store::new(MemoryBackend::new(), "r").unwrap();
    for path in [
        "a.csv",
        "b.txt",
        ".c.csv",
        "D.CSV",
        "d1/e.csv",
        "d1/f.txt",
        "d1/d2/g.csv",
        "d1/d2/d3/h.csv",
        "s2/x/y/z/deep.txt",
    ] {
        store.write(path, "12345").unwrap();
    }
    store
}

fn file_paths(store: &Store<MemoryBackend>, path: &str, options: ListOptions) -> Vec<String> {
    paths(store.list_files_with(path, options))
}

fn folder_paths(store: &Store<MemoryBackend>, path: &str, options: ListOptions) -> Vec<String> {
    paths(store.list_folders_with(path, options))
}

#[rstest]
#[case("*.csv", ListOptions::new(), &[".c.csv", "a.csv"])]
#[case("*.CSV", ListOptions::new(), &["D.CSV"])]
#[case("?.txt", ListOptions::new(), &["b.txt"])]
#[case("[ab].*", ListOptions::new(), &["a.csv", "b.txt"])]
#[case("[!ab]*", ListOptions::new(), &[".c.csv", "D.CSV"])]
#[case("*.csv", ListOptions::new().recursive(true), &[".c.csv", "a.csv", "d1/d2/d3/h.csv", "d1/d2/g.csv", "d1/e.csv"])]
#[case("*.csv", ListOptions::new().max_depth(1), &[".c.csv", "a.csv", "d1/e.csv"])]
#[case("d1/*.csv", ListOptions::new().recursive(true), &[])]
#[case("nothing*", ListOptions::new(), &[])]
fn list_files_pattern_matches_the_basename(
    #[case] pattern: &str,
    #[case] options: ListOptions,
    #[case] expected: &[&str],
) {
    let store = tree();
    let found: BTreeSet<String> = file_paths(&store, "", options.pattern(pattern))
        .into_iter()
        .collect();
    let expected: BTreeSet<String> = expected.iter().map(|s| s.to_string()).collect();
    assert_eq!(found, expected, "pattern {pattern:?}");
}

#[test]
fn list_files_pattern_applies_below_a_subfolder_with_store_relative_paths() {
    let store = tree();
    let found = file_paths(
        &store,
        "d1",
        ListOptions::new().recursive(true).pattern("*.csv"),
    );
    // Memory lists depth-first, entries sorted by name.
    assert_eq!(found, ["d1/d2/d3/h.csv", "d1/d2/g.csv", "d1/e.csv"]);
}

#[rstest]
#[case(None, &["d1", "s2"])]
#[case(Some(0), &["d1", "s2"])]
#[case(Some(1), &["d1", "s2", "d1/d2", "s2/x"])]
#[case(Some(2), &["d1", "s2", "d1/d2", "s2/x", "d1/d2/d3", "s2/x/y"])]
#[case(Some(9), &["d1", "s2", "d1/d2", "s2/x", "d1/d2/d3", "s2/x/y", "s2/x/y/z"])]
fn list_folders_walks_breadth_first_to_max_depth(
    #[case] max_depth: Option<usize>,
    #[case] expected: &[&str],
) {
    let store = tree();
    assert_eq!(
        folder_paths(&store, "", ListOptions::new().max_depth(max_depth)),
        expected
    );
    assert_eq!(
        folder_paths(&store, ".", ListOptions::new().max_depth(max_depth)),
        expected
    );
}

#[test]
fn list_folders_pattern_filters_but_does_not_prune() {
    let store = tree();
    // `d2` does not match `d[13]`, yet its child `d3` is still found.
    let found = folder_paths(&store, "", ListOptions::new().max_depth(5).pattern("d[13]"));
    assert_eq!(found, ["d1", "d1/d2/d3"]);
}

#[rstest]
#[case("missing")]
#[case("a.csv")]
#[case("a.csv/under")]
fn list_folders_of_a_missing_or_file_path_is_empty(#[case] path: &str) {
    let store = tree();
    assert!(folder_paths(&store, path, ListOptions::new().max_depth(3)).is_empty());
}

#[test]
fn list_folders_is_gated_on_list_and_validates_the_path() {
    let store = store_lacking(Capability::LIST, "r");
    let err = store
        .list_folders_with("", ListOptions::new())
        .err()
        .unwrap();
    assert_eq!(err.kind(), ErrorKind::CapabilityNotSupported);
    let store = tree();
    let err = store
        .list_folders_with("../x", ListOptions::new())
        .err()
        .unwrap();
    assert_eq!(err.kind(), ErrorKind::InvalidPath);
}

#[rstest]
#[case("d1", Some(0), 2)]
#[case("d1", Some(1), 3)]
#[case("d1", Some(2), 4)]
#[case("d1", None, 4)]
#[case("", Some(0), 4)]
#[case(".", Some(1), 6)]
fn get_folder_info_with_a_depth_counts_files_to_that_depth(
    #[case] path: &str,
    #[case] max_depth: Option<usize>,
    #[case] count: u64,
) {
    let store = tree();
    let info = store.get_folder_info_with(path, max_depth).unwrap();
    assert_eq!(info.file_count, count);
    assert_eq!(info.total_size, count * 5);
    assert_eq!(info.path, p(path));
    assert!(info.modified_at.is_some());
}

#[test]
fn get_folder_info_with_a_depth_reports_the_latest_modification() {
    let store = tree();
    store
        .write_with("d1/e.csv", "x", &WriteOptions::new().overwrite(true))
        .unwrap();
    let newest = store.get_file_info("d1/e.csv").unwrap().modified_at;
    let info = store.get_folder_info_with("d1", Some(3)).unwrap();
    assert_eq!(info.modified_at, Some(newest));
    let empty = Store::new(MemoryBackend::new(), "").unwrap();
    let info = empty.get_folder_info_with("", Some(0)).unwrap();
    assert_eq!((info.file_count, info.modified_at), (0, None));
}

#[rstest]
#[case("missing")]
#[case("a.csv")]
#[case("a.csv/under")]
fn get_folder_info_with_a_depth_of_a_non_folder_is_not_found(#[case] path: &str) {
    let err = tree().get_folder_info_with(path, Some(1)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.path(), Some(path));
}

#[test]
fn get_folder_info_gates_on_list_with_a_depth_and_on_metadata_without() {
    let no_list = store_lacking(Capability::LIST, "");
    assert_eq!(
        no_list
            .get_folder_info_with("", Some(0))
            .unwrap_err()
            .kind(),
        ErrorKind::CapabilityNotSupported
    );
    assert!(no_list.get_folder_info_with("", None).is_ok());
    let no_metadata = store_lacking(Capability::METADATA, "");
    assert!(no_metadata.get_folder_info_with("", Some(0)).is_ok());
    assert_eq!(
        no_metadata
            .get_folder_info_with("", None)
            .unwrap_err()
            .kind(),
        ErrorKind::CapabilityNotSupported
    );
}

#[test]
fn head_is_built_from_file_info_as_a_sidecar() {
    let store = Store::new(MemoryBackend::new(), "r").unwrap();
    store
        .write_with(
            "a/b.txt",
            "hello",
            &WriteOptions::new().metadata([("k", "v")]),
        )
        .unwrap();
    let info = store.get_file_info("a/b.txt").unwrap();
    let head = store.head("a/b.txt").unwrap();
    assert_eq!(head.path, p("a/b.txt"));
    assert_eq!(head.size, 5);
    assert_eq!(head.source, WriteSource::Sidecar);
    assert_eq!(head.last_modified, Some(info.modified_at));
    assert_eq!(head.metadata, info.metadata);
    assert_eq!(head.digest, info.digest);
    assert_eq!(head.etag, info.etag);
    assert_eq!(head.version_id, None);
}

#[rstest]
#[case("missing.txt", ErrorKind::NotFound)]
#[case("a", ErrorKind::InvalidPath)]
#[case("", ErrorKind::InvalidPath)]
#[case(".", ErrorKind::InvalidPath)]
fn head_fails_like_get_file_info(#[case] path: &str, #[case] kind: ErrorKind) {
    let store = Store::new(MemoryBackend::new(), "r").unwrap();
    store.write("a/b.txt", "x").unwrap();
    assert_eq!(store.head(path).unwrap_err().kind(), kind);
}

#[test]
fn head_needs_only_metadata() {
    let read_only = CapabilitySet::of(&[Capability::METADATA]);
    let backend = Restricted::new(read_only);
    backend
        .inner
        .write(&p("r/f"), "abc".into(), &WriteOptions::new())
        .unwrap();
    let store = Store::new(backend, "r").unwrap();
    assert_eq!(store.head("f").unwrap().size, 3);
    let no_metadata = store_lacking(Capability::METADATA, "");
    assert_eq!(
        no_metadata.head("f").unwrap_err().kind(),
        ErrorKind::CapabilityNotSupported
    );
}

#[rstest]
#[case("", "data/x.txt", "data/x.txt")]
#[case("data", "data/x.txt", "x.txt")]
#[case("data", "data", "")]
#[case("data", "data/sub//x.txt", "sub//x.txt")]
#[case("data/sub", "data/sub/x", "x")]
fn to_key_strips_the_store_root(#[case] root: &str, #[case] native: &str, #[case] key: &str) {
    let store = Store::new(MemoryBackend::new(), root).unwrap();
    assert_eq!(store.to_key(native).unwrap(), key);
}

#[rstest]
#[case("other/x.txt")]
#[case("database/x.txt")]
#[case("")]
#[case("/data/x.txt")]
fn to_key_outside_the_root_is_invalid_path(#[case] native: &str) {
    let store = Store::new(MemoryBackend::new(), "data").unwrap();
    let err = store.to_key(native).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidPath);
    assert!(err.to_string().contains("not under store root"), "{err}");
}

#[rstest]
#[case("", "a.txt", "a.txt")]
#[case("data", "a.txt", "data/a.txt")]
#[case("data", "", "data")]
#[case("data", ".", "data")]
#[case("", ".", "")]
fn native_path_prefixes_the_root_and_round_trips(
    #[case] root: &str,
    #[case] key: &str,
    #[case] native: &str,
) {
    let store = Store::new(MemoryBackend::new(), root).unwrap();
    assert_eq!(store.native_path(key).unwrap(), native);
    let normalised = if key == "." { "" } else { key };
    assert_eq!(store.to_key(native).unwrap(), normalised);
}

#[test]
fn native_path_validates_the_key() {
    let store = Store::new(MemoryBackend::new(), "data").unwrap();
    assert_eq!(
        store.native_path("a/../b").unwrap_err().kind(),
        ErrorKind::InvalidPath
    );
}
