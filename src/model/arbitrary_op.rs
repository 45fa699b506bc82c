//! `arbitrary::Arbitrary` for [`Op`], so libFuzzer drives the same ops as
//! proptest, over the same alphabet.

use arbitrary::{Arbitrary, Result, Unstructured};

use bytes::Bytes;

use super::op::{
    COMMON_SEGMENTS, LARGE_SIZES, MAX_DEPTH, METADATA_PAIRS, Op, SEGMENTS, Source, alphabet_path,
    large_content, metadata_of,
};
use crate::{Metadata, RemotePath};

fn segment(u: &mut Unstructured<'_>) -> Result<usize> {
    if u.ratio(4, 5)? {
        u.choose_index(COMMON_SEGMENTS)
    } else {
        u.int_in_range(COMMON_SEGMENTS..=SEGMENTS.len() - 1)
    }
}

fn path(u: &mut Unstructured<'_>) -> Result<RemotePath> {
    let depth = match u.int_in_range(0..=9u8)? {
        0 => 0,
        1..=3 => 1,
        4..=6 => 2,
        7 | 8 => 3,
        _ => u.int_in_range(4..=MAX_DEPTH)?,
    };
    let indices = (0..depth).map(|_| segment(u)).collect::<Result<Vec<_>>>()?;
    Ok(alphabet_path(&indices))
}

fn content(u: &mut Unstructured<'_>) -> Result<Bytes> {
    if u.ratio(1, 16)? {
        return Ok(large_content(u.choose_index(LARGE_SIZES.len())?));
    }
    let len = u.int_in_range(0..=3usize)?;
    (0..len)
        .map(|_| Ok(*u.choose(b"xyz")?))
        .collect::<Result<Vec<u8>>>()
        .map(Bytes::from)
}

fn metadata(u: &mut Unstructured<'_>) -> Result<Option<Metadata>> {
    if !u.ratio(1, 4)? {
        return Ok(None);
    }
    let count = u.int_in_range(1..=3usize)?;
    let pairs = (0..count)
        .map(|_| u.choose_index(METADATA_PAIRS.len()))
        .collect::<Result<Vec<_>>>()?;
    Ok(Some(metadata_of(&pairs)))
}

impl<'a> Arbitrary<'a> for Source {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        Ok(match u.int_in_range(0..=8u8)? {
            0..=5 => Source::Bytes,
            6 | 7 => Source::Reader,
            _ => Source::FailingReader(*u.choose(&[0, 1, 2, 65_536])?),
        })
    }
}

impl<'a> Arbitrary<'a> for Op {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        Ok(match u.int_in_range(0..=20u8)? {
            0 => Op::Exists(path(u)?),
            1 => Op::IsFile(path(u)?),
            2 => Op::IsFolder(path(u)?),
            3 => Op::Read(path(u)?),
            4 => Op::ReadBytes(path(u)?),
            5 => Op::ReadSeekable(path(u)?),
            choice @ 6..=8 => Op::new_write(
                choice == 8,
                path(u)?,
                content(u)?,
                Source::arbitrary(u)?,
                bool::arbitrary(u)?,
                metadata(u)?,
            ),
            9 => Op::OpenAtomic {
                path: path(u)?,
                content: content(u)?,
                overwrite: bool::arbitrary(u)?,
                commit: bool::arbitrary(u)?,
            },
            10 => Op::Delete {
                path: path(u)?,
                missing_ok: bool::arbitrary(u)?,
            },
            11 => Op::DeleteFolder {
                path: path(u)?,
                recursive: bool::arbitrary(u)?,
                missing_ok: bool::arbitrary(u)?,
            },
            12 => Op::ListFiles {
                path: path(u)?,
                recursive: bool::arbitrary(u)?,
                max_depth: if bool::arbitrary(u)? {
                    Some(u.int_in_range(0..=MAX_DEPTH)?)
                } else {
                    None
                },
            },
            13 => Op::ListFolders(path(u)?),
            14 => Op::IterChildren(path(u)?),
            15 => Op::GetFileInfo(path(u)?),
            16 => Op::GetFolderInfo(path(u)?),
            17 => Op::Rename {
                src: path(u)?,
                dst: path(u)?,
                overwrite: bool::arbitrary(u)?,
            },
            18 => Op::Copy {
                src: path(u)?,
                dst: path(u)?,
                overwrite: bool::arbitrary(u)?,
            },
            19 => Op::KeyRoundTrip(path(u)?),
            _ => Op::CheckHealth,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_bytes_give_ops_of_the_alphabet() {
        let data: Vec<u8> = (1..=4096u64)
            .map(|i| (i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as u8)
            .collect();
        let mut u = Unstructured::new(&data);
        let ops = (0..100)
            .map(|_| Op::arbitrary(&mut u))
            .collect::<Result<Vec<_>>>()
            .expect("4 KiB give 100 ops");
        for op in &ops {
            for path in op.paths() {
                assert!(path.depth() <= MAX_DEPTH, "{op:?}");
                assert!(path.segments().all(|s| SEGMENTS.contains(&s)), "{op:?}");
            }
        }
        let kinds: std::collections::HashSet<_> = ops.iter().map(std::mem::discriminant).collect();
        assert!(kinds.len() > 10, "only {} kinds of op", kinds.len());
    }
}
