//! What MemoryBackend promises beyond the shared contract (section 7): exact
//! `max_depth` pruning, timestamps, the lock posture, its own identity.
//! The contract rules themselves are checked once, for every backend, by the
//! conformance suite (`tests/conformance_memory.rs`).

mod common;

use common::{FailsAfter, kind, memory_with, p, paths, snapshot, write_either};
use remote_store::backends::MemoryBackend;
use remote_store::{
    Backend, Content, DeleteFolderOptions, DeleteOptions, ErrorKind, ListOptions, TransferOptions,
    WriteOptions,
};
use rstest::rstest;

const ROOTS: [&str; 2] = ["", "."];

// ---- writes ----------------------------------------------------------------

#[rstest]
fn a_failing_content_reader_leaves_the_store_unchanged(
    #[values(false, true)] atomic: bool,
    #[values("new/deep/file", "existing")] path: &str,
) {
    let backend = memory_with(&[("existing", "kept")]);
    let before = (format!("{backend:?}"), snapshot(&backend));
    let content = Content::reader(FailsAfter(256 * 1024));
    let options = WriteOptions::new().overwrite(true);
    let err = write_either(&backend, atomic, &p(path), content, &options).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Io);
    assert_eq!(err.path(), Some(path));
    assert_eq!((format!("{backend:?}"), snapshot(&backend)), before);
    assert!(!backend.exists(&p("new")).unwrap());
}

// ---- deletes ---------------------------------------------------------------

#[rstest]
fn deleting_the_root_folder_is_invalid_path(#[values("", ".")] root: &str) {
    let backend = memory_with(&[("x", "1")]);
    let options = DeleteFolderOptions::new().recursive(true).missing_ok(true);
    assert_eq!(
        kind(backend.delete_folder(&p(root), options)),
        ErrorKind::InvalidPath
    );
    assert!(backend.is_file(&p("x")).unwrap());
}

// ---- listings --------------------------------------------------------------

fn completeness_tree() -> MemoryBackend {
    memory_with(&[
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
    #[case] max_depth: Option<usize>,
    #[case] expected: &[&str],
) {
    let backend = completeness_tree();
    let options = ListOptions::new().recursive(true).max_depth(max_depth);
    assert_eq!(paths(backend.list_files(&p("pc"), options)), expected);
}

#[test]
fn a_non_recursive_listing_has_the_immediate_files_only_and_ignores_max_depth() {
    let backend = completeness_tree();
    assert_eq!(
        paths(backend.list_files(&p("pc"), ListOptions::new().max_depth(5))),
        ["pc/a.txt"]
    );
}

#[test]
fn calling_the_backend_while_iterating_a_listing_does_not_deadlock() {
    let backend = memory_with(&[("d/a", "1"), ("d/b", "2"), ("d/c", "3")]);
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
        paths(backend.list_files(&p("d/new"), ListOptions::new())).len(),
        3
    );
}

// ---- file and folder info --------------------------------------------------

#[rstest]
fn folder_info_aggregates_the_whole_subtree(#[values("", ".", "mix")] path: &str) {
    let backend = memory_with(&[("mix/a.txt", "12"), ("mix/sub/b.txt", "345")]);
    let info = backend.get_folder_info(&p(path)).unwrap();
    assert_eq!((info.file_count, info.total_size), (2, 5));
    let newest = backend
        .get_file_info(&p("mix/sub/b.txt"))
        .unwrap()
        .modified_at;
    assert_eq!(info.modified_at, Some(newest));
    assert_eq!(info.path, p(path));
}

// ---- rename and copy -------------------------------------------------------

#[test]
fn copy_without_metadata_gives_none() {
    let backend = memory_with(&[("s", "x")]);
    backend
        .copy(&p("s"), &p("d"), TransferOptions::new())
        .unwrap();
    assert_eq!(backend.get_file_info(&p("d")).unwrap().metadata, None);
}

// ---- identity and lifecycle ------------------------------------------------

#[test]
fn identity_and_native_paths() {
    let backend = MemoryBackend::new();
    assert_eq!(backend.name(), "memory");
    assert!(!backend.close_is_terminal());
    for root in ROOTS {
        assert_eq!(backend.native_path(&p(root)), "");
    }
    for key in ["some/key", ""] {
        assert_eq!(backend.to_key(&backend.native_path(&p(key))), key);
    }
    assert_eq!(backend.to_key("x/y"), "x/y");
    assert!(matches!(
        backend.glob("*").map(drop).unwrap_err(),
        remote_store::Error::CapabilityNotSupported {
            capability: remote_store::Capability::GLOB,
            ..
        }
    ));
}

#[test]
fn forwarding_impls_behave_like_the_backend() {
    let shared: std::sync::Arc<dyn Backend> = std::sync::Arc::new(memory_with(&[("a", "1")]));
    let boxed: Box<dyn Backend> = Box::new(memory_with(&[("a", "1")]));
    static STATIC: std::sync::LazyLock<MemoryBackend> =
        std::sync::LazyLock::new(|| memory_with(&[("a", "1")]));
    let borrowed: &'static MemoryBackend = &STATIC;
    for backend in [&shared as &dyn Backend, &boxed, &borrowed] {
        assert_eq!(backend.name(), "memory");
        assert_eq!(backend.read_bytes(&p("a")).unwrap(), "1");
        assert_eq!(backend.capabilities(), MemoryBackend::CAPABILITIES);
    }
}
