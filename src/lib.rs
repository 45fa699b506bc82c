//! A storage abstraction with an exact, fast, thread-safe in-memory backend,
//! and the tools to prove that any backend behaves like every other one.
//!
//! * [`Backend`] is the contract; [`Store`] scopes a backend to a root path and
//!   gates each method on the backend's [`CapabilitySet`].
//! * [`backends::MemoryBackend`] keeps a tree of explicit folders in memory:
//!   use it instead of temporary directories in unit tests.
//! * [`backends::LocalBackend`] is the same contract on real files, the
//!   semantic twin of the memory backend.
//! * Writing a backend? [`authoring`] is the guide: the smallest backend
//!   that passes the conformance suite, what each capability adds, and
//!   [`Delegate`] to wrap a backend and override single methods.
//! * [`testing`] injects faults into any backend and records its calls;
//!   [`Store::tree`] snapshots a store for assertions.
//! * [`registry::Registry`] builds named stores from a [`registry::RegistryConfig`] (in code, or
//!   from TOML with the `toml` feature); [`ext::glob::glob_files`] globs any
//!   store.
//! * With the `async` feature, `aio` has the async side: `AsyncBackend` (the
//!   same [`contract`], method for method), `AsyncStore`, `MemoryBackend` as
//!   an async backend, and bridges both ways (`Blocking`, `SpawnBlocking`),
//!   so that `conformance_suite! { factory: async ... }` proves an async
//!   backend with the same checks.
//!
//! ```
//! use remote_store::backends::MemoryBackend;
//! use remote_store::Store;
//!
//! let store = Store::new(MemoryBackend::new(), "data")?;
//! store.write_text("hello.txt", "Hello, world!")?;
//! assert_eq!(store.read_text("hello.txt")?, "Hello, world!");
//! # Ok::<(), remote_store::Error>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "async")]
pub mod aio;
pub mod authoring;
mod backend;
pub mod backends;
mod capability;
#[cfg(feature = "conformance")]
pub mod conformance;
pub mod contract;
mod error;
pub mod ext;
#[cfg(feature = "fixtures")]
pub mod fixtures;
mod info;
#[cfg(any(feature = "model", feature = "arbitrary"))]
pub mod model;
mod options;
mod path;
pub mod registry;
mod snapshot;
mod store;
mod stream;
pub mod testing;

pub use self::authoring::Delegate;
pub use self::backend::{Backend, Listing};
pub use self::capability::{Capability, CapabilitySet, Iter as CapabilityIter, UnknownCapability};
pub use self::error::{Error, ErrorKind, Result};
pub use self::info::{
    Child, ContentDigest, FileInfo, FolderEntry, FolderInfo, Metadata, WriteResult, WriteSource,
};
pub use self::options::{
    DeleteFolderOptions, DeleteOptions, ListOptions, TransferOptions, WriteOptions,
};
pub use self::path::RemotePath;
pub use self::snapshot::{TreeChange, TreeEntry, TreeSnapshot};
pub use self::store::{Store, StoreAtomicWriter};
pub use self::stream::{AtomicWriter, Content, ReadStream, SeekRead};

