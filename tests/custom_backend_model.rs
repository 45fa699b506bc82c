//! The example's `FlatBackend` (a `HashMap` of full keys, folders implied)
//! against the memory oracle, with implied folders: the oracle drops its
//! empty folders after every op, and writes under a file are not compared.

#[path = "../examples/custom_backend.rs"]
#[allow(dead_code)]
mod custom_backend;

use remote_store::RemotePath;
use remote_store::model::{Op, OracleConfig, Source, check_against_oracle, run_ops};

#[test]
fn the_flat_example_backend_matches_the_oracle_with_implied_folders() {
    check_against_oracle(
        custom_backend::FlatBackend::default,
        &OracleConfig::new().implied_folders(true),
    );
}

/// Found by the test above: `FlatBackend` drained the content before it
/// refused the root, so a failing reader turned `InvalidPath` into `Io`.
#[test]
fn regression_a_write_to_the_root_is_refused_before_the_content_is_read() {
    let ops = [Op::Write {
        path: RemotePath::root(),
        content: bytes::Bytes::new(),
        source: Source::FailingReader(0),
        overwrite: false,
        metadata: None,
    }];
    let config = OracleConfig::new().implied_folders(true);
    assert_eq!(
        run_ops(&custom_backend::FlatBackend::default(), &ops, &config),
        Ok(())
    );
}
