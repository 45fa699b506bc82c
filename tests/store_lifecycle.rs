//! Who closes an owned backend: the last store sharing it, never one under a
//! live clone (checked with a backend whose close is terminal).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use remote_store::backends::MemoryBackend;
use remote_store::testing::{FaultRule, FaultyBackend};
use remote_store::{Backend, Delegate, Error, ErrorKind, Result, Store};

/// A memory backend that refuses every call after `close` (a
/// `FaultyBackend` rule), and counts closes.
#[derive(Debug)]
struct TerminalClose {
    inner: FaultyBackend<MemoryBackend>,
    closes: Arc<AtomicUsize>,
}

impl TerminalClose {
    fn new() -> (Self, Arc<AtomicUsize>) {
        let closes = Arc::new(AtomicUsize::new(0));
        let backend = TerminalClose {
            inner: FaultyBackend::new(MemoryBackend::new()),
            closes: Arc::clone(&closes),
        };
        (backend, closes)
    }
}

impl Delegate for TerminalClose {
    type Inner = FaultyBackend<MemoryBackend>;
    fn inner(&self) -> &Self::Inner {
        &self.inner
    }
    fn name(_: &Self) -> &str {
        "terminal"
    }
    fn close_is_terminal(_: &Self) -> bool {
        true
    }
    fn close(this: &Self) -> Result<()> {
        if this.closes.fetch_add(1, Ordering::SeqCst) == 0 {
            this.inner
                .faults()
                .add(FaultRule::error(ErrorKind::BackendUnavailable));
        }
        Ok(())
    }
}

#[test]
fn dropping_the_owning_store_leaves_its_clones_and_children_working() {
    let (backend, closes) = TerminalClose::new();
    let store = Store::new(backend, "data").unwrap();
    let clone = store.clone();
    let child = store.child("sub").unwrap();
    drop(store);
    clone.write_text("a.txt", "still open").unwrap();
    assert_eq!(clone.read_text("a.txt").unwrap(), "still open");
    drop(clone);
    child.write_text("b.txt", "still open").unwrap();
    assert_eq!(closes.load(Ordering::SeqCst), 0);
    drop(child);
    assert_eq!(closes.load(Ordering::SeqCst), 1, "the last owner closes");
}

#[test]
fn explicit_close_under_a_live_clone_waits_for_the_last_owner() {
    let (backend, closes) = TerminalClose::new();
    let store = Store::new(backend, "").unwrap();
    let clone = store.clone();
    store.close().unwrap();
    assert_eq!(closes.load(Ordering::SeqCst), 0);
    clone.write_text("a.txt", "x").unwrap();
    drop(store);
    clone.close().unwrap();
    assert_eq!(closes.load(Ordering::SeqCst), 1, "the last one closes");
    let error = clone.read_text("a.txt").unwrap_err();
    assert!(matches!(error, Error::BackendUnavailable { .. }), "{error}");
    drop(clone);
    assert_eq!(closes.load(Ordering::SeqCst), 1, "closed once, not again");
}

#[test]
fn a_store_over_a_shared_backend_never_closes_it() {
    let (backend, closes) = TerminalClose::new();
    let backend = Arc::new(backend);
    let store = Store::from_shared(Arc::clone(&backend), "").unwrap();
    store.close().unwrap();
    drop(store);
    assert_eq!(closes.load(Ordering::SeqCst), 0);
    assert!(!backend.exists(&"x".parse().unwrap()).unwrap());
}
