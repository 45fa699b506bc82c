//! The conformance checks: one plain function per contract behaviour, so that
//! any [`Backend`] can prove it behaves like every other one.
//!
//! Most users never call these directly: `remote_store::conformance_suite!`
//! generates one `#[test]` per case. The functions are public so that a test
//! can call a single check, or a harness can run the whole registry
//! ([`CASES`], [`run_case`]).
//!
//! * Every check takes the backend under test (or a factory of fresh
//!   backends, when it needs several instances) and the suite's
//!   [`Settings`]. It **writes to the backend**: give it a fresh, empty one.
//! * A check **panics** on a violation, like an assertion in a test, with a
//!   message that cites the contract clause (`[BE-008] ...`), quotes its
//!   rule from [`CLAUSES`], and shows what was expected and what was found.
//! * Groups follow the contract's suite (section 9.3): [`identity`], [`io`],
//!   [`root`], [`listing`], [`metadata`], [`errors`], [`atomic`],
//!   [`write_result`], [`move_copy`], [`streaming`], [`concurrency`],
//!   [`close`], [`health`], plus the folder-semantics [`traps`], the
//!   [`inputs`] real data has (odd names, deep trees, payloads across 64 KiB
//!   boundaries) and the opt-in documented listing [`order`].
//! * A positive check first confirms its setup took effect, and a negative
//!   one seeds a neighbour it must not confuse with the missing path, so a
//!   backend that stores nothing fails them (`tests/null_backends.rs`).
//!
//! Left out of the contract's list, as they do not apply to a Rust sync
//! backend: `resolve`/`ResolutionPlan` and `unwrap` (not ported),
//! "is an instance of Backend" and "to_key exists" (the type system says so),
//! the per-family ATOMIC_MOVE/SEEKABLE_READ classification tables, and the
//! backend-independent cells (the write-result field map, crash injection).
//! Python's stream `close()`/`with` cases become the drop checks of
//! [`streaming`]; flag-dependent Python cells that skip on one posture are
//! single checks here that branch on the declaration (e.g.
//! [`write_result::write_result_source_matches_the_declaration`]).
//!
//! **No stability promise**: checks are added, tightened and renamed as the
//! contract is pinned down; the set of cases is not part of semver.
//!
//! ```
//! use remote_store::backends::MemoryBackend;
//! use remote_store::conformance::{self, Settings};
//! use remote_store::{Capability, CapabilitySet};
//!
//! let lacks = CapabilitySet::of(&[Capability::GLOB, Capability::LAZY_READ]);
//! let settings = Settings::new().lacks(lacks).documented_order(true);
//! conformance::io::write_creates_a_file(&MemoryBackend::new(), &settings);
//! for case in conformance::CASES {
//!     if case.skip_reason(&settings).is_none() {
//!         conformance::run_case(case, &|| Box::new(MemoryBackend::new()), &settings);
//!     }
//! }
//! ```

#[macro_use]
mod catalogue;
mod clauses;
mod support;
#[macro_use]
mod table;

pub mod atomic;
pub mod close;
pub mod concurrency;
pub mod errors;
pub mod health;
pub mod identity;
pub mod inputs;
pub mod io;
pub mod listing;
pub mod metadata;
pub mod move_copy;
pub mod order;
pub mod root;
pub mod streaming;
pub mod traps;
pub mod write_result;

use std::fmt;

pub use self::clauses::{CLAUSES, Clause, rule_of};
use crate::{Backend, Capability, CapabilitySet};

/// What the suite knows about the backend beyond its `capabilities()`: the
/// flags of the contract's fixture registry (section 9.1).
///
/// The defaults describe a hierarchical, thread-safe backend that supports
/// self-operations and promises no listing order.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Settings {
    /// The capabilities the backend is declared to lack (checked against
    /// `capabilities()` by `identity::declared_lacks_match_capabilities`).
    pub lacks: CapabilitySet,
    /// Folders are implied by keys (object stores): no empty folders.
    pub flat_namespace: bool,
    /// `rename`/`copy` of a path onto itself is supported.
    pub self_operations: bool,
    /// A write under a file is refused with `InvalidPath`. On by default;
    /// [`flat_namespace`](Settings::flat_namespace) turns it off.
    pub rejects_write_under_file_ancestor: bool,
    /// Listings follow the documented order (sorted, depth-first pre-order).
    pub documented_order: bool,
    /// One instance may be shared across threads (`false`: one connection,
    /// one thread).
    pub thread_safe: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lacks: CapabilitySet::empty(),
            flat_namespace: false,
            self_operations: true,
            rejects_write_under_file_ancestor: true,
            documented_order: false,
            thread_safe: true,
        }
    }
}

