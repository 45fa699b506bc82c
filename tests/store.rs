//! Store: root scoping, rebasing, capability gates and precondition order.

mod common;

use std::io::Write;
use std::sync::Arc;

use common::{Restricted, memory_with, p, paths, snapshot, store_lacking};
use remote_store::backends::MemoryBackend;
use remote_store::{
    Backend, Capability, CapabilitySet, Child, DeleteFolderOptions, DeleteOptions, Error,
    ErrorKind, ListOptions, Store, TransferOptions, WriteOptions,
};
use rstest::rstest;

fn store_at(root: &str) -> Store<MemoryBackend> {
    Store::new(MemoryBackend::new(), root).unwrap()
}

#[rstest]
#[case("", "")]
#[case("/data/", "data")]
#[case("data//sub/.", "data/sub")]
fn the_root_path_is_normalised(#[case] raw: &str, #[case] expected: &str) {
    assert_eq!(store_at(raw).root_path().as_str(), expected);
}

#[rstest]
#[case("a/../b")]
#[case("a\0b")]
fn an_invalid_root_path_is_refused_at_construction(#[case] raw: &str) {
    let err = Store::new(MemoryBackend::new(), raw).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidPath);
}

#[test]
fn paths_are_scoped_below_the_root_and_rebased_on_the_way_out() {
    let store = store_at("data");
    let result = store.write("a/b.txt", "x").unwrap();
    assert_eq!(result.path, p("a/b.txt"));
    assert!(store.backend().is_file(&p("data/a/b.txt")).unwrap());
    let info = store.get_file_info("a/b.txt").unwrap();
    assert_eq!(info.path, p("a/b.txt"));
    let listed = paths(store.list_files_with("", ListOptions::new().recursive(true)));
    assert_eq!(listed, ["a/b.txt"]);
    let folders = paths(store.list_folders("."));
    assert_eq!(folders, ["a"]);
    let children: Vec<String> = store
        .iter_children("a")
        .unwrap()
        .map(|c| c.unwrap().path().to_string())
        .collect();
    assert_eq!(children, ["a/b.txt"]);
    let folder = store.get_folder_info("").unwrap();
    assert!(folder.path.is_root());
    assert_eq!(folder.file_count, 1);
    // every returned path feeds straight back
    for path in listed {
        assert_eq!(store.read_text(&path).unwrap(), "x");
    }
}

#[test]
fn nothing_outside_the_root_is_visible() {
    let backend = Arc::new(memory_with(&[
        ("outside.txt", "secret"),
        ("data/in.txt", "ok"),
    ]));
    let store = Store::from_shared(Arc::clone(&backend), "data").unwrap();
    assert!(!store.exists("outside.txt").unwrap());
    assert_eq!(
        store.read_bytes("outside.txt").unwrap_err().kind(),
        ErrorKind::NotFound
    );
    assert_eq!(
        store.read_bytes("../outside.txt").unwrap_err().kind(),
        ErrorKind::InvalidPath
    );
    assert_eq!(
        store.read_bytes("/outside.txt").unwrap_err().kind(),
        ErrorKind::NotFound
    );
    let all = paths(store.list_files_with("", ListOptions::new().recursive(true)));
    assert_eq!(all, ["in.txt"]);
}

#[test]
fn errors_name_the_store_relative_path() {
    let store = store_at("data");
    let err = store.read_bytes("missing/file.txt").unwrap_err();
    assert_eq!(err.path(), Some("missing/file.txt"));
    assert!(err.to_string().contains("missing/file.txt"));
}

#[rstest]
fn both_root_spellings_are_the_root(#[values("", ".")] root: &str) {
    let store = store_at("data");
    store.write("x", "1").unwrap();
    assert!(store.exists(root).unwrap());
    assert!(store.is_folder(root).unwrap());
    assert!(!store.is_file(root).unwrap());
    assert_eq!(store.list_files(root).unwrap().count(), 1);
    assert_eq!(store.get_folder_info(root).unwrap().file_count, 1);
}

