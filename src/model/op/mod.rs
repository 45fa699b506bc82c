//! [`Op`]: one call of the [`Backend`](crate::Backend) contract, over a small
//! path alphabet so that names keep colliding.

mod script;

use bytes::Bytes;

use crate::{Capability, Metadata, RemotePath};

/// The segments every generated path is made of. The first three are the
/// common ones (drawn most often, so names keep colliding): `a` is a prefix
/// of `a.b`, `ab` and `a b`, at every depth. The rest are the names backends
/// get wrong: a case-only difference (`A`), a leading dot (`.a`), a space,
/// and the same letter in Unicode NFC (`\u{e9}`) and NFD (`e\u{301}`),
/// which are different keys.
pub const SEGMENTS: [&str; 9] = [
    "a", "b", "a.b", "ab", "A", ".a", "a b", "\u{e9}", "e\u{301}",
];

/// How many of [`SEGMENTS`], from the start, are the common ones.
pub const COMMON_SEGMENTS: usize = 3;

/// The deepest generated path, in segments: a recursive listing has files
/// five levels below a listed folder.
pub const MAX_DEPTH: usize = 6;

/// The user-metadata pairs generated writes draw from (one to three of
/// them): several keys, so that a merge cannot pass for a replace.
pub const METADATA_PAIRS: [(&str, &str); 4] = [("k", "x"), ("k", "y"), ("k2", "z"), ("Key", "x")];