impl Settings {
    /// The defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Declares the capabilities the backend lacks.
    #[must_use]
    pub fn lacks(mut self, lacks: CapabilitySet) -> Self {
        self.lacks = lacks;
        self
    }

    /// Marks a flat namespace; also stops expecting writes under a file to be
    /// refused (set [`rejects_write_under_file_ancestor`](Self::rejects_write_under_file_ancestor)
    /// afterwards to opt back in).
    #[must_use]
    pub fn flat_namespace(mut self, on: bool) -> Self {
        self.flat_namespace = on;
        self.rejects_write_under_file_ancestor = !on;
        self
    }

    /// Whether `rename`/`copy` onto the same path is supported.
    #[must_use]
    pub fn self_operations(mut self, on: bool) -> Self {
        self.self_operations = on;
        self
    }

    /// Whether a write under a file is refused with `InvalidPath`.
    #[must_use]
    pub fn rejects_write_under_file_ancestor(mut self, on: bool) -> Self {
        self.rejects_write_under_file_ancestor = on;
        self
    }

    /// Whether listings promise the documented order.
    #[must_use]
    pub fn documented_order(mut self, on: bool) -> Self {
        self.documented_order = on;
        self
    }

    /// Whether one instance may be shared across threads.
    #[must_use]
    pub fn thread_safe(mut self, on: bool) -> Self {
        self.thread_safe = on;
        self
    }

    /// Whether the settings meet `requirement`.
    pub fn meets(&self, requirement: Requirement) -> bool {
        match requirement {
            Requirement::Hierarchical => !self.flat_namespace,
            Requirement::SelfOperations => self.self_operations,
            Requirement::RejectsWriteUnderFileAncestor => self.rejects_write_under_file_ancestor,
            Requirement::DocumentedOrder => self.documented_order,
            Requirement::ThreadSafe => self.thread_safe,
        }
    }
}

/// A setting a case needs besides capabilities.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Requirement {
    /// Explicit folders (not a flat namespace).
    Hierarchical,
    /// Self-operations supported.
    SelfOperations,
    /// Writes under a file are refused.
    RejectsWriteUnderFileAncestor,
    /// The documented listing order is promised.
    DocumentedOrder,
    /// One instance may be shared across threads.
    ThreadSafe,
}

/// A factory of fresh backends.
pub type Factory<'a> = &'a dyn Fn() -> Box<dyn Backend>;

/// How a check is called.
#[derive(Clone, Copy)]
#[non_exhaustive]
pub enum Check {
    /// With one fresh backend.
    Backend(fn(&dyn Backend, &Settings)),
    /// With the factory, for checks that need several instances.
    Factory(fn(Factory<'_>, &Settings)),
}

impl fmt::Debug for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Check::Backend(_) => "Check::Backend(..)",
            Check::Factory(_) => "Check::Factory(..)",
        })
    }
}

/// One conformance case of the catalogue.
///
/// Fields may be added in a minor release; build one with [`Case::new`].
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct Case {
    /// The group (module) of the check, e.g. `"io"`.
    pub group: &'static str,
    /// The check's name, e.g. `"write_creates_a_file"`.
    pub name: &'static str,
    /// The capabilities the backend must declare for the case to run.
    pub requires: CapabilitySet,
    /// The settings the case needs.
    pub requirements: &'static [Requirement],
    /// The check.
    pub check: Check,
}

