//! Arbitrary op sequences on `MemoryBackend` against the memory oracle.
#![no_main]

use libfuzzer_sys::fuzz_target;
use remote_store::backends::MemoryBackend;
use remote_store::model::{OracleConfig, fuzz_against_oracle};

fuzz_target!(|data: &[u8]| {
    fuzz_against_oracle(MemoryBackend::new, data, &OracleConfig::new().ordered_listings(true));
});