/// The metadata of the pairs of [`METADATA_PAIRS`] chosen by `indices`.
pub fn metadata_of(indices: &[usize]) -> Metadata {
    indices
        .iter()
        .map(|&i| METADATA_PAIRS[i % METADATA_PAIRS.len()])
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

/// The sizes of the large contents generated writes may carry, around the
/// 64 KiB and 128 KiB boundaries where buffered copies split.
pub const LARGE_SIZES: [usize; 6] = [8191, 65_535, 65_536, 65_537, 131_073, 200_000];

const LARGE_LEN: usize = 200_000;

const fn large_pattern() -> [u8; LARGE_LEN] {
    let mut bytes = [0u8; LARGE_LEN];
    let mut i = 0;
    while i < LARGE_LEN {
        // A pattern whose period (251) divides no power of two, so a
        // misplaced block shows.
        bytes[i] = b'0' + (i % 251 % 75) as u8;
        i += 1;
    }
    bytes
}

static LARGE: [u8; LARGE_LEN] = large_pattern();

/// A large content of [`LARGE_SIZES`]`[i]` bytes: a slice of one shared
/// static buffer, so ops clone a handle, never the bytes.
pub fn large_content(i: usize) -> Bytes {
    Bytes::from_static(&LARGE[..LARGE_SIZES[i % LARGE_SIZES.len()]])
}

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
    /// `read_seekable`, then a fixed script of seeks (`End(0)`, `Start`,
    /// `Current(-n)`, `End(-n)`) and reads, ending with the whole content.
    ReadSeekable(RemotePath),
    Write {
        path: RemotePath,
        content: Bytes,
        source: Source,
        overwrite: bool,
        /// User metadata, if any.
        metadata: Option<Metadata>,
    },
    WriteAtomic {
        path: RemotePath,
        content: Bytes,
        source: Source,
        overwrite: bool,
        metadata: Option<Metadata>,
    },
    /// `open_atomic`, write `content`, then commit or drop the writer.
    OpenAtomic {
        path: RemotePath,
        content: Bytes,
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
    /// A [`Op::Write`], or with `atomic` a [`Op::WriteAtomic`]: the two
    /// carry the same fields.
    pub fn new_write(
        atomic: bool,
        path: RemotePath,
        content: Bytes,
        source: Source,
        overwrite: bool,
        metadata: Option<Metadata>,
    ) -> Op {
        if atomic {
            Op::WriteAtomic {
                path,
                content,
                source,
                overwrite,
                metadata,
            }
        } else {
            Op::Write {
                path,
                content,
                source,
                overwrite,
                metadata,
            }
        }
    }

    /// The same op with the keys of its user metadata lower-cased (see
    /// [`OracleConfig::lowercase_metadata_keys`](super::OracleConfig::lowercase_metadata_keys)).
    pub fn with_lowercase_metadata_keys(&self) -> Op {
        let mut op = self.clone();
        if let Op::Write { metadata, .. } | Op::WriteAtomic { metadata, .. } = &mut op {
            *metadata = metadata.take().map(|pairs| {
                pairs
                    .into_iter()
                    .map(|(key, value)| (key.to_lowercase(), value))
                    .collect()
            });
        }
        op
    }

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

    /// The paths the op names.
    pub fn paths(&self) -> Vec<&RemotePath> {
        match self {
            Op::Exists(p)
            | Op::IsFile(p)
            | Op::IsFolder(p)
            | Op::Read(p)
            | Op::ReadBytes(p)
            | Op::ReadSeekable(p)
            | Op::ListFolders(p)
            | Op::IterChildren(p)
            | Op::GetFileInfo(p)
            | Op::GetFolderInfo(p)
            | Op::KeyRoundTrip(p) => vec![p],
            Op::Write { path, .. }
            | Op::WriteAtomic { path, .. }
            | Op::OpenAtomic { path, .. }
            | Op::Delete { path, .. }
            | Op::DeleteFolder { path, .. }
            | Op::ListFiles { path, .. } => vec![path],
            Op::Rename { src, dst, .. } | Op::Copy { src, dst, .. } => vec![src, dst],
            Op::CheckHealth => Vec::new(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alphabet_paths_are_valid_and_distinct() {
        let mut seen = std::collections::BTreeSet::new();
        for i in 0..SEGMENTS.len() {
            for j in 0..SEGMENTS.len() {
                let path = alphabet_path(&[i, j, i]);
                assert_eq!(path.depth(), 3, "{path:?}");
                assert!(seen.insert(path));
            }
        }
        assert_eq!(alphabet_path(&[0; 9]).depth(), MAX_DEPTH);
        assert_ne!(
            alphabet_path(&[7]),
            alphabet_path(&[8]),
            "NFC and NFD differ"
        );
    }

    #[test]
    fn large_contents_share_one_buffer() {
        let a = large_content(2);
        assert_eq!(a.len(), 65_536);
        assert_eq!(a.as_ptr(), large_content(4).as_ptr());
        // A block copied from the wrong 4 KiB or 64 KiB offset differs.
        assert_ne!(a[..4096], a[4096..8192]);
        assert_ne!(large_content(5)[..4096], large_content(5)[65_536..69_632]);
    }

    #[test]
    fn debug_reads_as_a_script_line() {
        let op = Op::Write {
            path: alphabet_path(&[0, 1]),
            content: Bytes::from_static(b"xy"),
            source: Source::FailingReader(1),
            overwrite: true,
            metadata: Some(metadata_of(&[0, 2])),
        };
        assert_eq!(
            format!("{op:?}"),
            r#"write("a/b", "xy", reader_failing_after(1), overwrite, meta={"k": "x", "k2": "z"})"#
        );
        let op = Op::WriteAtomic {
            path: alphabet_path(&[5, 7]),
            content: large_content(3),
            source: Source::Bytes,
            overwrite: false,
            metadata: None,
        };
        assert_eq!(
            format!("{op:?}"),
            "write_atomic(\".a/\u{e9}\", large(3: 65537 bytes))"
        );
        let op = Op::DeleteFolder {
            path: RemotePath::root(),
            recursive: true,
            missing_ok: false,
        };
        assert_eq!(format!("{op:?}"), r#"delete_folder("", recursive)"#);
    }

    #[test]
    fn lowercasing_metadata_keys_touches_only_the_keys_of_writes() {
        let metadata: Metadata = [("Key", "V"), ("k2", "z")]
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .into();
        let write = Op::Write {
            path: RemotePath::parse("a").unwrap(),
            content: Bytes::new(),
            source: Source::Bytes,
            overwrite: false,
            metadata: Some(metadata),
        };
        let Op::Write { metadata, .. } = write.with_lowercase_metadata_keys() else {
            panic!("the op changed its kind");
        };
        let keys: Vec<_> = metadata.unwrap().into_iter().collect();
        assert_eq!(
            keys,
            [("k2".into(), "z".into()), ("key".into(), "V".into())]
        );
        let delete = Op::Delete {
            path: RemotePath::parse("a").unwrap(),
            missing_ok: false,
        };
        assert_eq!(delete.with_lowercase_metadata_keys(), delete);
    }
}
