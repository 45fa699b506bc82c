//! [rstest](https://docs.rs/rstest) fixtures: a fresh store per test, the
//! Rust form of a pytest fixture (feature `fixtures`).
//!
//! Both fixtures give a [`Store`] (`Store<dyn Backend>`), so one test body
//! runs on memory and on real files:
//!
//! ```
//! use remote_store::fixtures::{local_store, memory_store};
//! use remote_store::{Store, TreeSnapshot};
//! use rstest::rstest;
//!
//! #[rstest]
//! fn saves_a_report(#[values(memory_store(), local_store())] store: Store) {
//!     store.write_text("out/report.txt", "ok").unwrap();
//!     assert_eq!(store.tree().unwrap(), TreeSnapshot::new().file("out/report.txt", "ok"));
//! }
//! # fn main() {}
//! ```
//!
//! A test that needs one kind names the fixture as its argument:
//! `#[rstest] fn t(memory_store: Store)`. To start from files, build the
//! store from [`MemoryBackend::with_files`].

use std::sync::Arc;

use rstest::fixture;

use crate::backends::{LocalBackend, MemoryBackend};
use crate::{Backend, Store};

/// A store over a fresh, empty [`MemoryBackend`], rooted at its root.
#[fixture]
pub fn memory_store() -> Store {
    let backend: Arc<dyn Backend> = Arc::new(MemoryBackend::new());
    Store::from_shared(backend, "").expect("the root is a valid store root")
}

/// A store over a [`LocalBackend`] in a fresh temporary directory, which is
/// removed when the last handle on the store's backend is dropped.
///
/// # Panics
///
/// When no temporary directory can be created (the test cannot run).
#[fixture]
pub fn local_store() -> Store {
    let backend = LocalBackend::temporary().expect("creating a temporary directory for a test");
    let backend: Arc<dyn Backend> = Arc::new(backend);
    Store::from_shared(backend, "").expect("the root is a valid store root")
}
