//! The in-repo set of broken backends, as subjects for the conformance cases
//! and the model test: each with the declaration its author would use.

use std::sync::Arc;

use remote_store::conformance::Settings;
use remote_store::model::OracleConfig;
use remote_store::{Backend, Capability, CapabilitySet};

use super::flat::{FlatBug, FlatStore};
use super::null::{DoNothing, Panics};
use super::table::{TableBug, TableStore};
use super::wrap_identity::{IdentityBroken, IdentityBug};
use super::wrap_streams::{StreamBroken, StreamBug};
use super::{Broken, Bug};

/// A factory of fresh backends that can be shared across threads.
pub type SharedFactory = Arc<dyn Fn() -> Box<dyn Backend> + Send + Sync>;

/// One broken (or control) backend.
#[derive(Clone)]
pub struct Subject {
    /// `family::Bug`, e.g. `flat::CaseInsensitiveKeys`.
    pub name: String,
    /// The contract clause the bug breaks.
    pub clause: &'static str,
    /// Fresh backends.
    pub factory: SharedFactory,
    /// What its author declares.
    pub settings: Settings,
}

impl Subject {
    fn new(
        name: String,
        clause: &'static str,
        factory: impl Fn() -> Box<dyn Backend> + Send + Sync + 'static,
        settings: Settings,
    ) -> Self {
        Subject {
            name,
            clause,
            factory: Arc::new(factory),
            settings,
        }
    }

    /// The model configuration `conformance_suite! { .., model: true }`
    /// derives from the same declaration (`__private::run_model_check`), with
    /// `cases` sequences instead of 256 to keep CI cheap.
    pub fn oracle(&self, cases: u32) -> OracleConfig {
        OracleConfig::new()
            .cases(cases)
            .ordered_listings(self.settings.documented_order)
            .implied_folders(self.settings.flat_namespace)
            .rejects_write_under_file_ancestor(self.settings.rejects_write_under_file_ancestor)
    }
}

/// Memory's declaration.
pub fn memory_settings() -> Settings {
    Settings::new()
        .lacks(CapabilitySet::of(&[
            Capability::GLOB,
            Capability::LAZY_READ,
        ]))
        .documented_order(true)
}

/// The flat store's declaration.
pub fn flat_settings() -> Settings {
    Settings::new()
        .lacks(CapabilitySet::of(&[
            Capability::GLOB,
            Capability::LAZY_READ,
            Capability::WRITE_RESULT_NATIVE,
        ]))
        .flat_namespace(true)
}

/// Memory with a native glob.
pub fn glob_settings() -> Settings {
    memory_settings().lacks(CapabilitySet::of(&[Capability::LAZY_READ]))
}

/// The table's declaration: hierarchical, no order promised.
pub fn table_settings() -> Settings {
    Settings::new().lacks(CapabilitySet::of(&[
        Capability::GLOB,
        Capability::LAZY_READ,
        Capability::ATOMIC_MOVE,
        Capability::WRITE_RESULT_NATIVE,
    ]))
}

/// The correct members of each family: they must pass everything.
pub fn controls() -> Vec<Subject> {
    vec![
        Subject::new(
            "memory-wrapper::None".into(),
            "-",
            || Box::new(Broken::new(Bug::None)),
            memory_settings(),
        ),
        Subject::new(
            "flat::None".into(),
            "-",
            || Box::new(FlatStore::new(FlatBug::None)),
            flat_settings(),
        ),
    ]
}

/// Every broken backend of the repository.
pub fn all() -> Vec<Subject> {
    let mut subjects = vec![
        Subject::new(
            "null::DoNothing".into(),
            "everything",
            || Box::new(DoNothing::default()),
            memory_settings(),
        ),
        Subject::new(
            "null::RootExists".into(),
            "everything",
            || Box::new(DoNothing { root_exists: true }),
            memory_settings(),
        ),
        Subject::new(
            "null::Panics".into(),
            "everything",
            || Box::new(Panics),
            memory_settings(),
        ),
    ];
    for bug in Bug::ALL {
        subjects.push(Subject::new(
            format!("memory-wrapper::{bug:?}"),
            "see tests/broken/mod.rs",
            move || Box::new(Broken::new(bug)),
            memory_settings(),
        ));
    }
    subjects.extend(family("flat", FlatBug::ALL, FlatStore::new, flat_settings));
    subjects.extend(family(
        "table",
        TableBug::ALL,
        TableStore::new,
        table_settings,
    ));
    subjects.extend(family(
        "identity-wrapper",
        IdentityBug::ALL,
        IdentityBroken::new,
        memory_settings,
    ));
    subjects.extend(family(
        "stream-wrapper",
        StreamBug::ALL,
        StreamBroken::new,
        glob_settings,
    ));
    subjects
}

/// One subject per `(bug, clause)` of a family, named `family::Bug`, built
/// by `new` and declared by `settings`.
fn family<Bug, B>(
    family: &'static str,
    bugs: &'static [(Bug, &'static str)],
    new: fn(Bug) -> B,
    settings: fn() -> Settings,
) -> impl Iterator<Item = Subject>
where
    Bug: Copy + std::fmt::Debug + Send + Sync + 'static,
    B: Backend,
{
    bugs.iter().map(move |&(bug, clause)| {
        Subject::new(
            format!("{family}::{bug:?}"),
            clause,
            move || Box::new(new(bug)),
            settings(),
        )
    })
}
