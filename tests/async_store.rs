//! AsyncStore: the same scoping and gates as Store, MemoryBackend in async
//! tests, SpawnBlocking's streams, and many tasks on one store.

mod common;
mod parity;

use std::collections::BTreeSet;
use std::sync::Arc;

use bytes::Bytes;
use common::paths;
use futures_util::StreamExt;
use parity::{PATHS, async_paths, both_stores, shown, sync_paths};
use remote_store::aio::{AsyncContent, AsyncStore, SpawnBlocking, collect_stream};
use remote_store::backends::{LocalBackend, MemoryBackend};
use remote_store::{
    Capability, CapabilitySet, ErrorKind, ListOptions, Result, Store, WriteOptions, WriteSource,
};
use rstest::rstest;

#[tokio::test]
async fn memory_in_an_async_test_like_the_sync_one() {
    let store = AsyncStore::new(MemoryBackend::new(), "data").unwrap();
    store.write_text("a/b.txt", "one").await.unwrap();
    assert_eq!(store.read_text("a/b.txt").await.unwrap(), "one");
    assert!(store.is_folder("a").await.unwrap());
    // Paths come back store-relative, errors name the store-relative path.
    let info = store.get_file_info("a/b.txt").await.unwrap();
    assert_eq!(info.path.as_str(), "a/b.txt");
    let err = store.write_text("a/b.txt", "two").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::AlreadyExists);
    assert_eq!(err.path(), Some("a/b.txt"));
    // The backend sees the rooted path.
    let child = store.child("a").unwrap();
    assert_eq!(child.read_text("b.txt").await.unwrap(), "one");
}

/// Every answer of an AsyncStore equals the sync Store's over the same
/// (shared) backend: the same scoping, gates, errors and rebasing.
#[tokio::test]
async fn async_store_answers_as_store_does() {
    let backend = Arc::new(MemoryBackend::new());
    let sync = Store::from_shared(Arc::clone(&backend), "root").unwrap();
    let store = AsyncStore::from_shared(Arc::clone(&backend), "root").unwrap();
    sync.write("d/x.csv", "1").unwrap();
    sync.write("d/e/y.csv", "22").unwrap();
    sync.write("d/e/z.txt", "333").unwrap();

    for path in [
        "",
        ".",
        "d",
        "d/x.csv",
        "nope",
        "d/x.csv/under",
        "../up",
        "a\0b",
    ] {
        let a = store.exists(path).await.map_err(|e| e.to_string());
        let s = sync.exists(path).map_err(|e| e.to_string());
        assert_eq!(a, s, "exists({path:?})");
        let a = store.read_bytes(path).await.map_err(|e| e.to_string());
        let s = sync.read_bytes(path).map_err(|e| e.to_string());
        assert_eq!(a, s, "read_bytes({path:?})");
        let a = store
            .get_file_info(path)
            .await
            .map(|i| i.path)
            .map_err(|e| e.to_string());
        let s = sync
            .get_file_info(path)
            .map(|i| i.path)
            .map_err(|e| e.to_string());
        assert_eq!(a, s, "get_file_info({path:?})");
        let a = store
            .rename(path, "d/x.csv")
            .await
            .map_err(|e| e.to_string());
        let s = sync.rename(path, "d/x.csv").map_err(|e| e.to_string());
        assert_eq!(a, s, "rename({path:?}, \"d/x.csv\")");
    }
    let options = ListOptions::new().max_depth(1).pattern("*.csv");
    let files: Vec<String> =
        collect_stream(store.list_files_with("d", options.clone()).await.unwrap())
            .await
            .unwrap()
            .into_iter()
            .map(|f| f.path.to_string())
            .collect();
    let sync_files = paths(sync.list_files_with("d", options));
    assert_eq!(files, sync_files);
    assert_eq!(files, ["d/e/y.csv", "d/x.csv"]);
    let children = collect_stream(store.iter_children("d").await.unwrap())
        .await
        .unwrap();
    let sync_children: Vec<_> = sync
        .iter_children("d")
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(children, sync_children);
    assert_eq!(
        store.get_folder_info("d").await.unwrap().total_size,
        sync.get_folder_info("d").unwrap().total_size
    );
}

