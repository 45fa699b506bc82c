//! The whole conformance suite, the model test included, on three real
//! `object_store` stores through `ObjectStoreBackend` and the blocking
//! bridge: `InMemory`, `LocalFileSystem` in a temporary directory, and
//! `AmazonS3` against an S3 server this test starts on 127.0.0.1 (or a real
//! bucket, see `stores/mod.rs`). PROVING.md (at the repository root) has the verdict of every
//! case that failed on the way, and why each ignored case is ignored.
//!
//! LocalFileSystem (like s3s-fs behind the S3 server) keeps keys as files
//! in directories, so it refuses a write under a file, and is proven to
//! answer `InvalidPath` then; InMemory and S3 accept such keys.

mod stores;

remote_store::conformance_suite! {
    module: in_memory,
    factory: async stores::in_memory(),
    lacks: [GLOB, SEEKABLE_READ, WRITE_RESULT_NATIVE, ATOMIC_MOVE, LAZY_READ],
    flags: [flat_namespace],
}

remote_store::conformance_suite! {
    module: local_file_system,
    factory: stores::local(),
    lacks: [GLOB, SEEKABLE_READ, WRITE_RESULT_NATIVE, USER_METADATA],
    flags: [flat_namespace, rejects_write_under_file_ancestor],
}

remote_store::conformance_suite! {
    module: amazon_s3,
    factory: stores::s3(),
    lacks: [GLOB, SEEKABLE_READ, WRITE_RESULT_NATIVE, ATOMIC_MOVE],
    flags: [flat_namespace],
    skip: [
        atomic::concurrent_creates_without_overwrite_let_exactly_one_win =
            "the loopback server (s3s-fs 0.14) ignores If-None-Match on PUT, so every no-clobber writer wins",
        metadata::listed_file_info_matches_get_file_info =
            "S3 lists LastModified in milliseconds but HEAD answers whole seconds",
    ],
}

/// The model test (random op sequences against the memory oracle) on each
/// store. `model: true` in the macro runs 256 sequences of up to 64 ops,
/// which through the bridge and HTTP takes minutes to an hour; here each
/// store runs `REMOTE_STORE_MODEL_CASES` sequences (default: 32 on
/// InMemory, 8 on LocalFileSystem, 2 on S3) of up to 32 ops;
/// `REMOTE_STORE_MODEL_CASES=256` is the full run (PROVING.md).
mod model {
    use remote_store::model::{OracleConfig, check_against_oracle};

    /// `rejects_under_file`: the store refuses a write under a file (a
    /// store on a file system), which the model then compares too.
    fn config(default_cases: u32, rejects_under_file: bool) -> OracleConfig {
        let cases = std::env::var("REMOTE_STORE_MODEL_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default_cases);
        OracleConfig::new()
            .cases(cases)
            .max_ops(32)
            .implied_folders(true)
            .rejects_write_under_file_ancestor(rejects_under_file)
    }

    #[test]
    fn in_memory_matches_the_memory_oracle() {
        check_against_oracle(super::stores::in_memory_bridged, &config(32, false));
    }

    #[test]
    fn local_file_system_matches_the_memory_oracle() {
        check_against_oracle(super::stores::local, &config(8, true));
    }

    /// S3 sends user metadata as `x-amz-meta-*` headers, whose names are
    /// case-insensitive: keys come back lower-cased (PROVING.md).
    #[test]
    fn amazon_s3_matches_the_memory_oracle() {
        let config = config(2, false).lowercase_metadata_keys(true);
        check_against_oracle(super::stores::s3, &config);
    }
}

/// A scratch prefix leaves nothing behind in a shared store: the clean-up
/// hook that makes a run against a real bucket safe.
mod clean_up {
    use std::sync::Arc;

    use futures_util::StreamExt;
    use object_store::ObjectStore;
    use object_store::memory::InMemory;
    use object_store::path::Path;
    use remote_store::backends::{ScratchBackend, StoreTraits};
    use remote_store::{Backend, RemotePath, WriteOptions};

    fn keys_under(store: &Arc<dyn ObjectStore>, prefix: &str) -> usize {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(store.list(Some(&Path::from(prefix))).count())
    }

    fn leaves_nothing(store: Arc<dyn ObjectStore>, traits: StoreTraits) {
        let scratch = ScratchBackend::new(Arc::clone(&store), traits, super::stores::BASE_PREFIX)
            .expect("a scratch prefix");
        for path in ["a/b/c.txt", "a/d.txt", "e.txt"] {
            let path = RemotePath::parse(path).unwrap();
            scratch
                .write(&path, "x".into(), &WriteOptions::new())
                .expect("a write");
        }
        let prefix = scratch.prefix().to_owned();
        assert_eq!(
            keys_under(&store, &prefix),
            3,
            "the writes landed under {prefix}"
        );
        drop(scratch);
        assert_eq!(keys_under(&store, &prefix), 0, "left behind under {prefix}");
    }

    #[test]
    fn in_memory() {
        leaves_nothing(Arc::new(InMemory::new()), StoreTraits::in_memory());
    }

    #[test]
    fn local_file_system() {
        leaves_nothing(
            super::stores::local_store(),
            StoreTraits::local_file_system(),
        );
    }

    #[test]
    fn amazon_s3() {
        leaves_nothing(super::stores::s3_store(), StoreTraits::amazon_s3());
    }
}
