//! The staging folder: one hidden folder at the root, `.remote-store-tmp`,
//! where every write stages its bytes before a rename publishes them.
//!
//! Keeping temporaries out of the user's folders means listings, folder
//! totals, probes and `delete_folder` never meet one. A crash leaves its
//! temporary in the staging folder, where [`sweep`] finds it the next time a
//! backend opens the root.

use std::fs::File;
use std::io;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use super::dir::{Dir, Node, links_unsupported};
use super::errors::{attribute, map_io};
use super::paths::{RESERVED_PREFIX, Root};
use crate::{Error, RemotePath, Result};

/// The staging folder's name, at the root.
pub(super) const STAGING: &str = RESERVED_PREFIX;

/// Opens the staging folder, creating it if missing; never through a link.
fn open_staging(root: &Root, path: &RemotePath) -> Result<Dir> {
    let fail = |e| map_io(e, path, "opening the staging folder");
    let handle = root.handle().map_err(fail)?;
    match handle.open_dir(STAGING) {
        Ok(dir) => return Ok(dir),
        Err(_) if !matches!(handle.node(STAGING), Ok(None)) => {
            return Err(attribute(Error::io(
                path.as_str(),
                format!("the staging entry '{STAGING}' at the root is not a folder"),
                io::Error::from(io::ErrorKind::InvalidData),
            )));
        }
        Err(_) => {}
    }
    match handle.create_dir(STAGING) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(fail(e)),
    }
    handle.open_dir(STAGING).map_err(fail)
}

/// A name no other temporary of this process uses, and unlikely in others.
fn unique_name() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{}-{count}-{nanos:08x}", std::process::id())
}

/// A file in the staging folder; deleted on drop unless published.
#[derive(Debug)]
pub(super) struct TempFile {
    staging: Dir,
    name: String,
    file: File,
    published: bool,
}

