//! One backend seen through a sync `Store` and an `AsyncStore`, and the
//! helpers that show their answers as text, for the tests that check the
//! two answer alike (tests/async_store.rs).

use std::sync::Arc;

use remote_store::aio::{AsyncStore, ListStream, SpawnBlocking, collect_stream};
use remote_store::{Backend, CapabilitySet, Listing, RemotePath, Result, Store, WriteOptions};

use crate::common::{HasPath, Restricted};

/// A sync `Store` and an `AsyncStore` (through `SpawnBlocking`), both rooted
/// at "root" over one [`Restricted::globbing`] backend declaring
/// `capabilities`, holding `TREE` under the root.
pub fn both_stores(
    capabilities: CapabilitySet,
) -> (Store<Restricted>, AsyncStore<SpawnBlocking<Restricted>>) {
    let backend = Arc::new(Restricted::globbing(capabilities));
    let sync = Store::from_shared(Arc::clone(&backend), "root").unwrap();
    for (path, text) in TREE {
        let full = RemotePath::parse(&format!("root/{path}")).unwrap();
        backend
            .inner
            .write(&full, (*text).into(), &WriteOptions::new())
            .unwrap();
    }
    let store = AsyncStore::new(SpawnBlocking::from_shared(backend), "root").unwrap();
    (sync, store)
}

/// The files under the root of [`both_stores`] (path, content).
pub const TREE: &[(&str, &str)] = &[
    ("top.csv", "t"),
    ("d/x.csv", "1"),
    ("d/e/y.csv", "22"),
    ("d/e/z.txt", "333"),
    ("d/e/f/g/deep.csv", "4444"),
    ("e1/a.txt", "55555"),
];

/// An answer as text: the value, or the error's kind, path and message.
pub fn shown<T: std::fmt::Debug>(result: Result<T>) -> std::result::Result<String, String> {
    result
        .map(|value| format!("{value:?}"))
        .map_err(|e| format!("{:?} {:?} {e}", e.kind(), e.path()))
}

/// A sync listing's paths, stopping at the first error (as `collect_stream`).
pub fn sync_paths<T: HasPath>(listing: Result<Listing<'_, T>>) -> Result<Vec<String>> {
    listing?.map(|item| item.map(|i| i.path_text())).collect()
}

/// An async listing's paths, stopping at the first error.
pub async fn async_paths<T: HasPath>(listing: Result<ListStream<'_, T>>) -> Result<Vec<String>> {
    Ok(collect_stream(listing?)
        .await?
        .iter()
        .map(HasPath::path_text)
        .collect())
}

/// Paths to ask both stores about: the root twice, folders, a file, a
/// missing path, one under a file, and invalid ones.
pub const PATHS: &[&str] = &[
    "",
    ".",
    "d",
    "d/e",
    "nope",
    "d/x.csv",
    "d/x.csv/under",
    "../up",
    "a\0b",
    "/",
];