#[tokio::test]
async fn an_undeclared_capability_is_refused_before_the_backend() {
    let dir = tempfile::tempdir().unwrap();
    let local = SpawnBlocking::new(LocalBackend::new(dir.path()).unwrap());
    let store = AsyncStore::new(local, "data").unwrap();
    assert!(!store.supports(Capability::USER_METADATA));
    let options = WriteOptions::new().metadata([("k", "v")]);
    let err = store.write_with("f.txt", "x", &options).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::CapabilityNotSupported);
    assert_eq!(err.path(), Some("f.txt"));
    assert!(
        !store.exists("f.txt").await.unwrap(),
        "the refused write left nothing"
    );
    // Bad paths are refused the same way, naming the path.
    let err = store.read_bytes("a/../../x").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidPath);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn local_streams_through_spawn_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let store = AsyncStore::new(
        SpawnBlocking::new(LocalBackend::new(dir.path()).unwrap()),
        "",
    )
    .unwrap();
    // A stream of chunks in, a file on disk.
    let chunks = (0..40u8).map(|i| Ok(Bytes::from(vec![i; 10_000])));
    let content = AsyncContent::stream(futures_util::stream::iter(chunks));
    store.write("big.bin", content).await.unwrap();
    assert_eq!(
        std::fs::metadata(dir.path().join("big.bin")).unwrap().len(),
        400_000
    );
    // A stream of chunks out, in order.
    let mut stream = store.read("big.bin").await.unwrap();
    let mut all = Vec::new();
    while let Some(chunk) = stream.next().await {
        all.extend_from_slice(&chunk.unwrap());
    }
    assert_eq!(all.len(), 400_000);
    assert!(
        all.chunks(10_000)
            .enumerate()
            .all(|(i, c)| c.iter().all(|b| *b == i as u8))
    );
    // A failing stream writes nothing.
    let failing = futures_util::stream::iter([
        Ok(Bytes::from("partial")),
        Err(std::io::Error::other("connection reset")),
    ]);
    let err = store
        .write("torn.bin", AsyncContent::stream(failing))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Io);
    assert!(!store.exists("torn.bin").await.unwrap());
    // An atomic writer: nothing until commit, nothing after abort.
    let mut writer = store.open_atomic("w.txt").await.unwrap();
    writer.write("abc").await.unwrap();
    assert!(!store.exists("w.txt").await.unwrap());
    assert_eq!(writer.commit().await.unwrap().size, 3);
    let mut aborted = store.open_atomic("gone.txt").await.unwrap();
    aborted.write("x").await.unwrap();
    aborted.abort().await.unwrap();
    assert!(!store.exists("gone.txt").await.unwrap());
}

