//! Keys to native paths, confined to the root, and the symlink-free walk that
//! tells what a key names.
//!
//! Confinement does not rely on string checks alone: [`RemotePath`] already has
//! no `..`, no NUL, no backslash and no leading `/`; here every segment must
//! also be a plain file name on this platform (so `C:` cannot re-root a path on
//! Windows), and [`Root::probe`] inspects each component with
//! `symlink_metadata`, stopping at the first symbolic link or special file.

use std::ffi::OsStr;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::errors::{attribute, map_io};
use crate::{Error, RemotePath, Result};

/// Names starting with this are the backend's temporary files: hidden from
/// listings and refused as keys.
pub(super) const TEMP_PREFIX: &str = ".remote-store-tmp-";

/// What a key names on disk, found without following any symbolic link.
#[derive(Debug)]
pub(super) enum Probe {
    /// A directory (the root always is).
    Folder,
    /// A regular file, with its `symlink_metadata`.
    File(fs::Metadata),
    /// Nothing; the first `existing` segments are directories.
    Missing { existing: usize },
    /// The segment at `blocker` is a regular file, before the last segment.
    UnderFile { blocker: usize },
    /// The segment at `at` is a symbolic link or a special file.
    Foreign { at: usize },
}

/// The canonical root directory and its string form.
#[derive(Debug, Clone)]
pub(super) struct Root {
    dir: PathBuf,
    display: String,
}

impl Root {
    pub fn new(dir: PathBuf) -> Self {
        let display = dir.to_string_lossy().into_owned();
        Root { dir, display }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The native path of `path`, refusing segments that are not plain names
    /// here or that are reserved for temporary files.
    pub fn native(&self, path: &RemotePath) -> Result<PathBuf> {
        let mut native = self.dir.clone();
        for segment in path.segments() {
            check_segment(path, segment)?;
            native.push(segment);
        }
        Ok(native)
    }

    /// The native path of the first `count` segments of `path` (already
    /// checked by [`native`](Root::native) or [`probe`](Root::probe)).
    pub fn native_prefix(&self, path: &RemotePath, count: usize) -> PathBuf {
        let mut native = self.dir.clone();
        native.extend(path.segments().take(count));
        native
    }

    /// The absolute native path as a string (lossy for non-UTF-8 roots).
    pub fn native_string(&self, path: &RemotePath) -> String {
        let mut native = self.display.clone();
        for segment in path.segments() {
            native.push(std::path::MAIN_SEPARATOR);
            native.push_str(segment);
        }
        native
    }

    /// The key of a native path string: the root prefix stripped, separators
    /// turned into `/`; anything outside the root comes back unchanged.
    pub fn to_key(&self, native: &str) -> String {
        let Some(rest) = native.strip_prefix(&self.display) else {
            return native.to_owned();
        };
        if rest.is_empty() {
            return String::new();
        }
        match rest.strip_prefix(std::path::MAIN_SEPARATOR) {
            Some(key) => key.replace(std::path::MAIN_SEPARATOR, "/"),
            None => native.to_owned(),
        }
    }

    /// What `path` names, walking from the root with `symlink_metadata`, one
    /// component at a time, so that no symbolic link is ever followed.
    pub fn probe(&self, path: &RemotePath) -> Result<Probe> {
        let mut native = self.dir.clone();
        let depth = path.depth();
        for (index, segment) in path.segments().enumerate() {
            check_segment(path, segment)?;
            native.push(segment);
            let metadata = match fs::symlink_metadata(&native) {
                Ok(metadata) => metadata,
                // NotADirectory: an ancestor turned into a file since we looked.
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                    ) =>
                {
                    return Ok(Probe::Missing { existing: index });
                }
                Err(e) => return Err(map_io(e, path, "inspecting the path")),
            };
            let file_type = metadata.file_type();
            if file_type.is_dir() {
                continue;
            }
            if !file_type.is_file() {
                return Ok(Probe::Foreign { at: index });
            }
            return Ok(if index + 1 == depth {
                Probe::File(metadata)
            } else {
                Probe::UnderFile { blocker: index }
            });
        }
        Ok(Probe::Folder)
    }
}

/// Refuses a segment that would not stay one plain name under the root on this
/// platform (a Windows drive prefix, say), or that is a temporary-file name.
fn check_segment(path: &RemotePath, segment: &str) -> Result<()> {
    if segment.starts_with(TEMP_PREFIX) {
        return Err(attribute(Error::invalid_path(
            path.as_str(),
            format!("names starting with '{TEMP_PREFIX}' are reserved for temporary files"),
        )));
    }
    let mut components = Path::new(segment).components();
    let plain = matches!(
        (components.next(), components.next()),
        (Some(Component::Normal(name)), None) if name == OsStr::new(segment)
    );
    if plain {
        Ok(())
    } else {
        Err(attribute(Error::invalid_path(
            path.as_str(),
            format!("'{segment}' is not a plain file name on this platform"),
        )))
    }
}

/// Whether a directory entry name can be listed: valid UTF-8, one plain
/// segment that parses to itself, and not a temporary file.
pub(super) fn listable_name(name: &OsStr) -> Option<String> {
    let name = name.to_str()?;
    if name.starts_with(TEMP_PREFIX) || name.contains('\\') {
        return None;
    }
    let parsed = RemotePath::parse(name).ok()?;
    (parsed.as_str() == name && check_segment(&parsed, name).is_ok()).then(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> Root {
        Root::new(PathBuf::from("/srv/data"))
    }

    #[test]
    fn to_key_inverts_native_string_and_leaves_foreign_paths_alone() {
        let root = root();
        for key in ["", "a", "a/b/c.txt"] {
            let path = RemotePath::parse(key).unwrap();
            assert_eq!(root.to_key(&root.native_string(&path)), key);
        }
        assert_eq!(root.to_key("/srv/database/x"), "/srv/database/x");
        assert_eq!(root.to_key("relative/x"), "relative/x");
    }

    #[test]
    fn temporary_names_are_reserved_and_not_listable() {
        let path = RemotePath::parse(&format!("a/{TEMP_PREFIX}x")).unwrap();
        assert!(root().native(&path).is_err());
        assert_eq!(listable_name(OsStr::new(&format!("{TEMP_PREFIX}1"))), None);
        assert_eq!(listable_name(OsStr::new("a\\b")), None);
        assert_eq!(
            listable_name(OsStr::new("ok.txt")).as_deref(),
            Some("ok.txt")
        );
    }
}
