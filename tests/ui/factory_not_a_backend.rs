remote_store::conformance_suite! {
    module: suite,
    factory: String::from("not a backend"),
}

fn main() {}
