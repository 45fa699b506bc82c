//! Timestamp relations: the model never compares a subject's timestamps
//! with the oracle's (clocks differ), but checks how they move.
//!
//! * `rename` keeps the modification time: the file at the destination has
//!   the time the source had (on a backend that declares `ATOMIC_MOVE`; a
//!   copy-then-delete rename is checked as a copy);
//! * a write or committed `open_atomic` never moves the time of the file it
//!   replaces backwards;
//! * a `copy` either stamps the destination (never backwards) or gives it
//!   the source's time (as `cp -p` does): the contract leaves it open;
//! * every other file keeps its time, and a failed op changes none.

use std::collections::BTreeMap;
use std::time::SystemTime;

use super::op::Op;
use super::outcome::Outcome;

/// Each file's `modified_at`, by path.
pub(super) type Times = BTreeMap<String, SystemTime>;

/// What the op may do to the times, once it succeeded.
enum Effect<'a> {
    /// Touches no file's time.
    None,
    /// Sets `path`'s time to now (not earlier than its old one).
    Stamps(&'a str),
    /// Moves `from`'s time to `to`.
    Moves { from: &'a str, to: &'a str },
    /// Stamps `to`, or gives it `from`'s time.
    Copies { from: &'a str, to: &'a str },
}

fn effect<'a>(op: &'a Op, outcome: &Outcome, rename_keeps_time: bool) -> Effect<'a> {
    if matches!(outcome, Outcome::Failed(..) | Outcome::Skipped) {
        return Effect::None;
    }
    match op {
        Op::Write { path, .. } | Op::WriteAtomic { path, .. } => Effect::Stamps(path.as_str()),
        Op::OpenAtomic {
            path, commit: true, ..
        } => Effect::Stamps(path.as_str()),
        Op::Copy { src, dst, .. } => Effect::Copies {
            from: src.as_str(),
            to: dst.as_str(),
        },
        Op::Rename { src, dst, .. } if rename_keeps_time => Effect::Moves {
            from: src.as_str(),
            to: dst.as_str(),
        },
        // A copy-then-delete rename (no `ATOMIC_MOVE`) behaves like a copy.
        Op::Rename { src, dst, .. } => Effect::Copies {
            from: src.as_str(),
            to: dst.as_str(),
        },
        _ => Effect::None,
    }
}

/// Checks the times after `op` (with `outcome`) against those before it;
/// returns what broke a relation. Paths known only after the op are not
/// checked.
pub(super) fn check(
    op: &Op,
    outcome: &Outcome,
    before: &Times,
    after: &Times,
    rename_keeps_time: bool,
) -> Vec<String> {
    let mut broken = Vec::new();
    let effect = effect(op, outcome, rename_keeps_time);
    for (path, new) in after {
        let Some(old) = before.get(path) else {
            continue;
        };
        match effect {
            Effect::Stamps(dst) if dst == path && new < old => broken.push(format!(
                "the write moved the modification time of {path:?} backwards ({old:?} -> {new:?})"
            )),
            Effect::Stamps(dst) if dst == path => {}
            Effect::Moves { to, .. } if to == path => {}
            Effect::Copies { from, to }
                if to == path && new < old && before.get(from) != Some(new) =>
            {
                broken.push(format!(
                    "copy({from:?}, {to:?}) moved the destination's modification time \
                     backwards ({old:?} -> {new:?}) without giving it the source's"
                ));
            }
            Effect::Copies { to, .. } if to == path => {}
            _ if new != old => broken.push(format!(
                "the modification time of {path:?} changed ({old:?} -> {new:?}), but the op does not write it"
            )),
            _ => {}
        }
    }
    if let Effect::Moves { from, to } = effect {
        match (before.get(from), after.get(to)) {
            (Some(old), Some(new)) if old != new => broken.push(format!(
                "rename({from:?}, {to:?}) did not keep the modification time ({old:?} -> {new:?})"
            )),
            _ => {}
        }
    }
    broken
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::RemotePath;

    fn times(pairs: &[(&str, u64)]) -> Times {
        pairs
            .iter()
            .map(|(p, s)| {
                (
                    (*p).to_owned(),
                    SystemTime::UNIX_EPOCH + Duration::from_secs(*s),
                )
            })
            .collect()
    }

    fn path(s: &str) -> RemotePath {
        RemotePath::parse(s).unwrap()
    }

    #[test]
    fn rename_must_keep_the_time() {
        let op = Op::Rename {
            src: path("a"),
            dst: path("b"),
            overwrite: true,
        };
        let before = times(&[("a", 5), ("b", 9)]);
        assert!(check(&op, &Outcome::Done, &before, &times(&[("b", 5)]), true).is_empty());
        let broken = check(&op, &Outcome::Done, &before, &times(&[("b", 10)]), true);
        assert_eq!(broken.len(), 1, "{broken:?}");
    }

    #[test]
    fn an_overwrite_must_not_go_backwards_and_others_must_not_move() {
        let op = Op::Delete {
            path: path("a"),
            missing_ok: false,
        };
        let before = times(&[("a", 5), ("b", 9)]);
        assert!(check(&op, &Outcome::Done, &before, &times(&[("b", 9)]), true).is_empty());
        assert_eq!(
            check(&op, &Outcome::Done, &before, &times(&[("b", 10)]), true).len(),
            1
        );
        let write = Op::Write {
            path: path("b"),
            content: bytes::Bytes::new(),
            source: super::super::op::Source::Bytes,
            overwrite: true,
            metadata: None,
        };
        let written = Outcome::Done;
        assert!(check(&write, &written, &before, &times(&[("b", 10)]), true).is_empty());
        assert_eq!(
            check(&write, &written, &before, &times(&[("b", 8)]), true).len(),
            1
        );
        let failed = Outcome::Failed(crate::ErrorKind::NotFound, None);
        assert_eq!(
            check(&write, &failed, &before, &times(&[("b", 10)]), true).len(),
            1
        );
    }

    #[test]
    fn a_copy_stamps_the_destination_or_gives_it_the_source_time() {
        let op = Op::Copy {
            src: path("a"),
            dst: path("b"),
            overwrite: true,
        };
        let before = times(&[("a", 5), ("b", 9)]);
        for (after, ok) in [(10, true), (9, true), (5, true), (8, false), (4, false)] {
            let broken = check(
                &op,
                &Outcome::Done,
                &before,
                &times(&[("a", 5), ("b", after)]),
                true,
            );
            assert_eq!(broken.is_empty(), ok, "b -> {after}: {broken:?}");
        }
    }

    #[test]
    fn a_rename_without_atomic_move_is_checked_as_a_copy() {
        let op = Op::Rename {
            src: path("a"),
            dst: path("b"),
            overwrite: true,
        };
        let before = times(&[("a", 5), ("b", 9)]);
        let stamped = times(&[("b", 10)]);
        assert_eq!(check(&op, &Outcome::Done, &before, &stamped, true).len(), 1);
        assert!(check(&op, &Outcome::Done, &before, &stamped, false).is_empty());
        let backwards = times(&[("b", 8)]);
        assert_eq!(
            check(&op, &Outcome::Done, &before, &backwards, false).len(),
            1
        );
    }
}
