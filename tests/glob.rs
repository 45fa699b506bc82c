//! `ext::glob`: the portable fallback (contract section 8), the native path
//! through `Store::glob`, and the conformance table for native glob.

mod common;

use std::sync::Arc;

use common::{Restricted, native_glob};
use parking_lot::Mutex;
use remote_store::backends::MemoryBackend;
use remote_store::ext::glob::glob_files;
use remote_store::{
    Backend, Capability, CapabilitySet, Content, Delegate, Error, ErrorKind, FileInfo, ListOptions,
    Listing, RemotePath, Result, Store, WriteOptions,
};
use rstest::rstest;

/// A memory backend that records every `list_files` call and, when built
/// with [`Probe::native`], declares `GLOB` and globs natively with the
/// public helpers, as an S3-like backend would.
#[derive(Debug, Default)]
struct Probe {
    inner: MemoryBackend,
    native: bool,
    calls: Mutex<Vec<(String, ListOptions)>>,
}

impl Probe {
    fn native() -> Self {
        Probe {
            native: true,
            ..Probe::default()
        }
    }
}

impl Delegate for Probe {
    type Inner = MemoryBackend;
    fn inner(&self) -> &MemoryBackend {
        &self.inner
    }
    fn name(_: &Self) -> &str {
        "probe"
    }
    fn capabilities(this: &Self) -> CapabilitySet {
        let caps = this.inner.capabilities();
        if this.native {
            caps.with(Capability::GLOB)
        } else {
            caps
        }
    }
    fn list_files<'a>(
        this: &'a Self,
        path: &RemotePath,
        o: ListOptions,
    ) -> Result<Listing<'a, FileInfo>> {
        this.calls.lock().push((path.to_string(), o.clone()));
        this.inner.list_files(path, o)
    }
    fn glob<'a>(this: &'a Self, pattern: &str) -> Result<Listing<'a, FileInfo>> {
        if !this.native {
            return this.inner.glob(pattern);
        }
        // Through `this`, so that the one listing call is recorded.
        native_glob(this, pattern)
    }
}

const TREE: &[&str] = &[
    "top.txt",
    "top.csv",
    ".hidden.txt",
    "Upper.TXT",
    "data/2024/a.csv",
    "data/2024/b.txt",
    "data/2024/q1/c.csv",
    "data/2025/d.csv",
    "data/readme.md",
    "gr/a.txt",
    "gr/sub/b.txt",
    "gr/sub/c.csv",
    "weird/[x].txt",
    "weird/]y.txt",
    "weird/a[b.txt",
];

/// A store rooted at `root` over `backend`, holding [`TREE`], plus a decoy
/// file outside the root that no glob may ever return.
fn seeded<B: Backend>(backend: B, root: &str) -> Store<B> {
    let store = Store::new(backend, root).unwrap();
    for path in TREE {
        store.write(path, "x").unwrap();
    }
    store
        .backend()
        .write(
            &RemotePath::parse("outside/top.txt").unwrap(),
            Content::from("x"),
            &WriteOptions::new(),
        )
        .unwrap();
    store
}

fn glob<B: Backend>(store: &Store<B>, pattern: &str) -> Result<Vec<String>> {
    let mut found: Vec<String> = glob_files(store, pattern)?
        .map(|f| f.map(|f| f.path.to_string()))
        .collect::<Result<_>>()?;
    found.sort();
    Ok(found)
}

#[rstest]
#[case("*.txt", &[".hidden.txt", "top.txt"])]
#[case("top.txt", &["top.txt"])]
#[case("data/2024/*.csv", &["data/2024/a.csv"])]
#[case("data/*/*.csv", &["data/2024/a.csv", "data/2025/d.csv"])]
#[case("data/**/*.csv", &["data/2024/a.csv", "data/2024/q1/c.csv", "data/2025/d.csv"])]
#[case("**/*.csv", &["data/2024/a.csv", "data/2024/q1/c.csv", "data/2025/d.csv", "gr/sub/c.csv", "top.csv"])]
#[case("gr/**/*.txt", &["gr/a.txt", "gr/sub/b.txt"])]
#[case("gr/**", &["gr/a.txt", "gr/sub/b.txt", "gr/sub/c.csv"])]
#[case("data/202?/?.csv", &["data/2024/a.csv", "data/2025/d.csv"])]
#[case("data/202[5-9]/*", &["data/2025/d.csv"])]
#[case("data/202[!5]/*", &["data/2024/a.csv", "data/2024/b.txt"])]
#[case("weird/[]]y.txt", &["weird/]y.txt"])]
#[case("weird/a[b.txt", &["weird/a[b.txt"])]
#[case("weird/[[]x].txt", &["weird/[x].txt"])]
#[case("*.TXT", &["Upper.TXT"])]
#[case("upper.txt", &[])]
#[case(".*", &[".hidden.txt"])]
#[case("nothing/**/*.csv", &[])]
#[case("top.txt/*", &[])]
#[case("/gr//*.txt", &[])]
fn fallback_matches_store_relative_paths(#[case] pattern: &str, #[case] expected: &[&str]) {
    for root in ["", "root", "deep/root"] {
        let store = seeded(MemoryBackend::new(), root);
        assert_eq!(
            glob(&store, pattern).unwrap(),
            expected,
            "pattern {pattern:?} in a store rooted at {root:?}"
        );
    }
}