/// Eight tasks write and list through one AsyncStore at once; every write is
/// seen by its own task's next listing and none is lost at the end.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_tasks_writing_and_listing_lose_no_write() {
    const TASKS: usize = 8;
    const FILES: usize = 40;
    let store = AsyncStore::new(MemoryBackend::new(), "shared").unwrap();
    let mut tasks = Vec::new();
    for task in 0..TASKS {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            for file in 0..FILES {
                store
                    .write(&format!("t{task}/f{file:02}"), format!("{task}:{file}"))
                    .await
                    .unwrap();
                let listed = collect_stream(store.list_files(&format!("t{task}")).await.unwrap())
                    .await
                    .unwrap();
                assert_eq!(
                    listed.len(),
                    file + 1,
                    "task {task} sees all its own writes"
                );
                // Listing everything while others write never fails.
                let everything = store
                    .list_files_with("", ListOptions::new().recursive(true))
                    .await
                    .unwrap();
                assert!(everything.count().await > file);
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let all = collect_stream(
        store
            .list_files_with("", ListOptions::new().recursive(true))
            .await
            .unwrap(),
    )
    .await
    .unwrap();
    let paths: BTreeSet<String> = all.iter().map(|f| f.path.to_string()).collect();
    assert_eq!(paths.len(), TASKS * FILES, "no write is lost");
    for task in 0..TASKS {
        for file in 0..FILES {
            let text = store
                .read_text(&format!("t{task}/f{file:02}"))
                .await
                .unwrap();
            assert_eq!(text, format!("{task}:{file}"));
        }
    }
}

#[tokio::test]
async fn list_folders_with_walks_as_store_does() {
    let (sync, store) = both_stores(CapabilitySet::all());
    let options = [
        ListOptions::new(),
        ListOptions::new().max_depth(0),
        ListOptions::new().max_depth(1),
        ListOptions::new().max_depth(9),
        ListOptions::new().max_depth(9).pattern("e*"),
        ListOptions::new().recursive(true),
    ];
    for path in PATHS {
        for options in &options {
            let a = async_paths(store.list_folders_with(path, options.clone()).await).await;
            let s = sync_paths(sync.list_folders_with(path, options.clone()));
            assert_eq!(
                shown(a),
                shown(s),
                "list_folders_with({path:?}, {options:?})"
            );
        }
    }
    let walk = |options| async { async_paths(store.list_folders_with("", options).await).await };
    assert_eq!(walk(ListOptions::new()).await.unwrap(), ["d", "e1"]);
    assert_eq!(
        walk(ListOptions::new().max_depth(9)).await.unwrap(),
        ["d", "e1", "d/e", "d/e/f", "d/e/f/g"]
    );
    // The pattern filters what is yielded, not where the walk goes.
    assert_eq!(
        walk(ListOptions::new().max_depth(9).pattern("[eg]*"))
            .await
            .unwrap(),
        ["e1", "d/e", "d/e/f/g"]
    );
    let err = store
        .list_folders_with("../up", ListOptions::new())
        .await
        .err()
        .unwrap();
    assert_eq!(
        (err.kind(), err.path()),
        (ErrorKind::InvalidPath, Some("../up"))
    );
    // list_folders is the walk's level 0.
    let level0 = async_paths(store.list_folders("d").await).await.unwrap();
    assert_eq!(level0, ["d/e"]);
}

#[tokio::test]
async fn glob_head_and_depth_limited_folder_info_answer_as_store_does() {
    let (sync, store) = both_stores(CapabilitySet::all());
    for pattern in [
        "*.csv",
        "d/*",
        "**/*.csv",
        "d/**",
        "/d/*",
        "[",
        "d/e/*.txt",
        "../*",
    ] {
        let a = async_paths(store.glob(pattern).await).await;
        let s = sync_paths(sync.glob(pattern));
        assert_eq!(shown(a), shown(s), "glob({pattern:?})");
    }
    let d = async_paths(store.glob("d/*").await).await.unwrap();
    assert_eq!(d, ["d/x.csv"]);
    let txt = async_paths(store.glob("d/e/*.txt").await).await.unwrap();
    assert_eq!(txt, ["d/e/z.txt"]);
    for path in PATHS {
        let a = store.head(path).await;
        assert_eq!(shown(a), shown(sync.head(path)), "head({path:?})");
        for depth in [None, Some(0), Some(1), Some(9)] {
            let a = store.get_folder_info_with(path, depth).await;
            let s = sync.get_folder_info_with(path, depth);
            assert_eq!(
                shown(a),
                shown(s),
                "get_folder_info_with({path:?}, {depth:?})"
            );
        }
    }
    let head = store.head("d/x.csv").await.unwrap();
    assert_eq!((head.path.as_str(), head.size), ("d/x.csv", 1));
    assert_eq!(head.source, WriteSource::Sidecar);
    let info = |path, depth| store.get_folder_info_with(path, depth);
    let d1 = info("d", Some(1)).await.unwrap();
    assert_eq!(
        (d1.path.as_str(), d1.file_count, d1.total_size),
        ("d", 3, 6)
    );
    assert_eq!(info("d", Some(0)).await.unwrap().total_size, 1);
    assert_eq!(info("d", None).await.unwrap().total_size, 10);
    let err = info("d/x.csv", Some(0)).await.unwrap_err();
    assert_eq!(
        (err.kind(), err.path()),
        (ErrorKind::NotFound, Some("d/x.csv"))
    );
    let err = info("nope", Some(1)).await.unwrap_err();
    assert_eq!(
        (err.kind(), err.path()),
        (ErrorKind::NotFound, Some("nope"))
    );
}

#[tokio::test]
async fn keys_and_native_paths_answer_as_store_does() {
    let (sync, store) = both_stores(CapabilitySet::all());
    for native in [
        "root/d/x.csv",
        "root",
        "rootx/a",
        "other/a",
        "root//a",
        "",
        "root/",
    ] {
        assert_eq!(
            shown(store.to_key(native)),
            shown(sync.to_key(native)),
            "to_key({native:?})"
        );
    }
    for key in PATHS {
        assert_eq!(
            shown(store.native_path(key)),
            shown(sync.native_path(key)),
            "native_path({key:?})"
        );
    }
    assert_eq!(store.to_key("root/d/x.csv").unwrap(), "d/x.csv");
    assert_eq!(store.to_key("root").unwrap(), "");
    let err = store.to_key("rootx/a").unwrap_err();
    assert_eq!(
        (err.kind(), err.path()),
        (ErrorKind::InvalidPath, Some("rootx/a"))
    );
    assert_eq!(store.native_path("d/x.csv").unwrap(), "root/d/x.csv");
    assert_eq!(store.to_key(&store.native_path(".").unwrap()).unwrap(), "");
    // write_text_with and shared_backend, as Store has them.
    let overwrite = WriteOptions::new().overwrite(true);
    let a = store.write_text_with("d/x.csv", "new", &overwrite).await;
    let s = sync.write_text_with("d/x.csv", "new", &overwrite);
    assert_eq!(shown(a.map(|r| r.size)), shown(s.map(|r| r.size)));
    assert_eq!(store.read_text("d/x.csv").await.unwrap(), "new");
    assert!(Arc::ptr_eq(
        store.shared_backend().inner(),
        sync.shared_backend()
    ));
}

/// Each new method is refused by its gate before any I/O, with the error
/// the sync Store gives: `CapabilityNotSupported` naming the path.
#[rstest]
#[case::list(Capability::LIST)]
#[case::metadata(Capability::METADATA)]
#[case::glob(Capability::GLOB)]
#[tokio::test]
async fn the_new_methods_pass_store_gates(#[case] missing: Capability) {
    let (sync, store) = both_stores(CapabilitySet::all().without(missing));
    let depth_one = || ListOptions::new().max_depth(1);
    let attempts = [
        (
            Capability::LIST,
            "d",
            shown(async_paths(store.list_folders_with("d", depth_one()).await).await),
            shown(sync_paths(sync.list_folders_with("d", depth_one()))),
        ),
        (
            Capability::LIST,
            "d",
            shown(store.get_folder_info_with("d", Some(0)).await),
            shown(sync.get_folder_info_with("d", Some(0))),
        ),
        (
            Capability::METADATA,
            "d",
            shown(store.get_folder_info_with("d", None).await),
            shown(sync.get_folder_info_with("d", None)),
        ),
        (
            Capability::METADATA,
            "d/x.csv",
            shown(store.head("d/x.csv").await),
            shown(sync.head("d/x.csv")),
        ),
        (
            Capability::GLOB,
            "*.csv",
            shown(async_paths(store.glob("*.csv").await).await),
            shown(sync_paths(sync.glob("*.csv"))),
        ),
    ];
    for (gate, path, a, s) in attempts {
        assert_eq!(a, s, "{gate:?} on {path:?}");
        if gate == missing {
            let refused = format!("{:?} {:?}", ErrorKind::CapabilityNotSupported, Some(path));
            let err = a.unwrap_err();
            assert!(err.starts_with(&refused), "{gate:?} on {path:?}: {err}");
        } else {
            assert!(a.is_ok(), "{gate:?} on {path:?} is not refused: {a:?}");
        }
    }
    if missing == Capability::GLOB {
        let err = store.glob("*.csv").await.err().unwrap();
        assert!(err.to_string().contains("glob_files"), "{err}");
    }
}
