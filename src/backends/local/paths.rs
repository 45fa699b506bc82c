//! Keys to folder handles: each key is resolved from the open root folder,
//! one segment at a time, never following a symbolic link, stopping at the
//! first link, special file or regular file.

use std::ffi::OsStr;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::dir::{Dir, FileStat, Node};
use super::errors::{attribute, file_in_the_way, map_io, not_followed};
use crate::{Error, RemotePath, Result};

/// Names starting with this are the backend's: its staging folder at the
/// root (named exactly this) and the temporary files of earlier versions.
/// They are never listed and are refused as keys.
pub(super) const RESERVED_PREFIX: &str = ".remote-store-tmp";

/// What a key names on disk, found without following any symbolic link.
#[derive(Debug)]
pub(super) enum Probe {
    /// A directory (the root always is).
    Folder,
    /// A regular file.
    File(FileStat),
    /// Nothing (every ancestor is a folder).
    Missing,
    /// The segment at `blocker` is a regular file, before the last segment.
    UnderFile { blocker: usize },
    /// The segment at `at` is a symbolic link or a special file.
    Foreign { at: usize },
}

/// A probed key and the folder handles met on the way.
#[derive(Debug)]
pub(super) struct Located {
    pub probe: Probe,
    /// The deepest folder opened: the key itself for a folder, else the
    /// folder holding the segment the walk stopped at.
    pub dir: Dir,
    /// For a folder other than the root: the folder holding it.
    pub parent: Option<Dir>,
}

/// The root folder: its path (for `native_path`), an open handle that every
/// operation starts from, and the durability setting.
#[derive(Debug)]
pub(super) struct Root {
    dir: PathBuf,
    display: String,
    handle: Dir,
    pub durable: bool,
}

