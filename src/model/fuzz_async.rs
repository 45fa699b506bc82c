//! The fuzz entry point for async backends: the same harness, through the
//! [`Blocking`](crate::aio::Blocking) bridge.

use super::OracleConfig;
use super::fuzz::fuzz_against_oracle;
use crate::aio::{AsyncBackend, Blocking};

/// [`fuzz_against_oracle`] for an [`AsyncBackend`]: the ops decoded from
/// `data` run on a fresh backend from `factory`, reached through
/// [`Blocking`], and on the memory oracle; the first divergence panics with
/// the numbered script. Works in a plain cargo-fuzz target (no runtime of
/// your own needed).
///
/// ```
/// use remote_store::backends::MemoryBackend;
/// use remote_store::model::{OracleConfig, fuzz_async_against_oracle};
///
/// // MemoryBackend is an AsyncBackend too.
/// fuzz_async_against_oracle(MemoryBackend::new, b"\x06\x01\x00\x02xy\x00\x01", &OracleConfig::new());
/// ```
#[track_caller]
pub fn fuzz_async_against_oracle<A, F>(factory: F, data: &[u8], config: &OracleConfig)
where
    A: AsyncBackend,
    F: Fn() -> A,
{
    fuzz_against_oracle(|| Blocking::new(factory()), data, config);
}