#[rstest]
fn file_operations_on_the_root_are_invalid_path(
    #[values("", ".")] root: &str,
    #[values(
        "read",
        "read_bytes",
        "read_text",
        "read_seekable",
        "write",
        "write_atomic",
        "open_atomic",
        "delete",
        "get_file_info",
        "rename_src",
        "rename_dst",
        "copy_src",
        "copy_dst"
    )]
    op: &str,
) {
    let store = store_at("data");
    store.write("seed", "s").unwrap();
    let err = match op {
        "read" => store.read(root).map(drop),
        "read_bytes" => store.read_bytes(root).map(drop),
        "read_text" => store.read_text(root).map(drop),
        "read_seekable" => store.read_seekable(root).map(drop),
        "write" => store.write(root, "x").map(drop),
        "write_atomic" => store.write_atomic(root, "x").map(drop),
        "open_atomic" => store.open_atomic(root).map(drop),
        "delete" => store.delete_with(root, DeleteOptions::new().missing_ok(true)),
        "get_file_info" => store.get_file_info(root).map(drop),
        "rename_src" => store.rename(root, "y"),
        "rename_dst" => store.rename("seed", root),
        "copy_src" => store.copy(root, "y"),
        _ => store.copy("seed", root),
    }
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidPath, "{op}: {err}");
    assert_eq!(err.path(), Some(root));
    assert_eq!(
        store.read_text("seed").unwrap(),
        "s",
        "the seed must survive"
    );
}

#[rstest]
fn deleting_the_store_root_is_refused_before_the_gate(#[values("", ".")] root: &str) {
    let store = Store::new(Restricted::new(CapabilitySet::empty()), "").unwrap();
    let err = store
        .delete_folder_with(root, DeleteFolderOptions::new().recursive(true))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidPath);
}

#[rstest]
#[case::read(Capability::READ)]
#[case::write(Capability::WRITE)]
#[case::atomic_write(Capability::ATOMIC_WRITE)]
#[case::delete(Capability::DELETE)]
#[case::list(Capability::LIST)]
#[case::glob(Capability::GLOB)]
#[case::move_(Capability::MOVE)]
#[case::copy(Capability::COPY)]
#[case::metadata(Capability::METADATA)]
#[case::user_metadata(Capability::USER_METADATA)]
fn each_gate_refuses_its_methods_before_any_io(#[case] missing: Capability) {
    let store = store_lacking(missing, "root");
    store
        .shared_backend()
        .inner
        .write(&p("root/f"), "x".into(), &WriteOptions::new())
        .unwrap();
    let before = snapshot(&store.backend().inner);
    let with_meta = WriteOptions::new().metadata([("k", "v")]);
    type Attempt<'a> = Box<dyn Fn() -> remote_store::Result<()> + 'a>;
    let attempts: Vec<(Capability, Attempt<'_>)> = vec![
        (Capability::READ, Box::new(|| store.read("f").map(drop))),
        (
            Capability::READ,
            Box::new(|| store.read_bytes("f").map(drop)),
        ),
        (
            Capability::READ,
            Box::new(|| store.read_text("f").map(drop)),
        ),
        (
            Capability::READ,
            Box::new(|| store.read_seekable("f").map(drop)),
        ),
        (
            Capability::WRITE,
            Box::new(|| store.write("new", "x").map(drop)),
        ),
        (
            Capability::WRITE,
            Box::new(|| store.write_text("new", "x").map(drop)),
        ),
        (
            Capability::ATOMIC_WRITE,
            Box::new(|| store.write_atomic("new", "x").map(drop)),
        ),
        (
            Capability::ATOMIC_WRITE,
            Box::new(|| store.open_atomic("new").map(drop)),
        ),
        (Capability::DELETE, Box::new(|| store.delete("f"))),
        (Capability::DELETE, Box::new(|| store.delete_folder("x"))),
        (
            Capability::LIST,
            Box::new(|| store.list_files("").map(drop)),
        ),
        (
            Capability::LIST,
            Box::new(|| store.list_folders("").map(drop)),
        ),
        (
            Capability::LIST,
            Box::new(|| store.iter_children("").map(drop)),
        ),
        (Capability::GLOB, Box::new(|| store.glob("*").map(drop))),
        (Capability::MOVE, Box::new(|| store.rename("f", "g"))),
        (Capability::COPY, Box::new(|| store.copy("f", "g"))),
        (
            Capability::METADATA,
            Box::new(|| store.get_file_info("f").map(drop)),
        ),
        (
            Capability::METADATA,
            Box::new(|| store.get_folder_info("").map(drop)),
        ),
        (
            Capability::USER_METADATA,
            Box::new(|| store.write_with("m", "x", &with_meta).map(drop)),
        ),
        (
            Capability::USER_METADATA,
            Box::new(|| store.write_atomic_with("m", "x", &with_meta).map(drop)),
        ),
    ];
    let mut refused = 0;
    for (gate, attempt) in &attempts {
        if *gate != missing {
            continue;
        }
        refused += 1;
        match attempt() {
            Err(Error::CapabilityNotSupported { capability, .. }) => {
                assert_eq!(capability, missing)
            }
            other => panic!("{missing:?} should be refused, found {other:?}"),
        }
    }
    assert!(refused > 0, "no method exercised the {missing:?} gate");
    if missing != Capability::GLOB {
        assert_eq!(
            snapshot(&store.backend().inner),
            before,
            "a refused call changed the store"
        );
    }
    assert!(!store.supports(missing));
}

