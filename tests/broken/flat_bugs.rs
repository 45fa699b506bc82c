//! The bugs of the from-scratch object store (`flat.rs`), each with the
//! contract clause it breaks and the input it needs.

/// One way an object store goes wrong.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FlatBug {
    /// The control: correct.
    #[default]
    None,
    /// Keys are lower-cased (a case-insensitive index).
    CaseInsensitiveKeys,
    /// `e` + combining acute is stored as the precomposed `é` (NFC).
    NormalizesToNfc,
    /// A key that merely starts with the path makes it a folder (`ab` makes
    /// `a` a folder).
    PrefixIsAFolder,
    /// `NotFound` carries `bucket/<path>` in its path field.
    ErrorPathHasTheBucket,
    /// A zero-byte object is taken for a folder marker: not a file.
    EmptyObjectIsAFolderMarker,
    /// A streamed upload past 64 KiB drops its last, partial part.
    LastPartialPartDropped,
    /// A streamed upload of an exact multiple of 64 KiB is stored empty.
    ExactPartSizeStoredEmpty,
    /// A create without `overwrite` checks, unlocks, then writes.
    CreateChecksThenActs,
    /// The second overwrite of a key is acknowledged and dropped.
    SecondOverwriteIgnored,
    /// An overwrite merges the new metadata into the old.
    OverwriteMergesMetadata,
    /// An overwrite without metadata keeps the old metadata.
    OverwriteWithoutMetadataKeepsIt,
    /// An overwrite stamps the object with the epoch.
    OverwriteTimeIsTheEpoch,
    /// A write publishes half the content first, then the rest.
    WriteAtomicPublishesInTwoSteps,
    /// Listed sizes are truncated to 16 bits.
    ListedSizeIsSixteenBits,
    /// Listed keys come back URL-encoded (`a b` as `a+b`).
    ListingEncodesSpaces,
    /// `copy` replaces an existing destination without `overwrite`.
    CopyIgnoresOverwrite,
    /// `rename` (atomic under the map's lock, so `ATOMIC_MOVE` is declared)
    /// stamps the destination with now.
    RenameResetsTheTime,
    /// `open_atomic` checks `overwrite` on open only, not at commit.
    OpenAtomicChecksOnlyOnOpen,
    /// `delete` of a missing key with `missing_ok` is still `NotFound`.
    DeleteIgnoresMissingOk,
    /// A non-recursive `delete_folder` deletes every key under it.
    DeleteFolderIgnoresRecursive,
    /// A recursive `delete_folder("a")` also deletes `ab/..` (raw prefix).
    RecursiveDeleteTakesPrefixSiblings,
    /// `list_files("a")` lists `ab/..` too (raw prefix).
    ListingMatchesRawPrefixes,
    /// `max_depth` is counted from the root, not from the listed folder.
    MaxDepthFromTheBucketRoot,
    /// A listing skips keys 4 or more levels below the listed folder.
    RecursiveListingStopsAtDepth4,
    /// `list_folders` skips names starting with a dot.
    HiddenFoldersNotListed,
    /// `get_folder_info("a")` counts `ab/..` too.
    FolderInfoCountsPrefixSiblings,
    /// `SeekFrom::End(-n)` seeks to `n` from the start.
    SeekFromEndCountsFromTheStart,
    /// `SeekFrom::Current(n)` seeks to `n` from the start.
    SeekFromCurrentIsFromTheStart,
}

impl FlatBug {
    /// Every bug with the clause it breaks.
    pub const ALL: &[(FlatBug, &str)] = &[
        (FlatBug::CaseInsensitiveKeys, "BE-008 keys are exact"),
        (FlatBug::NormalizesToNfc, "BE-008 keys are exact"),
        (FlatBug::PrefixIsAFolder, "BE-009 folders are slash-aligned"),
        (FlatBug::ErrorPathHasTheBucket, "errors carry the path"),
        (FlatBug::EmptyObjectIsAFolderMarker, "BE-008 empty content"),
        (
            FlatBug::LastPartialPartDropped,
            "BE-008 every byte (past 64 KiB)",
        ),
        (
            FlatBug::ExactPartSizeStoredEmpty,
            "BE-008 every byte (at 64 KiB)",
        ),
        (
            FlatBug::CreateChecksThenActs,
            "BE-008 check and write are one step",
        ),
        (FlatBug::SecondOverwriteIgnored, "BE-008 overwrite replaces"),
        (
            FlatBug::OverwriteMergesMetadata,
            "overwrite replaces metadata",
        ),
        (
            FlatBug::OverwriteWithoutMetadataKeepsIt,
            "overwrite replaces metadata even with None",
        ),
        (
            FlatBug::OverwriteTimeIsTheEpoch,
            "overwrite sets modified_at = now",
        ),
        (
            FlatBug::WriteAtomicPublishesInTwoSteps,
            "AW-001 no partial content",
        ),
        (FlatBug::ListedSizeIsSixteenBits, "BE-014 listed info"),
        (FlatBug::ListingEncodesSpaces, "BE-014 listed paths"),
        (FlatBug::CopyIgnoresOverwrite, "BE-021 AlreadyExists(dst)"),
        (FlatBug::RenameResetsTheTime, "move keeps modified_at"),
        (
            FlatBug::OpenAtomicChecksOnlyOnOpen,
            "SAW-012 commit re-checks",
        ),
        (FlatBug::DeleteIgnoresMissingOk, "BE-021 missing_ok"),
        (
            FlatBug::DeleteFolderIgnoresRecursive,
            "BE-021 DirectoryNotEmpty",
        ),
        (
            FlatBug::RecursiveDeleteTakesPrefixSiblings,
            "BE-004 delete_folder scope",
        ),
        (FlatBug::ListingMatchesRawPrefixes, "BE-014 prefix siblings"),
        (FlatBug::MaxDepthFromTheBucketRoot, "DEPTH-003 max_depth"),
        (
            FlatBug::RecursiveListingStopsAtDepth4,
            "BE-014 recursive listing (depth >= 4)",
        ),
        (
            FlatBug::HiddenFoldersNotListed,
            "BE-014 list_folders (leading dots)",
        ),
        (
            FlatBug::FolderInfoCountsPrefixSiblings,
            "BE-004 folder info scope",
        ),
        (
            FlatBug::SeekFromEndCountsFromTheStart,
            "SIO-001 seek End(-n)",
        ),
        (
            FlatBug::SeekFromCurrentIsFromTheStart,
            "SIO-001 seek Current(n)",
        ),
    ];
}
