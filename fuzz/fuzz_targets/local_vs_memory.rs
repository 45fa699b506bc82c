//! Arbitrary op sequences on `LocalBackend` (in a fresh temporary
//! directory) against the memory oracle.
#![no_main]

use libfuzzer_sys::fuzz_target;
use remote_store::backends::LocalBackend;
use remote_store::model::{OracleConfig, fuzz_against_oracle};

fuzz_target!(|data: &[u8]| {
    let local = || LocalBackend::temporary().expect("a temporary directory");
    fuzz_against_oracle(local, data, &OracleConfig::new().ordered_listings(true));
});
