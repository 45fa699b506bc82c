//! Backends under test for the shared contract tests: each test gets a fresh
//! MemoryBackend or a LocalBackend in its own temporary directory.
#![allow(dead_code)]

use std::fmt;
use std::ops::Deref;
use std::path::{Path, PathBuf};

use remote_store::backends::{LocalBackend, MemoryBackend};
use remote_store::{Backend, Child, Content, RemotePath, WriteOptions};
use tempfile::TempDir;

/// Which backend a shared test body runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Memory,
    Local,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// A backend under test; a local one owns its temporary directory, which
/// holds the backend root `root/` next to an untouched `outside/` sentinel.
pub struct Subject {
    pub backend: Box<dyn Backend>,
    pub dir: Option<TempDir>,
}

impl Deref for Subject {
    type Target = dyn Backend;

    fn deref(&self) -> &(dyn Backend + 'static) {
        &*self.backend
    }
}

impl Subject {
    /// The local backend's root directory.
    pub fn root_dir(&self) -> PathBuf {
        self.dir
            .as_ref()
            .expect("a local subject")
            .path()
            .join("root")
    }

    /// The sentinel directory next to the local root.
    pub fn outside_dir(&self) -> PathBuf {
        self.dir
            .as_ref()
            .expect("a local subject")
            .path()
            .join("outside")
    }
}

impl Kind {
    /// An empty backend of this kind.
    pub fn empty(self) -> Subject {
        match self {
            Kind::Memory => Subject {
                backend: Box::new(MemoryBackend::new()),
                dir: None,
            },
            Kind::Local => {
                let dir = tempfile::tempdir().expect("a temporary directory");
                std::fs::create_dir(dir.path().join("outside")).expect("the sentinel dir");
                std::fs::write(dir.path().join("outside/secret.txt"), "secret")
                    .expect("the sentinel file");
                let backend = LocalBackend::new(dir.path().join("root")).expect("a local backend");
                Subject {
                    backend: Box::new(backend),
                    dir: Some(dir),
                }
            }
        }
    }

    /// A backend of this kind pre-loaded with `files` (path, content).
    pub fn with(self, files: &[(&str, &str)]) -> Subject {
        let subject = self.empty();
        for (path, content) in files {
            subject
                .write(&p(path), Content::from(*content), &WriteOptions::new())
                .expect("seeding a file");
        }
        subject
    }
}

/// Parses a path that the test knows to be valid.
pub fn p(raw: &str) -> RemotePath {
    RemotePath::parse(raw).expect("test path is valid")
}

/// The whole visible state: every folder (`d path`) and file
/// (`f path=content`), depth-first in listing order.
pub fn state(backend: &dyn Backend) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![RemotePath::root()];
    while let Some(folder) = stack.pop() {
        let mut folders = Vec::new();
        for child in backend.iter_children(&folder).expect("listing a folder") {
            match child.expect("a listing item") {
                Child::File(info) => {
                    let content = backend.read_bytes(&info.path).expect("reading a file");
                    out.push(format!(
                        "f {}={}",
                        info.path,
                        String::from_utf8_lossy(&content)
                    ));
                }
                Child::Folder(entry) => {
                    out.push(format!("d {}", entry.path));
                    folders.push(entry.path);
                }
            }
        }
        stack.extend(folders.into_iter().rev());
    }
    out
}

/// Every entry under `dir` on disk, hidden and temporary files included,
/// relative and sorted.
pub fn disk_entries(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).expect("reading a directory") {
            let entry = entry.expect("a directory entry");
            let path = entry.path();
            out.push(
                path.strip_prefix(dir)
                    .expect("under dir")
                    .to_string_lossy()
                    .into_owned(),
            );
            if entry.file_type().expect("a file type").is_dir() {
                stack.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Whether any temporary file is left under `dir`.
pub fn temp_files(dir: &Path) -> Vec<String> {
    disk_entries(dir)
        .into_iter()
        // LocalBackend stages in `.remote-store-tmp/` at the root.
        .filter(|e| e.starts_with(".remote-store-tmp/") || e.contains(".remote-store-tmp-"))
        .collect()
}
