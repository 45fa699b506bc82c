remote_store::conformance_suite! {
    module: suite,
    factory: remote_store::backends::MemoryBackend::new(),
    model: { cases: "many" },
}

fn main() {}