impl Root {
    /// Opens the root folder `dir` (already canonical).
    pub fn open(dir: PathBuf, durable: bool) -> io::Result<Self> {
        let handle = Dir::open_root(&dir)?;
        let display = dir.to_string_lossy().into_owned();
        Ok(Root {
            dir,
            display,
            handle,
            durable,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A new handle on the root folder.
    pub fn handle(&self) -> io::Result<Dir> {
        self.handle.try_clone()
    }

    /// The absolute native path as a string (lossy for non-UTF-8 roots).
    pub fn native_string(&self, path: &RemotePath) -> String {
        native_string(&self.display, path)
    }

    /// The key of a native path string: the root prefix stripped, separators
    /// turned into `/`; anything outside the root comes back unchanged.
    pub fn to_key(&self, native: &str) -> String {
        to_key(&self.display, native)
    }

    /// What `path` names, walking from the root handle one segment at a
    /// time, opening each folder with `O_NOFOLLOW`.
    pub fn locate(&self, path: &RemotePath) -> Result<Located> {
        let fail = |e: io::Error| map_io(e, path, "inspecting the path");
        let mut dir = self.handle().map_err(fail)?;
        let mut parent = None;
        let depth = path.depth();
        for (index, segment) in path.segments().enumerate() {
            check_segment(path, segment)?;
            let last = index + 1 == depth;
            if last {
                match dir.node(segment).map_err(fail)? {
                    None => return Ok(found(Probe::Missing, dir)),
                    Some(Node::File(stat)) => return Ok(found(Probe::File(stat), dir)),
                    Some(Node::Foreign) => return Ok(found(Probe::Foreign { at: index }, dir)),
                    Some(Node::Folder) => {}
                }
            }
            let opened = match dir.open_dir(segment) {
                Ok(child) => child,
                Err(error) => {
                    let probe = match dir.node(segment).map_err(fail)? {
                        None => Probe::Missing,
                        Some(Node::File(stat)) if last => Probe::File(stat),
                        Some(Node::File(_)) => Probe::UnderFile { blocker: index },
                        Some(Node::Foreign) => Probe::Foreign { at: index },
                        // Another writer created the folder between the two
                        // calls: open it now.
                        Some(Node::Folder) => match dir.open_dir(segment) {
                            Ok(child) => {
                                parent = Some(std::mem::replace(&mut dir, child));
                                continue;
                            }
                            Err(_) => return Err(map_io(error, path, "opening a folder")),
                        },
                    };
                    return Ok(found(probe, dir));
                }
            };
            parent = Some(std::mem::replace(&mut dir, opened));
        }
        Ok(Located {
            probe: Probe::Folder,
            dir,
            parent,
        })
    }

    /// The folder that holds `path`'s last segment, creating the missing
    /// folders on the way (without following links). Returns it with the
    /// folders created, to undo on failure.
    pub fn ensure_parent(&self, path: &RemotePath) -> Result<(Dir, CreatedFolders)> {
        let fail = |e: io::Error| map_io(e, path, "creating a parent folder");
        let mut dir = self.handle().map_err(fail)?;
        let mut created = CreatedFolders(Vec::new());
        for (index, segment) in path
            .segments()
            .take(path.depth().saturating_sub(1))
            .enumerate()
        {
            check_segment(path, segment)?;
            let opened = match dir.open_dir(segment) {
                Ok(child) => Ok(child),
                Err(e) => match dir.node(segment) {
                    Ok(None) => match dir.create_dir(segment) {
                        Ok(()) => {
                            let parent = dir.try_clone().map_err(fail)?;
                            created.0.push((parent, segment.to_owned()));
                            dir.open_dir(segment)
                        }
                        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => dir.open_dir(segment),
                        Err(e) => Err(e),
                    },
                    // Another writer created it between the open and the probe.
                    Ok(Some(Node::Folder)) => dir.open_dir(segment),
                    _ => Err(e),
                },
            };
            match opened {
                Ok(child) => dir = child,
                Err(error) => {
                    let refusal = match dir.node(segment) {
                        Ok(Some(Node::File(_))) => file_in_the_way(path, index),
                        Ok(Some(Node::Foreign)) => not_followed(path, index),
                        _ => fail(error),
                    };
                    created.undo();
                    return Err(refusal);
                }
            }
        }
        Ok((dir, created))
    }
}

fn found(probe: Probe, dir: Dir) -> Located {
    Located {
        probe,
        dir,
        parent: None,
    }
}

/// Folders created by one publish, as (parent handle, name): removed again,
/// deepest first, if it fails; flushed to disk in durable mode.
#[derive(Debug)]
pub(super) struct CreatedFolders(Vec<(Dir, String)>);

impl CreatedFolders {
    /// Removes the created folders that are still empty.
    pub fn undo(self) {
        for (parent, name) in self.0.into_iter().rev() {
            // Only empty folders go; one that gained an entry meanwhile stays.
            let _ = parent.remove_dir(&name);
        }
    }

    /// Flushes the entries of the created folders in their parents.
    pub fn sync(&self) -> io::Result<()> {
        self.0.iter().try_for_each(|(parent, _)| parent.sync())
    }
}

fn native_string(display: &str, path: &RemotePath) -> String {
    let mut native = display.to_owned();
    for segment in path.segments() {
        native.push(std::path::MAIN_SEPARATOR);
        native.push_str(segment);
    }
    native
}

fn to_key(display: &str, native: &str) -> String {
    let Some(rest) = native.strip_prefix(display) else {
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

/// Refuses a segment that would not stay one plain name under the root on this
/// platform (a Windows drive prefix, say), or that is a reserved name.
pub(super) fn check_segment(path: &RemotePath, segment: &str) -> Result<()> {
    if segment.starts_with(RESERVED_PREFIX) {
        return Err(attribute(Error::invalid_path(
            path.as_str(),
            format!("names starting with '{RESERVED_PREFIX}' are reserved for temporary files"),
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
/// segment that parses to itself, and not reserved.
pub(super) fn listable_name(name: &OsStr) -> Option<String> {
    let name = name.to_str()?;
    if name.starts_with(RESERVED_PREFIX) || name.contains('\\') {
        return None;
    }
    let parsed = RemotePath::parse(name).ok()?;
    (parsed.as_str() == name && check_segment(&parsed, name).is_ok()).then(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_key_inverts_native_string_and_leaves_foreign_paths_alone() {
        let root = "/srv/data";
        for key in ["", "a", "a/b/c.txt"] {
            let path = RemotePath::parse(key).unwrap();
            assert_eq!(to_key(root, &native_string(root, &path)), key);
        }
        assert_eq!(to_key(root, "/srv/database/x"), "/srv/database/x");
        assert_eq!(to_key(root, "relative/x"), "relative/x");
    }

    #[test]
    fn reserved_names_are_refused_and_not_listable() {
        let path = RemotePath::parse(&format!("a/{RESERVED_PREFIX}-x")).unwrap();
        assert!(check_segment(&path, path.name()).is_err());
        let staging = RemotePath::parse(RESERVED_PREFIX).unwrap();
        assert!(check_segment(&staging, RESERVED_PREFIX).is_err());
        assert_eq!(listable_name(OsStr::new(RESERVED_PREFIX)), None);
        assert_eq!(
            listable_name(OsStr::new(&format!("{RESERVED_PREFIX}-1"))),
            None
        );
        assert_eq!(listable_name(OsStr::new("a\\b")), None);
        assert_eq!(
            listable_name(OsStr::new("ok.txt")).as_deref(),
            Some("ok.txt")
        );
    }
}
