//! proptest strategies for [`Op`] sequences.
//!
//! Plain proptest over `Vec<Op>` rather than proptest-state-machine: the ops
//! do not depend on the state (the small alphabet makes them collide anyway),
//! so every sequence is valid, and shrinking may drop any op, not only a
//! suffix, which gives the shortest counterexamples.

use proptest::prelude::*;
use proptest::sample::select;

use super::op::{MAX_DEPTH, METADATA_VALUES, Op, SEGMENTS, Source, alphabet_path};
use crate::RemotePath;

fn segments(depth: usize) -> impl Strategy<Value = RemotePath> {
    prop::collection::vec(0..SEGMENTS.len(), depth).prop_map(|i| alphabet_path(&i))
}

/// A path that is not the root: shallow paths most often, so that names
/// collide, and [`MAX_DEPTH`] now and then.
pub fn non_root_path() -> impl Strategy<Value = RemotePath> {
    prop_oneof![
        3 => segments(1),
        3 => segments(2),
        2 => segments(3),
        1 => segments(MAX_DEPTH),
    ]
}

/// A path of the alphabet: the root, or 1 to [`MAX_DEPTH`] segments.
pub fn path() -> impl Strategy<Value = RemotePath> {
    prop_oneof![1 => Just(RemotePath::root()), 9 => non_root_path()]
}

fn content() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(select(b"xyz".to_vec()), 0..4)
}

fn source() -> impl Strategy<Value = Source> {
    prop_oneof![
        6 => Just(Source::Bytes),
        2 => Just(Source::Reader),
        1 => (0..3usize).prop_map(Source::FailingReader),
    ]
}

fn metadata() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        3 => Just(None),
        1 => select(METADATA_VALUES.to_vec()).prop_map(|v| Some(v.to_owned())),
    ]
}

fn target() -> impl Strategy<Value = RemotePath> {
    prop_oneof![19 => non_root_path(), 1 => Just(RemotePath::root())]
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
        10 => (target(), content(), source(), any::<bool>(), metadata()).prop_map(
            |(path, content, source, overwrite, metadata)| Op::Write {
                path, content, source, overwrite, metadata,
            }
        ),
        3 => (target(), content(), source(), any::<bool>(), metadata()).prop_map(
            |(path, content, source, overwrite, metadata)| Op::WriteAtomic {
                path, content, source, overwrite, metadata,
            }
        ),
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
