//! Arbitrary ops, with arbitrary path strings, through a rooted `Store`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    remote_store::model::fuzz_store_ops(data);
});
