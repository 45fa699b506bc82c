//! The conformance suite on `MemoryBackend`: one test per case; only the
//! GLOB- and LAZY_READ-gated cases are ignored (memory declares neither).
//! Invoked twice in one module: directly, and behind an `Arc<dyn Backend>`.

use std::sync::Arc;

use remote_store::Backend;
use remote_store::backends::MemoryBackend;

fn shared_memory() -> Arc<dyn Backend> {
    Arc::new(MemoryBackend::new())
}

remote_store::conformance_suite! {
    module: memory,
    factory: MemoryBackend::new(),
    lacks: [GLOB, LAZY_READ],
    flags: [documented_order],
    model: true,
}

remote_store::conformance_suite! {
    module: memory_behind_arc,
    factory: shared_memory(),
    lacks: [GLOB, LAZY_READ],
    flags: [documented_order],
}
