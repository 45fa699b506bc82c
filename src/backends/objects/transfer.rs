//! `rename` and `copy` of one key.

use object_store::{CopyMode, CopyOptions, ObjectStore, RenameOptions, RenameTargetMode};

use super::errors::{is_already_exists, is_not_found, ours};
use super::ops::exists;
use super::{ObjectStoreBackend, listing};
use crate::{Error, RemotePath, Result, TransferOptions};

/// Which transfer.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Transfer {
    Rename,
    Copy,
}

impl ObjectStoreBackend {
    /// `rename` or `copy`, with the contract's order of checks:
    /// `NotFound(src)`, `InvalidPath(src)` for the root or a folder,
    /// `InvalidPath(dst)` for the root or a folder, then `AlreadyExists(dst)`.
    /// `src == dst` on a file does nothing.
    pub(super) async fn transfer(
        &self,
        transfer: Transfer,
        src: &RemotePath,
        dst: &RemotePath,
        options: TransferOptions,
    ) -> Result<()> {
        if src.is_root() {
            return Err(not_a_file(src));
        }
        if !self.probe_file(src).await? {
            if listing::probe_folder(self, src).await? {
                return Err(not_a_file(src));
            }
            return Err(ours(Error::source_not_found(src)));
        }
        if dst.is_root() {
            return Err(ours(Error::destination_is_the_root(dst)));
        }
        if listing::probe_folder(self, dst).await? {
            return Err(ours(Error::destination_is_a_folder(dst)));
        }
        if src == dst {
            return Ok(());
        }
        let create = !options.overwrite && self.traits.copy_if_not_exists;
        if !options.overwrite && !create && self.probe_file(dst).await? {
            return Err(exists(dst));
        }
        let (from, to) = (self.key(src)?, self.key(dst)?);
        let done = match transfer {
            Transfer::Copy => {
                let mode = if create {
                    CopyMode::Create
                } else {
                    CopyMode::Overwrite
                };
                let options = CopyOptions {
                    mode,
                    ..CopyOptions::default()
                };
                self.store.copy_opts(&from, &to, options).await
            }
            Transfer::Rename => {
                let target_mode = if create {
                    RenameTargetMode::Create
                } else {
                    RenameTargetMode::Overwrite
                };
                let options = RenameOptions {
                    target_mode,
                    ..RenameOptions::default()
                };
                self.store.rename_opts(&from, &to, options).await
            }
        };
        match done {
            Ok(()) => Ok(()),
            Err(e) if create && is_already_exists(&e) => Err(exists(dst)),
            Err(e) if is_not_found(&e) && !self.probe_file(src).await.unwrap_or(true) => {
                Err(ours(Error::source_not_found(src)))
            }
            Err(e) => Err(self.refused_under_a_file(dst, e, "transferring").await),
        }
    }
}

fn not_a_file(path: &RemotePath) -> Error {
    ours(Error::not_a_file(path))
}
