//! The backends shipped with the crate.

mod local;
mod memory;
#[cfg(feature = "object-store")]
mod objects;

pub use self::local::{LocalBackend, LocalBackendBuilder};
pub use self::memory::MemoryBackend;
#[cfg(feature = "object-store")]
pub use self::objects::{ObjectStoreBackend, ScratchBackend, StoreTraits};
