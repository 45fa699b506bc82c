remote_store::conformance_suite! {
    module: suite,
    lacks: [GLOB, LAZY_READ],
}

fn main() {}
