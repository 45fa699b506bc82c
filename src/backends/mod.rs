//! The backends shipped with the crate.

mod memory;

pub use self::memory::MemoryBackend;
