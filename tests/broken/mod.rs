//! Broken backends: each `Bug` makes a thin wrapper over `MemoryBackend`
//! (a `remote_store::Delegate`: only the overridden methods differ)
//! misbehave in exactly one way. Shared by the conformance and model tests,
//! which must both catch every bug.

#![allow(dead_code)] // Each test binary uses a different part.

#[macro_use]
mod bug_family;
mod buffered;
pub mod flat;
mod flat_bugs;
mod flat_streams;
pub mod null;
pub mod run;
pub mod subject;
pub mod table;
mod table_bugs;
mod table_ops;
pub mod wrap_identity;
pub mod wrap_streams;

use std::io::{self, Read, Write};

use bytes::Bytes;
use remote_store::backends::MemoryBackend;
use remote_store::{
    AtomicWriter, Backend, Capability, CapabilitySet, Child, Content, Delegate,
    DeleteFolderOptions, DeleteOptions, Error, FileInfo, FolderEntry, FolderInfo, ListOptions,
    Listing, ReadStream, RemotePath, Result, TransferOptions, WriteOptions, WriteResult,
};

/// One way to be wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bug {
    /// The control: behaves exactly like memory.
    None,
    WriteIgnoresOverwrite,
    DeletePrunesEmptyParents,
    RecursiveListingSkipsDepth3,
    RenameDropsMetadata,
    CopyDropsMetadata,
    ReadOfFolderSaysNotFound,
    ExistsFailsUnderAFile,
    NonRecursiveDeleteFolderDeletesNonEmpty,
    FolderInfoCountsFolders,
    ListingDuplicatesEntries,
    OpenAtomicLeavesPartialFileOnDrop,
    WriteAtomicKeepsPartialContentOnFailure,
    MissingOkSilencesTypeMismatch,
    DeleteFolderIgnoresMissingOk,
    ListingLeaksPrefixSiblings,
    FileInfoOfRootSaysNotFound,
    RenameKeepsTheSource,
    SelfRenameDeletesTheFile,
    WriteResultSizeOfReadersIsZero,
    ReadStreamSkipsTheFirstByte,
    ListFoldersIncludesFiles,
    DeclaresGlobWithoutHavingIt,
    TerminalCloseThatKeepsWorking,
    NotFoundWithoutThePath,
    MaxDepthOffByOne,
    DestinationCheckedBeforeMissingSource,
    EmptyMetadataEchoed,
    IterChildrenMissesFolders,
    ListingUnsorted,
}

#[derive(Debug)]
pub struct Broken {
    pub inner: MemoryBackend,
    pub bug: Bug,
}

fn depth_below(path: &RemotePath, base: &RemotePath) -> usize {
    path.depth().saturating_sub(base.depth() + 1)
}

fn not_found(path: &RemotePath) -> Error {
    Error::not_found(path.as_str(), "not found")
}

impl Bug {
    /// Every bug (not the control).
    pub const ALL: [Bug; 29] = [
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
        Bug::DeclaresGlobWithoutHavingIt,
        Bug::TerminalCloseThatKeepsWorking,
        Bug::NotFoundWithoutThePath,
        Bug::MaxDepthOffByOne,
        Bug::DestinationCheckedBeforeMissingSource,
        Bug::EmptyMetadataEchoed,
        Bug::IterChildrenMissesFolders,
        Bug::ListingUnsorted,
    ];

    /// Whether the model's ops can show the bug: it has no op for `glob` or
    /// `close`, and never writes empty metadata.
    pub fn model_can_see(self) -> bool {
        !matches!(
            self,
            Bug::DeclaresGlobWithoutHavingIt
                | Bug::TerminalCloseThatKeepsWorking
                | Bug::EmptyMetadataEchoed
        )
    }
}

impl Broken {
    /// A fresh, empty backend with `bug`.
    pub fn new(bug: Bug) -> Self {
        Broken {
            inner: MemoryBackend::new(),
            bug,
        }
    }

    fn is(&self, bug: Bug) -> bool {
        self.bug == bug
    }

    /// Rewrites `dst` from `src`'s bytes, without metadata.
    fn rewrite(&self, src: &RemotePath, dst: &RemotePath, overwrite: bool) -> Result<()> {
        let bytes = self.inner.read_bytes(src)?;
        self.inner.write(
            dst,
            Content::Bytes(bytes),
            &WriteOptions::new().overwrite(overwrite),
        )?;
        Ok(())
    }
}

impl Delegate for Broken {
    type Inner = MemoryBackend;

    fn inner(&self) -> &MemoryBackend {
        &self.inner
    }

    fn name(_: &Self) -> &str {
        "broken"
    }

    fn capabilities(this: &Self) -> CapabilitySet {
        if this.is(Bug::DeclaresGlobWithoutHavingIt) {
            return this.inner.capabilities().with(Capability::GLOB);
        }
        this.inner.capabilities()
    }

    fn close_is_terminal(this: &Self) -> bool {
        this.is(Bug::TerminalCloseThatKeepsWorking)
    }

