//! The [`Subject`] trait and its implementation for any `remote_store` backend.

use std::hint::black_box;

use remote_store::{Backend, Content, DeleteFolderOptions, ListOptions, RemotePath, WriteOptions};

use super::Key;

/// The operations the benches time, implemented alike by a backend and by the
/// baselines so that every subject sees the same workload.
///
/// Every method hands out owned results (bytes, listed items) the way the
/// subject's users would get them, and returns a count so the work cannot be
/// optimised away.
pub trait Subject: Send + Sync {
    /// The name used in bench ids.
    fn label(&self) -> &'static str;

    /// Writes (or overwrites) the file `key` with a copy of `data`.
    fn write(&self, key: &Key, data: &[u8]);

    /// Reads the file `key` and returns its length (0 when missing).
    fn read(&self, key: &Key) -> usize;

    /// Whether `key` exists.
    fn exists(&self, key: &Key) -> bool;

    /// Lists every file under the folder `prefix`; returns how many.
    fn list_recursive(&self, prefix: &Key) -> usize;

    /// Lists the files directly in the folder `prefix`; returns how many.
    fn list_one_level(&self, prefix: &Key) -> usize;

    /// Starts a one-level listing of `prefix` and takes its first item only:
    /// an upper bound of the time a listing keeps writers out.
    fn first_listed(&self, prefix: &Key) -> bool;

    /// Deletes the folder `prefix` and everything below it.
    fn delete_folder(&self, prefix: &Key);
}

/// Parses `key`'s text, as a caller holding a `&str` does on every call.
fn parsed(key: &Key) -> RemotePath {
    RemotePath::parse(&key.text).expect("bench keys are valid paths")
}

/// A `remote_store` [`Backend`] as a [`Subject`]; writes overwrite. Every
/// call parses its path from the key's text.
pub struct Backed<B> {
    label: &'static str,
    backend: B,
    overwrite: WriteOptions,
}

impl<B: Backend> Backed<B> {
    /// Wraps `backend` under the bench id `label`.
    pub fn new(label: &'static str, backend: B) -> Self {
        Backed {
            label,
            backend,
            overwrite: WriteOptions::new().overwrite(true),
        }
    }
}

impl<B: Backend> Subject for Backed<B> {
    fn label(&self) -> &'static str {
        self.label
    }

    fn write(&self, key: &Key, data: &[u8]) {
        let written = self
            .backend
            .write(&parsed(key), Content::from(data), &self.overwrite);
        black_box(written.expect("bench write"));
    }

    fn read(&self, key: &Key) -> usize {
        self.backend
            .read_bytes(&parsed(key))
            .map_or(0, |bytes| bytes.len())
    }

    fn exists(&self, key: &Key) -> bool {
        self.backend.exists(&parsed(key)).unwrap_or(false)
    }

    fn list_recursive(&self, prefix: &Key) -> usize {
        let options = ListOptions::new().recursive(true);
        let listing = self.backend.list_files(&parsed(prefix), options);
        listing.expect("bench listing").map(black_box).count()
    }

    fn list_one_level(&self, prefix: &Key) -> usize {
        let listing = self.backend.list_files(&parsed(prefix), ListOptions::new());
        listing.expect("bench listing").map(black_box).count()
    }

    fn first_listed(&self, prefix: &Key) -> bool {
        let mut listing = self
            .backend
            .list_files(&parsed(prefix), ListOptions::new())
            .expect("bench listing");
        black_box(listing.next()).is_some()
    }

    fn delete_folder(&self, prefix: &Key) {
        let options = DeleteFolderOptions::new().recursive(true);
        let deleted = self.backend.delete_folder(&parsed(prefix), options);
        deleted.expect("bench delete");
    }
}
