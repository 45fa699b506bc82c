//! `conformance_suite!` needs nothing from the caller: this file has no `use`
//! line, and defines items named like the ones the expansion refers to, which
//! must not be picked up.
#![allow(dead_code)]

struct Backend;
struct Settings;
struct Capability;
struct CapabilitySet;
struct Box;
fn boxed() {}
mod conformance {}

remote_store::conformance_suite! {
    module: hygienic,
    factory: remote_store::backends::MemoryBackend::new(),
    lacks: [GLOB, LAZY_READ],
}