/// `conformance_suite!`: one `#[test]` per conformance case for your backend.
///
/// ```
/// remote_store::conformance_suite! {
///     module: memory_conformance,
///     factory: remote_store::backends::MemoryBackend::new(),
///     lacks: [GLOB, LAZY_READ],
///     flags: [documented_order],
/// }
/// # fn main() {}
/// ```
///
/// This expands to `mod memory_conformance { mod io { #[test] fn write_creates_a_file() ... } ... }`,
/// one test per case of [`conformance::CASES`]; a case whose capability is in
/// `lacks` (or whose setting is off) is generated `#[ignore = "backend lacks GLOB"]`.
///
/// Options, each at most once, separated by commas:
///
/// | Option | Meaning |
/// |---|---|
/// | `module: name` (required) | the module the tests go in |
/// | `factory: expr` (required) | an expression giving a fresh, empty backend; evaluated anew in every test, in the scope of the call (items of the enclosing module are visible) |
/// | `factory: async expr` | instead: an expression giving a fresh [`aio::AsyncBackend`]; every case, the model test and `check_concurrent` reach it through [`aio::Blocking`]; needs the `async` feature |
/// | `lacks: [CAP, ...]` | the [`Capability`] names (`GLOB`, `LAZY_READ`, ...) the backend does not declare; checked against `capabilities()` by a generated test |
/// | `flags: [flag, ...]` | `flat_namespace`, `self_operations_unsupported`, `rejects_write_under_file_ancestor` (with `flat_namespace`: refuse writes under a file anyway), `documented_order` (check the sorted listing order), `single_connection` (not thread-safe) |
/// | `skip: [group::case = "reason", ...]` | known deviations: each case is generated `#[ignore = "skipped: reason"]`, and a test `skipped_cases_still_fail::group__case` runs it and fails once it passes, so the list cannot rot; a case that is unknown or ignored already is a compile error |
/// | `only: [group, ...]` | run only these groups (`io`, `listing`, ...); the cases of other groups are generated ignored |
/// | `model: true` | two more tests: `model::matches_the_memory_oracle`, [`model::check_against_oracle`] with 256 sequences of up to 64 ops (`PROPTEST_CASES` overrides the count) from a random seed (`REMOTE_STORE_MODEL_SEED` fixes it; a failure prints it), configured from the flags (`documented_order` compares listings in order, `flat_namespace` implies folders); and `model::concurrent_ops_are_linearizable`, [`model::check_concurrent`] (ignored for a `single_connection` backend or one that lacks READ, WRITE or DELETE). Needs the `model` feature |
/// | `model: { cases: N, seed: S }` | the same, with `N` sequences from seed `S` (each optional) |
///
/// Misuse is reported at compile time, all at once, pointing at the
/// offending tokens. Invoke it where items go (a file of `tests/`, a `mod`),
/// not inside a function, whose tests would never run: there the generated
/// module cannot reach its factory, and the call does not compile. Needs the
/// `conformance` feature.
#[cfg(feature = "conformance")]
pub use remote_store_macros::conformance_suite;

/// What `conformance_suite!` expands to refers to these; not a public API.
#[cfg(feature = "conformance")]
#[doc(hidden)]
pub mod __private {
    pub use crate::__conformance_for_each_case as for_each_case;
    pub use crate::__for_each_capability as for_each_capability;
    pub use crate::conformance::{self, Settings};
    pub use crate::{Backend, Capability, CapabilitySet};
    pub use remote_store_macros::__expand_suite;

    /// Boxes the factory's backend; the bound reports a factory that is not a
    /// `Backend` at the user's expression.
    pub fn boxed<B: Backend>(backend: B) -> Box<dyn Backend> {
        Box::new(backend)
    }

    /// Wraps the async factory's backend in the bridge (`factory: async ...`);
    /// the bound reports a factory that is not an `AsyncBackend` at the
    /// user's expression.
    #[cfg(feature = "async")]
    pub fn blocking<B: crate::aio::AsyncBackend>(backend: B) -> Box<dyn Backend> {
        Box::new(crate::aio::Blocking::new(backend))
    }

    /// Expands to nothing: the `async` feature is on.
    #[cfg(feature = "async")]
    #[macro_export]
    #[doc(hidden)]
    macro_rules! __require_async_feature {
        () => {};
    }

    /// Explains that `factory: async` needs the `async` feature.
    #[cfg(not(feature = "async"))]
    #[macro_export]
    #[doc(hidden)]
    macro_rules! __require_async_feature {
        () => {
            ::core::compile_error!(
                "`factory: async ...` in conformance_suite! needs remote-store's `async` feature: \
                 remote-store = { ..., features = [\"conformance\", \"async\"] }"
            );
        };
    }

    pub use crate::__require_async_feature as require_async_feature;

    /// Without the `async` feature `require_async_feature!` has already
    /// explained; this only keeps the expansion type-correct.
    #[cfg(not(feature = "async"))]
    pub fn blocking<B>(_: B) -> Box<dyn Backend> {
        unreachable!("needs the async feature")
    }

