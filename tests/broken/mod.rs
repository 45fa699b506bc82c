//! Broken backends: each `Bug` makes a thin wrapper over `MemoryBackend`
//! misbehave in exactly one way. Shared by the conformance and model tests,
//! which must both catch every bug.

#![allow(dead_code)] // Each test binary uses a different part.

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
    AtomicWriter, Backend, Capability, CapabilitySet, Child, Content, DeleteFolderOptions,
    DeleteOptions, Error, FileInfo, FolderEntry, FolderInfo, ListOptions, Listing, ReadStream,
    RemotePath, Result, TransferOptions, WriteOptions, WriteResult,
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

impl Backend for Broken {
    fn name(&self) -> &str {
        "broken"
    }

    fn capabilities(&self) -> CapabilitySet {
        if self.is(Bug::DeclaresGlobWithoutHavingIt) {
            return self.inner.capabilities().with(Capability::GLOB);
        }
        self.inner.capabilities()
    }

    fn close_is_terminal(&self) -> bool {
        self.is(Bug::TerminalCloseThatKeepsWorking)
    }

    fn exists(&self, path: &RemotePath) -> Result<bool> {
        if self.is(Bug::ExistsFailsUnderAFile)
            && path
                .ancestors()
                .any(|a| !a.is_root() && a != *path && self.inner.is_file(&a).unwrap_or(false))
        {
            return Err(Error::invalid_path(path.as_str(), "under a file"));
        }
        self.inner.exists(path)
    }

    fn is_file(&self, path: &RemotePath) -> Result<bool> {
        self.inner.is_file(path)
    }

    fn is_folder(&self, path: &RemotePath) -> Result<bool> {
        self.inner.is_folder(path)
    }

    fn read(&self, path: &RemotePath) -> Result<ReadStream> {
        if self.is(Bug::ReadOfFolderSaysNotFound) && self.inner.is_folder(path)? {
            return Err(not_found(path));
        }
        if self.is(Bug::ReadStreamSkipsTheFirstByte) {
            let bytes = self.inner.read_bytes(path)?;
            return Ok(ReadStream::from_bytes(bytes.slice(bytes.len().min(1)..)));
        }
        self.inner.read(path)
    }

    fn read_bytes(&self, path: &RemotePath) -> Result<Bytes> {
        if self.is(Bug::ReadOfFolderSaysNotFound) && self.inner.is_folder(path)? {
            return Err(not_found(path));
        }
        let result = self.inner.read_bytes(path);
        if self.is(Bug::NotFoundWithoutThePath) {
            return result.map_err(|e| match e {
                Error::NotFound { .. } => Error::not_found("", "not found"),
                other => other,
            });
        }
        result
    }

    fn write(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        let mut options = options.clone();
        if self.is(Bug::WriteIgnoresOverwrite) {
            options.overwrite = true;
        }
        let was_reader = matches!(content, Content::Reader(_));
        let mut result = self.inner.write(path, content, &options)?;
        if self.is(Bug::WriteResultSizeOfReadersIsZero) && was_reader {
            result.size = 0;
        }
        if self.is(Bug::EmptyMetadataEchoed) && result.metadata.is_none() {
            result.metadata = options.metadata.clone();
        }
        Ok(result)
    }

    fn write_atomic(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        let content = match (self.bug, content) {
            (Bug::WriteAtomicKeepsPartialContentOnFailure, Content::Reader(mut reader)) => {
                let mut kept = Vec::new();
                let mut chunk = [0u8; 64 * 1024];
                loop {
                    match reader.read(&mut chunk) {
                        Ok(0) => break,
                        Ok(n) => kept.extend_from_slice(&chunk[..n]),
                        Err(e) => {
                            self.inner.write(path, Content::from(kept), options)?;
                            return Err(Error::io(path.as_str(), "content failed", e));
                        }
                    }
                }
                return self.inner.write_atomic(path, Content::from(kept), options);
            }
            (_, content) => content,
        };
        self.write(path, content, options)
    }

