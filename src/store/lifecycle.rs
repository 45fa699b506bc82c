//! Who closes an owned backend: the last of the stores that share it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::{Backend, Result};

/// The ownership of a backend, shared by a [`Store::new`](super::Store::new)
/// store and every clone and child of it. The backend is closed once: by an
/// explicit close when no other owner is alive, or when the last owner drops.
pub(super) struct Owner<B: Backend + ?Sized> {
    backend: Arc<B>,
    closed: AtomicBool,
}

impl<B: Backend + ?Sized> Owner<B> {
    pub fn new(backend: Arc<B>) -> Arc<Self> {
        Arc::new(Owner {
            backend,
            closed: AtomicBool::new(false),
        })
    }

    /// Closes the backend unless another store still shares this ownership
    /// (then the last one to drop closes it) or it is already closed.
    pub fn close_if_last(self: &Arc<Self>) -> Result<()> {
        if Arc::strong_count(self) > 1 {
            return Ok(());
        }
        self.close_once()
    }

    fn close_once(&self) -> Result<()> {
        if self.closed.swap(true, Ordering::AcqRel) {
            return Ok(());
        }
        self.backend.close()
    }
}

impl<B: Backend + ?Sized> Drop for Owner<B> {
    fn drop(&mut self) {
        // A close error has nowhere to go from drop; call `close()` to see it.
        if std::thread::panicking() {
            // A backend whose close panics must not turn a drop during
            // unwinding (a failed assertion holding a store) into an abort.
            let close = std::panic::AssertUnwindSafe(|| self.close_once());
            let _ = std::panic::catch_unwind(close);
        } else {
            let _ = self.close_once();
        }
    }
}
