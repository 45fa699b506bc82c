//! `object_store::memory::InMemory` as a [`Subject`]: the in-memory store a
//! Rust user would otherwise pick, driven through its own (async) API on the
//! calling thread, with each path parsed from the key's text per call.

use std::hint::black_box;

use bytes::Bytes;
use futures::StreamExt;
use futures::executor::block_on;
use object_store::memory::InMemory;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};

use super::{Key, Subject};

/// `InMemory` behind the bench workload; writes overwrite.
#[derive(Debug, Default)]
pub struct InMemorySubject {
    store: InMemory,
}

impl Subject for InMemorySubject {
    fn label(&self) -> &'static str {
        "object_store"
    }

    fn write(&self, key: &Key, data: &[u8]) {
        let payload = PutPayload::from(Bytes::copy_from_slice(data));
        let written = block_on(self.store.put(&Path::from(key.text.as_str()), payload));
        black_box(written.expect("bench write"));
    }

    fn read(&self, key: &Key) -> usize {
        let path = Path::from(key.text.as_str());
        block_on(async {
            match self.store.get(&path).await {
                Ok(got) => got.bytes().await.map_or(0, |bytes| bytes.len()),
                Err(_) => 0,
            }
        })
    }

    fn exists(&self, key: &Key) -> bool {
        block_on(self.store.head(&Path::from(key.text.as_str()))).is_ok()
    }

    fn list_recursive(&self, prefix: &Key) -> usize {
        let prefix = Path::from(prefix.text.as_str());
        let listing = self.store.list(Some(&prefix));
        block_on(
            listing
                .map(|item| black_box(item.expect("bench listing")))
                .count(),
        )
    }

    fn list_one_level(&self, prefix: &Key) -> usize {
        let prefix = Path::from(prefix.text.as_str());
        let listed = block_on(self.store.list_with_delimiter(Some(&prefix)));
        black_box(listed.expect("bench listing").objects).len()
    }

    fn first_listed(&self, prefix: &Key) -> bool {
        let prefix = Path::from(prefix.text.as_str());
        let listed = block_on(self.store.list_with_delimiter(Some(&prefix)));
        listed
            .expect("bench listing")
            .objects
            .into_iter()
            .next()
            .is_some()
    }

    fn delete_folder(&self, prefix: &Key) {
        let prefix = Path::from(prefix.text.as_str());
        let locations = self
            .store
            .list(Some(&prefix))
            .map(|item| item.map(|meta| meta.location))
            .boxed();
        let deleted = self.store.delete_stream(locations);
        block_on(deleted.for_each(|item| {
            item.expect("bench delete");
            futures::future::ready(())
        }));
    }
}
