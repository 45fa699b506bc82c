//! Memory-specific behaviour: counters, structural sharing, zero-copy reads.
//! The cross-backend contract is checked in `tests/`.

use std::io::{Read, Write};

use super::*;
use crate::ErrorKind;

fn p(raw: &str) -> RemotePath {
    RemotePath::parse(raw).unwrap()
}

fn put(backend: &MemoryBackend, path: &str, data: &'static [u8]) {
    backend
        .write(
            &p(path),
            Content::Bytes(Bytes::from_static(data)),
            &WriteOptions::new(),
        )
        .unwrap();
}

fn counts_agree_with_the_tree(backend: &MemoryBackend) {
    let tree = backend.tree.read();
    assert_eq!(
        tree::count_subtree(&tree.root),
        (tree.files, tree.folders),
        "the O(1) counters drifted from the tree"
    );
    assert!(tree.index_agrees(), "the path index drifted from the tree");
}

#[test]
fn debug_shows_the_counters_of_a_fresh_backend() {
    assert_eq!(
        format!("{:?}", MemoryBackend::new()),
        "MemoryBackend(files=0, folders=0)"
    );
}

#[test]
fn counters_follow_every_kind_of_mutation() {
    let backend = MemoryBackend::new();
    put(&backend, "a/b/c.txt", b"1");
    put(&backend, "a/d.txt", b"2");
    assert_eq!(format!("{backend:?}"), "MemoryBackend(files=2, folders=2)");
    counts_agree_with_the_tree(&backend);

    let overwrite = WriteOptions::new().overwrite(true);
    backend
        .write(&p("a/d.txt"), "3".into(), &overwrite)
        .unwrap();
    assert_eq!((backend.file_count(), backend.folder_count()), (2, 2));

    backend
        .copy(&p("a/d.txt"), &p("x/y/z.txt"), TransferOptions::new())
        .unwrap();
    assert_eq!((backend.file_count(), backend.folder_count()), (3, 4));
    counts_agree_with_the_tree(&backend);

    backend
        .rename(
            &p("x/y/z.txt"),
            &p("a/d.txt"),
            TransferOptions::new().overwrite(true),
        )
        .unwrap();
    assert_eq!((backend.file_count(), backend.folder_count()), (2, 4));
    counts_agree_with_the_tree(&backend);

    backend.delete(&p("a/d.txt"), DeleteOptions::new()).unwrap();
    backend
        .delete_folder(&p("x"), DeleteFolderOptions::new().recursive(true))
        .unwrap();
    assert_eq!((backend.file_count(), backend.folder_count()), (1, 2));
    backend
        .delete_folder(&p("a"), DeleteFolderOptions::new().recursive(true))
        .unwrap();
    assert_eq!(format!("{backend:?}"), "MemoryBackend(files=0, folders=0)");
    counts_agree_with_the_tree(&backend);
}

#[test]
fn failed_mutations_leave_the_counters_alone() {
    let backend = MemoryBackend::new();
    put(&backend, "f", b"1");
    put(&backend, "d/g", b"2");
    let before = format!("{backend:?}");
    assert!(
        backend
            .write(&p("f/x/y"), "z".into(), &WriteOptions::new())
            .is_err()
    );
    assert!(
        backend
            .write(&p("d"), "z".into(), &WriteOptions::new())
            .is_err()
    );
    assert!(
        backend
            .rename(&p("d/g"), &p("f/x"), TransferOptions::new())
            .is_err()
    );
    assert!(
        backend
            .delete_folder(&p("d"), DeleteFolderOptions::new())
            .is_err()
    );
    assert_eq!(format!("{backend:?}"), before);
    counts_agree_with_the_tree(&backend);
}

#[test]
fn reads_share_the_stored_buffer_instead_of_copying_it() {
    let backend = MemoryBackend::new();
    let payload = Bytes::from(vec![7u8; 64 * 1024 * 1024]);
    let stored_at = payload.as_ptr();
    backend
        .write(&p("big.bin"), Content::Bytes(payload), &WriteOptions::new())
        .unwrap();
    let first = backend.read_bytes(&p("big.bin")).unwrap();
    let second = backend.read_bytes(&p("big.bin")).unwrap();
    assert_eq!(first.as_ptr(), stored_at, "read_bytes copied the content");
    assert_eq!(second.as_ptr(), stored_at, "read_bytes copied the content");
    assert_eq!(first.len(), 64 * 1024 * 1024);
}

#[test]
fn an_open_reader_keeps_the_version_it_opened() {
    let backend = MemoryBackend::new();
    put(&backend, "f", b"old content");
    let mut stream = backend.read(&p("f")).unwrap();
    backend
        .write(&p("f"), "new".into(), &WriteOptions::new().overwrite(true))
        .unwrap();
    let mut seen = String::new();
    stream.read_to_string(&mut seen).unwrap();
    assert_eq!(seen, "old content");
    assert_eq!(backend.read_bytes(&p("f")).unwrap(), "new");
}