impl TempFile {
    /// A new, empty temporary file for a write to `path`.
    pub fn create(root: &Root, path: &RemotePath) -> Result<TempFile> {
        let staging = open_staging(root, path)?;
        let mut attempts = 0;
        loop {
            let name = unique_name();
            match staging.create_file(&name) {
                Ok(file) => {
                    return Ok(TempFile {
                        staging,
                        name,
                        file,
                        published: false,
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempts < 16 => {
                    attempts += 1;
                }
                Err(e) => return Err(map_io(e, path, "creating the temporary file")),
            }
        }
    }

    pub fn file(&mut self) -> &mut File {
        &mut self.file
    }

    /// Moves the file to `name` in `dir`: replacing a file there when
    /// `overwrite`, never otherwise. Syncs the content first when `durable`.
    pub fn publish(mut self, dir: &Dir, name: &str, overwrite: bool, durable: bool) -> Published {
        let synced = if durable {
            self.file.sync_all()
        } else {
            Ok(())
        };
        if let Err(e) = synced {
            return Published::Failed(e);
        }
        let outcome = if overwrite {
            self.staging
                .rename(&self.name, dir, name)
                .map_or_else(Published::Failed, |()| Published::Done)
        } else {
            move_without_replacing(
                || self.staging.rename_noreplace(&self.name, dir, name),
                || self.staging.hard_link(&self.name, dir, name),
                || self.staging.remove_file(&self.name),
                || dir.remove_file(name),
            )
        };
        if matches!(outcome, Published::Done) {
            self.published = true;
        }
        outcome
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.published {
            let _ = self.staging.remove_file(&self.name);
        }
    }
}

/// How a publish ended.
#[derive(Debug)]
pub(super) enum Published {
    Done,
    /// The call failed (`AlreadyExists` when the target appeared).
    Failed(io::Error),
    /// Neither a no-clobber rename nor a hard link exists here: publishing
    /// without `overwrite` cannot be done without risking a clobber.
    Unsupported(io::Error),
}

/// Moves a file without ever replacing the target: a no-clobber rename where
/// the system has one, else a hard link (which fails on an existing target)
/// then the removal of the source. If the source cannot be removed, the link
/// is removed again and the error returned.
pub(super) fn move_without_replacing(
    rename_noreplace: impl FnOnce() -> io::Result<()>,
    hard_link: impl FnOnce() -> io::Result<()>,
    remove_source: impl FnOnce() -> io::Result<()>,
    remove_link: impl FnOnce() -> io::Result<()>,
) -> Published {
    match rename_noreplace() {
        Ok(()) => return Published::Done,
        Err(e) if e.kind() != io::ErrorKind::Unsupported => return Published::Failed(e),
        Err(_) => {}
    }
    match hard_link() {
        Ok(()) => {}
        Err(e) if links_unsupported(&e) => return Published::Unsupported(e),
        Err(e) => return Published::Failed(e),
    }
    match remove_source() {
        Ok(()) => Published::Done,
        Err(e) => {
            let _ = remove_link();
            Published::Failed(e)
        }
    }
}

/// The error of a publish that found no way to avoid a clobber.
pub(super) fn no_clobber_unsupported(error: io::Error, path: &RemotePath) -> Error {
    attribute(Error::io(
        path.as_str(),
        format!(
            "cannot publish '{path}' without overwrite: this file system supports neither \
             a no-clobber rename (renameat2 RENAME_NOREPLACE) nor hard links, so an existing \
             file could be replaced; write with overwrite to replace by rename"
        ),
        error,
    ))
}

/// Removes the staging folder's files last modified more than `older_than`
/// ago (left by a crash; a live writer keeps its file fresh, and one idle
/// longer than the threshold loses it). Returns how many went. A root
/// without a staging folder has nothing to sweep.
pub(super) fn sweep(root: &Root, older_than: Duration) -> io::Result<usize> {
    let handle = root.handle()?;
    let staging = match handle.open_dir(STAGING) {
        Ok(staging) => staging,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    let cutoff = SystemTime::now().checked_sub(older_than);
    let mut swept = 0;
    for entry in staging.entries()? {
        let stale = match staging.node(&entry.name)? {
            Some(Node::File(stat)) => cutoff.is_some_and(|cutoff| stat.modified <= cutoff),
            Some(Node::Foreign) => true,
            Some(Node::Folder) | None => false,
        };
        if stale && staging.remove_file(&entry.name).is_ok() {
            swept += 1;
        }
    }
    Ok(swept)
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    fn unsupported() -> io::Result<()> {
        Err(io::ErrorKind::Unsupported.into())
    }

    #[test]
    fn a_no_clobber_rename_is_used_where_it_exists() {
        let linked = Cell::new(false);
        let outcome = move_without_replacing(
            || Ok(()),
            || {
                linked.set(true);
                Ok(())
            },
            || Ok(()),
            || Ok(()),
        );
        assert!(matches!(outcome, Published::Done));
        assert!(!linked.get());
    }

    #[test]
    fn an_existing_target_is_reported_not_replaced() {
        let outcome = move_without_replacing(
            || Err(io::ErrorKind::AlreadyExists.into()),
            || panic!("no fallback after a real refusal"),
            || Ok(()),
            || Ok(()),
        );
        assert!(
            matches!(&outcome, Published::Failed(e) if e.kind() == io::ErrorKind::AlreadyExists)
        );
    }

    #[test]
    fn without_the_rename_a_hard_link_then_unlink_is_used() {
        let steps = Cell::new(0);
        let outcome = move_without_replacing(
            unsupported,
            || {
                steps.set(steps.get() + 1);
                Ok(())
            },
            || {
                steps.set(steps.get() + 10);
                Ok(())
            },
            || panic!("the link stays"),
        );
        assert!(matches!(outcome, Published::Done));
        assert_eq!(steps.get(), 11);
    }

    #[test]
    fn without_either_the_error_says_so() {
        let outcome = move_without_replacing(
            unsupported,
            unsupported,
            || panic!("nothing to remove"),
            || panic!("nothing to remove"),
        );
        assert!(matches!(outcome, Published::Unsupported(_)));
        let Published::Unsupported(e) = outcome else {
            unreachable!()
        };
        let error = no_clobber_unsupported(e, &RemotePath::parse("a/b").unwrap());
        assert!(error.to_string().contains("neither"), "{error}");
        assert!(error.to_string().contains("a/b"), "{error}");
    }

    #[test]
    fn a_source_that_cannot_be_removed_takes_the_link_back() {
        let unlinked = Cell::new(false);
        let outcome = move_without_replacing(
            unsupported,
            || Ok(()),
            || Err(io::ErrorKind::PermissionDenied.into()),
            || {
                unlinked.set(true);
                Ok(())
            },
        );
        assert!(matches!(outcome, Published::Failed(_)));
        assert!(unlinked.get());
    }
}
