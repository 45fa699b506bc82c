//! Unit tests of `__expand_suite!`: it takes the capability names and the
//! skip reasons from what the catalogue hands over, and refuses what it
//! cannot honour instead of ignoring a case silently.

use proc_macro2::TokenStream;
use quote::quote;

use crate::catalogue::Expansion;

/// The expansion of `tokens` as text, or its compile errors.
fn expand(tokens: TokenStream) -> String {
    match syn::parse2::<Expansion>(tokens) {
        Ok(expansion) => expansion.into_tokens().to_string(),
        Err(error) => error.to_compile_error().to_string(),
    }
}

/// The expansion of `input` over a catalogue of two capabilities (`READ`,
/// `GLOB`) with `requirements` and the one case `io::a` needing `needs`.
fn expand_one_case(input: TokenStream, requirements: TokenStream, needs: TokenStream) -> String {
    expand(quote! {
        { #input }
        capabilities {
            /// Gate of reads.
            READ = "read",
            GLOB = "glob",
        }
        lacking = "the catalogue says it lacks";
        requirements { #requirements }
        io::a: backend #needs;
    })
}

#[test]
fn an_unmet_requirement_ignores_the_case_with_the_catalogue_reason() {
    let out = expand_one_case(
        quote! { module: m, factory: f(), flags: [flat_namespace] },
        quote! { hierarchical = "the catalogue's words"; },
        quote! { [READ] [hierarchical] },
    );
    assert!(out.contains(r#"ignore = "the catalogue's words""#), "{out}");
}

#[test]
fn a_case_needing_a_lacking_capability_is_ignored_in_the_catalogue_words() {
    let out = expand_one_case(
        quote! { module: m, factory: f(), lacks: [GLOB] },
        quote! {},
        quote! { [READ GLOB] [] },
    );
    let reason = r#"ignore = "the catalogue says it lacks GLOB""#;
    assert!(out.contains(reason), "{out}");
}

#[test]
fn a_case_needing_a_requirement_the_catalogue_lacks_is_a_compile_error() {
    let out = expand_one_case(
        quote! { module: m, factory: f() },
        quote! { hierarchical = "flat"; },
        quote! { [READ] [teleporting] },
    );
    assert!(out.contains("compile_error"), "{out}");
    assert!(out.contains("needs `teleporting`"), "{out}");
}

#[test]
fn a_requirement_the_macro_has_no_rule_for_is_a_compile_error() {
    let out = expand_one_case(
        quote! { module: m, factory: f() },
        quote! { hierarchical = "flat"; teleporting = "no teleporter"; },
        quote! { [READ] [] },
    );
    assert!(out.contains("compile_error"), "{out}");
    assert!(
        out.contains("no rule for the requirement `teleporting`"),
        "{out}"
    );
}

#[test]
fn lacks_is_checked_against_the_capability_names_handed_over() {
    let with = |lacks: TokenStream| {
        let input = quote! { module: m, factory: f(), lacks: [#lacks] };
        expand_one_case(input, quote! {}, quote! { [READ] [] })
    };
    assert!(!with(quote! { GLOB }).contains("compile_error"));
    let unknown = with(quote! { LAZY_READ });
    let error = "unknown capability `LAZY_READ`; expected one of READ, GLOB";
    assert!(unknown.contains(error), "{unknown}");
}

#[test]
fn the_expansion_imports_only_the_factory_from_the_caller() {
    let out = expand_one_case(
        quote! { module: m, factory: f() },
        quote! {},
        quote! { [READ] [] },
    );
    assert!(!out.contains("compile_error"), "{out}");
    assert!(!out.contains("super :: *"), "{out}");
    assert!(out.contains("use super :: __m_factory ;"), "{out}");
}
