//! Confinement under attack: while worker threads run every operation on
//! keys under `d/`, an attacker thread keeps swapping the folders `d` and
//! `d/sub` of the root for symbolic links to a sentinel tree outside it.
//! Afterwards nothing outside the root was read, created, changed or
//! deleted: the sentinel tree hashes (names, types, contents) as before, and
//! no read ever returned sentinel bytes.
//!
//! The default run (CI) does 2,000 swaps, in a few seconds. The heavy form:
//! `REMOTE_STORE_SWAP_ROUNDS=100000 cargo test --all-features --test local_swap_race -- --nocapture`.
#![cfg(unix)]

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{Read, Write};
use std::os::unix::fs::symlink;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;

use remote_store::backends::LocalBackend;
use remote_store::{
    Backend, Content, DeleteFolderOptions, DeleteOptions, ListOptions, RemotePath, TransferOptions,
    WriteOptions,
};

/// Every sentinel file holds this, so a read that escaped is recognised.
const MARK: &str = "SENTINEL";
const DEFAULT_ROUNDS: usize = 2_000;

fn p(raw: &str) -> RemotePath {
    RemotePath::parse(raw).unwrap()
}

/// Names, file types and content hashes of everything under `dir`, never
/// following a link.
fn tree_hashes(dir: &Path) -> BTreeMap<String, (String, u64)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            let key = path.strip_prefix(dir).unwrap().display().to_string();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            let mut hasher = DefaultHasher::new();
            let kind = if meta.is_dir() {
                stack.push(path);
                "dir"
            } else if meta.is_file() {
                std::fs::read(&path).unwrap().hash(&mut hasher);
                "file"
            } else {
                std::fs::read_link(&path).unwrap().hash(&mut hasher);
                "link"
            };
            out.insert(key, (kind.to_owned(), hasher.finish()));
        }
    }
    out
}

fn sentinel(outside: &Path) {
    for (path, content) in [
        ("x", "x"),
        ("z", "z"),
        ("new", "new"),
        ("sub/y", "y"),
        ("sub/deep/w", "w"),
    ] {
        let full = outside.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, format!("{MARK} {content}")).unwrap();
    }
}

/// Replaces the folder `target` by a link to `to` for a moment, then puts it
/// back. Returns whether the link was in place.
fn swap_once(target: &Path, saved: &Path, to: &Path) -> bool {
    if std::fs::rename(target, saved).is_err() {
        return false;
    }
    let linked = symlink(to, target).is_ok();
    thread::yield_now();
    if linked {
        let _ = std::fs::remove_file(target);
    }
    if std::fs::rename(saved, target).is_err() {
        // A worker recreated `target` meanwhile: drop the saved copy.
        let _ = std::fs::remove_dir_all(saved);
    }
    linked
}

