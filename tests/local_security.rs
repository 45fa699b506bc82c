//! No path given to a Store or to LocalBackend reaches outside the root.
//!
//! Every test runs in its own temporary directory holding the backend root
//! `root/` and a sentinel `outside/secret.txt`; each proves that the sentinel
//! was neither read nor changed. Symbolic links are never followed (see the
//! `LocalBackend` docs), so a link is neither file nor folder, is not listed,
//! and any operation on or through one is `InvalidPath`.
#![cfg(unix)]

mod common;
mod subjects;

use std::os::unix::fs::symlink;

use common::{kind, paths};
use remote_store::backends::LocalBackend;
use remote_store::{
    DeleteFolderOptions, DeleteOptions, ErrorKind, ListOptions, Store, TransferOptions,
    WriteOptions,
};
use subjects::{Kind, Subject, disk_entries, p};

fn local() -> Subject {
    Kind::Local.with(&[("inside/file.txt", "inside")])
}

/// The sentinel is exactly as created: one file, same content.
fn assert_outside_untouched(subject: &Subject) {
    let outside = subject.outside_dir();
    assert_eq!(disk_entries(&outside), ["secret.txt"]);
    assert_eq!(
        std::fs::read_to_string(outside.join("secret.txt")).unwrap(),
        "secret"
    );
}

/// `result` is refused with `InvalidPath` (reported at the caller's line).
#[track_caller]
fn assert_invalid_path<T>(result: remote_store::Result<T>) {
    assert_eq!(kind(result), ErrorKind::InvalidPath);
}

fn store(subject: &Subject) -> Store<LocalBackend> {
    Store::new(LocalBackend::new(subject.root_dir()).unwrap(), "").unwrap()
}

/// Every content-bearing call the test makes must not yield the secret.
fn assert_not_secret(result: remote_store::Result<bytes::Bytes>) {
    if let Ok(bytes) = result {
        assert_ne!(bytes, "secret");
    }
}

#[test]
fn dot_dot_is_refused_everywhere() {
    let subject = local();
    let store = store(&subject);
    for raw in [
        "../outside/secret.txt",
        "inside/../../outside/secret.txt",
        "..",
    ] {
        assert_eq!(kind(store.read_bytes(raw)), ErrorKind::InvalidPath, "{raw}");
        assert_eq!(kind(store.write(raw, "x")), ErrorKind::InvalidPath, "{raw}");
        assert_eq!(kind(store.list_files(raw)), ErrorKind::InvalidPath, "{raw}");
        assert_invalid_path(store.rename("inside/file.txt", raw));
        assert_invalid_path(store.copy(raw, "inside/copy"));
    }
    assert!(Store::new(Kind::Local.empty().backend, "../outside").is_err());
    assert_eq!(store.read_text("inside/file.txt").unwrap(), "inside");
    assert_outside_untouched(&subject);
}

#[test]
fn absolute_paths_stay_under_the_root() {
    let subject = local();
    let store = store(&subject);
    let secret = subject.outside_dir().join("secret.txt");
    let absolute = secret.to_str().unwrap();
    assert_eq!(kind(store.read_bytes(absolute)), ErrorKind::NotFound);
    assert_eq!(
        kind(store.read_bytes("/outside/secret.txt")),
        ErrorKind::NotFound
    );
    store.write(absolute, "planted").unwrap();
    store.write("/outside/secret.txt", "planted").unwrap();
    // Both landed inside the root, as the keys they normalise to.
    let root_copy = subject.root_dir().join(absolute.trim_start_matches('/'));
    assert_eq!(std::fs::read_to_string(root_copy).unwrap(), "planted");
    assert_eq!(
        std::fs::read_to_string(subject.root_dir().join("outside/secret.txt")).unwrap(),
        "planted"
    );
    assert_outside_untouched(&subject);
}

#[test]
fn nul_bytes_are_refused() {
    let subject = local();
    let store = store(&subject);
    for raw in ["a\0b", "inside/file.txt\0", "\0"] {
        assert_invalid_path(store.write(raw, "x"));
        assert_invalid_path(store.read_bytes(raw));
        assert_invalid_path(store.exists(raw));
    }
    // The setup's write left the (empty) staging folder, nothing else.
    assert_eq!(
        disk_entries(&subject.root_dir()),
        [".remote-store-tmp", "inside", "inside/file.txt"]
    );
    assert_outside_untouched(&subject);
}

#[test]
fn backslash_traversal_is_refused() {
    let subject = local();
    let store = store(&subject);
    for raw in [
        "..\\outside\\secret.txt",
        "inside\\..\\..\\outside\\secret.txt",
    ] {
        assert_invalid_path(store.read_bytes(raw));
        assert_invalid_path(store.write(raw, "x"));
        assert_invalid_path(store.delete(raw));
    }
    // A backslash is a separator, so this is inside/sub/x, under the root.
    store.write("inside\\sub\\x", "ok").unwrap();
    assert!(subject.root_dir().join("inside/sub/x").is_file());
    assert_outside_untouched(&subject);
}

