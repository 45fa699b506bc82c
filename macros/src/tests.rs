//! Unit tests of `__expand_suite!`: it takes the capability names and the
//! requirements from what the catalogue hands over, and refuses what it
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

#[test]
fn an_unmet_requirement_ignores_the_case_with_the_catalogue_reason() {
    let out = expand(quote! {
        { module: m, factory: f(), flags: [flat_namespace] }
        capabilities { READ = "read", }
        lacking = "backend lacks";
        requirements { hierarchical = "the catalogue's words"; }
        io::a: backend [READ] [hierarchical];
    });
    assert!(out.contains(r#"ignore = "the catalogue's words""#), "{out}");
}

#[test]
fn a_case_needing_a_lacking_capability_is_ignored_in_the_catalogue_words() {
    let out = expand(quote! {
        { module: m, factory: f(), lacks: [GLOB] }
        capabilities { READ = "read", GLOB = "glob", }
        lacking = "the catalogue says it lacks";
        requirements {}
        io::a: backend [READ GLOB] [];
    });
    assert!(
        out.contains(r#"ignore = "the catalogue says it lacks GLOB""#),
        "{out}"
    );
}

#[test]
fn a_case_needing_a_requirement_the_catalogue_lacks_is_a_compile_error() {
    let out = expand(quote! {
        { module: m, factory: f() }
        capabilities { READ = "read", }
        lacking = "backend lacks";
        requirements { hierarchical = "flat"; }
        io::a: backend [READ] [teleporting];
    });
    assert!(out.contains("compile_error"), "{out}");
    assert!(out.contains("needs `teleporting`"), "{out}");
}

#[test]
fn a_requirement_the_macro_has_no_rule_for_is_a_compile_error() {
    let out = expand(quote! {
        { module: m, factory: f() }
        capabilities { READ = "read", }
        lacking = "backend lacks";
        requirements { hierarchical = "flat"; teleporting = "no teleporter"; }
        io::a: backend [READ] [];
    });
    assert!(out.contains("compile_error"), "{out}");
    assert!(
        out.contains("no rule for the requirement `teleporting`"),
        "{out}"
    );
}

#[test]
fn lacks_is_checked_against_the_capability_names_handed_over() {
    let caps = quote! {
        /// Gate of reads.
        READ = "read",
        GLOB = "glob",
    };
    let with = |lacks: TokenStream| {
        expand(quote! {
            { module: m, factory: f(), lacks: [#lacks] }
            capabilities { #caps }
            lacking = "backend lacks";
            requirements {}
            io::a: backend [READ] [];
        })
    };
    assert!(!with(quote! { GLOB }).contains("compile_error"));
    let unknown = with(quote! { LAZY_READ });
    assert!(
        unknown.contains("unknown capability `LAZY_READ`; expected one of READ, GLOB"),
        "{unknown}"
    );
}

#[test]
fn the_expansion_imports_only_the_factory_from_the_caller() {
    let out = expand(quote! {
        { module: m, factory: f() }
        capabilities { READ = "read", }
        lacking = "backend lacks";
        requirements {}
        io::a: backend [READ] [];
    });
    assert!(!out.contains("compile_error"), "{out}");
    assert!(!out.contains("super :: *"), "{out}");
    assert!(out.contains("use super :: __m_factory ;"), "{out}");
}
