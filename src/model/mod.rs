//! Model-based testing: any backend against the memory oracle.
//!
//! One [`Op`] enum covers every [`Backend`](crate::Backend) operation with its
//! options, over a small alphabet of path segments ([`SEGMENTS`]: `a`, `b`,
//! `a.b` most often, so the same names keep colliding as files and folders,
//! under file ancestors and as `a` versus `a.b` prefixes; and now and then
//! `ab`, `A`, `.a`, `a b`, NFC `é` and NFD `e\u{301}`), up to [`MAX_DEPTH`]
//! (6) deep, and the root. Writes carry one to three metadata pairs of
//! several keys, and one in sixteen a large content past 64 KiB (one shared
//! buffer). [`apply`] runs an op on the backend under test and on a
//! [`MemoryBackend`](crate::backends::MemoryBackend), compares what they
//! return (values, error kinds and the path each error names, listings,
//! file infos without timestamps, a seek script with `Start`, `Current`
//! and `End(-n)`), then their whole [`State`]s (every path the sequence
//! named probed with `exists`, `is_file` and `is_folder`), then the
//! subject's timestamp relations (`rename` keeps a file's time, an
//! overwrite never moves it backwards, nothing else moves it). The
//! oracle's own path index and counters are checked after every op.
//!
//! * `check_against_oracle` (feature `model`) runs random sequences with
//!   proptest (`PROPTEST_CASES`, default 256; a random seed unless
//!   [`SEED_VAR`] fixes it) and panics with the shrunk, minimal failing
//!   sequence and its seed; the failure is persisted beside the test.
//! * `check_concurrent` (feature `model`) runs random ops from several
//!   threads and checks every read and the final state against the serial
//!   orders of the writes, then a single-key race of overwrites and reads.
//! * [`check_memory_against_reference`] checks the oracle itself against
//!   [`Reference`], a deliberately naive sorted map of full paths.
//! * With the `arbitrary` feature, [`Op`] implements `arbitrary::Arbitrary`,
//!   so cargo-fuzz targets drive the same ops through [`run_ops`]:
//!   `fuzz_against_oracle` (any backend against the oracle),
//!   `fuzz_memory_against_reference`, `fuzz_paths` (path parsing and store
//!   scoping) and `fuzz_store_ops` (a rooted `Store` against a plain
//!   backend) take libFuzzer's bytes and panic with a readable script; the
//!   targets in `fuzz/` and the stable corpus replay in
//!   `tests/fuzz_corpus.rs` call them.
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
//! The plumbing of this crate's own fuzz targets (`fuzz_paths`,
//! `fuzz_store_ops`, `decode_ops`, `FUZZ_STORE_ROOT`, `MAX_FUZZ_OPS`,
//! `prune_empty_folders`, `fuzz_memory_against_reference`) is public for `fuzz/` only, hidden from these docs
//! and unstable: it may change in any release.
//!
//! Each of the 26 seeded bugs of `tests/model.rs` is found within 256
//! sequences and shrinks to at most 4 ops.
//!
//! ```
//! use remote_store::backends::MemoryBackend;
//! use remote_store::model::{OracleConfig, check_against_oracle};
//!
//! // 16 sequences of up to 64 ops: MemoryBackend against itself.
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
mod reference;
#[cfg(feature = "model")]
mod runner;
mod state;
#[cfg(feature = "model")]
pub mod strategy;
mod timestamps;

#[cfg(feature = "model")]
pub use self::concurrent::{ConcurrencyConfig, ConcurrencyReport, check_concurrent};
pub use self::config::{OracleConfig, SEED_VAR, default_seed};
#[cfg(feature = "arbitrary")]
pub use self::fuzz::fuzz_against_oracle;
#[cfg(all(feature = "arbitrary", feature = "async"))]
pub use self::fuzz_async::fuzz_async_against_oracle;
// Plumbing of this crate's own fuzz targets (`fuzz/`): public for them only,
// hidden from the docs, and not covered by semver; it may change in any release.
#[cfg(feature = "arbitrary")]
#[doc(hidden)]
pub use self::fuzz::{
    FUZZ_STORE_ROOT, MAX_FUZZ_OPS, decode_ops, fuzz_memory_against_reference, fuzz_paths,
};
#[cfg(feature = "arbitrary")]
#[doc(hidden)]
pub use self::fuzz_store::fuzz_store_ops;
#[doc(hidden)]
pub use self::harness::prune_empty_folders;
pub use self::harness::{Counterexample, Divergence, StepDivergence, Tracker, apply, run_ops};
pub use self::op::{
    COMMON_SEGMENTS, LARGE_SIZES, MAX_DEPTH, METADATA_PAIRS, Op, SEGMENTS, Source, alphabet_path,
    large_content, metadata_of,
};
pub use self::outcome::{ChildView, Data, FileView, Outcome, run_op};
pub use self::reference::{Reference, check_memory_against_reference};
#[cfg(feature = "model")]
pub use self::runner::{check_against_oracle, find_divergence};
pub use self::state::{Entry, State, state};
