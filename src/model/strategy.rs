//! proptest strategies for [`Op`] sequences.
//!
//! Plain proptest over `Vec<Op>` rather than proptest-state-machine: the ops
//! do not depend on the state (the small alphabet makes them collide anyway),
//! so every sequence is valid, and shrinking may drop any op, not only a
//! suffix, which gives the shortest counterexamples.

use proptest::prelude::*;
use proptest::sample::select;

use bytes::Bytes;

use super::op::{
    COMMON_SEGMENTS, LARGE_SIZES, MAX_DEPTH, METADATA_PAIRS, Op, SEGMENTS, Source, alphabet_path,
    large_content, metadata_of,
};
use crate::{Metadata, RemotePath};

/// A segment index: one of the common segments four times in five.
fn segment() -> impl Strategy<Value = usize> {
    prop_oneof![4 => 0..COMMON_SEGMENTS, 1 => COMMON_SEGMENTS..SEGMENTS.len()]
}

fn segments(depth: impl Into<prop::collection::SizeRange>) -> impl Strategy<Value = RemotePath> {
    prop::collection::vec(segment(), depth).prop_map(|i| alphabet_path(&i))
}

/// A path that is not the root: shallow paths most often, so that names
/// collide, and 4 to [`MAX_DEPTH`] segments now and then.
pub fn non_root_path() -> impl Strategy<Value = RemotePath> {
    prop_oneof![
        3 => segments(1),
        3 => segments(2),
        2 => segments(3),
        1 => segments(4..=MAX_DEPTH),
    ]
}

/// A path of the alphabet: the root, or 1 to [`MAX_DEPTH`] segments.
pub fn path() -> impl Strategy<Value = RemotePath> {
    prop_oneof![1 => Just(RemotePath::root()), 9 => non_root_path()]
}

/// A few bytes most often; one time in 16 a large content (past 64 KiB
/// mostly), shared, not copied.
fn content() -> impl Strategy<Value = Bytes> {
    prop_oneof![
        15 => prop::collection::vec(select(b"xyz".to_vec()), 0..4).prop_map(Bytes::from),
        1 => (0..LARGE_SIZES.len()).prop_map(large_content),
    ]
}

fn source() -> impl Strategy<Value = Source> {
    prop_oneof![
        6 => Just(Source::Bytes),
        2 => Just(Source::Reader),
        1 => prop_oneof![3 => 0..3usize, 1 => Just(65_536)].prop_map(Source::FailingReader),
    ]
}

fn metadata() -> impl Strategy<Value = Option<Metadata>> {
    prop_oneof![
        3 => Just(None),
        1 => prop::collection::vec(0..METADATA_PAIRS.len(), 1..=3)
            .prop_map(|pairs| Some(metadata_of(&pairs))),
    ]
}

fn target() -> impl Strategy<Value = RemotePath> {
    prop_oneof![19 => non_root_path(), 1 => Just(RemotePath::root())]
}

/// A `write` (or with `atomic` a `write_atomic`) to a target path.
fn write(atomic: bool) -> impl Strategy<Value = Op> {
    (target(), content(), source(), any::<bool>(), metadata()).prop_map(
        move |(path, content, source, overwrite, metadata)| {
            Op::new_write(atomic, path, content, source, overwrite, metadata)
        },
    )
}

/// One op, weighted toward writes (so the state grows) and toward the ops
/// where backends differ most: listings, deletes, rename and copy.
pub fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => path().prop_map(Op::Exists),
        1 => path().prop_map(Op::IsFile),
        1 => path().prop_map(Op::IsFolder),
        1 => path().prop_map(Op::Read),
        2 => path().prop_map(Op::ReadBytes),
        1 => path().prop_map(Op::ReadSeekable),
        10 => write(false),
        3 => write(true),
        2 => (target(), content(), any::<bool>(), any::<bool>()).prop_map(
            |(path, content, overwrite, commit)| Op::OpenAtomic { path, content, overwrite, commit }
        ),
        3 => (target(), any::<bool>())
            .prop_map(|(path, missing_ok)| Op::Delete { path, missing_ok }),
        3 => (target(), any::<bool>(), any::<bool>()).prop_map(
            |(path, recursive, missing_ok)| Op::DeleteFolder { path, recursive, missing_ok }
        ),
        4 => (path(), any::<bool>(), prop::option::of(0..=MAX_DEPTH)).prop_map(
            |(path, recursive, max_depth)| Op::ListFiles { path, recursive, max_depth }
        ),
        2 => path().prop_map(Op::ListFolders),
        2 => path().prop_map(Op::IterChildren),
        2 => path().prop_map(Op::GetFileInfo),
        2 => path().prop_map(Op::GetFolderInfo),
        4 => (target(), target(), any::<bool>())
            .prop_map(|(src, dst, overwrite)| Op::Rename { src, dst, overwrite }),
        3 => (target(), target(), any::<bool>())
            .prop_map(|(src, dst, overwrite)| Op::Copy { src, dst, overwrite }),
        1 => path().prop_map(Op::KeyRoundTrip),
        1 => Just(Op::CheckHealth),
    ]
}

/// Sequences of 1 to `max_ops` ops.
pub fn ops(max_ops: usize) -> impl Strategy<Value = Vec<Op>> {
    prop::collection::vec(op(), 1..=max_ops.max(1))
}