/// Every operation once, on keys the attacker keeps swapping; errors are
/// expected and ignored, panics and escaped reads are not.
fn every_operation(backend: &LocalBackend, escaped: &AtomicUsize, round: usize) {
    let check = |bytes: &[u8]| {
        if String::from_utf8_lossy(bytes).contains(MARK) {
            escaped.fetch_add(1, Ordering::SeqCst);
        }
    };
    let overwrite = WriteOptions::new().overwrite(true);
    for key in ["d/x", "d/sub/y", "d/sub/deep/w", "d/z"] {
        let key = p(key);
        let _ = backend.exists(&key);
        let _ = backend.is_file(&key);
        if let Ok(bytes) = backend.read_bytes(&key) {
            check(&bytes);
        }
        if let Ok(mut stream) = backend.read_seekable(&key) {
            let mut bytes = Vec::new();
            if stream.read_to_end(&mut bytes).is_ok() {
                check(&bytes);
            }
        }
        let _ = backend.get_file_info(&key);
    }
    let _ = backend.write(&p("d/x"), Content::from("x"), &overwrite);
    let _ = backend.write(&p("d/sub/y"), Content::from("y"), &WriteOptions::new());
    let _ = backend.write_atomic(&p("d/new"), Content::from("new"), &overwrite);
    if let Ok(mut writer) = backend.open_atomic(&p("d/sub/deep/w"), &overwrite) {
        let _ = writer.write_all(b"w");
        let _ = writer.commit();
    }
    let _ = backend.rename(&p("d/x"), &p("d/z"), TransferOptions::new());
    let _ = backend.copy(&p("d/z"), &p("d/x"), TransferOptions::new().overwrite(true));
    let _ = backend.rename(
        &p("d/sub/y"),
        &p("d/x"),
        TransferOptions::new().overwrite(true),
    );
    let _ = backend.delete(&p("d/new"), DeleteOptions::new().missing_ok(true));
    for folder in ["d", "d/sub"] {
        let folder = p(folder);
        let _ = backend.is_folder(&folder);
        let _ = backend.get_folder_info(&folder);
        if let Ok(files) = backend.list_files(&folder, ListOptions::new().recursive(true)) {
            files.for_each(drop);
        }
        if let Ok(children) = backend.iter_children(&folder) {
            children.for_each(drop);
        }
    }
    let _ = backend.delete_folder(&p("d/sub/deep"), DeleteFolderOptions::new());
    if round % 4 == 0 {
        let recursive = DeleteFolderOptions::new().recursive(true).missing_ok(true);
        let _ = backend.delete_folder(&p("d/sub"), recursive);
        let _ = backend.delete_folder(&p("d"), recursive);
    }
}

#[test]
fn swapping_folders_for_links_never_reaches_outside_the_root() {
    let rounds = std::env::var("REMOTE_STORE_SWAP_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(DEFAULT_ROUNDS);
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("outside");
    sentinel(&outside);
    let before = tree_hashes(&outside);
    let backend = Arc::new(LocalBackend::new(dir.path().join("root")).unwrap());
    let root = backend.root_dir().to_path_buf();
    for key in ["d/x", "d/sub/y", "d/sub/deep/w"] {
        backend
            .write(&p(key), Content::from("seed"), &WriteOptions::new())
            .unwrap();
    }

    let done = Arc::new(AtomicBool::new(false));
    let escaped = Arc::new(AtomicUsize::new(0));
    let operations = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let (backend, done) = (Arc::clone(&backend), Arc::clone(&done));
            let (escaped, operations) = (Arc::clone(&escaped), Arc::clone(&operations));
            thread::spawn(move || {
                let mut round = 0;
                while !done.load(Ordering::SeqCst) {
                    every_operation(&backend, &escaped, round);
                    round += 1;
                    operations.fetch_add(1, Ordering::SeqCst);
                }
            })
        })
        .collect();

    let mut swaps = 0;
    let mut attempts = 0;
    while swaps < rounds && attempts < rounds * 50 {
        attempts += 1;
        let (target, saved, to) = if attempts % 2 == 0 {
            (root.join("d"), root.join("d-saved"), outside.clone())
        } else {
            (
                root.join("d/sub"),
                root.join("sub-saved"),
                outside.join("sub"),
            )
        };
        if swap_once(&target, &saved, &to) {
            swaps += 1;
        }
    }
    done.store(true, Ordering::SeqCst);
    for worker in workers {
        worker.join().expect("no operation panics");
    }

    let operations = operations.load(Ordering::SeqCst);
    eprintln!("{swaps} swaps ({attempts} attempts) against {operations} rounds of every operation");
    assert!(swaps >= rounds, "only {swaps} of {rounds} swaps took place");
    assert!(operations > 0, "the workers never ran");
    assert_eq!(
        escaped.load(Ordering::SeqCst),
        0,
        "a read returned sentinel bytes"
    );
    assert_eq!(tree_hashes(&outside), before, "the sentinel tree changed");
}
