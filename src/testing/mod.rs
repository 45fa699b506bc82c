//! Backends for testing an application's handling of storage:
//! [`FaultyBackend`] injects failures and delays by rule, and
//! [`RecordingBackend`] keeps a log of every call. Both wrap any backend
//! through [`Delegate`](crate::Delegate) and can be stacked.
//!
//! ```
//! use remote_store::backends::MemoryBackend;
//! use remote_store::testing::{FaultRule, FaultyBackend, Operation, RecordingBackend};
//! use remote_store::{ErrorKind, Store};
//!
//! let faulty = FaultyBackend::new(MemoryBackend::new());
//! let faults = faulty.faults();
//! let recording = RecordingBackend::new(faulty);
//! let log = recording.log();
//! let store = Store::new(recording, "")?;
//!
//! faults.add(FaultRule::error(ErrorKind::PermissionDenied).on(Operation::Write).paths("secret/**")?);
//! store.write_text("public/a.txt", "ok")?;
//! assert_eq!(store.write_text("secret/b.txt", "no").unwrap_err().kind(), ErrorKind::PermissionDenied);
//! assert_eq!(faults.injected(), 1);
//! assert_eq!(
//!     format!("{log:?}"),
//!     "[write public/a.txt {} -> ok, write secret/b.txt {} -> PermissionDenied]"
//! );
//! # Ok::<(), remote_store::Error>(())
//! ```

mod faulty;
mod operation;
mod recording;

pub use self::faulty::{Fault, FaultRule, Faults, FaultyBackend, RuleId};
pub use self::operation::Operation;
pub use self::recording::{Call, CallLog, CallOptions, Outcome, RecordingBackend};
