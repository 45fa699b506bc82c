//! Bench keys: each one parsed once, outside the timed loops, in the form
//! every subject wants.

use remote_store::RemotePath;

/// A file or folder key, as the text a caller holds: every subject turns it
/// into its own key type on each call (a backend parses a `RemotePath`).
#[derive(Clone)]
pub struct Key {
    /// The normal path, e.g. `tree/d000/f000000.bin`.
    pub text: String,
}

impl Key {
    /// The key `text`, which must be a normal path.
    pub fn new(text: String) -> Self {
        debug_assert!(RemotePath::parse(&text).is_ok_and(|path| path.as_str() == text));
        Key { text }
    }
}

/// `count` files spread over `folders` subfolders of `root`:
/// `root/dNNN/fNNNNNN.bin`, file `i` in folder `i % folders`.
pub fn tree(root: &str, folders: usize, count: usize) -> Vec<Key> {
    (0..count)
        .map(|i| Key::new(format!("{root}/d{:03}/f{i:06}.bin", i % folders)))
        .collect()
}

/// `count` files directly in `root`: `root/fNNNNNN.bin`.
pub fn flat(root: &str, count: usize) -> Vec<Key> {
    (0..count)
        .map(|i| Key::new(format!("{root}/f{i:06}.bin")))
        .collect()
}

/// The folder key `text`.
pub fn folder(text: &str) -> Key {
    Key::new(text.to_owned())
}

/// The `n`-th index of a fixed pseudo-random walk over `len` keys, so that
/// successive operations do not hit neighbouring keys (`len` > 0).
pub fn scattered(n: u64, len: usize) -> usize {
    // 2654435761 is Knuth's multiplicative hash constant.
    (n.wrapping_mul(2_654_435_761) % len as u64) as usize
}
