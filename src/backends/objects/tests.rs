//! Unit tests of what the conformance suite does not see: presets, prefix
//! parsing and confinement.

use std::sync::Arc;

use object_store::memory::InMemory;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};

use super::{ObjectStoreBackend, StoreTraits};
use crate::aio::{AsyncBackend, Blocking};
use crate::{Backend, Capability, ErrorKind, ListOptions, RemotePath};

#[test]
fn capabilities_follow_the_traits() {
    let caps = |traits: StoreTraits| {
        AsyncBackend::capabilities(&ObjectStoreBackend::new(Arc::new(InMemory::new()), traits))
    };
    let conservative = caps(StoreTraits::conservative());
    assert!(conservative.supports(Capability::ATOMIC_WRITE));
    assert!(!conservative.supports(Capability::USER_METADATA));
    assert!(!conservative.supports(Capability::GLOB));
    assert!(!conservative.supports(Capability::WRITE_RESULT_NATIVE));
    assert!(caps(StoreTraits::in_memory()).supports(Capability::USER_METADATA));
    let local = caps(StoreTraits::local_file_system());
    assert!(local.supports(Capability::ATOMIC_MOVE) && local.supports(Capability::LAZY_READ));
    assert!(!caps(StoreTraits::amazon_s3()).supports(Capability::ATOMIC_MOVE));
}

#[test]
fn a_bad_prefix_is_invalid_path_naming_it() {
    let backend = || ObjectStoreBackend::new(Arc::new(InMemory::new()), StoreTraits::in_memory());
    for prefix in ["a/../b", "a/\u{1}b"] {
        let err = backend().with_prefix(prefix).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidPath, "{prefix:?}: {err}");
        assert!(err.to_string().contains("a/"), "{err}");
    }
    assert_eq!(backend().with_prefix("/a//b/").unwrap().prefix(), "a/b");
}

#[test]
fn keys_outside_the_prefix_are_invisible_and_untouched() {
    let store: Arc<dyn ObjectStore> = Arc::new(InMemory::new());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime
        .block_on(store.put(&Path::from("mine2/x"), PutPayload::from_static(b"n")))
        .unwrap();
    let backend = Blocking::new(
        ObjectStoreBackend::new(Arc::clone(&store), StoreTraits::in_memory())
            .with_prefix("mine")
            .unwrap(),
    );
    let root = RemotePath::root();
    assert_eq!(
        backend
            .list_files(&root, ListOptions::new().recursive(true))
            .unwrap()
            .count(),
        0
    );
    assert!(!backend.exists(&RemotePath::parse("x").unwrap()).unwrap());
    let file = RemotePath::parse("d/f").unwrap();
    backend
        .write(&file, "y".into(), &Default::default())
        .unwrap();
    assert_eq!(backend.native_path(&file), "mine/d/f");
    assert_eq!(backend.to_key("mine/d/f"), "d/f");
    assert_eq!(backend.to_key("mine2/x"), "mine2/x");
    let stored = runtime.block_on(store.get(&Path::from("mine2/x"))).unwrap();
    assert_eq!(&runtime.block_on(stored.bytes()).unwrap()[..], b"n");
}
