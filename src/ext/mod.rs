//! Extensions built on the public [`Store`](crate::Store) API only.

pub mod glob;