    fn open_atomic(
        &self,
        path: &RemotePath,
        options: &WriteOptions,
    ) -> Result<Box<dyn AtomicWriter + '_>> {
        if self.is(Bug::OpenAtomicLeavesPartialFileOnDrop) {
            return Ok(Box::new(WriteThrough {
                backend: &self.inner,
                path: path.clone(),
                buffer: Vec::new(),
            }));
        }
        self.inner.open_atomic(path, options)
    }

    fn delete(&self, path: &RemotePath, options: DeleteOptions) -> Result<()> {
        if self.is(Bug::MissingOkSilencesTypeMismatch)
            && options.missing_ok
            && self.inner.is_folder(path)?
        {
            return Ok(());
        }
        self.inner.delete(path, options)?;
        if self.is(Bug::DeletePrunesEmptyParents) {
            let mut parent = path.parent();
            while let Some(folder) = parent.filter(|f| !f.is_root()) {
                if self.inner.iter_children(&folder)?.next().is_some() {
                    break;
                }
                self.inner
                    .delete_folder(&folder, DeleteFolderOptions::new())?;
                parent = folder.parent();
            }
        }
        Ok(())
    }

    fn delete_folder(&self, path: &RemotePath, mut options: DeleteFolderOptions) -> Result<()> {
        if self.is(Bug::NonRecursiveDeleteFolderDeletesNonEmpty) {
            options.recursive = true;
        }
        if self.is(Bug::DeleteFolderIgnoresMissingOk) {
            options.missing_ok = false;
        }
        self.inner.delete_folder(path, options)
    }

    fn list_files(&self, path: &RemotePath, options: ListOptions) -> Result<Listing<'_, FileInfo>> {
        if self.is(Bug::ListingLeaksPrefixSiblings) && !path.is_root() {
            let prefix = path.as_str().to_owned();
            let parent = path.parent().unwrap_or_else(RemotePath::root);
            let all = self
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
        let files = self.inner.list_files(path, options.clone())?;
        Ok(match self.bug {
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

    fn list_folders(&self, path: &RemotePath) -> Result<Listing<'_, FolderEntry>> {
        let folders = self.inner.list_folders(path)?;
        if self.is(Bug::ListFoldersIncludesFiles) {
            let files = self
                .inner
                .list_files(path, ListOptions::new())?
                .map(|f| f.map(|f| FolderEntry::new(f.path)));
            return Ok(Box::new(folders.chain(files)));
        }
        Ok(folders)
    }

    fn iter_children(&self, path: &RemotePath) -> Result<Listing<'_, Child>> {
        if self.is(Bug::IterChildrenMissesFolders) {
            return Ok(Box::new(
                self.list_files(path, ListOptions::new())?
                    .map(|f| f.map(Child::File)),
            ));
        }
        self.inner.iter_children(path)
    }

    fn get_file_info(&self, path: &RemotePath) -> Result<FileInfo> {
        if self.is(Bug::FileInfoOfRootSaysNotFound) && path.is_root() {
            return Err(not_found(path));
        }
        self.inner.get_file_info(path)
    }

    fn get_folder_info(&self, path: &RemotePath) -> Result<FolderInfo> {
        let mut info = self.inner.get_folder_info(path)?;
        if self.is(Bug::FolderInfoCountsFolders) {
            let mut stack = vec![path.clone()];
            while let Some(folder) = stack.pop() {
                for entry in self.inner.list_folders(&folder)? {
                    stack.push(entry?.path);
                    info.file_count += 1;
                }
            }
        }
        Ok(info)
    }

    fn rename(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()> {
        match self.bug {
            Bug::RenameDropsMetadata
                if src != dst && self.inner.is_file(src)? && !self.inner.is_folder(dst)? =>
            {
                self.rewrite(src, dst, options.overwrite)?;
                self.inner.delete(src, DeleteOptions::new())
            }
            Bug::RenameKeepsTheSource => self.inner.copy(src, dst, options),
            Bug::SelfRenameDeletesTheFile if src == dst => {
                self.inner.delete(src, DeleteOptions::new())
            }
            Bug::DestinationCheckedBeforeMissingSource if self.inner.exists(dst)? => {
                Err(Error::already_exists(dst.as_str(), "destination exists"))
            }
            _ => self.inner.rename(src, dst, options),
        }
    }

    fn copy(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()> {
        if self.is(Bug::CopyDropsMetadata)
            && src != dst
            && self.inner.is_file(src)?
            && !self.inner.is_folder(dst)?
        {
            return self.rewrite(src, dst, options.overwrite);
        }
        self.inner.copy(src, dst, options)
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
