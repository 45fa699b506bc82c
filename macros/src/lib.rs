//! Procedural macros for `remote-store`: [`conformance_suite!`].
//!
//! Use them through `remote_store::conformance_suite!` (feature
//! `conformance`), which documents the input. This crate depends on `syn`,
//! `quote` and `proc-macro2` only.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod expand;
mod input;

use proc_macro::TokenStream;
use quote::quote;
use syn::parse_macro_input;

use crate::input::SuiteInput;

/// Generates one `#[test]` per conformance case for a backend. Documented
/// at its re-export, `remote_store::conformance_suite!`.
///
/// The input is validated here (every misuse reported at once); the
/// validated input then goes to `remote_store`'s case catalogue, which
/// calls back [`__expand_suite!`] with the input and the list of cases.
#[proc_macro]
pub fn conformance_suite(input: TokenStream) -> TokenStream {
    let tokens = proc_macro2::TokenStream::from(input.clone());
    let _validated = parse_macro_input!(input as SuiteInput);
    quote! {
        ::remote_store::__private::for_each_case! {
            [::remote_store::__private::__expand_suite] { #tokens }
        }
    }
    .into()
}

/// The second half of `conformance_suite!`: receives `{ input } cases...`
/// from the catalogue and emits the test module. Not for direct use.
#[doc(hidden)]
#[proc_macro]
pub fn __expand_suite(input: TokenStream) -> TokenStream {
    let expansion = parse_macro_input!(input as expand::Expansion);
    expansion.into_tokens().into()
}
