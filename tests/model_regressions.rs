//! One test per failure the model tests found, kept after the fix.

use std::sync::atomic::{AtomicBool, Ordering};

use remote_store::backends::LocalBackend;
use remote_store::{Backend, RemotePath, WriteOptions};

/// Found by `concurrent_ops_on_local_are_linearizable` (seed 2): a read that
/// raced a write publishing by rename saw a different inode at open than at
/// probe and failed with "changed while it was opened". A replaced file is
/// now probed and opened again; only a swap to something that is not a
/// regular file is refused.
#[test]
fn local_reads_racing_atomic_replacements_never_fail() {
    let backend = LocalBackend::temporary().expect("a temporary directory");
    let path = RemotePath::parse("b/a").expect("a valid path");
    let versions: Vec<Vec<u8>> = (0..4)
        .map(|i| vec![b'0' + i; 64 * (1 + i as usize)])
        .collect();
    let overwrite = WriteOptions::new().overwrite(true);
    backend
        .write(&path, versions[0].clone().into(), &overwrite)
        .expect("the first write");
    let done = AtomicBool::new(false);
    let reads = std::thread::scope(|scope| {
        scope.spawn(|| {
            for i in 0..2_000 {
                let content = versions[i % versions.len()].clone();
                backend
                    .write_atomic(&path, content.into(), &overwrite)
                    .expect("an atomic replacement");
            }
            done.store(true, Ordering::SeqCst);
        });
        let mut reads = 0;
        while !done.load(Ordering::SeqCst) {
            let content = backend
                .read_bytes(&path)
                .expect("a read racing a replacement");
            assert!(versions.iter().any(|v| v[..] == content[..]), "a torn read");
            reads += 1;
        }
        reads
    });
    assert!(reads > 0);
}
