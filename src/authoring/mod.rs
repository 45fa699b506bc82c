//! Tools for writing a backend: wrap one and override only what differs
//! ([`Delegate`]), or call a trait default from an override ([`defaults`]).
//!
//! A backend that is not a wrapper implements [`Backend`](crate::Backend)
//! directly: `name`, `capabilities`, `exists`, `is_file` and `is_folder` are
//! required; every capability-gated method refuses with
//! [`Error::CapabilityNotSupported`](crate::Error::CapabilityNotSupported)
//! until implemented, so a read-only backend writes only its reads and
//! listings.

pub mod defaults;
mod delegate;

pub use self::delegate::Delegate;
