//! The backends shipped with the crate.

mod local;
mod memory;

pub use self::local::LocalBackend;
pub use self::memory::MemoryBackend;
