//! Shared by the object-store proofs: the three stores the suite runs on.

pub mod s3_server;
mod s3_shim;

use std::sync::{Arc, OnceLock};

use object_store::ObjectStore;
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::memory::InMemory;
use remote_store::aio::Blocking;
use remote_store::backends::{ObjectStoreBackend, ScratchBackend, StoreTraits};

/// Where scratch prefixes go in a shared store.
pub const BASE_PREFIX: &str = "remote-store-conformance";

/// A fresh `InMemory` store per backend, as the async backend it is
/// (`factory: async` bridges it).
pub fn in_memory() -> ObjectStoreBackend {
    ObjectStoreBackend::new(Arc::new(InMemory::new()), StoreTraits::in_memory())
}

/// [`in_memory`] through the blocking bridge, for the model test.
pub fn in_memory_bridged() -> Blocking<ObjectStoreBackend> {
    Blocking::new(in_memory())
}

/// One `LocalFileSystem` over a temporary directory (under target/) for
/// the whole test binary; every backend gets a scratch prefix in it (removed on drop, and
/// emptied folders with it: automatic clean-up is on).
pub fn local_store() -> Arc<dyn ObjectStore> {
    static STORE: OnceLock<Arc<dyn ObjectStore>> = OnceLock::new();
    Arc::clone(STORE.get_or_init(|| {
        let root = tempfile::Builder::new()
            .prefix("local-file-system-")
            .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
            .expect("a temporary directory")
            .keep();
        let store = LocalFileSystem::new_with_prefix(root)
            .expect("a LocalFileSystem")
            .with_automatic_cleanup(true);
        Arc::new(store)
    }))
}

/// A scratch prefix of the local store.
pub fn local() -> ScratchBackend {
    ScratchBackend::new(local_store(), StoreTraits::local_file_system(), BASE_PREFIX)
        .expect("a scratch prefix")
}

/// The S3 client: a real bucket when `REMOTE_STORE_S3_BUCKET` is set
/// (credentials, region and endpoint from the usual `AWS_*` variables),
/// else the S3 server this process starts on 127.0.0.1.
pub fn s3_store() -> Arc<dyn ObjectStore> {
    static STORE: OnceLock<Arc<dyn ObjectStore>> = OnceLock::new();
    Arc::clone(STORE.get_or_init(|| {
        let builder = match std::env::var("REMOTE_STORE_S3_BUCKET") {
            Ok(bucket) => AmazonS3Builder::from_env().with_bucket_name(bucket),
            Err(_) => {
                refuse_proxies_for_loopback();
                let server = s3_server::loopback_s3();
                AmazonS3Builder::new()
                    .with_endpoint(&server.endpoint)
                    .with_allow_http(true)
                    .with_virtual_hosted_style_request(false)
                    .with_bucket_name(s3_server::BUCKET)
                    .with_region(s3_server::REGION)
                    .with_access_key_id(s3_server::ACCESS_KEY)
                    .with_secret_access_key(s3_server::SECRET_KEY)
                    // A server on loopback answers at once or not at all:
                    // do not retry for minutes. But a loaded machine can
                    // stall one request (a seed write's listing failed once
                    // with one retry within 5 s), so allow a few.
                    .with_retry(object_store::RetryConfig {
                        max_retries: 3,
                        retry_timeout: std::time::Duration::from_secs(20),
                        ..Default::default()
                    })
            }
        };
        Arc::new(builder.build().expect("an S3 client"))
    }))
}

/// The base prefix in the bucket: `REMOTE_STORE_S3_PREFIX`, or [`BASE_PREFIX`].
pub fn s3_base_prefix() -> String {
    std::env::var("REMOTE_STORE_S3_PREFIX").unwrap_or_else(|_| BASE_PREFIX.to_owned())
}

/// A scratch prefix of the S3 bucket.
pub fn s3() -> ScratchBackend {
    ScratchBackend::new(s3_store(), StoreTraits::amazon_s3(), &s3_base_prefix())
        .expect("a scratch prefix")
}

/// The HTTP client honours proxy variables; one that would catch
/// 127.0.0.1 would send the tests' traffic off the machine.
fn refuse_proxies_for_loopback() {
    let set = |name: &str| std::env::var(name).is_ok_and(|v| !v.is_empty());
    let proxied = ["http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"]
        .iter()
        .any(|name| set(name));
    let excluded = ["no_proxy", "NO_PROXY"].iter().any(|name| {
        std::env::var(name).is_ok_and(|v| {
            v.split(',')
                .any(|h| h.trim() == "127.0.0.1" || h.trim() == "*")
        })
    });
    assert!(
        !proxied || excluded,
        "an HTTP proxy variable is set: add 127.0.0.1 to NO_PROXY so the loopback S3 server is reached directly"
    );
}
