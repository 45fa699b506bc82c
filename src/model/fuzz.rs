//! Fuzzing entry points shared by the cargo-fuzz targets in `fuzz/`, the
//! stable corpus replay (`tests/fuzz_corpus.rs`) and users fuzzing their
//! own backend: each takes the raw bytes libFuzzer hands a target and
//! panics, with a readable explanation, when an invariant breaks.

use arbitrary::{Arbitrary, Unstructured};

use super::config::OracleConfig;
use super::harness::{Counterexample, run_ops};
use super::op::Op;
use super::reference::check_memory_against_reference;
use crate::backends::MemoryBackend;
use crate::{Backend, ErrorKind, RemotePath, Store};

/// The most ops one fuzz input decodes to; the rest of a longer input is
/// ignored, so each execution stays fast.
pub const MAX_FUZZ_OPS: usize = 64;

/// Decodes `data` into at most [`MAX_FUZZ_OPS`] ops, as many as the bytes
/// give (like `Vec::<Op>::arbitrary_take_rest`, capped): every input is a
/// valid sequence, possibly empty.
///
/// ```
/// use remote_store::model::decode_ops;
///
/// assert!(decode_ops(&[]).is_empty());
/// assert!(!decode_ops(&[6, 1, 0, 2, 120, 0, 0]).is_empty());
/// ```
pub fn decode_ops(data: &[u8]) -> Vec<Op> {
    let mut u = Unstructured::new(data);
    let mut ops = Vec::new();
    while ops.len() < MAX_FUZZ_OPS && !u.is_empty() {
        match Op::arbitrary(&mut u) {
            Ok(op) => ops.push(op),
            Err(_) => break,
        }
    }
    ops
}

/// Runs the ops decoded from `data` (see [`decode_ops`]) on a fresh backend
/// from `factory` and on the memory oracle, comparing every outcome and the
/// whole state after every step, exactly as `check_against_oracle`
/// (feature `model`) does.
///
/// # Panics
///
/// On the first divergence, with the ops up to it as a numbered script and
/// how the subject departed from the oracle. That panic is what libFuzzer
/// reports as a crash.
///
/// ```
/// use remote_store::backends::MemoryBackend;
/// use remote_store::model::{OracleConfig, fuzz_against_oracle};
///
/// fuzz_against_oracle(MemoryBackend::new, b"\x06\x01\x00\x02xy\x00\x01", &OracleConfig::new());
/// ```
#[track_caller]
pub fn fuzz_against_oracle<B, F>(factory: F, data: &[u8], config: &OracleConfig)
where
    B: Backend,
    F: Fn() -> B,
{
    let mut ops = decode_ops(data);
    if let Err(divergence) = run_ops(&factory(), &ops, config) {
        ops.truncate(divergence.step + 1);
        panic!("{}", Counterexample { ops, divergence });
    }
}

/// Runs the ops decoded from `data` (see [`decode_ops`]) on a fresh
/// `MemoryBackend` and on the naive [`Reference`](super::Reference) model,
/// comparing every outcome, the whole state, memory's path index and its
/// timestamp relations ([`check_memory_against_reference`]): the oracle
/// itself, checked.
///
/// # Panics
///
/// On the first difference, with the ops up to it as a numbered script.
///
/// ```
/// remote_store::model::fuzz_memory_against_reference(b"\x06\x01\x00\x02xy\x00\x01");
/// ```
#[track_caller]
pub fn fuzz_memory_against_reference(data: &[u8]) {
    let mut ops = decode_ops(data);
    if let Err(divergence) = check_memory_against_reference(&ops) {
        ops.truncate(divergence.step + 1);
        panic!("{}", Counterexample { ops, divergence });
    }
}

/// The store root [`fuzz_paths`] and [`fuzz_store_ops`](super::fuzz_store_ops)
/// scope their stores to.
pub const FUZZ_STORE_ROOT: &str = "data/x";

/// Parses `data` (as UTF-8, invalid sequences replaced) as a path and
/// checks the rules of [`RemotePath::parse`] and of store scoping:
///
/// * parsing never panics; a refusal is [`ErrorKind::InvalidPath`] naming
///   the raw string;
/// * a parsed path is normalised (no empty, `.` or `..` segment, no
///   backslash or NUL) and parsing it again gives it back;
/// * name, parent, depth, ancestors and prefix stripping agree;
/// * a [`Store`] rooted at [`FUZZ_STORE_ROOT`] resolves the string (as a
///   key, and as a child store) to the root or below it, never outside,
///   and `to_key(native_path(s))` gives the parsed path back.
///
/// # Panics
///
/// When one of those fails.
///
/// ```
/// remote_store::model::fuzz_paths(b"/a//b/./c\\d");
/// remote_store::model::fuzz_paths(b"../escape");
/// ```
#[track_caller]
pub fn fuzz_paths(data: &[u8]) {
    let raw = String::from_utf8_lossy(data);
    let raw = raw.as_ref();
    let path = match RemotePath::parse(raw) {
        Ok(path) => path,
        Err(error) => {
            assert_eq!(error.kind(), ErrorKind::InvalidPath, "{raw:?}: {error}");
            assert_eq!(
                error.path(),
                Some(raw),
                "the refusal must name the raw path"
            );
            check_store_refuses(raw);
            return;
        }
    };
    check_normalised(raw, &path);
    check_parts(&path);
    check_store_scoping(raw, &path);
}

