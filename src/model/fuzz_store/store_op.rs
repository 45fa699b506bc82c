//! [`StoreOp`]: one call of a [`Store`](crate::Store) with raw path strings,
//! decoded from fuzz bytes.

use std::fmt;

use arbitrary::{Arbitrary, Result as ArbResult, Unstructured};

use super::super::op::{MAX_DEPTH, SEGMENTS};

/// One store call; paths are raw strings as a user would pass them.
#[derive(Clone, PartialEq, Eq)]
pub(super) enum StoreOp {
    Exists(String),
    IsFile(String),
    IsFolder(String),
    ReadBytes(String),
    Write {
        path: String,
        content: Vec<u8>,
        atomic: bool,
        overwrite: bool,
        metadata: bool,
    },
    Delete {
        path: String,
        missing_ok: bool,
    },
    DeleteFolder {
        path: String,
        recursive: bool,
        missing_ok: bool,
    },
    ListFiles {
        path: String,
        recursive: bool,
        max_depth: Option<usize>,
    },
    ListFolders(String),
    IterChildren(String),
    GetFileInfo(String),
    GetFolderInfo(String),
    /// `rename` when `rename`, else `copy`.
    Transfer {
        rename: bool,
        src: String,
        dst: String,
        overwrite: bool,
    },
    /// `to_key(native_path(path))`.
    KeyRoundTrip(String),
}

impl fmt::Debug for StoreOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreOp::Exists(p) => write!(f, "exists({p:?})"),
            StoreOp::IsFile(p) => write!(f, "is_file({p:?})"),
            StoreOp::IsFolder(p) => write!(f, "is_folder({p:?})"),
            StoreOp::ReadBytes(p) => write!(f, "read_bytes({p:?})"),
            StoreOp::Write {
                path,
                content,
                atomic,
                overwrite,
                metadata,
            } => write!(
                f,
                "{}({path:?}, {:?}, overwrite={overwrite}, meta={metadata})",
                if *atomic { "write_atomic" } else { "write" },
                String::from_utf8_lossy(content)
            ),
            StoreOp::Delete { path, missing_ok } => {
                write!(f, "delete({path:?}, missing_ok={missing_ok})")
            }
            StoreOp::DeleteFolder {
                path,
                recursive,
                missing_ok,
            } => write!(
                f,
                "delete_folder({path:?}, recursive={recursive}, missing_ok={missing_ok})"
            ),
            StoreOp::ListFiles {
                path,
                recursive,
                max_depth,
            } => write!(
                f,
                "list_files({path:?}, recursive={recursive}, max_depth={max_depth:?})"
            ),
            StoreOp::ListFolders(p) => write!(f, "list_folders({p:?})"),
            StoreOp::IterChildren(p) => write!(f, "iter_children({p:?})"),
            StoreOp::GetFileInfo(p) => write!(f, "get_file_info({p:?})"),
            StoreOp::GetFolderInfo(p) => write!(f, "get_folder_info({p:?})"),
            StoreOp::Transfer {
                rename,
                src,
                dst,
                overwrite,
            } => write!(
                f,
                "{}({src:?}, {dst:?}, overwrite={overwrite})",
                if *rename { "rename" } else { "copy" }
            ),
            StoreOp::KeyRoundTrip(p) => write!(f, "key_round_trip({p:?})"),
        }
    }
}

/// A raw path: mostly alphabet paths spelled in odd ways (doubled or
/// backslash separators, `.` segments, leading and trailing slashes), plus
/// root spellings, `..` escapes and arbitrary strings.
pub(super) fn raw_path(u: &mut Unstructured<'_>) -> ArbResult<String> {
    Ok(match u.int_in_range(0..=9u8)? {
        0 | 1 => String::arbitrary(u)?,
        2 => (*u.choose(&["", ".", "/", "./", "\\", "//.//"])?).to_owned(),
        3 => format!(
            "{}{}",
            u.choose(&["../", "a/../", "..\\", "./.."])?,
            spelled(u)?
        ),
        _ => spelled(u)?,
    })
}

fn spelled(u: &mut Unstructured<'_>) -> ArbResult<String> {
    let depth = u.int_in_range(1..=MAX_DEPTH)?;
    let mut raw = (*u.choose(&["", "", "/", "./"])?).to_owned();
    for i in 0..depth {
        if i > 0 {
            raw.push_str(u.choose(&["/", "/", "\\", "//", "/./"])?);
        }
        raw.push_str(u.choose(&SEGMENTS)?);
    }
    raw.push_str(u.choose(&["", "", "/", "\\"])?);
    Ok(raw)
}

impl<'a> Arbitrary<'a> for StoreOp {
    fn arbitrary(u: &mut Unstructured<'a>) -> ArbResult<Self> {
        Ok(match u.int_in_range(0..=15u8)? {
            0 => StoreOp::Exists(raw_path(u)?),
            1 => StoreOp::IsFile(raw_path(u)?),
            2 => StoreOp::IsFolder(raw_path(u)?),
            3 => StoreOp::ReadBytes(raw_path(u)?),
            4..=6 => StoreOp::Write {
                path: raw_path(u)?,
                content: (0..u.int_in_range(0..=3)?)
                    .map(|_| u.choose(b"xyz").copied())
                    .collect::<ArbResult<_>>()?,
                atomic: bool::arbitrary(u)?,
                overwrite: bool::arbitrary(u)?,
                metadata: bool::arbitrary(u)?,
            },
            7 => StoreOp::Delete {
                path: raw_path(u)?,
                missing_ok: bool::arbitrary(u)?,
            },
            8 => StoreOp::DeleteFolder {
                path: raw_path(u)?,
                recursive: bool::arbitrary(u)?,
                missing_ok: bool::arbitrary(u)?,
            },
            9 => StoreOp::ListFiles {
                path: raw_path(u)?,
                recursive: bool::arbitrary(u)?,
                max_depth: if bool::arbitrary(u)? {
                    Some(u.int_in_range(0..=MAX_DEPTH)?)
                } else {
                    None
                },
            },
            10 => StoreOp::ListFolders(raw_path(u)?),
            11 => StoreOp::IterChildren(raw_path(u)?),
            12 => StoreOp::GetFileInfo(raw_path(u)?),
            13 => StoreOp::GetFolderInfo(raw_path(u)?),
            14 => {
                let (src, dst, overwrite) = (raw_path(u)?, raw_path(u)?, bool::arbitrary(u)?);
                StoreOp::Transfer {
                    rename: bool::arbitrary(u)?,
                    src,
                    dst,
                    overwrite,
                }
            }
            _ => StoreOp::KeyRoundTrip(raw_path(u)?),
        })
    }
}
