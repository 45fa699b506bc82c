//! Waiting for async work from sync code, on any thread, and the runtime the
//! [`Blocking`](super::Blocking) bridge owns.

use std::future::Future;
use std::panic::resume_unwind;
use std::pin::pin;
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

use tokio::runtime::{Builder, Handle, Runtime};
use tokio::task::JoinError;

use crate::{Error, Result};

/// Worker threads of the bridge's runtime: the bridged futures only wait on
/// I/O or on their caller, so two are plenty and keep the footprint small.
const BRIDGE_WORKERS: usize = 2;

/// The runtime every [`Blocking`](super::Blocking) drives its futures on,
/// built on first use and never shut down (so it is never dropped inside
/// another runtime, which tokio forbids).
pub(crate) fn bridge_runtime() -> &'static Handle {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            Builder::new_multi_thread()
                .worker_threads(BRIDGE_WORKERS)
                .thread_name("remote-store-blocking")
                .enable_all()
                .build()
                .expect("the Blocking bridge could not start its tokio runtime")
        })
        .handle()
}

struct ThreadWaker(Thread);

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.unpark();
    }
}

/// Polls `future` to completion on this thread, parking between polls.
///
/// Unlike `Runtime::block_on` this is allowed inside a runtime: it only parks
/// the thread, and the work it waits for runs on the bridge's own threads.
/// The future is polled `unconstrained` so that tokio's cooperative budget of
/// a task this thread may be running cannot starve it (a budget is only
/// refilled when that task yields, which it cannot do while parked here).
pub(crate) fn park_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(tokio::task::unconstrained(future));
    let waker = Waker::from(Arc::new(ThreadWaker(thread::current())));
    let mut cx = Context::from_waker(&waker);
    loop {
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(output) => return output,
            Poll::Pending => thread::park(),
        }
    }
}

/// [`park_on`] with the bridge runtime entered: whatever `future` hands to
/// tokio (I/O, timers, `spawn`, `spawn_blocking`) runs on the bridge's own
/// threads, which wake this one.
pub(crate) fn wait_bridged<F: Future>(future: F) -> F::Output {
    let _entered = bridge_runtime().enter();
    park_on(future)
}

/// The outcome of a finished task: a panic is resumed in the caller, as if
/// the work had run on its thread; a cancelled task (its runtime shut down)
/// is [`Error::BackendUnavailable`].
pub(crate) fn joined<T>(
    outcome: std::result::Result<Result<T>, JoinError>,
    backend: &str,
) -> Result<T> {
    match outcome {
        Ok(result) => result,
        Err(error) => match error.try_into_panic() {
            Ok(payload) => resume_unwind(payload),
            Err(_) => Err(Error::backend_unavailable(
                "",
                "the async runtime shut down before the call finished",
            )
            .with_backend(backend)),
        },
    }
}
