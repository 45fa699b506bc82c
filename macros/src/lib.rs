//! Procedural macros for `remote-store`. The `conformance_suite!` macro lands here.
#![forbid(unsafe_code)]