#[test]
fn a_listing_is_a_snapshot_taken_at_the_call() {
    let backend = MemoryBackend::new();
    put(&backend, "d/a", b"1");
    put(&backend, "d/b", b"2");
    let listing = backend.list_files(&p("d"), ListOptions::new()).unwrap();
    put(&backend, "d/c", b"3");
    backend.delete(&p("d/a"), DeleteOptions::new()).unwrap();
    let names: Vec<String> = listing.map(|f| f.unwrap().name).collect();
    assert_eq!(names, ["a", "b"]);
}

#[test]
fn rename_keeps_the_very_same_entry() {
    let backend = MemoryBackend::new();
    let options = WriteOptions::new().metadata([("k", "v")]);
    backend.write(&p("src"), "data".into(), &options).unwrap();
    let before = backend.get_file_info(&p("src")).unwrap();
    backend
        .rename(&p("src"), &p("a/dst"), TransferOptions::new())
        .unwrap();
    let after = backend.get_file_info(&p("a/dst")).unwrap();
    assert_eq!(after.modified_at, before.modified_at);
    assert_eq!(after.metadata, before.metadata);
    assert_eq!(after.size, 4);
}

#[test]
fn open_atomic_publishes_only_on_commit_and_discards_on_drop() {
    let backend = MemoryBackend::new();
    let mut writer = backend
        .open_atomic(&p("a/f"), &WriteOptions::new())
        .unwrap();
    writer.write_all(b"part").unwrap();
    assert_eq!(writer.position(), 4);
    assert!(
        !backend.exists(&p("a")).unwrap(),
        "parents appeared before commit"
    );
    drop(writer);
    assert_eq!(format!("{backend:?}"), "MemoryBackend(files=0, folders=0)");

    let mut writer = backend
        .open_atomic(&p("a/f"), &WriteOptions::new())
        .unwrap();
    writer.write_all(b"whole").unwrap();
    let result = writer.commit().unwrap();
    assert_eq!(result.size, 5);
    assert_eq!(backend.read_bytes(&p("a/f")).unwrap(), "whole");
}

#[test]
fn open_atomic_rechecks_at_commit() {
    let backend = MemoryBackend::new();
    let mut writer = backend.open_atomic(&p("f"), &WriteOptions::new()).unwrap();
    writer.write_all(b"late").unwrap();
    put(&backend, "f", b"first");
    let err = writer.commit().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::AlreadyExists);
    assert_eq!(backend.read_bytes(&p("f")).unwrap(), "first");
}

#[test]
fn capabilities_are_all_but_glob_and_lazy_read() {
    let caps = MemoryBackend::new().capabilities();
    assert_eq!(caps.len(), 12);
    assert!(!caps.supports(Capability::GLOB));
    assert!(!caps.supports(Capability::LAZY_READ));
    assert_eq!(caps, MemoryBackend::CAPABILITIES);
}

#[test]
fn every_error_is_attributed_to_the_memory_backend() {
    let backend = MemoryBackend::new();
    let err = backend.read_bytes(&p("missing")).unwrap_err();
    assert_eq!(err.backend(), Some("memory"));
    assert!(err.to_string().contains("backend='memory'"));
}

#[test]
fn a_recursive_delete_forgets_every_path_below() {
    let backend = MemoryBackend::new();
    put(&backend, "a/b/c/d.txt", b"1");
    put(&backend, "a/e.txt", b"2");
    backend
        .delete_folder(&p("a"), DeleteFolderOptions::new().recursive(true))
        .unwrap();
    for gone in ["a", "a/b", "a/b/c", "a/b/c/d.txt", "a/e.txt"] {
        assert!(!backend.exists(&p(gone)).unwrap(), "{gone} survived");
    }
    put(&backend, "a/b", b"now a file");
    assert!(backend.is_file(&p("a/b")).unwrap());
    assert!(!backend.is_folder(&p("a/b/c")).unwrap());
    counts_agree_with_the_tree(&backend);
}

/// Checks that `listing`'s `size_hint` brackets what is left, before every
/// item and at the end, and returns how many items it gave.
fn hints_bracket_the_rest<T>(name: &str, listing: Listing<'_, T>) -> usize {
    let items: Vec<_> = {
        let mut listing = listing;
        let mut hints = Vec::new();
        loop {
            hints.push(listing.size_hint());
            if listing.next().is_none() {
                break;
            }
        }
        hints
    };
    let total = items.len() - 1;
    for (taken, (lower, upper)) in items.into_iter().enumerate() {
        let left = total - taken;
        assert!(lower <= left, "{name}: lower hint {lower} > {left} left");
        assert!(
            upper.is_none_or(|upper| left <= upper),
            "{name}: upper hint {upper:?} < {left} left"
        );
    }
    total
}

