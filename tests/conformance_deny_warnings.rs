//! The expansion is warning-free, even with ignored cases and every flag.
#![deny(warnings)]

remote_store::conformance_suite! {
    module: strict,
    factory: remote_store::backends::MemoryBackend::new(),
    lacks: [GLOB, LAZY_READ],
    flags: [documented_order],
}

// Flags that do not describe memory: only which cases are ignored changes.
remote_store::conformance_suite! {
    module: strict_flat,
    factory: remote_store::backends::MemoryBackend::new(),
    lacks: [GLOB, LAZY_READ],
    flags: [flat_namespace, self_operations_unsupported, single_connection],
}