    /// Runs a check that takes one fresh backend.
    pub fn run_backend_check(
        factory: fn() -> Box<dyn Backend>,
        settings: &Settings,
        check: fn(&dyn Backend, &Settings),
    ) {
        check(&*factory(), settings);
    }

    /// Runs a `skip`ped check that takes one fresh backend; fails when the
    /// check passes, so that the `skip` list cannot rot.
    pub fn run_skipped_backend_check(
        factory: fn() -> Box<dyn Backend>,
        settings: &Settings,
        check: fn(&dyn Backend, &Settings),
        id: &str,
        reason: &str,
    ) {
        expect_failure(id, reason, || check(&*factory(), settings));
    }

    /// Runs a `skip`ped check that takes the factory; fails when it passes.
    pub fn run_skipped_factory_check(
        factory: fn() -> Box<dyn Backend>,
        settings: &Settings,
        check: fn(conformance::Factory<'_>, &Settings),
        id: &str,
        reason: &str,
    ) {
        expect_failure(id, reason, || check(&factory, settings));
    }

    /// Panics when `run` does not.
    pub fn expect_failure(id: &str, reason: &str, run: impl FnOnce()) {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(run));
        assert!(
            outcome.is_err(),
            "conformance case `{id}` is in `skip` (\"{reason}\") but passes now: \
             remove it from `skip`"
        );
    }

    /// Runs the model test that `model: true` emits; `cases` and `seed`
    /// come from `model: { cases: N, seed: S }`, else from the defaults
    /// (`PROPTEST_CASES`, `REMOTE_STORE_MODEL_SEED`, or random).
    #[cfg(feature = "model")]
    #[track_caller]
    pub fn run_model_check(
        factory: fn() -> Box<dyn Backend>,
        settings: &Settings,
        cases: Option<u32>,
        seed: Option<u64>,
    ) {
        let mut config = crate::model::OracleConfig::new()
            .ordered_listings(settings.documented_order)
            .implied_folders(settings.flat_namespace)
            .rejects_write_under_file_ancestor(settings.rejects_write_under_file_ancestor);
        if let Some(cases) = cases {
            config = config.cases(cases);
        }
        if let Some(seed) = seed {
            config = config.seed(seed);
        }
        crate::model::check_against_oracle(factory, &config);
    }

    /// Runs the concurrency test that `model: true` emits: random ops from
    /// several threads on one backend, including single-key races.
    #[cfg(feature = "model")]
    pub fn run_concurrency_check(
        factory: fn() -> Box<dyn Backend>,
        _settings: &Settings,
        seed: Option<u64>,
    ) {
        let mut config = crate::model::ConcurrencyConfig::new();
        if let Some(seed) = seed {
            config = config.seed(seed);
        }
        if let Err(violations) = crate::model::check_concurrent(&*factory(), &config) {
            panic!(
                "concurrent ops depart from every serial order (seed {}; rerun with {}={}):\n{}",
                config.seed,
                crate::model::SEED_VAR,
                config.seed,
                violations.join("\n")
            );
        }
    }

    /// Expands to nothing: the `model` feature is on.
    #[cfg(feature = "model")]
    #[macro_export]
    #[doc(hidden)]
    macro_rules! __require_model_feature {
        () => {};
    }

    /// Explains that `model: true` needs the `model` feature.
    #[cfg(not(feature = "model"))]
    #[macro_export]
    #[doc(hidden)]
    macro_rules! __require_model_feature {
        () => {
            ::core::compile_error!(
                "`model: true` in conformance_suite! needs remote-store's `model` feature: \
                 remote-store = { ..., features = [\"conformance\", \"model\"] }"
            );
        };
    }

    pub use crate::__require_model_feature as require_model_feature;

    /// Runs a check that takes the factory.
    pub fn run_factory_check(
        factory: fn() -> Box<dyn Backend>,
        settings: &Settings,
        check: fn(conformance::Factory<'_>, &Settings),
    ) {
        check(&factory, settings);
    }
}

/// Keeps the README's examples compiling and passing.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
