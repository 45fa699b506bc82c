//! The whole conformance suite, the model test included, on three real
//! `object_store` stores through `ObjectStoreBackend` and the blocking
//! bridge: `InMemory`, `LocalFileSystem` in a temporary directory, and
//! `AmazonS3` against an S3 server this test starts on 127.0.0.1 (or a real
//! bucket, see `stores/mod.rs`). PROVING.md has the verdict of every
//! case that does not pass.

mod stores;

remote_store::conformance_suite! {
    module: in_memory,
    factory: stores::in_memory(),
    lacks: [GLOB, SEEKABLE_READ, WRITE_RESULT_NATIVE, ATOMIC_MOVE, LAZY_READ],
    flags: [flat_namespace],
}

remote_store::conformance_suite! {
    module: local_file_system,
    factory: stores::local(),
    lacks: [GLOB, SEEKABLE_READ, WRITE_RESULT_NATIVE, USER_METADATA],
    flags: [flat_namespace],
}

remote_store::conformance_suite! {
    module: amazon_s3,
    factory: stores::s3(),
    lacks: [GLOB, SEEKABLE_READ, WRITE_RESULT_NATIVE, ATOMIC_MOVE],
    flags: [flat_namespace],
}
