//! Model-based tests: random op sequences on a backend and on the memory
//! oracle, compared after every step (see `remote_store::model`).
//!
//! CI size: 256 sequences of up to 64 ops per subject. MemoryBackend against
//! itself (which guards the harness) and LocalBackend against memory run
//! through `conformance_suite!`'s `model: true` option, in
//! `conformance_memory.rs` and `conformance_local.rs`.

mod broken;

use std::sync::Arc;

use remote_store::Backend;
use remote_store::backends::{LocalBackend, MemoryBackend};
use remote_store::model::{
    ConcurrencyConfig, OracleConfig, check_against_oracle, check_concurrent, find_divergence,
};
use rstest::rstest;

use self::broken::{Broken, Bug};

/// The size CI runs: 256 sequences of 1 to 64 ops.
fn ci() -> OracleConfig {
    OracleConfig::new().cases(256).max_ops(64)
}

#[test]
fn a_shared_local_backend_behind_arc_dyn_matches_memory() {
    let factory = || -> Arc<dyn Backend> {
        Arc::new(LocalBackend::temporary().expect("a temporary directory"))
    };
    check_against_oracle(factory, &OracleConfig::new().cases(32).seed(7));
}

#[test]
fn the_unbroken_wrapper_matches_memory() {
    assert_eq!(
        find_divergence(|| Broken::new(Bug::None), &ci().ordered_listings(true)),
        None
    );
}

/// Every bug the model can see (the ones it cannot: a declared GLOB, close,
/// and echoed empty metadata, which the generated ops never exercise) is
/// found and shrunk to a short sequence.
#[rstest]
fn each_seeded_bug_is_found_and_shrunk(
    #[values(
        Bug::WriteIgnoresOverwrite,
        Bug::DeletePrunesEmptyParents,
        Bug::RecursiveListingSkipsDepth3,
        Bug::RenameDropsMetadata,
        Bug::CopyDropsMetadata,
        Bug::ReadOfFolderSaysNotFound,
        Bug::ExistsFailsUnderAFile,
        Bug::NonRecursiveDeleteFolderDeletesNonEmpty,
        Bug::FolderInfoCountsFolders,
        Bug::ListingDuplicatesEntries,
        Bug::OpenAtomicLeavesPartialFileOnDrop,
        Bug::WriteAtomicKeepsPartialContentOnFailure,
        Bug::MissingOkSilencesTypeMismatch,
        Bug::DeleteFolderIgnoresMissingOk,
        Bug::ListingLeaksPrefixSiblings,
        Bug::FileInfoOfRootSaysNotFound,
        Bug::RenameKeepsTheSource,
        Bug::SelfRenameDeletesTheFile,
        Bug::WriteResultSizeOfReadersIsZero,
        Bug::ReadStreamSkipsTheFirstByte,
        Bug::ListFoldersIncludesFiles,
        Bug::NotFoundWithoutThePath,
        Bug::MaxDepthOffByOne,
        Bug::DestinationCheckedBeforeMissingSource,
        Bug::IterChildrenMissesFolders,
        Bug::ListingUnsorted
    )]
    bug: Bug,
) {
    let found = find_divergence(|| Broken::new(bug), &ci().ordered_listings(true))
        .unwrap_or_else(|| panic!("{bug:?} was not found in 256 sequences"));
    println!("{bug:?}:\n{found}\n");
    assert!(
        found.ops.len() <= 4,
        "{bug:?} shrank to {} ops only:\n{found}",
        found.ops.len()
    );
}

#[rstest]
fn concurrent_ops_on_memory_are_linearizable(#[values(1, 2, 3)] seed: u64) {
    let backend = MemoryBackend::new();
    let report = check_concurrent(&backend, &ConcurrencyConfig::new().seed(seed))
        .unwrap_or_else(|violations| panic!("{}", violations.join("\n")));
    assert!(
        report.writes > 100 && report.reads > 100 && report.listings > 20,
        "{report:?}"
    );
}

#[rstest]
fn concurrent_ops_on_local_are_linearizable(#[values(1, 2)] seed: u64) {
    let backend = LocalBackend::temporary().expect("a temporary directory");
    let report = check_concurrent(&backend, &ConcurrencyConfig::new().seed(seed))
        .unwrap_or_else(|violations| panic!("{}", violations.join("\n")));
    assert!(report.writes > 100 && report.reads > 100, "{report:?}");
}
