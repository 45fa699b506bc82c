//! The backends shipped with the crate.

mod local;
mod memory;

pub use self::local::{LocalBackend, LocalBackendBuilder};
pub use self::memory::MemoryBackend;
