//! Arbitrary op sequences on `MemoryBackend` against the naive reference
//! model (a sorted map of full paths): the oracle itself, checked.
#![no_main]

use libfuzzer_sys::fuzz_target;
use remote_store::model::fuzz_memory_against_reference;

fuzz_target!(|data: &[u8]| {
    fuzz_memory_against_reference(data);
});
