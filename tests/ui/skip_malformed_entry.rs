remote_store::conformance_suite! {
    module: suite,
    factory: remote_store::backends::MemoryBackend::new(),
    skip: [io::write_creates_a_file],
}

fn main() {}