#[test]
fn a_symlinked_file_pointing_outside_is_never_followed() {
    let subject = local();
    symlink(
        subject.outside_dir().join("secret.txt"),
        subject.root_dir().join("inside/link.txt"),
    )
    .unwrap();
    let link = p("inside/link.txt");
    assert!(!subject.exists(&link).unwrap());
    assert!(!subject.is_file(&link).unwrap());
    assert_not_secret(subject.read_bytes(&link));
    assert_invalid_path(subject.read_bytes(&link));
    assert_invalid_path(subject.read(&link));
    assert_invalid_path(subject.get_file_info(&link));
    let overwrite = WriteOptions::new().overwrite(true);
    assert_invalid_path(subject.write(&link, "pwned".into(), &overwrite));
    assert_invalid_path(subject.write_atomic(&link, "pwned".into(), &overwrite));
    let to = p("inside/stolen");
    let options = TransferOptions::new().overwrite(true);
    assert_invalid_path(subject.copy(&link, &to, options));
    assert_invalid_path(subject.rename(&link, &to, options));
    assert_invalid_path(subject.copy(&p("inside/file.txt"), &link, options));
    assert_invalid_path(subject.delete(&link, DeleteOptions::new()));
    let listed = paths(subject.list_files(&p("inside"), ListOptions::new()));
    assert_eq!(listed, ["inside/file.txt"]);
    assert_eq!(subject.get_folder_info(&p("")).unwrap().file_count, 1);
    assert!(!subject.root_dir().join("inside/stolen").exists());
    assert_outside_untouched(&subject);
}

#[test]
fn a_symlinked_folder_pointing_outside_is_never_followed() {
    let subject = local();
    symlink(subject.outside_dir(), subject.root_dir().join("out")).unwrap();
    let out = p("out");
    assert!(!subject.exists(&out).unwrap());
    assert!(!subject.is_folder(&out).unwrap());
    assert_invalid_path(subject.list_files(&out, ListOptions::new().recursive(true)));
    assert_invalid_path(subject.list_folders(&out));
    assert_invalid_path(subject.iter_children(&out));
    assert_invalid_path(subject.get_folder_info(&out));
    assert_not_secret(subject.read_bytes(&p("out/secret.txt")));
    let recursive = DeleteFolderOptions::new().recursive(true);
    assert_invalid_path(subject.delete_folder(&out, recursive));
    let everything = paths(subject.list_files(&p(""), ListOptions::new().recursive(true)));
    assert_eq!(everything, ["inside/file.txt"]);
    assert_eq!(subject.get_folder_info(&p("")).unwrap().file_count, 1);
    assert_outside_untouched(&subject);
}

#[test]
fn a_symlink_in_the_middle_of_a_path_is_never_followed() {
    let subject = local();
    symlink(subject.outside_dir(), subject.root_dir().join("inside/mid")).unwrap();
    let through = p("inside/mid/secret.txt");
    assert!(!subject.exists(&through).unwrap());
    assert!(!subject.is_file(&through).unwrap());
    assert_invalid_path(subject.read_bytes(&through));
    assert_invalid_path(subject.get_file_info(&through));
    assert_invalid_path(subject.delete(&through, DeleteOptions::new().missing_ok(true)));
    assert_invalid_path(subject.rename(&through, &p("inside/got"), TransferOptions::new()));
    assert_invalid_path(subject.list_files(&p("inside/mid"), ListOptions::new()));
    // Deleting the folder that holds the link removes the link, not its target.
    subject
        .delete_folder(&p("inside"), DeleteFolderOptions::new().recursive(true))
        .unwrap();
    assert!(!subject.root_dir().join("inside").exists());
    assert_outside_untouched(&subject);
}

#[test]
fn writing_through_a_symlinked_folder_is_refused() {
    let subject = local();
    symlink(subject.outside_dir(), subject.root_dir().join("out")).unwrap();
    let target = p("out/new.txt");
    let deep = p("out/deeper/new.txt");
    for path in [&target, &deep] {
        for overwrite in [false, true] {
            let options = WriteOptions::new().overwrite(overwrite);
            assert_invalid_path(subject.write(path, "x".into(), &options));
            assert_invalid_path(subject.write_atomic(path, "x".into(), &options));
            let mut writer = subject.open_atomic(path, &options).unwrap();
            std::io::Write::write_all(&mut writer, b"x").unwrap();
            assert_invalid_path(writer.commit());
            let transfer = TransferOptions::new().overwrite(overwrite);
            assert_invalid_path(subject.copy(&p("inside/file.txt"), path, transfer));
            assert_invalid_path(subject.rename(&p("inside/file.txt"), path, transfer));
        }
    }
    let secret = p("out/secret.txt");
    let overwrite = WriteOptions::new().overwrite(true);
    assert_invalid_path(subject.write(&secret, "pwned".into(), &overwrite));
    assert_invalid_path(subject.delete(&secret, DeleteOptions::new()));
    assert_eq!(
        std::fs::read_to_string(subject.root_dir().join("inside/file.txt")).unwrap(),
        "inside"
    );
    assert_outside_untouched(&subject);
}
