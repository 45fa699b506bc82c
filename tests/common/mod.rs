//! Helpers shared by the integration tests.
#![allow(dead_code)]

use remote_store::backends::MemoryBackend;
use remote_store::{
    Backend, CapabilitySet, Content, Delegate, ListOptions, RemotePath, WriteOptions,
};

/// Parses a path that the test knows to be valid.
pub fn p(raw: &str) -> RemotePath {
    RemotePath::parse(raw).expect("test path is valid")
}

/// A memory backend pre-loaded with `files` (path, content).
pub fn memory_with(files: &[(&str, &str)]) -> MemoryBackend {
    let backend = MemoryBackend::new();
    for (path, content) in files {
        backend
            .write(&p(path), Content::from(*content), &WriteOptions::new())
            .expect("seeding a file");
    }
    backend
}

/// Every file (path, content) of a backend, recursively, in listing order.
pub fn snapshot(backend: &dyn Backend) -> Vec<(String, Vec<u8>)> {
    backend
        .list_files(&RemotePath::root(), ListOptions::new().recursive(true))
        .expect("listing the root")
        .map(|info| {
            let info = info.expect("listing item");
            let content = backend
                .read_bytes(&info.path)
                .expect("reading a listed file");
            (info.path.to_string(), content.to_vec())
        })
        .collect()
}

/// A memory backend that declares only `capabilities`, to test `Store` gates.
#[derive(Debug)]
pub struct Restricted {
    pub inner: MemoryBackend,
    pub capabilities: CapabilitySet,
}

impl Restricted {
    pub fn new(capabilities: CapabilitySet) -> Self {
        Restricted {
            inner: MemoryBackend::new(),
            capabilities,
        }
    }
}

impl Delegate for Restricted {
    type Inner = MemoryBackend;
    fn inner(&self) -> &MemoryBackend {
        &self.inner
    }
    fn name(_: &Self) -> &str {
        "restricted"
    }
    fn capabilities(this: &Self) -> CapabilitySet {
        this.capabilities
    }
}
