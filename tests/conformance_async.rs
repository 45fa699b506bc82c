//! The whole conformance suite and the model test on async backends, through
//! the bridges: the same cases and ignores as the direct runs
//! (`conformance_memory.rs`, `conformance_local.rs`).

use remote_store::aio::{Blocking, SpawnBlocking};
use remote_store::backends::LocalBackend;
use remote_store::model::{OracleConfig, check_against_oracle};

// MemoryBackend as an AsyncBackend (natively), checked through Blocking,
// with the model test of the direct run (256 sequences).
remote_store::conformance_suite! {
    module: memory_via_async,
    factory: async remote_store::backends::MemoryBackend::new(),
    lacks: [GLOB, LAZY_READ],
    flags: [documented_order],
    model: true,
}

/// A LocalBackend in a fresh temporary directory, served to async code by
/// SpawnBlocking (sync -> async), then checked through Blocking (-> sync).
fn local_via_async() -> SpawnBlocking<LocalBackend> {
    SpawnBlocking::new(LocalBackend::temporary().expect("a temporary LocalBackend"))
}

remote_store::conformance_suite! {
    module: local_sync_async_sync,
    factory: async local_via_async(),
    lacks: [GLOB, USER_METADATA],
    flags: [documented_order],
}

/// The model test on LocalBackend through both bridges. Every op costs two
/// thread hops here (tokio's blocking pool and back), so this runs 32
/// sequences rather than the macro's 256 (which take minutes on a loaded
/// machine); the direct LocalBackend run keeps the full 256.
#[test]
fn local_sync_async_sync_matches_the_memory_oracle() {
    check_against_oracle(
        || Blocking::new(local_via_async()),
        &OracleConfig::new().ordered_listings(true).cases(32),
    );
}
