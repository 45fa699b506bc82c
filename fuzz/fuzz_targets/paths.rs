//! Path parsing and store scoping over arbitrary strings.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    remote_store::model::fuzz_paths(data);
});