#[test]
fn quality_flags_never_gate_a_method() {
    let flags_only_missing = CapabilitySet::all()
        .without(Capability::ATOMIC_MOVE)
        .without(Capability::SEEKABLE_READ)
        .without(Capability::LAZY_READ)
        .without(Capability::WRITE_RESULT_NATIVE)
        .without(Capability::GLOB);
    let store = Store::new(Restricted::new(flags_only_missing), "").unwrap();
    store.write("a", "1").unwrap();
    store.rename("a", "b").unwrap();
    store.read_seekable("b").unwrap();
    store
        .write_with("c", "2", &WriteOptions::new().metadata([("k", "v")]))
        .unwrap();
}

#[test]
fn metadata_is_validated_before_the_gate_and_empty_metadata_is_always_allowed() {
    let store = store_lacking(Capability::USER_METADATA, "");
    let bad = WriteOptions::new().metadata([("_hidden", "v")]);
    assert_eq!(
        store.write_with("f", "x", &bad).unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    let empty = WriteOptions::new().metadata(Vec::<(String, String)>::new());
    assert!(
        store
            .write_with("f", "x", &empty)
            .unwrap()
            .metadata
            .is_none()
    );
    assert!(!store.exists("_hidden").unwrap());
}

#[test]
fn write_precondition_order_through_the_store() {
    // metadata shape, then USER_METADATA, then the WRITE gate, then the path.
    let no_write = store_lacking(Capability::WRITE, "");
    let bad = WriteOptions::new().metadata([("", "v")]);
    assert_eq!(
        no_write.write_with("", "x", &bad).unwrap_err().kind(),
        ErrorKind::InvalidArgument
    );
    let good = WriteOptions::new().metadata([("k", "v")]);
    assert_eq!(
        no_write.write_with("", "x", &good).unwrap_err().kind(),
        ErrorKind::CapabilityNotSupported
    );
    let store = store_at("");
    assert_eq!(
        store.write_with("", "x", &good).unwrap_err().kind(),
        ErrorKind::InvalidPath
    );
}

#[rstest]
fn self_transfers_through_the_store(#[values("rename", "copy")] op: &str) {
    let store = store_at("data");
    store.write("f", "data").unwrap();
    store.write("d/x", "1").unwrap();
    let run = |src: &str, dst: &str| match op {
        "rename" => store.rename(src, dst),
        _ => store.copy(src, dst),
    };
    run("f", "./f").unwrap();
    assert_eq!(store.read_text("f").unwrap(), "data");
    assert_eq!(
        run("missing", "missing").unwrap_err().kind(),
        ErrorKind::NotFound
    );
    // type mismatch outranks not-found (more in tests/reference_fidelity.rs)
    assert_eq!(run("d", "d/").unwrap_err().kind(), ErrorKind::InvalidPath);
}

#[test]
fn rename_and_copy_with_overwrite() {
    let store = store_at("s");
    store.write("a", "A").unwrap();
    store.write("b", "B").unwrap();
    assert_eq!(
        store.copy("a", "b").unwrap_err().kind(),
        ErrorKind::AlreadyExists
    );
    store
        .copy_with("a", "b", TransferOptions::new().overwrite(true))
        .unwrap();
    assert_eq!(store.read_text("b").unwrap(), "A");
    store.rename_with("b", "c", TransferOptions::new()).unwrap();
    assert!(!store.exists("b").unwrap());
    assert_eq!(store.read_text("c").unwrap(), "A");
}

#[test]
fn list_files_max_depth_is_enforced_by_the_store() {
    let store = store_at("r");
    for path in ["a", "d1/b", "d1/d2/c"] {
        store.write(path, "x").unwrap();
    }
    let listed = |depth: Option<usize>, recursive: bool| -> Vec<String> {
        store
            .list_files_with("", ListOptions::new().recursive(recursive).max_depth(depth))
            .unwrap()
            .map(|f| f.unwrap().path.to_string())
            .collect()
    };
    assert_eq!(listed(Some(0), true), ["a"]);
    assert_eq!(
        listed(Some(1), false),
        ["a", "d1/b"],
        "max_depth > 0 implies recursion"
    );
    assert_eq!(listed(None, true), ["a", "d1/b", "d1/d2/c"]);
    assert_eq!(listed(None, false), ["a"]);
}

#[test]
fn text_round_trips_and_invalid_utf8_is_an_io_error() {
    let store = store_at("");
    store.write_text("t", "héllo").unwrap();
    assert_eq!(store.read_text("t").unwrap(), "héllo");
    store.write("bin", vec![0xff, 0xfe]).unwrap();
    let err = store.read_text("bin").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Io);
    assert_eq!(err.path(), Some("bin"));
}

