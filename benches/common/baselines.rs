//! The two lock baselines: a global `Mutex<BTreeMap<String, Vec<u8>>>` and a
//! `parking_lot::RwLock<HashMap<String, Arc<[u8]>>>`.
//!
//! Both list the way the memory backend's listing is consumed: one owned item
//! (path and size) per file, collected into a `Vec`. Unlike the memory
//! backend, they must do the whole scan under their lock.

use std::collections::{BTreeMap, HashMap};
use std::hint::black_box;
use std::ops::Bound;
use std::sync::Arc;

use parking_lot::{Mutex, RwLock};

use super::{Key, Subject};

/// One listed file: its path and size.
type Item = (String, u64);

/// The keys under `prefix` as the folder prefix `prefix/`.
fn folder_prefix(prefix: &Key) -> String {
    format!("{}/", prefix.text)
}

/// Whether `key` (under `start`) is directly in that folder.
fn is_direct(key: &str, start: &str) -> bool {
    !key[start.len()..].contains('/')
}

/// A global mutex over a sorted map of owned byte vectors; reads copy.
#[derive(Default)]
pub struct MutexBTree {
    map: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl MutexBTree {
    fn scan(&self, prefix: &Key, one_level: bool) -> Vec<Item> {
        let start = folder_prefix(prefix);
        let map = self.map.lock();
        map.range::<str, _>((Bound::Included(start.as_str()), Bound::Unbounded))
            .take_while(|(key, _)| key.starts_with(&start))
            .filter(|(key, _)| !one_level || is_direct(key, &start))
            .map(|(key, data)| (key.clone(), data.len() as u64))
            .collect()
    }
}

impl Subject for MutexBTree {
    fn label(&self) -> &'static str {
        "mutex_btree"
    }

    fn write(&self, key: &Key, data: &[u8]) {
        let data = data.to_vec();
        let old = self.map.lock().insert(key.text.clone(), data);
        drop(black_box(old));
    }

    fn read(&self, key: &Key) -> usize {
        let copy = self.map.lock().get(&key.text).cloned();
        black_box(copy).map_or(0, |data| data.len())
    }

    fn exists(&self, key: &Key) -> bool {
        self.map.lock().contains_key(&key.text)
    }

    fn list_recursive(&self, prefix: &Key) -> usize {
        black_box(self.scan(prefix, false)).len()
    }

    fn list_one_level(&self, prefix: &Key) -> usize {
        black_box(self.scan(prefix, true)).len()
    }

    fn first_listed(&self, prefix: &Key) -> bool {
        self.scan(prefix, true).into_iter().next().is_some()
    }

    fn delete_folder(&self, prefix: &Key) {
        let start = folder_prefix(prefix);
        let mut map = self.map.lock();
        let mut below = map.split_off(start.as_str());
        let mut after = below.split_off(format!("{}0", prefix.text).as_str());
        map.append(&mut after);
        drop(map);
        drop(black_box(below));
    }
}

/// A read-write lock over a hash map of shared byte slices; reads share.
#[derive(Default)]
pub struct RwLockHash {
    map: RwLock<HashMap<String, Arc<[u8]>>>,
}

impl RwLockHash {
    fn scan(&self, prefix: &Key, one_level: bool) -> Vec<Item> {
        let start = folder_prefix(prefix);
        let map = self.map.read();
        map.iter()
            .filter(|(key, _)| key.starts_with(&start))
            .filter(|(key, _)| !one_level || is_direct(key, &start))
            .map(|(key, data)| (key.clone(), data.len() as u64))
            .collect()
    }
}

impl Subject for RwLockHash {
    fn label(&self) -> &'static str {
        "rwlock_hash"
    }

    fn write(&self, key: &Key, data: &[u8]) {
        let data: Arc<[u8]> = Arc::from(data);
        let old = self.map.write().insert(key.text.clone(), data);
        drop(black_box(old));
    }

    fn read(&self, key: &Key) -> usize {
        let shared = self.map.read().get(&key.text).cloned();
        black_box(shared).map_or(0, |data| data.len())
    }

    fn exists(&self, key: &Key) -> bool {
        self.map.read().contains_key(&key.text)
    }

    fn list_recursive(&self, prefix: &Key) -> usize {
        black_box(self.scan(prefix, false)).len()
    }

    fn list_one_level(&self, prefix: &Key) -> usize {
        black_box(self.scan(prefix, true)).len()
    }

    fn first_listed(&self, prefix: &Key) -> bool {
        self.scan(prefix, true).into_iter().next().is_some()
    }

    fn delete_folder(&self, prefix: &Key) {
        let start = folder_prefix(prefix);
        let mut removed = Vec::new();
        self.map.write().retain(|key, data| {
            let below = key.starts_with(&start);
            if below {
                removed.push(Arc::clone(data));
            }
            !below
        });
        drop(black_box(removed));
    }
}
