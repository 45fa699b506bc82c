remote_store::conformance_suite! {
    module: suite,
    factory: remote_store::backends::MemoryBackend::new(),
    lacks: [GLOB, TELEPORT, lazy_read, GLOB],
}

fn main() {}
