//! The `Debug` form of an [`Op`]: one line of a script, as a failing
//! sequence is printed.

use std::fmt;

use super::{LARGE, LARGE_SIZES, Op, Source};
use crate::{Metadata, RemotePath};

struct Text<'a>(&'a [u8]);

impl fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match LARGE_SIZES.iter().position(|&n| n == self.0.len()) {
            Some(i) if self.0 == &LARGE[..self.0.len()] => {
                write!(f, "large({i}: {} bytes)", LARGE_SIZES[i])
            }
            _ => write!(f, "{:?}", String::from_utf8_lossy(self.0)),
        }
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
    metadata: &Option<Metadata>,
) -> fmt::Result {
    write!(f, "{call}({:?}, {:?}", path.as_str(), Text(content))?;
    match source {
        Source::Bytes => {}
        Source::Reader => f.write_str(", from_reader")?,
        Source::FailingReader(n) => write!(f, ", reader_failing_after({n})")?,
    }
    flag(f, overwrite, "overwrite")?;
    if let Some(metadata) = metadata {
        write!(f, ", meta={metadata:?}")?;
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
            }
            | Op::WriteAtomic {
                path,
                content,
                source,
                overwrite,
                metadata,
            } => {
                let call = if matches!(self, Op::WriteAtomic { .. }) {
                    "write_atomic"
                } else {
                    "write"
                };
                write_call(f, call, path, content, *source, *overwrite, metadata)
            }
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
            }
            | Op::Copy {
                src,
                dst,
                overwrite,
            } => {
                let call = if matches!(self, Op::Rename { .. }) {
                    "rename"
                } else {
                    "copy"
                };
                write!(f, "{call}({:?}, {:?}", src.as_str(), dst.as_str())?;
                flag(f, *overwrite, "overwrite")?;
                f.write_str(")")
            }
            Op::KeyRoundTrip(p) => one(f, "key_round_trip", p),
            Op::CheckHealth => f.write_str("check_health()"),
        }
    }
}
