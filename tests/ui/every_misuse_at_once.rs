remote_store::conformance_suite! {
    modul: suite,
    lacks: [GLOB, SPEED],
    flags: [flat_namespaces, rejects_write_under_file_ancestor],
}

fn main() {}
