//! The null backends against every conformance case (`conformance::CASES`):
//! a backend that stores nothing, one that stores nothing but has a root, and
//! one that panics in every method. A case that such a backend passes checks
//! nothing, unless it is listed below with the reason it is vacuous here. Any
//! other case passing fails the test, and so does a listed case that starts
//! failing (the list must stay the truth).
//!
//! `cargo test --all-features --test null_backends -- --nocapture` prints the
//! counts.

mod broken;

use remote_store::conformance::Settings;
use remote_store::{Backend, Capability, CapabilitySet};

use self::broken::null::{DoNothing, Panics};
use self::broken::run::run_all;

/// Identity cases: they check `name`, `capabilities`, `Debug` and the key
/// mapping, which the null backends implement correctly (the key mapping is
/// the trait's default, the identity).
const IDENTITY: &[(&str, &str)] = &[
    (
        "identity::name_is_not_empty_and_stable",
        "a constant name is correct",
    ),
    (
        "identity::capabilities_are_stable",
        "a constant capability set is correct",
    ),
    (
        "identity::fresh_instances_declare_the_same_capabilities",
        "same constant set",
    ),
    (
        "identity::declared_lacks_match_capabilities",
        "the settings match the declared set",
    ),
    (
        "identity::require_refuses_exactly_the_undeclared",
        "pure capability-set logic",
    ),
];

/// Identity cases that also call the key mapping and `Store`'s gate, which
/// the do-nothing backends leave to the trait's correct defaults.
const KEY_MAPPING: &[(&str, &str)] = &[
    (
        "identity::store_refuses_undeclared_capabilities",
        "Store refuses before the backend is called",
    ),
    (
        "identity::glob_answers_according_to_the_declaration",
        "the default glob refuses, as declared",
    ),
    (
        "identity::native_path_round_trips_through_to_key",
        "the default key mapping is the identity",
    ),
    (
        "identity::native_path_of_the_root_spellings_agree",
        "the default maps the root to \"\"",
    ),
    (
        "identity::to_key_is_deterministic",
        "the default is a pure function",
    ),
    (
        "identity::to_key_passes_plain_keys_through",
        "the default is the identity",
    ),
    (
        "close::close_is_idempotent",
        "a non-terminal no-op close is correct; its use after close is a separate case",
    ),
];

/// What the root-exists backend gets right besides: its root.
const ROOT: &[(&str, &str)] = &[
    (
        "root::the_root_is_a_folder",
        "its root exists and is a folder, as it should",
    ),
    (
        "root::folder_info_of_an_empty_root_is_zero",
        "an empty root has 0 files, 0 bytes",
    ),
    (
        "close::close_posture_outranks_the_root_probes",
        "a non-terminal close keeps the correct root probes",
    ),
];

/// The panicking backend's `Debug` is derived (it does not go through a
/// backend method).
const DEBUG: &[(&str, &str)] = &[(
    "identity::debug_names_the_backend",
    "Debug is derived, not a backend method",
)];

fn settings() -> Settings {
    Settings::new()
        .lacks(CapabilitySet::of(&[
            Capability::GLOB,
            Capability::LAZY_READ,
        ]))
        .documented_order(true)
}

/// Runs every applicable case; returns how many ran, and the problems: a
/// case passing that is not allowed, or an allowed case failing.
fn check(
    name: &str,
    factory: &dyn Fn() -> Box<dyn Backend>,
    allowed: &[&[(&str, &str)]],
) -> (usize, usize, Vec<String>) {
    let allowed: Vec<&str> = allowed
        .iter()
        .flat_map(|l| l.iter().map(|(id, _)| *id))
        .collect();
    let results = run_all(factory, &settings());
    let mut problems = Vec::new();
    let mut passed = 0;
    for (case, ok) in &results {
        let id = case.id();
        let listed = allowed.contains(&id.as_str());
        if *ok {
            passed += 1;
        }
        match (*ok, listed) {
            (true, false) => {
                problems.push(format!("{name}: {id} passes, and is not listed as vacuous"))
            }
            (false, true) => problems.push(format!(
                "{name}: {id} is listed as vacuous but fails: drop it"
            )),
            _ => {}
        }
    }
    println!(
        "{name}: {passed} of {} applicable cases pass",
        results.len()
    );
    (passed, results.len(), problems)
}

#[test]
fn null_backends_pass_only_the_listed_vacuous_cases() {
    let do_nothing = || -> Box<dyn Backend> { Box::new(DoNothing::default()) };
    let root_exists = || -> Box<dyn Backend> { Box::new(DoNothing { root_exists: true }) };
    let panics = || -> Box<dyn Backend> { Box::new(Panics) };
    let (nothing, _, mut problems) = check("do-nothing", &do_nothing, &[IDENTITY, KEY_MAPPING]);
    let (rooted, _, more) = check("root-exists", &root_exists, &[IDENTITY, KEY_MAPPING, ROOT]);
    problems.extend(more);
    let (panicking, _, more) = check("panics", &panics, &[IDENTITY, DEBUG]);
    problems.extend(more);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        nothing <= 25,
        "the do-nothing backend passes {nothing} cases"
    );
    println!("passing: do-nothing {nothing}, root-exists {rooted}, panics {panicking}");
}
