//! [`Op`]: one call of the [`Backend`](crate::Backend) contract, over a small
//! path alphabet so that names keep colliding.

use std::fmt;

use crate::{Capability, RemotePath};

/// The segments every generated path is made of. `a` and `a.b` share a
/// prefix, so listings that match prefixes instead of whole segments show.
pub const SEGMENTS: [&str; 3] = ["a", "b", "a.b"];

/// The deepest generated path, in segments (`a/b/a.b/a`): deep enough that
/// a recursive listing has files three levels below a listed folder.
pub const MAX_DEPTH: usize = 4;

/// The user-metadata keys and values generated writes may carry.
pub const METADATA_VALUES: [&str; 2] = ["x", "y"];

/// A path of the alphabet: the root (`""`) or up to [`MAX_DEPTH`] segments
/// of [`SEGMENTS`].
///
/// Built from segment indices, so every value is valid and shrinks toward
/// shorter paths of earlier segments.
pub fn alphabet_path(indices: &[usize]) -> RemotePath {
    let joined = indices
        .iter()
        .take(MAX_DEPTH)
        .map(|&i| SEGMENTS[i % SEGMENTS.len()])
        .collect::<Vec<_>>()
        .join("/");
    RemotePath::parse(&joined).unwrap_or_default()
}

/// Every path of the alphabet, the root first, shallow before deep.
pub fn all_paths() -> Vec<RemotePath> {
    let mut paths = vec![RemotePath::root()];
    let mut level = vec![Vec::<usize>::new()];
    for _ in 0..MAX_DEPTH {
        level = level
            .iter()
            .flat_map(|prefix| {
                (0..SEGMENTS.len()).map(move |i| {
                    let mut next = prefix.clone();
                    next.push(i);
                    next
                })
            })
            .collect();
        paths.extend(level.iter().map(|indices| alphabet_path(indices)));
    }
    paths
}

/// How the content of a write is handed over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// `Content::Bytes`.
    Bytes,
    /// `Content::Reader` over the whole content.
    Reader,
    /// A reader that yields the first `n` bytes and then fails: the write
    /// must fail with an I/O error and leave the backend unchanged.
    FailingReader(usize),
}

/// One operation of the contract, with its options.
///
/// Paths come from [`SEGMENTS`]; the `Debug` form reads as a script line,
/// e.g. `write("a/b", "xy", overwrite)`, so a shrunk failing sequence prints
/// as a short program.
#[derive(Clone, PartialEq, Eq, Hash)]
#[allow(missing_docs)] // The variants are the Backend methods of the same names.
pub enum Op {
    Exists(RemotePath),
    IsFile(RemotePath),
    IsFolder(RemotePath),
    /// `read` drained to the end.
    Read(RemotePath),
    ReadBytes(RemotePath),
    /// `read_seekable`: read the tail from the middle, then the whole.
    ReadSeekable(RemotePath),
    Write {
        path: RemotePath,
        content: Vec<u8>,
        source: Source,
        overwrite: bool,
        /// One user-metadata pair (`meta` = the value), if any.
        metadata: Option<String>,
    },
    WriteAtomic {
        path: RemotePath,
        content: Vec<u8>,
        source: Source,
        overwrite: bool,
        metadata: Option<String>,
    },
    /// `open_atomic`, write `content`, then commit or drop the writer.
    OpenAtomic {
        path: RemotePath,
        content: Vec<u8>,
        overwrite: bool,
        commit: bool,
    },
    Delete {
        path: RemotePath,
        missing_ok: bool,
    },
    DeleteFolder {
        path: RemotePath,
        recursive: bool,
        missing_ok: bool,
    },
    ListFiles {
        path: RemotePath,
        recursive: bool,
        max_depth: Option<usize>,
    },
    ListFolders(RemotePath),
    IterChildren(RemotePath),
    GetFileInfo(RemotePath),
    GetFolderInfo(RemotePath),
    Rename {
        src: RemotePath,
        dst: RemotePath,
        overwrite: bool,
    },
    Copy {
        src: RemotePath,
        dst: RemotePath,
        overwrite: bool,
    },
    /// `to_key(native_path(path))` must give `path` back.
    KeyRoundTrip(RemotePath),
    CheckHealth,
}

impl Op {
    /// The capabilities the op needs: a subject lacking one of them skips it
    /// (the backend does not enforce gates; `Store` does).
    pub fn needs(&self) -> &'static [Capability] {
        use Capability as C;
        match self {
            Op::Exists(_)
            | Op::IsFile(_)
            | Op::IsFolder(_)
            | Op::KeyRoundTrip(_)
            | Op::CheckHealth => &[],
            Op::Read(_) | Op::ReadBytes(_) | Op::ReadSeekable(_) => &[C::READ],
            Op::Write { metadata: None, .. } => &[C::WRITE],
            Op::Write { .. } => &[C::WRITE, C::USER_METADATA],
            Op::WriteAtomic { metadata: None, .. } | Op::OpenAtomic { .. } => &[C::ATOMIC_WRITE],
            Op::WriteAtomic { .. } => &[C::ATOMIC_WRITE, C::USER_METADATA],
            Op::Delete { .. } | Op::DeleteFolder { .. } => &[C::DELETE],
            Op::ListFiles { .. } | Op::ListFolders(_) | Op::IterChildren(_) => &[C::LIST],
            Op::GetFileInfo(_) | Op::GetFolderInfo(_) => &[C::METADATA],
            Op::Rename { .. } => &[C::MOVE],
            Op::Copy { .. } => &[C::COPY],
        }
    }

    /// Whether the op may change the backend's state.
    pub fn mutates(&self) -> bool {
        matches!(
            self,
            Op::Write { .. }
                | Op::WriteAtomic { .. }
                | Op::OpenAtomic { .. }
                | Op::Delete { .. }
                | Op::DeleteFolder { .. }
                | Op::Rename { .. }
                | Op::Copy { .. }
        )
    }
}

