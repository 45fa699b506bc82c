//! Model-based testing: any backend against the memory oracle.
//!
//! One [`Op`] enum covers every [`Backend`](crate::Backend) operation with its
//! options, over a three-segment alphabet (`a`, `b`, `a.b`, up to four deep,
//! and the root), so the same names keep colliding as files and folders,
//! under file ancestors, and as `a` versus `a.b` prefixes. [`apply`] runs an
//! op on the backend under test and on a [`MemoryBackend`](crate::backends::MemoryBackend),
//! compares what they return (values, error kinds and the path each error
//! names, listings, file infos without timestamps), then compares their
//! whole [`State`]s.
//!
//! * `check_against_oracle` (feature `model`) runs random sequences with
//!   proptest and panics with the shrunk, minimal failing sequence.
//! * `check_concurrent` (feature `model`) runs random ops from several
//!   threads and checks every read and the final state against the serial
//!   orders of the writes.
//! * With the `arbitrary` feature, [`Op`] implements `arbitrary::Arbitrary`,
//!   so cargo-fuzz targets drive the same ops through [`run_ops`]:
//!   `fuzz_against_oracle` (any backend against the oracle), `fuzz_paths`
//!   (path parsing and store scoping) and `fuzz_store_ops` (a rooted
//!   `Store` against a plain backend) take libFuzzer's bytes and panic
//!   with a readable script; the targets in `fuzz/` and the stable corpus
//!   replay in `tests/fuzz_corpus.rs` call them.
//!
//! # A seeded bug, found and shrunk
//!
//! A backend whose `rename` drops the user metadata (a wrapper of
//! `MemoryBackend`, one of the seeded bugs of `tests/model.rs`), checked with
//! `check_against_oracle(factory, &OracleConfig::new())`, fails with this
//! message, shrunk from a random sequence of up to 64 ops:
//!
//! ```text
//! the backend departs from the memory oracle after 2 op(s):
//!     0: write_atomic("b", "", meta="x")
//!     1: rename("b", "a.b/a/a")
//! the states differ after this op:
//!   only in the oracle:  file "a.b/a/a" = "" {"k": "x"}
//!   only in the oracle:  listed file FileView { path: "a.b/a/a", name: "a", size: 0, metadata: Some({"k": "x"}) }
//!   only in the subject: file "a.b/a/a" = ""
//!   only in the subject: listed file FileView { path: "a.b/a/a", name: "a", size: 0, metadata: None }
//! ```
//!
//! Each of the 26 seeded bugs of `tests/model.rs` is found within 256
//! sequences and shrinks to at most 3 ops.
//!
//! ```
//! use remote_store::backends::MemoryBackend;
//! use remote_store::model::{OracleConfig, check_against_oracle};
//!
//! // 256 sequences of up to 64 ops: MemoryBackend against itself.
//! check_against_oracle(MemoryBackend::new, &OracleConfig::new().cases(16));
//! ```

#[cfg(feature = "arbitrary")]
mod arbitrary_op;
#[cfg(feature = "model")]
mod concurrent;
mod config;
#[cfg(feature = "arbitrary")]
mod fuzz;
#[cfg(all(feature = "arbitrary", feature = "async"))]
mod fuzz_async;
#[cfg(feature = "arbitrary")]
mod fuzz_store;
mod harness;
mod op;
mod outcome;
#[cfg(feature = "model")]
mod runner;
#[cfg(feature = "model")]
pub mod strategy;

#[cfg(feature = "model")]
pub use self::concurrent::{ConcurrencyConfig, ConcurrencyReport, check_concurrent};
pub use self::config::OracleConfig;
#[cfg(feature = "arbitrary")]
pub use self::fuzz::{FUZZ_STORE_ROOT, MAX_FUZZ_OPS, decode_ops, fuzz_against_oracle, fuzz_paths};
#[cfg(all(feature = "arbitrary", feature = "async"))]
pub use self::fuzz_async::fuzz_async_against_oracle;
#[cfg(feature = "arbitrary")]
pub use self::fuzz_store::fuzz_store_ops;
pub use self::harness::{
    Counterexample, Divergence, Entry, State, StepDivergence, apply, prune_empty_folders, run_ops,
    state,
};
pub use self::op::{MAX_DEPTH, METADATA_VALUES, Op, SEGMENTS, Source, all_paths, alphabet_path};
pub use self::outcome::{ChildView, Data, FileView, METADATA_KEY, Outcome, run_op};
#[cfg(feature = "model")]
pub use self::runner::{check_against_oracle, find_divergence};