    fn exists(this: &Self, path: &RemotePath) -> Result<bool> {
        if this.is(Bug::ExistsFailsUnderAFile)
            && path
                .ancestors()
                .any(|a| !a.is_root() && a != *path && this.inner.is_file(&a).unwrap_or(false))
        {
            return Err(Error::invalid_path(path.as_str(), "under a file"));
        }
        this.inner.exists(path)
    }

    fn is_file(this: &Self, path: &RemotePath) -> Result<bool> {
        this.inner.is_file(path)
    }

    fn is_folder(this: &Self, path: &RemotePath) -> Result<bool> {
        this.inner.is_folder(path)
    }

    fn read(this: &Self, path: &RemotePath) -> Result<ReadStream> {
        if this.is(Bug::ReadOfFolderSaysNotFound) && this.inner.is_folder(path)? {
            return Err(not_found(path));
        }
        if this.is(Bug::ReadStreamSkipsTheFirstByte) {
            let bytes = this.inner.read_bytes(path)?;
            return Ok(ReadStream::from_bytes(bytes.slice(bytes.len().min(1)..)));
        }
        this.inner.read(path)
    }

    fn read_bytes(this: &Self, path: &RemotePath) -> Result<Bytes> {
        if this.is(Bug::ReadOfFolderSaysNotFound) && this.inner.is_folder(path)? {
            return Err(not_found(path));
        }
        let result = this.inner.read_bytes(path);
        if this.is(Bug::NotFoundWithoutThePath) {
            return result.map_err(|e| match e {
                Error::NotFound { .. } => Error::not_found("", "not found"),
                other => other,
            });
        }
        result
    }

    fn write(
        this: &Self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        let mut options = options.clone();
        if this.is(Bug::WriteIgnoresOverwrite) {
            options.overwrite = true;
        }
        let was_reader = matches!(content, Content::Reader(_));
        let mut result = this.inner.write(path, content, &options)?;
        if this.is(Bug::WriteResultSizeOfReadersIsZero) && was_reader {
            result.size = 0;
        }
        if this.is(Bug::EmptyMetadataEchoed) && result.metadata.is_none() {
            result.metadata = options.metadata.clone();
        }
        Ok(result)
    }

    fn write_atomic(
        this: &Self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        let content = match (this.bug, content) {
            (Bug::WriteAtomicKeepsPartialContentOnFailure, Content::Reader(mut reader)) => {
                let mut kept = Vec::new();
                let mut chunk = [0u8; 64 * 1024];
                loop {
                    match reader.read(&mut chunk) {
                        Ok(0) => break,
                        Ok(n) => kept.extend_from_slice(&chunk[..n]),
                        Err(e) => {
                            this.inner.write(path, Content::from(kept), options)?;
                            return Err(Error::io(path.as_str(), "content failed", e));
                        }
                    }
                }
                return this.inner.write_atomic(path, Content::from(kept), options);
            }
            (_, content) => content,
        };
        this.write(path, content, options)
    }