struct Text<'a>(&'a [u8]);

impl fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", String::from_utf8_lossy(self.0))
    }
}

fn flag(f: &mut fmt::Formatter<'_>, on: bool, name: &str) -> fmt::Result {
    if on { write!(f, ", {name}") } else { Ok(()) }
}

fn write_call(
    f: &mut fmt::Formatter<'_>,
    call: &str,
    path: &RemotePath,
    content: &[u8],
    source: Source,
    overwrite: bool,
    metadata: &Option<String>,
) -> fmt::Result {
    write!(f, "{call}({:?}, {:?}", path.as_str(), Text(content))?;
    match source {
        Source::Bytes => {}
        Source::Reader => f.write_str(", from_reader")?,
        Source::FailingReader(n) => write!(f, ", reader_failing_after({n})")?,
    }
    flag(f, overwrite, "overwrite")?;
    if let Some(value) = metadata {
        write!(f, ", meta={value:?}")?;
    }
    f.write_str(")")
}

impl fmt::Debug for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let one = |f: &mut fmt::Formatter<'_>, name: &str, path: &RemotePath| {
            write!(f, "{name}({:?})", path.as_str())
        };
        match self {
            Op::Exists(p) => one(f, "exists", p),
            Op::IsFile(p) => one(f, "is_file", p),
            Op::IsFolder(p) => one(f, "is_folder", p),
            Op::Read(p) => one(f, "read", p),
            Op::ReadBytes(p) => one(f, "read_bytes", p),
            Op::ReadSeekable(p) => one(f, "read_seekable", p),
            Op::Write {
                path,
                content,
                source,
                overwrite,
                metadata,
            } => write_call(f, "write", path, content, *source, *overwrite, metadata),
            Op::WriteAtomic {
                path,
                content,
                source,
                overwrite,
                metadata,
            } => write_call(
                f,
                "write_atomic",
                path,
                content,
                *source,
                *overwrite,
                metadata,
            ),
            Op::OpenAtomic {
                path,
                content,
                overwrite,
                commit,
            } => {
                write!(f, "open_atomic({:?}, {:?}", path.as_str(), Text(content))?;
                flag(f, *overwrite, "overwrite")?;
                f.write_str(if *commit { ", commit)" } else { ", drop)" })
            }
            Op::Delete { path, missing_ok } => {
                write!(f, "delete({:?}", path.as_str())?;
                flag(f, *missing_ok, "missing_ok")?;
                f.write_str(")")
            }
            Op::DeleteFolder {
                path,
                recursive,
                missing_ok,
            } => {
                write!(f, "delete_folder({:?}", path.as_str())?;
                flag(f, *recursive, "recursive")?;
                flag(f, *missing_ok, "missing_ok")?;
                f.write_str(")")
            }
            Op::ListFiles {
                path,
                recursive,
                max_depth,
            } => {
                write!(f, "list_files({:?}", path.as_str())?;
                flag(f, *recursive, "recursive")?;
                if let Some(depth) = max_depth {
                    write!(f, ", max_depth={depth}")?;
                }
                f.write_str(")")
            }
            Op::ListFolders(p) => one(f, "list_folders", p),
            Op::IterChildren(p) => one(f, "iter_children", p),
            Op::GetFileInfo(p) => one(f, "get_file_info", p),
            Op::GetFolderInfo(p) => one(f, "get_folder_info", p),
            Op::Rename {
                src,
                dst,
                overwrite,
            } => {
                write!(f, "rename({:?}, {:?}", src.as_str(), dst.as_str())?;
                flag(f, *overwrite, "overwrite")?;
                f.write_str(")")
            }
            Op::Copy {
                src,
                dst,
                overwrite,
            } => {
                write!(f, "copy({:?}, {:?}", src.as_str(), dst.as_str())?;
                flag(f, *overwrite, "overwrite")?;
                f.write_str(")")
            }
            Op::KeyRoundTrip(p) => one(f, "key_round_trip", p),
            Op::CheckHealth => f.write_str("check_health()"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alphabet_has_the_root_and_every_path_up_to_max_depth() {
        let paths = all_paths();
        assert_eq!(paths.len(), 1 + 3 + 9 + 27 + 81);
        assert!(paths[0].is_root());
        assert!(paths.iter().any(|p| p.as_str() == "a.b/a/a.b"));
        let unique: std::collections::BTreeSet<_> = paths.iter().collect();
        assert_eq!(unique.len(), paths.len());
    }

    #[test]
    fn debug_reads_as_a_script_line() {
        let op = Op::Write {
            path: alphabet_path(&[0, 1]),
            content: b"xy".to_vec(),
            source: Source::FailingReader(1),
            overwrite: true,
            metadata: Some("x".into()),
        };
        assert_eq!(
            format!("{op:?}"),
            r#"write("a/b", "xy", reader_failing_after(1), overwrite, meta="x")"#
        );
        let op = Op::DeleteFolder {
            path: RemotePath::root(),
            recursive: true,
            missing_ok: false,
        };
        assert_eq!(format!("{op:?}"), r#"delete_folder("", recursive)"#);
    }
}
