//! Nothing to use: this crate holds tests only (`tests/`), the proofs of
//! `remote-store`'s suite on real object stores. See PROVING.md.
#![forbid(unsafe_code)]
