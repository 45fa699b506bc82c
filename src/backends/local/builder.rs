//! [`LocalBackendBuilder`]: the settings of a [`LocalBackend`].

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::LocalBackend;
use super::staging;
use crate::Result;

/// The settings of a [`LocalBackend`], from [`LocalBackend::builder`].
///
/// * [`durable`](Self::durable): off by default.
/// * [`sweep_stale_temporaries`](Self::sweep_stale_temporaries): on by
///   default, for temporaries older than [`DEFAULT_SWEEP_AGE`](Self::DEFAULT_SWEEP_AGE).
#[derive(Debug, Clone)]
#[must_use]
pub struct LocalBackendBuilder {
    root_dir: PathBuf,
    durable: bool,
    sweep_older_than: Option<Duration>,
}

impl LocalBackendBuilder {
    /// Temporaries untouched for this long (a day) are swept when a backend
    /// opens the root, unless configured otherwise.
    pub const DEFAULT_SWEEP_AGE: Duration = Duration::from_secs(24 * 60 * 60);

    pub(super) fn new(root_dir: &Path) -> Self {
        LocalBackendBuilder {
            root_dir: root_dir.to_path_buf(),
            durable: false,
            sweep_older_than: Some(Self::DEFAULT_SWEEP_AGE),
        }
    }

    /// Durable writes: `write`, `write_atomic`, `open_atomic`'s commit, `copy`
    /// and `rename` return only once the file's content is on stable storage
    /// (`fsync` of the file before it is renamed into place) and so is its
    /// name (`fsync` of its folder, and of the parents of folders the write
    /// created). Without it, a power loss shortly after a write may leave the
    /// old content, or an empty file, at the key; a crash of the process alone
    /// never does.
    pub fn durable(mut self, on: bool) -> Self {
        self.durable = on;
        self
    }

    /// On opening the root, delete the temporaries of the staging folder
    /// untouched for longer than `older_than` (left by a crashed process);
    /// `None` sweeps nothing. Choose an age longer than any write may take
    /// between two chunks: a writer idle longer loses its temporary.
    pub fn sweep_stale_temporaries(mut self, older_than: Option<Duration>) -> Self {
        self.sweep_older_than = older_than;
        self
    }

    /// Creates the root if missing, opens it, and sweeps stale temporaries
    /// (a sweep that fails, on a read-only root say, is not an error).
    ///
    /// # Errors
    ///
    /// As [`LocalBackend::new`].
    pub fn build(self) -> Result<LocalBackend> {
        let backend = LocalBackend::open(&self.root_dir, self.durable)?;
        if let Some(age) = self.sweep_older_than {
            let _ = staging::sweep(&backend.root, age);
        }
        Ok(backend)
    }
}
