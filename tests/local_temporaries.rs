//! Temporaries live in one hidden staging folder at the root, so what a
//! write in flight or a crash leaves behind changes no answer: probes,
//! listings, folder totals and `delete_folder` agree with MemoryBackend. A
//! backend opening the root sweeps stale temporaries.

use std::io::Write;
use std::time::{Duration, SystemTime};

use remote_store::backends::{LocalBackend, MemoryBackend};
use remote_store::{
    Backend, Child, Content, DeleteFolderOptions, ErrorKind, FolderInfo, ListOptions, RemotePath,
    WriteOptions,
};

const STAGING: &str = ".remote-store-tmp";

fn p(raw: &str) -> RemotePath {
    RemotePath::parse(raw).unwrap()
}

fn seed(backend: &dyn Backend) {
    for key in ["d/keep", "e/f"] {
        backend
            .write(&p(key), Content::from("data"), &WriteOptions::new())
            .unwrap();
    }
    backend
        .delete(&p("e/f"), remote_store::DeleteOptions::new())
        .unwrap();
}

/// Leaves a temporary as a crashed process would: an `open_atomic` writer
/// with bytes written that is never committed nor dropped.
fn crash_mid_write(backend: &dyn Backend, key: &str) {
    let mut writer = backend.open_atomic(&p(key), &WriteOptions::new()).unwrap();
    writer.write_all(b"half of it").unwrap();
    std::mem::forget(writer);
}

fn staged(root: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root.join(STAGING))
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Every answer that a temporary could change, for comparison with memory.
fn answers(backend: &dyn Backend) -> Vec<String> {
    let mut out = Vec::new();
    for folder in ["", "d", "e"] {
        let folder = p(folder);
        let info: FolderInfo = backend.get_folder_info(&folder).unwrap();
        out.push(format!(
            "info {folder:?}: {} {}",
            info.file_count, info.total_size
        ));
        let children: Vec<String> = backend
            .iter_children(&folder)
            .unwrap()
            .map(|c| match c.unwrap() {
                Child::File(f) => format!("file {}", f.path),
                Child::Folder(f) => format!("folder {}", f.path),
            })
            .collect();
        out.push(format!("children {folder:?}: {children:?}"));
        let files: Vec<String> = backend
            .list_files(&folder, ListOptions::new().recursive(true))
            .unwrap()
            .map(|f| f.unwrap().path.to_string())
            .collect();
        out.push(format!("files {folder:?}: {files:?}"));
    }
    for key in ["d", "e", "e/new", "d/new"] {
        let key = p(key);
        out.push(format!(
            "probe {key}: {:?} {:?} {:?}",
            backend.exists(&key).unwrap(),
            backend.is_file(&key).unwrap(),
            backend.is_folder(&key).unwrap()
        ));
    }
    out
}

#[test]
fn a_crashed_write_changes_no_answer_and_delete_folder_agrees_with_memory() {
    let dir = tempfile::tempdir().unwrap();
    let local = LocalBackend::new(dir.path()).unwrap();
    let memory = MemoryBackend::new();
    seed(&local);
    seed(&memory);
    // One write crashed into the empty folder `e`, one into a new folder.
    crash_mid_write(&local, "e/new");
    crash_mid_write(&local, "fresh/deeper/new");
    assert_eq!(
        staged(dir.path()).len(),
        2,
        "the crash left its temporaries"
    );

    assert_eq!(answers(&local), answers(&memory));
    // The staging folder is no key: refused, like any reserved name.
    let staging = p(STAGING);
    assert_eq!(
        local.exists(&staging).unwrap_err().kind(),
        ErrorKind::InvalidPath
    );
    assert_eq!(
        local
            .list_files(&staging, ListOptions::new())
            .err()
            .map(|e| e.kind()),
        Some(ErrorKind::InvalidPath)
    );
    // `e` holds nothing but looked empty while the write was in flight:
    // deleting it without `recursive` succeeds, as with memory.
    let plain = DeleteFolderOptions::new();
    local.delete_folder(&p("e"), plain).unwrap();
    memory.delete_folder(&p("e"), plain).unwrap();
    assert_eq!(
        local.delete_folder(&p("d"), plain).unwrap_err().kind(),
        ErrorKind::DirectoryNotEmpty
    );
    assert!(!local.exists(&p("fresh")).unwrap());
    assert_eq!(staged(dir.path()).len(), 2, "nothing swept them yet");
}

#[test]
fn a_write_in_flight_survives_deleting_its_empty_folder_and_commits() {
    let local = LocalBackend::temporary().unwrap();
    let memory = MemoryBackend::new();
    for backend in [&local as &dyn Backend, &memory] {
        backend
            .write(&p("e/old"), Content::from("x"), &WriteOptions::new())
            .unwrap();
        backend
            .delete(&p("e/old"), remote_store::DeleteOptions::new())
            .unwrap();
        let mut writer = backend
            .open_atomic(&p("e/new"), &WriteOptions::new())
            .unwrap();
        writer.write_all(b"late").unwrap();
        backend
            .delete_folder(&p("e"), DeleteFolderOptions::new())
            .unwrap();
        assert!(!backend.exists(&p("e")).unwrap());
        writer.commit().unwrap();
        assert_eq!(backend.read_bytes(&p("e/new")).unwrap(), "late");
    }
}

/// Ages a staged temporary as if it had been left long ago.
fn age(path: &std::path::Path, by: Duration) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - by).unwrap();
}

#[test]
fn opening_the_root_sweeps_stale_temporaries_only() {
    let dir = tempfile::tempdir().unwrap();
    let first = LocalBackend::new(dir.path()).unwrap();
    crash_mid_write(&first, "old");
    crash_mid_write(&first, "recent");
    let names = staged(dir.path());
    assert_eq!(names.len(), 2);
    age(
        &dir.path().join(STAGING).join(&names[0]),
        Duration::from_secs(3 * 86_400),
    );
    // A writer of another backend is still in flight while the root reopens.
    let mut live = first.open_atomic(&p("live"), &WriteOptions::new()).unwrap();
    live.write_all(b"in flight").unwrap();

    LocalBackend::builder(dir.path())
        .sweep_stale_temporaries(None)
        .build()
        .unwrap();
    assert_eq!(staged(dir.path()).len(), 3, "no sweep when turned off");

    let reopened = LocalBackend::new(dir.path()).unwrap();
    let left = staged(dir.path());
    assert_eq!(
        left.len(),
        2,
        "the default sweep removed the stale one only"
    );
    assert!(!left.contains(&names[0]));
    assert!(left.contains(&names[1]));

    live.commit().unwrap();
    assert_eq!(reopened.read_bytes(&p("live")).unwrap(), "in flight");

    LocalBackend::builder(dir.path())
        .sweep_stale_temporaries(Some(Duration::ZERO))
        .build()
        .unwrap();
    assert!(
        staged(dir.path()).is_empty(),
        "an age of zero sweeps them all"
    );
}
