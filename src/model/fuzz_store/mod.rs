//! [`fuzz_store_ops`]: arbitrary ops, with arbitrary path strings, through
//! a [`Store`] rooted at [`FUZZ_STORE_ROOT`], checked against the same ops
//! on a plain [`MemoryBackend`] at the store-relative paths.

mod store_op;

use std::collections::BTreeMap;
use std::sync::Arc;

use arbitrary::{Arbitrary, Unstructured};

use self::store_op::StoreOp;
use super::fuzz::{FUZZ_STORE_ROOT, MAX_FUZZ_OPS};
use super::op::{Op, Source, metadata_of};
use super::outcome::{
    Data, FileView, Outcome, children, files, folder_info, folders, run_op, write_options, written,
};
use super::state::walk_folders;
use crate::backends::MemoryBackend;
use crate::{
    Backend, DeleteFolderOptions, DeleteOptions, ListOptions, Metadata, RemotePath, Store,
    TransferOptions, WriteOptions,
};

/// Files outside the store root that no store op may touch: a sibling that
/// shares the root's prefix (`data/x.b`, `data/xa`), a cousin and a file at
/// the backend root.
const SENTINELS: [&str; 4] = ["data/x.b", "data/xa", "data/y/z", "outside"];

/// The metadata a store write with `metadata` carries.
fn metadata_value(metadata: bool) -> Option<Metadata> {
    metadata.then(|| metadata_of(&[0, 2]))
}

fn refused(raw: &str) -> Outcome {
    Outcome::Failed(crate::ErrorKind::InvalidPath, Some(raw.to_owned()))
}

/// Runs `op` through the store, its result captured as an [`Outcome`].
fn run_on_store(store: &Store<MemoryBackend>, op: &StoreOp) -> Outcome {
    let result = match op {
        StoreOp::Exists(p) => store.exists(p).map(Outcome::Bool),
        StoreOp::IsFile(p) => store.is_file(p).map(Outcome::Bool),
        StoreOp::IsFolder(p) => store.is_folder(p).map(Outcome::Bool),
        StoreOp::ReadBytes(p) => store
            .read_bytes(p)
            .map(|b| Outcome::Bytes(Data(b.to_vec()))),
        StoreOp::Write {
            path,
            content,
            atomic,
            overwrite,
            metadata,
        } => {
            let options = write_options(*overwrite, &metadata_value(*metadata));
            let content = content.clone();
            if *atomic {
                store.write_atomic_with(path, content, &options)
            } else {
                store.write_with(path, content, &options)
            }
            .map(written)
        }
        StoreOp::Delete { path, missing_ok } => store
            .delete_with(path, DeleteOptions::new().missing_ok(*missing_ok))
            .map(|()| Outcome::Done),
        StoreOp::DeleteFolder {
            path,
            recursive,
            missing_ok,
        } => store
            .delete_folder_with(
                path,
                DeleteFolderOptions::new()
                    .recursive(*recursive)
                    .missing_ok(*missing_ok),
            )
            .map(|()| Outcome::Done),
        StoreOp::ListFiles {
            path,
            recursive,
            max_depth,
        } => files(
            store.list_files_with(
                path,
                ListOptions::new()
                    .recursive(*recursive)
                    .max_depth(*max_depth),
            ),
        ),
        StoreOp::ListFolders(p) => folders(store.list_folders(p)),
        StoreOp::IterChildren(p) => children(store.iter_children(p)),
        StoreOp::GetFileInfo(p) => store
            .get_file_info(p)
            .map(|info| Outcome::Info(FileView::from(&info))),
        StoreOp::GetFolderInfo(p) => store.get_folder_info(p).map(folder_info),
        StoreOp::Transfer {
            rename,
            src,
            dst,
            overwrite,
        } => {
            let options = TransferOptions::new().overwrite(*overwrite);
            if *rename {
                store.rename_with(src, dst, options)
            } else {
                store.copy_with(src, dst, options)
            }
            .map(|()| Outcome::Done)
        }
        StoreOp::KeyRoundTrip(p) => store
            .native_path(p)
            .and_then(|native| store.to_key(&native))
            .map(Outcome::Key),
    };
    result.unwrap_or_else(|e| Outcome::of_error(&e))
}

/// A path the store resolves, or the outcome of refusing it.
fn parse(raw: &str) -> std::result::Result<RemotePath, Outcome> {
    RemotePath::parse(raw).map_err(|_| refused(raw))
}

/// A file path: the root spellings are refused as well.
fn parse_file(raw: &str) -> std::result::Result<RemotePath, Outcome> {
    parse(raw).and_then(|p| {
        if p.is_root() {
            Err(refused(raw))
        } else {
            Ok(p)
        }
    })
}

