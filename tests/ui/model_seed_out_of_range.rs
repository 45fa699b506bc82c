remote_store::conformance_suite! {
    module: suite,
    factory: remote_store::backends::MemoryBackend::new(),
    model: { seed: -1, cases: 5000000000 },
}

fn main() {}