#[test]
fn open_atomic_through_the_store_rebases_and_discards_on_drop() {
    let store = store_at("data");
    {
        let mut writer = store.open_atomic("tmp").unwrap();
        writer.write_all(b"never").unwrap();
    }
    assert!(!store.exists("tmp").unwrap());
    let mut writer = store
        .open_atomic_with("out/f", &WriteOptions::new().overwrite(true))
        .unwrap();
    writer.write_all(b"kept").unwrap();
    assert_eq!(writer.position(), 4);
    let result = writer.commit().unwrap();
    assert_eq!(result.path, p("out/f"));
    assert_eq!(store.read_text("out/f").unwrap(), "kept");
}

#[test]
fn child_stores_share_the_backend_and_scope_further() {
    let store = store_at("data");
    let child = store.child("sub").unwrap();
    child.write("f", "x").unwrap();
    assert_eq!(store.read_text("sub/f").unwrap(), "x");
    assert_eq!(child.root_path().as_str(), "data/sub");
    for bad in ["", ".", "..", "a\0"] {
        assert_eq!(
            store.child(bad).unwrap_err().kind(),
            ErrorKind::InvalidPath,
            "{bad:?}"
        );
    }
}

#[test]
fn debug_equality_and_supports() {
    let store = store_at("data");
    assert_eq!(
        format!("{store:?}"),
        "Store(backend='memory', root_path='data')"
    );
    let clone = store.clone();
    assert_eq!(clone, store);
    assert_ne!(
        store_at("data"),
        store,
        "different backends are different stores"
    );
    assert!(store.supports(Capability::READ));
    assert!(!store.supports(Capability::GLOB));
    store.ping().unwrap();
    store.close().unwrap();
}

#[test]
fn a_dyn_backend_store_works_too() {
    let backend: Arc<dyn Backend> = Arc::new(MemoryBackend::new());
    let store: Store = Store::from_shared(backend, "x").unwrap();
    store.write("f", "1").unwrap();
    let kinds: Vec<bool> = store
        .iter_children("")
        .unwrap()
        .map(|c| matches!(c.unwrap(), Child::File(_)))
        .collect();
    assert_eq!(kinds, [true]);
}

/// The store root is the backend folder `root_path` as the backend sees it
/// (contract 3.3): a `Store` does not create it.
#[test]
fn a_store_root_exists_only_once_the_backend_has_it() {
    let store = Store::new(MemoryBackend::new(), "data/x").expect("a valid root");
    assert!(!store.is_folder("").expect("a probe"));
    assert!(!store.exists(".").expect("a probe"));
    let error = store.get_folder_info("").expect_err("a missing store root");
    assert_eq!(error.kind(), ErrorKind::NotFound);
    assert_eq!(error.path(), Some(""));
    store.write_text("a", "x").expect("a write");
    assert!(store.is_folder("").expect("a probe"));
    assert_eq!(
        store.get_folder_info("").expect("folder info").file_count,
        1
    );
}