#[rstest]
#[case("**x")]
#[case("data/x**")]
#[case("data/**.csv")]
fn a_partial_double_star_is_refused_before_any_io(#[case] pattern: &str) {
    let store = seeded(Probe::default(), "r");
    store.backend().calls.lock().clear();
    let err = glob_files(&store, pattern).err().unwrap();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert!(err.to_string().contains(pattern), "{err}");
    assert!(store.backend().calls.lock().is_empty());
}

#[rstest]
#[case("data/2024/*.csv", "r/data/2024", false, Some(0))]
#[case("a/b.txt", "r/a", false, Some(0))]
#[case("*.txt", "r", false, Some(0))]
#[case("data/*/*.csv", "r/data", true, Some(1))]
#[case("data/**/*.csv", "r/data", true, None)]
fn the_fallback_lists_from_the_prefix_and_recurses_only_when_needed(
    #[case] pattern: &str,
    #[case] listed: &str,
    #[case] recursive: bool,
    #[case] max_depth: Option<usize>,
) {
    let store = seeded(Probe::default(), "r");
    store.backend().calls.lock().clear();
    glob(&store, pattern).unwrap();
    let calls = store.backend().calls.lock().clone();
    assert_eq!(calls.len(), 1, "{calls:?}");
    let (path, options) = &calls[0];
    assert_eq!(path, listed);
    assert_eq!(options.recursive, recursive);
    assert_eq!(options.max_depth, max_depth);
}

#[test]
fn capability_errors_of_the_fallback_propagate_unwrapped() {
    let caps = CapabilitySet::all()
        .without(Capability::LIST)
        .without(Capability::GLOB);
    let store = Store::new(Restricted::new(caps), "r").unwrap();
    let err = glob_files(&store, "**/*.txt").err().unwrap();
    match err {
        Error::CapabilityNotSupported { capability, .. } => {
            assert_eq!(capability, Capability::LIST)
        }
        other => panic!("expected CapabilityNotSupported, got {other:?}"),
    }
}

#[test]
fn an_empty_result_is_not_an_error() {
    let store = Store::new(MemoryBackend::new(), "r").unwrap();
    assert!(glob(&store, "**/*.txt").unwrap().is_empty());
    assert!(glob(&store, "missing/*.txt").unwrap().is_empty());
}

#[test]
fn a_backend_declaring_glob_is_used_natively() {
    let store = seeded(Probe::native(), "r");
    store.backend().calls.lock().clear();
    assert_eq!(
        glob(&store, "gr/**/*.txt").unwrap(),
        ["gr/a.txt", "gr/sub/b.txt"]
    );
    // The probe's native glob lists without a depth limit; the fallback
    // would have passed one.
    let calls = store.backend().calls.lock().clone();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].0, "r/gr");
    assert_eq!(calls[0].1.max_depth, None);
}

#[test]
fn memory_has_no_native_glob_and_store_glob_says_what_to_use() {
    let store = Store::new(MemoryBackend::new(), "r").unwrap();
    let err = store.glob("*.txt").err().unwrap();
    assert_eq!(err.kind(), ErrorKind::CapabilityNotSupported);
    assert!(err.to_string().contains("glob_files"), "{err}");
}

/// The native-glob conformance table of contract section 8, run through a
/// rooted store on the fallback and on a native backend alike.
#[rstest]
#[case(&["g/a.txt", "g/b.csv"], "g/*.txt", &["g/a.txt"])]
#[case(&["gr/a.txt"], "gr/**/*.txt", &["gr/a.txt"])]
#[case(&["gr/sub/b.txt", "gr/sub/c.csv"], "gr/**/*.txt", &["gr/sub/b.txt"])]
#[case(&["gf/a", "gf/b/c", "gf/b/d/e"], "gf/**/*", &["gf/a", "gf/b/c", "gf/b/d/e"])]
fn native_glob_conformance_table(
    #[case] seeded_files: &[&str],
    #[case] pattern: &str,
    #[case] expected: &[&str],
    #[values(false, true)] native: bool,
) {
    let backend = Arc::new(Probe {
        native,
        ..Probe::default()
    });
    let store = Store::from_shared(Arc::clone(&backend), "root").unwrap();
    for file in seeded_files {
        store.write(file, "x").unwrap();
    }
    assert_eq!(store.supports(Capability::GLOB), native);
    assert_eq!(glob(&store, pattern).unwrap(), expected);
}
