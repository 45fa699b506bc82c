//! AsyncStore: the same scoping and gates as Store, MemoryBackend in async
//! tests, SpawnBlocking's streams, and many tasks on one store.

use std::collections::BTreeSet;
use std::sync::Arc;

use bytes::Bytes;
use futures_util::StreamExt;
use remote_store::aio::{AsyncContent, AsyncStore, SpawnBlocking, collect_stream};
use remote_store::backends::{LocalBackend, MemoryBackend};
use remote_store::{Capability, ErrorKind, ListOptions, Store, WriteOptions};

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
    let sync_files: Vec<String> = sync
        .list_files_with("d", options)
        .unwrap()
        .map(|f| f.unwrap().path.to_string())
        .collect();
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