/// What the store must return for `op`: the store's own refusals (an
/// unparsable path, the root in a file operation, deleting the root, a
/// self-transfer), else the same op on `direct` at the store-relative path.
fn expected(direct: &MemoryBackend, op: &StoreOp) -> Outcome {
    let model = |op: std::result::Result<Op, Outcome>| match op {
        Ok(op) => run_op(direct, &op),
        Err(outcome) => outcome,
    };
    match op {
        StoreOp::Exists(p) => model(parse(p).map(Op::Exists)),
        StoreOp::IsFile(p) => model(parse(p).map(Op::IsFile)),
        StoreOp::IsFolder(p) => model(parse(p).map(Op::IsFolder)),
        StoreOp::ReadBytes(p) => model(parse_file(p).map(Op::ReadBytes)),
        StoreOp::Write {
            path,
            content,
            atomic,
            overwrite,
            metadata,
        } => {
            let metadata = metadata_value(*metadata);
            model(parse_file(path).map(|path| {
                let content = bytes::Bytes::from(content.clone());
                Op::new_write(*atomic, path, content, Source::Bytes, *overwrite, metadata)
            }))
        }
        StoreOp::Delete { path, missing_ok } => model(parse_file(path).map(|path| Op::Delete {
            path,
            missing_ok: *missing_ok,
        })),
        StoreOp::DeleteFolder {
            path,
            recursive,
            missing_ok,
        } => model(parse_file(path).map(|path| Op::DeleteFolder {
            path,
            recursive: *recursive,
            missing_ok: *missing_ok,
        })),
        StoreOp::ListFiles {
            path,
            recursive,
            max_depth,
        } => model(parse(path).map(|path| Op::ListFiles {
            path,
            // Store rule (contract, Store.list_files): a set max_depth
            // decides recursion, `max_depth > 0`, whatever `recursive` says.
            recursive: max_depth.map_or(*recursive, |depth| depth > 0),
            max_depth: *max_depth,
        })),
        StoreOp::ListFolders(p) => model(parse(p).map(Op::ListFolders)),
        StoreOp::IterChildren(p) => model(parse(p).map(Op::IterChildren)),
        StoreOp::GetFileInfo(p) => model(parse_file(p).map(Op::GetFileInfo)),
        StoreOp::GetFolderInfo(p) => model(parse(p).map(Op::GetFolderInfo)),
        StoreOp::Transfer {
            rename,
            src,
            dst,
            overwrite,
        } => {
            let (s, d) = match (parse_file(src), parse_file(dst)) {
                (Err(outcome), _) | (_, Err(outcome)) => return outcome,
                (Ok(s), Ok(d)) => (s, d),
            };
            if s == d {
                // Documented: a self-transfer of a file is a no-op, and
                // otherwise names the source as the caller spelled it.
                return match (direct.is_file(&s), direct.is_folder(&s)) {
                    (Ok(true), _) => Outcome::Done,
                    (_, Ok(true)) => {
                        Outcome::Failed(crate::ErrorKind::InvalidPath, Some(src.clone()))
                    }
                    _ => Outcome::Failed(crate::ErrorKind::NotFound, Some(src.clone())),
                };
            }
            let overwrite = *overwrite;
            model(Ok(if *rename {
                Op::Rename {
                    src: s,
                    dst: d,
                    overwrite,
                }
            } else {
                Op::Copy {
                    src: s,
                    dst: d,
                    overwrite,
                }
            }))
        }
        StoreOp::KeyRoundTrip(p) => model(parse(p).map(Op::KeyRoundTrip)),
    }
}

/// Every file (content and metadata) and every folder of `backend`, by
/// path, found by listing from the root.
#[derive(Debug, PartialEq, Eq, Default)]
struct Tree {
    files: BTreeMap<String, (Vec<u8>, Option<Metadata>)>,
    folders: Vec<String>,
}

fn tree(backend: &MemoryBackend, base: &RemotePath) -> Tree {
    let mut tree = Tree::default();
    if !backend.is_folder(base).expect("a memory probe") {
        return tree;
    }
    let relative = |path: &RemotePath| {
        let relative = path
            .strip_prefix(base)
            .expect("a listing stays under its folder");
        relative.as_str().to_owned()
    };
    let files = backend
        .list_files(base, ListOptions::new().recursive(true))
        .expect("a memory listing");
    for file in files {
        let file = file.expect("a memory listing");
        let content = backend.read_bytes(&file.path).expect("a listed file reads");
        tree.files
            .insert(relative(&file.path), (content.to_vec(), file.metadata));
    }
    tree.folders = walk_folders(backend, base)
        .expect("a memory listing")
        .iter()
        .map(|folder| relative(&RemotePath::parse(folder).expect("a listed path parses")))
        .collect();
    tree
}

fn script(ops: &[StoreOp]) -> String {
    ops.iter()
        .enumerate()
        .map(|(i, op)| format!("  {i:>3}: {op:?}\n"))
        .collect()
}

