//! Bench support shared by every bench binary: the [`Subject`] trait that puts
//! a `remote_store` backend, `object_store`'s `InMemory` and the two lock
//! baselines behind one workload, the key sets, and latency percentiles.

// Each bench binary compiles this module and uses only part of it.
#![allow(dead_code)]

pub mod baselines;
pub mod keys;
pub mod latency;
pub mod object_store;
pub mod subject;

use std::sync::Arc;

use remote_store::backends::MemoryBackend;

pub use self::keys::Key;
pub use self::subject::{Backed, Subject};

/// The subjects every bench compares, freshly made and empty: the memory
/// backend first, then `object_store`'s `InMemory`, and the
/// `Mutex<BTreeMap>` and `RwLock<HashMap>` baselines.
pub fn subjects() -> Vec<Arc<dyn Subject>> {
    vec![
        Arc::new(Backed::new("memory", MemoryBackend::new())),
        Arc::new(object_store::InMemorySubject::default()),
        Arc::new(baselines::MutexBTree::default()),
        Arc::new(baselines::RwLockHash::default()),
    ]
}

/// Writes every key with `payload`, overwriting.
pub fn populate(subject: &dyn Subject, keys: &[Key], payload: &[u8]) {
    for key in keys {
        subject.write(key, payload);
    }
}
