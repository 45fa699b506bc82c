remote_store::conformance_suite! {
    module: suite,
    factory: remote_store::backends::MemoryBackend::new(),
    lacks: [GLOB],
    lacks: [LAZY_READ],
}

fn main() {}