/// Decodes at most [`MAX_FUZZ_OPS`] store ops from `data` and runs each
/// through a [`Store`] rooted at [`FUZZ_STORE_ROOT`] over a
/// [`MemoryBackend`] that also holds files outside the root. Paths are raw
/// strings: alphabet paths spelled with odd separators, root spellings,
/// `..` escapes and arbitrary text. After every op it checks that:
///
/// * the store did not panic, and every error it returned names a path;
/// * the result equals the store's documented refusal (unparsable path,
///   root in a file operation, deleting the root, self-transfer) or else
///   the same op on a plain `MemoryBackend` at the store-relative path;
/// * the backend under the root holds exactly what that plain backend
///   holds, and outside the root only the untouched sentinel files (and
///   their folders, and the root's ancestors).
///
/// # Panics
///
/// When one of those fails, with the ops so far as a numbered script.
///
/// ```
/// remote_store::model::fuzz_store_ops(b"\x04\x05a/b\x00\x01\x02\x00");
/// ```
#[track_caller]
pub fn fuzz_store_ops(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let backend = Arc::new(MemoryBackend::new());
    let root = RemotePath::parse(FUZZ_STORE_ROOT).expect("a valid store root");
    for sentinel in SENTINELS {
        let path = RemotePath::parse(sentinel).expect("a valid sentinel");
        backend
            .write(&path, b"sentinel".to_vec().into(), &WriteOptions::new())
            .expect("writing a sentinel");
    }
    // The store root exists, as the backend root always does for `direct`.
    let marker = root.join("marker").expect("a valid path");
    backend
        .write(&marker, Vec::new().into(), &WriteOptions::new())
        .expect("creating the store root");
    backend
        .delete(&marker, DeleteOptions::new())
        .expect("creating the store root");
    let outside_before = outside(&backend, &root);
    let store = Store::from_shared(Arc::clone(&backend), FUZZ_STORE_ROOT).expect("a store");
    let direct = MemoryBackend::new();
    let mut ops = Vec::new();
    while ops.len() < MAX_FUZZ_OPS && !u.is_empty() {
        let Ok(op) = StoreOp::arbitrary(&mut u) else {
            break;
        };
        ops.push(op.clone());
        let want = expected(&direct, &op);
        let got = run_on_store(&store, &op);
        let fail = |what: String| -> ! { panic!("{}{what}", script(&ops)) };
        if let Outcome::Failed(kind, None) = &got {
            fail(format!("a {kind:?} error from the store names no path"));
        }
        if want.clone().sorted() != got.clone().sorted() {
            fail(format!(
                "expected (plain backend): {want:?}\n   found (store): {got:?}"
            ));
        }
        let inside = tree(&backend, &root);
        let model = tree(&direct, &RemotePath::root());
        if inside != model {
            fail(format!(
                "under the store root the backend holds {inside:?}\n  the plain backend holds {model:?}"
            ));
        }
        let now = outside(&backend, &root);
        if now != outside_before {
            fail(format!(
                "outside the store root, before: {outside_before:?}\n  now: {now:?}"
            ));
        }
    }
}

/// The backend's files and folders that are not under `root`.
fn outside(backend: &MemoryBackend, root: &RemotePath) -> Tree {
    let mut all = tree(backend, &RemotePath::root());
    let under =
        |path: &String| RemotePath::parse(path).is_ok_and(|p| p.starts_with(root) && p != *root);
    all.files.retain(|path, _| !under(path));
    all.folders.retain(|path| !under(path));
    all
}

#[cfg(test)]
mod tests {
    use super::store_op::raw_path;
    use super::*;

    #[test]
    fn decoded_ops_mix_odd_spellings_and_escapes() {
        let data: Vec<u8> = (1..=8192u64)
            .map(|i| (i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as u8)
            .collect();
        let mut u = Unstructured::new(&data);
        let paths: Vec<String> = (0..400).map(|_| raw_path(&mut u).unwrap()).collect();
        assert!(paths.iter().any(|p| p.contains("..")));
        assert!(paths.iter().any(|p| p.contains('\\')));
        assert!(
            paths
                .iter()
                .any(|p| RemotePath::parse(p).is_ok_and(|p| p.is_root()))
        );
        assert!(
            paths
                .iter()
                .any(|p| RemotePath::parse(p).is_ok_and(|p| p.depth() >= 3))
        );
    }

    #[test]
    fn pseudo_random_inputs_hold_every_invariant() {
        for seed in 0..32u64 {
            let data: Vec<u8> = (0..1024u64)
                .map(|i| ((i + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15 ^ (seed << 8)) >> 56) as u8)
                .collect();
            fuzz_store_ops(&data);
        }
    }

    #[test]
    fn the_outside_view_ignores_the_root_and_keeps_sentinels() {
        let backend = MemoryBackend::new();
        let root = RemotePath::parse(FUZZ_STORE_ROOT).unwrap();
        for path in ["data/x/in", "data/x.b"] {
            backend
                .write(
                    &path.parse().unwrap(),
                    b"1".to_vec().into(),
                    &WriteOptions::new(),
                )
                .unwrap();
        }
        let view = outside(&backend, &root);
        assert_eq!(view.files.keys().collect::<Vec<_>>(), ["data/x.b"]);
        assert!(view.folders.contains(&"data/x".to_owned()));
        assert!(!view.folders.contains(&"data/x/in".to_owned()));
    }
}