#[test]
fn listing_size_hints_bracket_what_is_left() {
    let backend = MemoryBackend::new();
    for path in ["d/a.txt", "d/b.txt", "d/c.txt", "d/s/x.txt", "d/t/y.txt"] {
        put(&backend, path, b"x");
    }
    for folder in ["d", "d/s", "missing"] {
        let folder = p(folder);
        let flat = ListOptions::new();
        let deep = ListOptions::new().recursive(true);
        hints_bracket_the_rest("list_files", backend.list_files(&folder, flat).unwrap());
        hints_bracket_the_rest(
            "list_files recursive",
            backend.list_files(&folder, deep).unwrap(),
        );
        hints_bracket_the_rest("list_folders", backend.list_folders(&folder).unwrap());
        hints_bracket_the_rest("iter_children", backend.iter_children(&folder).unwrap());
    }
    let children = backend.iter_children(&p("d")).unwrap();
    assert_eq!(hints_bracket_the_rest("iter_children", children), 5);
}

#[test]
fn a_write_under_a_file_names_that_file_in_its_message() {
    let backend = MemoryBackend::new();
    put(&backend, "a/b.txt", b"x");
    for target in ["a/b.txt/c", "a/b.txt/c/d", "a/b.txt/c/d/e"] {
        let err = backend
            .write(
                &p(target),
                Content::Bytes(Bytes::new()),
                &WriteOptions::new(),
            )
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidPath, "{target}");
        assert_eq!(err.path(), Some(target));
        assert!(
            err.to_string().contains("'a/b.txt' exists as a file"),
            "{target}: {err}"
        );
    }
}

/// Content whose owner, when freed, reads the backend that stored it: a
/// backend that frees content under its lock deadlocks on it.
struct CallsBackWhenFreed {
    backend: std::sync::Weak<MemoryBackend>,
    calls: Arc<std::sync::atomic::AtomicUsize>,
}

impl AsRef<[u8]> for CallsBackWhenFreed {
    fn as_ref(&self) -> &[u8] {
        b"owned"
    }
}

impl Drop for CallsBackWhenFreed {
    fn drop(&mut self) {
        if let Some(backend) = self.backend.upgrade() {
            let _ = backend.exists(&p("elsewhere"));
            let _ = backend.write(
                &p("elsewhere"),
                "x".into(),
                &WriteOptions::new().overwrite(true),
            );
            self.calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
    }
}

/// Runs `change` on a backend holding `victim` (and `other`) as
/// call-back content, on its own thread; fails instead of hanging when the
/// backend frees the content under its lock.
fn frees_outside_the_lock(change: fn(&MemoryBackend)) {
    let backend = Arc::new(MemoryBackend::new());
    let calls = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    for path in ["dir/victim.txt", "dir/sub/deep.txt"] {
        let owner = CallsBackWhenFreed {
            backend: Arc::downgrade(&backend),
            calls: Arc::clone(&calls),
        };
        backend
            .write(
                &p(path),
                Content::Bytes(Bytes::from_owner(owner)),
                &WriteOptions::new(),
            )
            .unwrap();
    }
    put(&backend, "other.txt", b"2");
    let (done, finished) = std::sync::mpsc::channel();
    let worker = Arc::clone(&backend);
    std::thread::spawn(move || {
        change(&worker);
        done.send(()).unwrap();
    });
    finished
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("the change deadlocked: content was freed under the backend's lock");
    assert!(
        calls.load(std::sync::atomic::Ordering::SeqCst) >= 1,
        "no content was freed"
    );
}

#[test]
fn an_overwrite_frees_the_old_content_outside_the_lock() {
    frees_outside_the_lock(|backend| {
        let overwrite = WriteOptions::new().overwrite(true);
        backend
            .write(&p("dir/victim.txt"), "new".into(), &overwrite)
            .unwrap();
    });
}

#[test]
fn a_delete_frees_the_content_outside_the_lock() {
    frees_outside_the_lock(|backend| {
        backend
            .delete(&p("dir/victim.txt"), DeleteOptions::new())
            .unwrap();
    });
}

#[test]
fn a_recursive_delete_frees_the_subtree_outside_the_lock() {
    frees_outside_the_lock(|backend| {
        let recursive = DeleteFolderOptions::new().recursive(true);
        backend.delete_folder(&p("dir"), recursive).unwrap();
    });
}

#[test]
fn a_transfer_over_a_file_frees_it_outside_the_lock() {
    frees_outside_the_lock(|backend| {
        let overwrite = TransferOptions::new().overwrite(true);
        backend
            .copy(&p("other.txt"), &p("dir/victim.txt"), overwrite)
            .unwrap();
    });
    frees_outside_the_lock(|backend| {
        let overwrite = TransferOptions::new().overwrite(true);
        backend
            .rename(&p("other.txt"), &p("dir/victim.txt"), overwrite)
            .unwrap();
    });
}
