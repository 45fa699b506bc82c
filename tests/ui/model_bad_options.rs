remote_store::conformance_suite! {
    module: suite,
    factory: remote_store::backends::MemoryBackend::new(),
    model: { cases: 0, seed: 7, depth: 3, seed: 8 },
}

fn main() {}
