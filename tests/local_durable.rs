//! Durable mode changes when a write returns, not what it does: every
//! write path of a durable backend publishes exactly what a default one
//! does, no-clobber included.

use std::io::Write;

use remote_store::backends::LocalBackend;
use remote_store::{Backend, Content, ErrorKind, RemotePath, TransferOptions, WriteOptions};

fn p(raw: &str) -> RemotePath {
    RemotePath::parse(raw).unwrap()
}

#[test]
fn every_write_path_of_a_durable_backend_publishes() {
    let dir = tempfile::tempdir().unwrap();
    let backend = LocalBackend::builder(dir.path())
        .durable(true)
        .build()
        .unwrap();
    assert!(backend.is_durable());
    assert!(!LocalBackend::new(dir.path()).unwrap().is_durable());
    let new = WriteOptions::new();
    let overwrite = WriteOptions::new().overwrite(true);

    backend
        .write(&p("a/b/w"), Content::from("1"), &new)
        .unwrap();
    backend
        .write(&p("a/b/w"), Content::from("2"), &overwrite)
        .unwrap();
    assert_eq!(
        backend
            .write(&p("a/b/w"), Content::from("3"), &new)
            .unwrap_err()
            .kind(),
        ErrorKind::AlreadyExists
    );
    backend
        .write_atomic(&p("c/atomic"), Content::from("4"), &new)
        .unwrap();
    let mut writer = backend.open_atomic(&p("c/d/streamed"), &new).unwrap();
    writer.write_all(b"5").unwrap();
    writer.commit().unwrap();
    backend
        .copy(&p("a/b/w"), &p("e/copied"), TransferOptions::new())
        .unwrap();
    backend
        .rename(&p("c/atomic"), &p("f/moved"), TransferOptions::new())
        .unwrap();
    assert_eq!(
        backend
            .rename(&p("e/copied"), &p("a/b/w"), TransferOptions::new())
            .unwrap_err()
            .kind(),
        ErrorKind::AlreadyExists
    );
    backend
        .rename(
            &p("e/copied"),
            &p("a/b/w"),
            TransferOptions::new().overwrite(true),
        )
        .unwrap();

    for (key, content) in [("a/b/w", "2"), ("c/d/streamed", "5"), ("f/moved", "4")] {
        assert_eq!(backend.read_bytes(&p(key)).unwrap(), content, "{key}");
    }
    for gone in ["c/atomic", "e/copied"] {
        assert!(!backend.exists(&p(gone)).unwrap(), "{gone}");
    }
}