impl Case {
    /// A case named `group::name` that runs `check` when the backend declares
    /// `requires` and its settings meet `requirements`.
    ///
    /// ```
    /// use remote_store::conformance::{Case, Check, Requirement, Settings};
    /// use remote_store::{Backend, Capability, CapabilitySet};
    ///
    /// fn lists_the_root(backend: &dyn Backend, _: &Settings) {
    ///     assert!(backend.list_files(&"".parse().unwrap(), Default::default()).is_ok());
    /// }
    /// let case = Case::new(
    ///     "mine",
    ///     "lists_the_root",
    ///     CapabilitySet::of(&[Capability::LIST]),
    ///     &[Requirement::Hierarchical],
    ///     Check::Backend(lists_the_root),
    /// );
    /// assert_eq!(case.id(), "mine::lists_the_root");
    /// ```
    pub const fn new(
        group: &'static str,
        name: &'static str,
        requires: CapabilitySet,
        requirements: &'static [Requirement],
        check: Check,
    ) -> Self {
        Case {
            group,
            name,
            requires,
            requirements,
            check,
        }
    }

    /// `None` when the case applies to a backend with these settings, else
    /// why it is skipped, in the words of the ignored test
    /// `conformance_suite!` generates.
    ///
    /// ```
    /// use remote_store::conformance::{CASES, Settings};
    /// use remote_store::{Capability, CapabilitySet};
    ///
    /// let case = CASES.iter().find(|c| c.id() == "order::iter_children_is_sorted_by_name").unwrap();
    /// let no_list = Settings::new().lacks(CapabilitySet::of(&[Capability::LIST]));
    /// assert_eq!(case.skip_reason(&no_list).as_deref(), Some("backend lacks LIST"));
    /// let unordered = Settings::new().documented_order(false);
    /// assert_eq!(case.skip_reason(&unordered).as_deref(), Some("backend promises no listing order"));
    /// assert_eq!(case.skip_reason(&Settings::new().documented_order(true)), None);
    /// ```
    pub fn skip_reason(&self, settings: &Settings) -> Option<String> {
        let lacking: Vec<&str> = self
            .requires
            .iter()
            .filter(|cap| settings.lacks.supports(*cap))
            .map(Capability::name)
            .collect();
        if !lacking.is_empty() {
            return Some(format!("{LACKING} {}", lacking.join(", ")));
        }
        self.requirements
            .iter()
            .find(|req| !settings.meets(**req))
            .map(|req| req.unmet_reason().to_owned())
    }

    /// `group::name`.
    pub fn id(&self) -> String {
        format!("{}::{}", self.group, self.name)
    }
}

/// Runs one case: a fresh backend from `factory` for backend checks, the
/// factory itself otherwise. Panics like the check does.
pub fn run_case(case: &Case, factory: Factory<'_>, settings: &Settings) {
    match case.check {
        Check::Backend(check) => check(&*factory(), settings),
        Check::Factory(check) => check(factory, settings),
    }
}

macro_rules! build_registry {
    (
        {}
        capabilities {}
        lacking = $lacking:literal;
        requirements { $($requirement:ident = $reason:literal;)* }
        $($group:ident :: $name:ident : $kind:ident [$($cap:ident)*] [$($req:ident)*];)*
    ) => {
        paste::paste! {
            /// How the skip reason of a case whose capabilities are lacking starts.
            const LACKING: &str = $lacking;

            impl Requirement {
                /// Why a case is skipped when this requirement is not met.
                pub fn unmet_reason(self) -> &'static str {
                    match self {
                        $(Requirement::[<$requirement:camel>] => $reason,)*
                    }
                }
            }

            /// Every case of the catalogue, in catalogue order.
            pub static CASES: &[Case] = &[$(
                Case {
                    group: stringify!($group),
                    name: stringify!($name),
                    requires: CapabilitySet::of(&[$(Capability::$cap),*]),
                    requirements: &[$(Requirement::[<$req:camel>]),*],
                    check: build_registry!(@check $kind $group::$name),
                },
            )*];
        }
    };
    (@check backend $path:path) => { Check::Backend($path) };
    (@check factory $path:path) => { Check::Factory($path) };
}

__conformance_for_each_case! { [build_registry] {} }
