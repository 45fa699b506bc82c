//! The bugs of the from-scratch table backend (`table.rs`), each with the
//! contract clause it breaks, and its `open_atomic` writer.

use remote_store::{AtomicWriter, Content, RemotePath, WriteOptions};

use super::buffered::Buffered;
use super::table::TableStore;

/// One way a table of paths goes wrong.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TableBug {
    /// The control: correct.
    #[default]
    None,
    /// A write looks for a file only in its parent, not every ancestor.
    AncestorCheckOnlyLooksAtTheParent,
    /// A write creates only the parent folder, not every ancestor.
    MkdirsCreatesOnlyTheParent,
    /// A recursive `delete_folder` leaves rows 4+ levels down behind.
    RecursiveDeleteStopsAtDepth3,
    /// `list_folders` skips folders holding no file.
    EmptyFoldersNotListed,
    /// `get_folder_info` sums the sizes of direct children only.
    FolderSizeCountsOnlyDirectChildren,
    /// `rename` with `overwrite` onto a folder replaces the folder.
    RenameOntoFolderReplacesIt,
    /// `copy` of a file onto itself empties it.
    CopyOntoItselfTruncates,
    /// The root is not a row, so it does not exist.
    RootIsNotAFolder,
    /// A read under a file is `InvalidPath`, not `NotFound`.
    ReadUnderFileIsInvalidPath,
    /// A delete under a file is `InvalidPath`, not `NotFound`.
    DeleteUnderFileIsInvalidPath,
    /// `list_files` of a file path yields the file.
    ListFilesOfAFileListsIt,
    /// `iter_children` yields the folders twice when there are files too.
    IterChildrenDuplicatesFolders,
    /// A write with `overwrite` onto an empty folder replaces it.
    WriteOntoEmptyFolderWithOverwriteReplacesIt,
    /// A non-recursive `delete_folder` counts only files as children.
    DirectoryNotEmptyIgnoresEmptySubfolders,
    /// `delete_folder` of a file with `missing_ok` passes.
    MissingOkSilencesAFileForDeleteFolder,
    /// `copy` to a path whose parent is missing is `NotFound`.
    CopyCreatesNoParents,
    /// `rename` without overwrite removes the source, then refuses.
    RenameRemovesSourceBeforeCheckingDestination,
    /// Segment names are trimmed of spaces.
    TrailingSpacesTrimmed,
    /// Listings hide names starting with a dot.
    DotFilesHidden,
    /// `get_file_info` sizes wrap at 64 KiB.
    SizeWrapsAt64KiB,
    /// An `open_atomic` commit replaces a folder that appeared meanwhile.
    OpenAtomicCommitReplacesANewFolder,
    /// The second overwrite of a file appends instead of replacing.
    SecondOverwriteAppends,
    /// `read` streams only the first 64 KiB.
    ReadStreamStopsAt64KiB,
    /// Writes read, modify and write back the table: concurrent ones are lost.
    ConcurrentWritesLoseUpdates,
}

impl TableBug {
    /// Every bug with the clause it breaks.
    pub const ALL: &[(TableBug, &str)] = &[
        (
            TableBug::AncestorCheckOnlyLooksAtTheParent,
            "BE-008 InvalidPath under a file-ancestor",
        ),
        (
            TableBug::MkdirsCreatesOnlyTheParent,
            "BE-009 intermediate folders (depth >= 3)",
        ),
        (
            TableBug::RecursiveDeleteStopsAtDepth3,
            "BE-004 recursive delete (depth >= 4)",
        ),
        (
            TableBug::EmptyFoldersNotListed,
            "BE-014 explicit empty folders",
        ),
        (
            TableBug::FolderSizeCountsOnlyDirectChildren,
            "BE-004 folder info of the subtree",
        ),
        (
            TableBug::RenameOntoFolderReplacesIt,
            "BE-021 InvalidPath(dst) for a folder",
        ),
        (TableBug::CopyOntoItselfTruncates, "self-copy is a no-op"),
        (TableBug::RootIsNotAFolder, "BE-029 the root exists"),
        (
            TableBug::ReadUnderFileIsInvalidPath,
            "BE-021 NotFound under a file",
        ),
        (
            TableBug::DeleteUnderFileIsInvalidPath,
            "BE-021 NotFound under a file",
        ),
        (
            TableBug::ListFilesOfAFileListsIt,
            "BE-014 listing a file is empty",
        ),
        (
            TableBug::IterChildrenDuplicatesFolders,
            "ITER no duplicates",
        ),
        (
            TableBug::WriteOntoEmptyFolderWithOverwriteReplacesIt,
            "BE-008 InvalidPath onto a folder (empty)",
        ),
        (
            TableBug::DirectoryNotEmptyIgnoresEmptySubfolders,
            "BE-021 DirectoryNotEmpty",
        ),
        (
            TableBug::MissingOkSilencesAFileForDeleteFolder,
            "BE-021 type mismatch outranks missing_ok",
        ),
        (
            TableBug::CopyCreatesNoParents,
            "BE-009 copy creates parents",
        ),
        (
            TableBug::RenameRemovesSourceBeforeCheckingDestination,
            "BE-021 a refused call changes nothing",
        ),
        (
            TableBug::TrailingSpacesTrimmed,
            "BE-008 keys are exact (spaces)",
        ),
        (TableBug::DotFilesHidden, "BE-014 listings (leading dots)"),
        (TableBug::SizeWrapsAt64KiB, "BE-004 size (past 64 KiB)"),
        (
            TableBug::OpenAtomicCommitReplacesANewFolder,
            "SAW-012 commit re-checks",
        ),
        (
            TableBug::SecondOverwriteAppends,
            "BE-008 overwrite replaces (second overwrite)",
        ),
        (
            TableBug::ReadStreamStopsAt64KiB,
            "SIO-001 streams every byte (past 64 KiB)",
        ),
        (
            TableBug::ConcurrentWritesLoseUpdates,
            "concurrent writes all land (under concurrency)",
        ),
    ];
}

/// Which write a row change comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Commit {
    /// `write` or `write_atomic`.
    Write,
    /// The commit of an `open_atomic` writer.
    OpenAtomic,
}

/// The `open_atomic` writer: buffers, writes on commit.
pub(super) fn writer<'a>(
    table: &'a TableStore,
    path: &RemotePath,
    options: &WriteOptions,
) -> Box<dyn AtomicWriter + 'a> {
    let (path, options) = (path.clone(), options.clone());
    Buffered::boxed(move |bytes| {
        table.put(&path, Content::from(bytes), &options, Commit::OpenAtomic)
    })
}
