//! Procedural macros for `remote-store`: [`conformance_suite!`].
//!
//! Use them through `remote_store::conformance_suite!` (feature
//! `conformance`), which documents the input. This crate depends on `syn`,
//! `quote` and `proc-macro2` only.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod catalogue;
mod expand;
mod input;
#[cfg(test)]
mod tests;

use proc_macro::TokenStream;
use quote::quote;
use syn::parse_macro_input;

/// Generates one `#[test]` per conformance case for a backend. Documented
/// at its re-export, `remote_store::conformance_suite!`.
///
/// The input goes through `remote_store`'s list of capabilities and its case
/// catalogue, which call back [`__expand_suite!`] with the input, the
/// capability names, the requirements and the cases: this crate keeps no copy
/// of them. The input is validated there (every misuse reported at once).
#[proc_macro]
pub fn conformance_suite(input: TokenStream) -> TokenStream {
    let tokens = proc_macro2::TokenStream::from(input);
    quote! {
        ::remote_store::__private::for_each_capability! {
            [::remote_store::__private::for_each_case]
            [::remote_store::__private::__expand_suite] { #tokens }
        }
    }
    .into()
}

/// The second half of `conformance_suite!`: receives `{ input }
/// capabilities { ... } requirements { ... } cases...` from the catalogue,
/// validates the input and emits the test module. Not for direct use.
#[doc(hidden)]
#[proc_macro]
pub fn __expand_suite(input: TokenStream) -> TokenStream {
    let expansion = parse_macro_input!(input as catalogue::Expansion);
    expansion.into_tokens().into()
}
