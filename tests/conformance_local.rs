//! The conformance suite on `LocalBackend`, each test in its own temporary
//! directory. Only cases gated on what Local does not declare are ignored:
//! GLOB (no native glob) and USER_METADATA (no user metadata on plain files).

remote_store::conformance_suite! {
    module: local,
    factory: remote_store::backends::LocalBackend::temporary().expect("a temporary root"),
    lacks: [GLOB, USER_METADATA],
    flags: [documented_order],
    model: true,
}
