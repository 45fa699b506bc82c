//! The test-writing helpers: rstest fixtures, seeding from a literal tree,
//! tree snapshots and forks.

use remote_store::backends::MemoryBackend;
use remote_store::fixtures::{local_store, memory_store};
use remote_store::{
    Backend, DeleteOptions, ErrorKind, RemotePath, Store, TreeChange, TreeEntry, TreeSnapshot,
};
use rstest::rstest;

#[rstest]
fn memory_store_fixture_is_a_fresh_empty_memory_store(memory_store: Store) {
    assert_eq!(memory_store.backend().name(), "memory");
    assert!(memory_store.tree().unwrap().is_empty());
    memory_store.write_text("a.txt", "x").unwrap();
    assert_eq!(memory_store.read_text("a.txt").unwrap(), "x");
}

#[rstest]
fn local_store_keeps_its_directory_as_long_as_the_store_lives(local_store: Store) {
    assert_eq!(local_store.backend().name(), "local");
    let native = local_store.backend().native_path(&RemotePath::root());
    assert!(std::path::Path::new(&native).is_dir(), "{native}");
    local_store.write_text("d/a.txt", "on disk").unwrap();
    assert_eq!(
        local_store.tree().unwrap(),
        TreeSnapshot::new().file("d/a.txt", "on disk")
    );
    drop(local_store);
    assert!(
        !std::path::Path::new(&native).exists(),
        "{native} outlived its store"
    );
}

#[rstest]
fn one_body_runs_on_both_fixtures(#[values(memory_store(), local_store())] store: Store) {
    store.write_text("a/b/c.txt", "1").unwrap();
    store.write_text("a/d.txt", "2").unwrap();
    store.delete("a/b/c.txt").unwrap();
    let expected = TreeSnapshot::new().folder("a/b").file("a/d.txt", "2");
    assert_eq!(store.tree().unwrap(), expected);
}

#[test]
fn with_files_seeds_files_and_their_folders() {
    let backend =
        MemoryBackend::with_files([("a/b.txt", "x"), ("a/c/d.bin", "yz"), ("e", "")]).unwrap();
    let store = Store::new(backend, "").unwrap();
    assert_eq!(
        store.tree().unwrap(),
        TreeSnapshot::new()
            .file("a/b.txt", "x")
            .file("a/c/d.bin", "yz")
            .file("e", "")
    );
    assert_eq!(store.tree().unwrap().len(), 5);
}

#[test]
fn with_files_reports_the_bad_path() {
    let twice = MemoryBackend::with_files([("a", "1"), ("a", "2")]).unwrap_err();
    assert_eq!(twice.kind(), ErrorKind::AlreadyExists);
    assert_eq!(twice.path(), Some("a"));
    let under_file = MemoryBackend::with_files([("a", "1"), ("a/b", "2")]).unwrap_err();
    assert_eq!(under_file.kind(), ErrorKind::InvalidPath);
    let malformed = MemoryBackend::with_files([("../x", "1")]).unwrap_err();
    assert_eq!(malformed.kind(), ErrorKind::InvalidPath);
    assert!(malformed.to_string().contains("../x"), "{malformed}");
}

#[test]
fn a_store_tree_is_relative_to_the_store_root() {
    let backend = MemoryBackend::with_files([("data/x/y.txt", "1"), ("other.txt", "2")]).unwrap();
    let store = Store::new(backend, "data").unwrap();
    assert_eq!(
        store.tree().unwrap(),
        TreeSnapshot::new().file("x/y.txt", "1")
    );
}

#[test]
fn a_failed_tree_assertion_lists_one_path_per_line() {
    let store = Store::new(MemoryBackend::with_files([("a/b.txt", "x")]).unwrap(), "").unwrap();
    let expected = TreeSnapshot::new().file("a/b.txt", "y");
    let actual = store.tree().unwrap();
    let failure =
        std::panic::catch_unwind(|| assert_eq!(actual, expected)).expect_err("the trees differ");
    let message = failure.downcast_ref::<String>().unwrap();
    assert!(
        message.contains("    a/b.txt = \"x\"\n") && message.contains("    a/b.txt = \"y\"\n"),
        "{message}"
    );
}

#[test]
fn snapshot_debug_shortens_long_and_binary_contents() {
    let long = "z".repeat(100);
    let snapshot = TreeSnapshot::new()
        .file("long", long)
        .file("bin", vec![0xff, 0x00]);
    let shown = format!("{snapshot:?}");
    assert!(
        shown.contains(&format!("long = \"{}\"... (100 bytes)", "z".repeat(64))),
        "{shown}"
    );
    assert!(shown.contains("bin = b\"\\xff\\0\""), "{shown}");
    assert_eq!(format!("{:?}", TreeSnapshot::new()), "TreeSnapshot {}");
}

#[test]
fn changes_name_added_removed_and_changed_paths() {
    let before = TreeSnapshot::new()
        .file("keep", "1")
        .file("gone", "2")
        .file("edit", "3");
    let after = TreeSnapshot::new()
        .file("keep", "1")
        .file("edit", "4")
        .folder("new");
    assert_eq!(
        before.changes_to(&after),
        [
            TreeChange::Changed("edit".into()),
            TreeChange::Removed("gone".into()),
            TreeChange::Added("new".into()),
        ]
    );
    assert!(after.changes_to(&after).is_empty());
    assert_eq!(after.get("new"), Some(&TreeEntry::Folder));
    let file_to_folder = TreeSnapshot::new().folder("keep");
    assert_eq!(
        TreeSnapshot::new()
            .file("keep", "1")
            .changes_to(&file_to_folder),
        [TreeChange::Changed("keep".into())]
    );
}

#[test]
fn a_fork_is_independent_both_ways() {
    let base = MemoryBackend::with_files([("a/b.txt", "x"), ("c.txt", "y")]).unwrap();
    let fork = base.fork();
    let p = |s: &str| RemotePath::parse(s).unwrap();
    fork.delete(&p("c.txt"), DeleteOptions::new()).unwrap();
    base.write(&p("a/new.txt"), "n".into(), &Default::default())
        .unwrap();
    let base = Store::new(base, "").unwrap();
    let fork = Store::new(fork, "").unwrap();
    assert_eq!(
        base.tree().unwrap().changes_to(&fork.tree().unwrap()),
        [
            TreeChange::Removed("a/new.txt".into()),
            TreeChange::Removed("c.txt".into()),
        ]
    );
    assert_eq!(fork.backend().file_count(), 1);
    assert_eq!(fork.backend().folder_count(), 1);
}
