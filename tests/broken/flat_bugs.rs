//! The bugs of the from-scratch object store (`flat.rs`), each with the
//! contract clause it breaks and the input it needs.

bug_family! {
    /// One way an object store goes wrong.
    pub enum FlatBug {
        /// The control: correct.
        None,
        /// Keys are lower-cased (a case-insensitive index).
        CaseInsensitiveKeys => "BE-008 keys are exact",
        /// `e` + combining acute is stored as the precomposed `é` (NFC).
        NormalizesToNfc => "BE-008 keys are exact",
        /// A key that merely starts with the path makes it a folder (`ab` makes
        /// `a` a folder).
        PrefixIsAFolder => "BE-009 folders are slash-aligned",
        /// `NotFound` carries `bucket/<path>` in its path field.
        ErrorPathHasTheBucket => "errors carry the path",
        /// A zero-byte object is taken for a folder marker: not a file.
        EmptyObjectIsAFolderMarker => "BE-008 empty content",
        /// A streamed upload past 64 KiB drops its last, partial part.
        LastPartialPartDropped => "BE-008 every byte (past 64 KiB)",
        /// A streamed upload of an exact multiple of 64 KiB is stored empty.
        ExactPartSizeStoredEmpty => "BE-008 every byte (at 64 KiB)",
        /// A create without `overwrite` checks, unlocks, then writes.
        CreateChecksThenActs => "BE-008 check and write are one step",
        /// The second overwrite of a key is acknowledged and dropped.
        SecondOverwriteIgnored => "BE-008 overwrite replaces",
        /// An overwrite merges the new metadata into the old.
        OverwriteMergesMetadata => "overwrite replaces metadata",
        /// An overwrite without metadata keeps the old metadata.
        OverwriteWithoutMetadataKeepsIt => "overwrite replaces metadata even with None",
        /// An overwrite stamps the object with the epoch.
        OverwriteTimeIsTheEpoch => "overwrite sets modified_at = now",
        /// A write publishes half the content first, then the rest.
        WriteAtomicPublishesInTwoSteps => "AW-001 no partial content",
        /// Listed sizes are truncated to 16 bits.
        ListedSizeIsSixteenBits => "BE-014 listed info",
        /// Listed keys come back URL-encoded (`a b` as `a+b`).
        ListingEncodesSpaces => "BE-014 listed paths",
        /// `copy` replaces an existing destination without `overwrite`.
        CopyIgnoresOverwrite => "BE-021 AlreadyExists(dst)",
        /// `rename` (atomic under the map's lock, so `ATOMIC_MOVE` is declared)
        /// stamps the destination with now.
        RenameResetsTheTime => "move keeps modified_at",
        /// `open_atomic` checks `overwrite` on open only, not at commit.
        OpenAtomicChecksOnlyOnOpen => "SAW-012 commit re-checks",
        /// `delete` of a missing key with `missing_ok` is still `NotFound`.
        DeleteIgnoresMissingOk => "BE-021 missing_ok",
        /// A non-recursive `delete_folder` deletes every key under it.
        DeleteFolderIgnoresRecursive => "BE-021 DirectoryNotEmpty",
        /// A recursive `delete_folder("a")` also deletes `ab/..` (raw prefix).
        RecursiveDeleteTakesPrefixSiblings => "BE-004 delete_folder scope",
        /// `list_files("a")` lists `ab/..` too (raw prefix).
        ListingMatchesRawPrefixes => "BE-014 prefix siblings",
        /// `max_depth` is counted from the root, not from the listed folder.
        MaxDepthFromTheBucketRoot => "DEPTH-003 max_depth",
        /// A listing skips keys 4 or more levels below the listed folder.
        RecursiveListingStopsAtDepth4 => "BE-014 recursive listing (depth >= 4)",
        /// `list_folders` skips names starting with a dot.
        HiddenFoldersNotListed => "BE-014 list_folders (leading dots)",
        /// `get_folder_info("a")` counts `ab/..` too.
        FolderInfoCountsPrefixSiblings => "BE-004 folder info scope",
        /// `SeekFrom::End(-n)` seeks to `n` from the start.
        SeekFromEndCountsFromTheStart => "SIO-001 seek End(-n)",
        /// `SeekFrom::Current(n)` seeks to `n` from the start.
        SeekFromCurrentIsFromTheStart => "SIO-001 seek Current(n)",
    }
}
