remote_store::conformance_suite! {
    module: suite,
    factory: async String::from("not an async backend"),
}

fn main() {}
