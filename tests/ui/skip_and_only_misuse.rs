remote_store::conformance_suite! {
    module: suite,
    factory: remote_store::backends::MemoryBackend::new(),
    lacks: [GLOB, LAZY_READ],
    only: [io, listing, nope],
    skip: [
        io::no_such_case = "typo",
        nowhere::write_creates_a_file = "wrong group",
        listing::glob_yields_files_only = "lacks GLOB already",
        root::the_root_is_a_folder = "left out by only",
    ],
}

fn main() {}