    fn open_atomic<'a>(
        this: &'a Self,
        path: &RemotePath,
        options: &WriteOptions,
    ) -> Result<Box<dyn AtomicWriter + 'a>> {
        if this.is(Bug::OpenAtomicLeavesPartialFileOnDrop) {
            return Ok(Box::new(WriteThrough {
                backend: &this.inner,
                path: path.clone(),
                buffer: Vec::new(),
            }));
        }
        this.inner.open_atomic(path, options)
    }

    fn delete(this: &Self, path: &RemotePath, options: DeleteOptions) -> Result<()> {
        if this.is(Bug::MissingOkSilencesTypeMismatch)
            && options.missing_ok
            && this.inner.is_folder(path)?
        {
            return Ok(());
        }
        this.inner.delete(path, options)?;
        if this.is(Bug::DeletePrunesEmptyParents) {
            let mut parent = path.parent();
            while let Some(folder) = parent.filter(|f| !f.is_root()) {
                if this.inner.iter_children(&folder)?.next().is_some() {
                    break;
                }
                this.inner
                    .delete_folder(&folder, DeleteFolderOptions::new())?;
                parent = folder.parent();
            }
        }
        Ok(())
    }

    fn delete_folder(
        this: &Self,
        path: &RemotePath,
        mut options: DeleteFolderOptions,
    ) -> Result<()> {
        if this.is(Bug::NonRecursiveDeleteFolderDeletesNonEmpty) {
            options.recursive = true;
        }
        if this.is(Bug::DeleteFolderIgnoresMissingOk) {
            options.missing_ok = false;
        }
        this.inner.delete_folder(path, options)
    }

    fn list_files<'a>(
        this: &'a Self,
        path: &RemotePath,
        options: ListOptions,
    ) -> Result<Listing<'a, FileInfo>> {
        if this.is(Bug::ListingLeaksPrefixSiblings) && !path.is_root() {
            let prefix = path.as_str().to_owned();
            let parent = path.parent().unwrap_or_else(RemotePath::root);
            let all = this
                .inner
                .list_files(&parent, ListOptions::new().recursive(true))?;
            let recursive = options.recursive;
            return Ok(Box::new(all.filter(move |f| {
                f.as_ref().map_or(true, |f| {
                    f.path.as_str().starts_with(&prefix)
                        && f.path.as_str() != prefix
                        && (recursive || f.path.depth() == prefix.split('/').count() + 1)
                })
            })));
        }
        let base = path.clone();
        let files = this.inner.list_files(path, options.clone())?;
        Ok(match this.bug {
            Bug::RecursiveListingSkipsDepth3 => Box::new(
                files.filter(move |f| f.as_ref().map_or(true, |f| depth_below(&f.path, &base) < 3)),
            ),
            Bug::MaxDepthOffByOne => {
                let max = options.max_depth;
                Box::new(files.filter(move |f| {
                    f.as_ref().map_or(true, |f| {
                        max.is_none_or(|m| depth_below(&f.path, &base) < m)
                    })
                }))
            }
            Bug::ListingDuplicatesEntries => Box::new(files.flat_map(|f| {
                [
                    f.as_ref()
                        .map(Clone::clone)
                        .map_err(|e| Error::invalid_path("", e.to_string())),
                    f,
                ]
            })),
            Bug::ListingUnsorted => {
                let mut all: Vec<_> = files.collect();
                all.reverse();
                Box::new(all.into_iter())
            }
            _ => files,
        })
    }

    fn list_folders<'a>(this: &'a Self, path: &RemotePath) -> Result<Listing<'a, FolderEntry>> {
        let folders = this.inner.list_folders(path)?;
        if this.is(Bug::ListFoldersIncludesFiles) {
            let files = this
                .inner
                .list_files(path, ListOptions::new())?
                .map(|f| f.map(|f| FolderEntry::new(f.path)));
            return Ok(Box::new(folders.chain(files)));
        }
        Ok(folders)
    }

    fn iter_children<'a>(this: &'a Self, path: &RemotePath) -> Result<Listing<'a, Child>> {
        if this.is(Bug::IterChildrenMissesFolders) {
            return Ok(Box::new(
                this.list_files(path, ListOptions::new())?
                    .map(|f| f.map(Child::File)),
            ));
        }
        this.inner.iter_children(path)
    }

    fn get_file_info(this: &Self, path: &RemotePath) -> Result<FileInfo> {
        if this.is(Bug::FileInfoOfRootSaysNotFound) && path.is_root() {
            return Err(not_found(path));
        }
        this.inner.get_file_info(path)
    }

    fn get_folder_info(this: &Self, path: &RemotePath) -> Result<FolderInfo> {
        let mut info = this.inner.get_folder_info(path)?;
        if this.is(Bug::FolderInfoCountsFolders) {
            let mut stack = vec![path.clone()];
            while let Some(folder) = stack.pop() {
                for entry in this.inner.list_folders(&folder)? {
                    stack.push(entry?.path);
                    info.file_count += 1;
                }
            }
        }
        Ok(info)
    }

    fn rename(
        this: &Self,
        src: &RemotePath,
        dst: &RemotePath,
        options: TransferOptions,
    ) -> Result<()> {
        match this.bug {
            Bug::RenameDropsMetadata
                if src != dst && this.inner.is_file(src)? && !this.inner.is_folder(dst)? =>
            {
                this.rewrite(src, dst, options.overwrite)?;
                this.inner.delete(src, DeleteOptions::new())
            }
            Bug::RenameKeepsTheSource => this.inner.copy(src, dst, options),
            Bug::SelfRenameDeletesTheFile if src == dst => {
                this.inner.delete(src, DeleteOptions::new())
            }
            Bug::DestinationCheckedBeforeMissingSource if this.inner.exists(dst)? => {
                Err(Error::already_exists(dst.as_str(), "destination exists"))
            }
            _ => this.inner.rename(src, dst, options),
        }
    }

    fn copy(
        this: &Self,
        src: &RemotePath,
        dst: &RemotePath,
        options: TransferOptions,
    ) -> Result<()> {
        if this.is(Bug::CopyDropsMetadata)
            && src != dst
            && this.inner.is_file(src)?
            && !this.inner.is_folder(dst)?
        {
            return this.rewrite(src, dst, options.overwrite);
        }
        this.inner.copy(src, dst, options)
    }
}

/// An "atomic" writer that writes through: every chunk lands in the file.
struct WriteThrough<'a> {
    backend: &'a MemoryBackend,
    path: RemotePath,
    buffer: Vec<u8>,
}

impl Write for WriteThrough<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(buf);
        self.backend
            .write(
                &self.path,
                Content::from(self.buffer.clone()),
                &WriteOptions::new().overwrite(true),
            )
            .map_err(io::Error::other)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl AtomicWriter for WriteThrough<'_> {
    fn position(&self) -> u64 {
        self.buffer.len() as u64
    }

    fn commit(self: Box<Self>) -> Result<WriteResult> {
        self.backend.write(
            &self.path,
            Content::from(self.buffer),
            &WriteOptions::new().overwrite(true),
        )
    }
}