fn check_normalised(raw: &str, path: &RemotePath) {
    let s = path.as_str();
    assert!(
        !s.contains('\\') && !s.contains('\0'),
        "{raw:?} parsed to {s:?}"
    );
    if !path.is_root() {
        assert!(
            s.split('/').all(|seg| !matches!(seg, "" | "." | "..")),
            "{raw:?} parsed to {s:?}, which has an empty, '.' or '..' segment"
        );
    }
    let again = RemotePath::parse(s).unwrap_or_else(|e| panic!("{s:?} does not parse again: {e}"));
    assert_eq!(&again, path, "parsing is not idempotent for {raw:?}");
}

fn check_parts(path: &RemotePath) {
    let segments: Vec<&str> = path.segments().collect();
    assert_eq!(segments.len(), path.depth(), "{path:?}");
    assert_eq!(segments.join("/"), path.as_str(), "{path:?}");
    assert_eq!(path.ancestors().count(), path.depth().saturating_sub(1));
    for ancestor in path.ancestors() {
        assert!(path.starts_with(&ancestor), "{path:?} under {ancestor:?}");
    }
    match path.parent() {
        None => assert!(path.is_root()),
        Some(parent) => {
            assert_eq!(parent.depth() + 1, path.depth(), "{path:?}");
            assert_eq!(parent.join(path.name()).ok().as_ref(), Some(path));
            assert_eq!(
                path.strip_prefix(&parent).as_ref().map(RemotePath::as_str),
                Some(path.name())
            );
        }
    }
}

fn fuzz_store() -> Store<MemoryBackend> {
    Store::new(MemoryBackend::new(), FUZZ_STORE_ROOT).expect("a valid store root")
}

fn check_store_scoping(raw: &str, path: &RemotePath) {
    let store = fuzz_store();
    let root = store.root_path().clone();
    let native = store
        .native_path(raw)
        .unwrap_or_else(|e| panic!("native_path({raw:?}) failed for a valid path: {e}"));
    let resolved = RemotePath::parse(&native)
        .unwrap_or_else(|e| panic!("native_path({raw:?}) = {native:?} does not parse: {e}"));
    assert!(
        resolved.starts_with(&root),
        "{raw:?} resolves to {resolved:?}, outside the store root {root:?}"
    );
    assert_eq!(resolved, root.join_path(path), "{raw:?}");
    let key = store
        .to_key(&native)
        .unwrap_or_else(|e| panic!("to_key({native:?}) failed: {e}"));
    assert_eq!(key, path.as_str(), "to_key(native_path({raw:?}))");
    match store.child(raw) {
        Ok(child) => {
            assert!(!path.is_root(), "child({raw:?}) of the root spelling");
            assert!(child.root_path().starts_with(&root));
            assert_eq!(child.root_path(), &root.join_path(path));
        }
        Err(error) => {
            assert!(path.is_root(), "child({raw:?}) failed: {error}");
            assert_eq!(error.kind(), ErrorKind::InvalidPath);
            assert_eq!(error.path(), Some(raw));
        }
    }
}

fn check_store_refuses(raw: &str) {
    let store = fuzz_store();
    for result in [
        store.native_path(raw).map(drop),
        store.child(raw).map(drop),
        store.exists(raw).map(drop),
    ] {
        let error = result.expect_err("an unparsable path must be refused");
        assert_eq!(error.kind(), ErrorKind::InvalidPath, "{raw:?}: {error}");
        assert_eq!(error.path(), Some(raw), "{error}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_caps_the_sequence() {
        let data = vec![20u8; 10 * MAX_FUZZ_OPS];
        let ops = decode_ops(&data);
        assert_eq!(ops.len(), MAX_FUZZ_OPS);
        assert!(ops.iter().all(|op| matches!(op, Op::CheckHealth)));
    }

    #[test]
    fn memory_never_departs_from_itself() {
        for seed in 0..32u64 {
            let data: Vec<u8> = (0..512u64)
                .map(|i| ((i + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15 ^ seed) >> 56) as u8)
                .collect();
            fuzz_against_oracle(MemoryBackend::new, &data, &OracleConfig::new());
        }
    }

    #[test]
    fn a_divergence_panics_with_the_script() {
        // A prefilled subject departs from the empty oracle at the first step.
        let factory = || {
            let backend = MemoryBackend::new();
            backend
                .write(
                    &"a".parse().unwrap(),
                    b"z".to_vec().into(),
                    &Default::default(),
                )
                .unwrap();
            backend
        };
        let panic = std::panic::catch_unwind(|| {
            fuzz_against_oracle(factory, &[0, 1, 0], &OracleConfig::new())
        })
        .expect_err("the prefilled subject diverges");
        let message = panic.downcast_ref::<String>().expect("a formatted message");
        assert!(message.contains("after 1 op(s)"), "{message}");
        assert!(message.contains("0: exists("), "{message}");
    }

    #[test]
    fn paths_hold_their_invariants() {
        for raw in [
            "", ".", "/", "a//b/./c", "\\x\\y\\", "..", "a/../b", "a\0b", "...", "a..b", " sp ",
            "\u{fffd}", "data/x", "./../x",
        ] {
            fuzz_paths(raw.as_bytes());
        }
        fuzz_paths(&[0xff, b'/', 0xfe]);
    }
}
