//! The bugs of the from-scratch table backend (`table.rs`), each with the
//! contract clause it breaks, and its `open_atomic` writer.

use remote_store::{AtomicWriter, Content, RemotePath, WriteOptions};

use super::buffered::Buffered;
use super::table::TableStore;

bug_family! {
    /// One way a table of paths goes wrong.
    pub enum TableBug {
        /// The control: correct.
        None,
        /// A write looks for a file only in its parent, not every ancestor.
        AncestorCheckOnlyLooksAtTheParent => "BE-008 InvalidPath under a file-ancestor",
        /// A write creates only the parent folder, not every ancestor.
        MkdirsCreatesOnlyTheParent => "BE-009 intermediate folders (depth >= 3)",
        /// A recursive `delete_folder` leaves rows 4+ levels down behind.
        RecursiveDeleteStopsAtDepth3 => "BE-004 recursive delete (depth >= 4)",
        /// `list_folders` skips folders holding no file.
        EmptyFoldersNotListed => "BE-014 explicit empty folders",
        /// `get_folder_info` sums the sizes of direct children only.
        FolderSizeCountsOnlyDirectChildren => "BE-004 folder info of the subtree",
        /// `rename` with `overwrite` onto a folder replaces the folder.
        RenameOntoFolderReplacesIt => "BE-021 InvalidPath(dst) for a folder",
        /// `copy` of a file onto itself empties it.
        CopyOntoItselfTruncates => "self-copy is a no-op",
        /// The root is not a row, so it does not exist.
        RootIsNotAFolder => "BE-029 the root exists",
        /// A read under a file is `InvalidPath`, not `NotFound`.
        ReadUnderFileIsInvalidPath => "BE-021 NotFound under a file",
        /// A delete under a file is `InvalidPath`, not `NotFound`.
        DeleteUnderFileIsInvalidPath => "BE-021 NotFound under a file",
        /// `list_files` of a file path yields the file.
        ListFilesOfAFileListsIt => "BE-014 listing a file is empty",
        /// `iter_children` yields the folders twice when there are files too.
        IterChildrenDuplicatesFolders => "ITER no duplicates",
        /// A write with `overwrite` onto an empty folder replaces it.
        WriteOntoEmptyFolderWithOverwriteReplacesIt => "BE-008 InvalidPath onto a folder (empty)",
        /// A non-recursive `delete_folder` counts only files as children.
        DirectoryNotEmptyIgnoresEmptySubfolders => "BE-021 DirectoryNotEmpty",
        /// `delete_folder` of a file with `missing_ok` passes.
        MissingOkSilencesAFileForDeleteFolder => "BE-021 type mismatch outranks missing_ok",
        /// `copy` to a path whose parent is missing is `NotFound`.
        CopyCreatesNoParents => "BE-009 copy creates parents",
        /// `rename` without overwrite removes the source, then refuses.
        RenameRemovesSourceBeforeCheckingDestination => "BE-021 a refused call changes nothing",
        /// Segment names are trimmed of spaces.
        TrailingSpacesTrimmed => "BE-008 keys are exact (spaces)",
        /// Listings hide names starting with a dot.
        DotFilesHidden => "BE-014 listings (leading dots)",
        /// `get_file_info` sizes wrap at 64 KiB.
        SizeWrapsAt64KiB => "BE-004 size (past 64 KiB)",
        /// An `open_atomic` commit replaces a folder that appeared meanwhile.
        OpenAtomicCommitReplacesANewFolder => "SAW-012 commit re-checks",
        /// The second overwrite of a file appends instead of replacing.
        SecondOverwriteAppends => "BE-008 overwrite replaces (second overwrite)",
        /// `read` streams only the first 64 KiB.
        ReadStreamStopsAt64KiB => "SIO-001 streams every byte (past 64 KiB)",
        /// Writes read, modify and write back the table: concurrent ones are lost.
        ConcurrentWritesLoseUpdates => "concurrent writes all land (under concurrency)",
    }
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
