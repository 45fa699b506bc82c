//! The expansion: the test module, one submodule per case group, one thin
//! `#[test]` per case.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Ident, Token, braced, bracketed};

use crate::input::SuiteInput;

/// One case line of the catalogue: `group::name: kind [caps] [requirements];`.
struct Case {
    group: Ident,
    name: Ident,
    takes_factory: bool,
    requires: Vec<Ident>,
    requirements: Vec<Ident>,
}

impl Parse for Case {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let group = input.parse()?;
        input.parse::<Token![::]>()?;
        let name = input.parse()?;
        input.parse::<Token![:]>()?;
        let kind: Ident = input.parse()?;
        let requires = idents(input)?;
        let requirements = idents(input)?;
        input.parse::<Token![;]>()?;
        Ok(Case {
            group,
            name,
            takes_factory: kind == "factory",
            requires,
            requirements,
        })
    }
}

fn idents(input: ParseStream<'_>) -> syn::Result<Vec<Ident>> {
    let content;
    bracketed!(content in input);
    let mut out = Vec::new();
    while !content.is_empty() {
        out.push(content.parse()?);
    }
    Ok(out)
}

/// `{ validated input } cases...`, as the catalogue hands it over.
pub struct Expansion {
    suite: SuiteInput,
    cases: Vec<Case>,
}

impl Parse for Expansion {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let content;
        braced!(content in input);
        let suite = content.parse()?;
        let mut cases = Vec::new();
        while !input.is_empty() {
            cases.push(input.parse()?);
        }
        Ok(Expansion { suite, cases })
    }
}

impl Expansion {
    /// Why a case is ignored, or `None` when it runs. Mirrors
    /// `remote_store::conformance::Case::skip_reason`.
    fn ignore_reason(&self, case: &Case) -> Option<String> {
        let lacking: Vec<String> = case
            .requires
            .iter()
            .filter(|cap| self.suite.lacks.iter().any(|lack| lack == *cap))
            .map(ToString::to_string)
            .collect();
        if !lacking.is_empty() {
            return Some(format!("backend lacks {}", lacking.join(", ")));
        }
        let flat = self.suite.has_flag("flat_namespace");
        case.requirements.iter().find_map(|req| {
            let (met, reason) = match req.to_string().as_str() {
                "hierarchical" => (!flat, "backend has a flat namespace"),
                "self_operations" => (
                    !self.suite.has_flag("self_operations_unsupported"),
                    "backend does not support self-operations",
                ),
                "rejects_write_under_file_ancestor" => (
                    !flat || self.suite.has_flag("rejects_write_under_file_ancestor"),
                    "backend does not reject writes under a file ancestor",
                ),
                "documented_order" => (
                    self.suite.has_flag("documented_order"),
                    "backend promises no listing order",
                ),
                "thread_safe" => (
                    !self.suite.has_flag("single_connection"),
                    "backend is single-connection, not thread-safe",
                ),
                _ => (false, "unknown requirement"),
            };
            (!met).then(|| reason.to_owned())
        })
    }

    /// The test module.
    pub fn into_tokens(self) -> TokenStream {
        let suite = &self.suite;
        let module = &suite.module;
        let factory_fn = format_ident!("__{}_factory", module);
        let settings_fn = format_ident!("__{}_settings", module);
        let factory = &suite.factory;
        let boxed = if suite.factory_is_async {
            quote_spanned! {factory.span()=>
                ::remote_store::__private::require_async_feature!();
                ::remote_store::__private::blocking(#factory)
            }
        } else {
            quote_spanned! {factory.span()=>
                ::remote_store::__private::boxed(#factory)
            }
        };
        let lacks = &suite.lacks;
        let flat = suite.has_flag("flat_namespace");
        let rejects = !flat || suite.has_flag("rejects_write_under_file_ancestor");
        let self_ops = !suite.has_flag("self_operations_unsupported");
        let order = suite.has_flag("documented_order");
        let thread_safe = !suite.has_flag("single_connection");

        let mut groups: Vec<(&Ident, Vec<TokenStream>)> = Vec::new();
        for case in &self.cases {
            let test = self.test(case, &factory_fn, &settings_fn);
            match groups.iter_mut().find(|(group, _)| *group == &case.group) {
                Some((_, tests)) => tests.push(test),
                None => groups.push((&case.group, vec![test])),
            }
        }
        let model = suite.model.then(|| {
            quote! {
                mod model {
                    ::remote_store::__private::require_model_feature!();

                    #[test]
                    fn matches_the_memory_oracle() {
                        ::remote_store::__private::run_model_check(
                            super::#factory_fn,
                            &super::#settings_fn(),
                        );
                    }
                }
            }
        });
        let groups = groups.into_iter().map(|(group, tests)| {
            quote! {
                mod #group {
                    #(#tests)*
                }
            }
        });

        quote! {
            mod #module {
                #[allow(unused_imports)]
                use super::*;

                #[allow(dead_code)]
                fn #factory_fn() -> ::std::boxed::Box<dyn ::remote_store::__private::Backend> {
                    #boxed
                }

                #[allow(dead_code)]
                fn #settings_fn() -> ::remote_store::__private::Settings {
                    ::remote_store::__private::Settings::new()
                        .lacks(::remote_store::__private::CapabilitySet::of(&[
                            #(::remote_store::__private::Capability::#lacks),*
                        ]))
                        .flat_namespace(#flat)
                        .rejects_write_under_file_ancestor(#rejects)
                        .self_operations(#self_ops)
                        .documented_order(#order)
                        .thread_safe(#thread_safe)
                }

                #(#groups)*

                #model
            }
        }
    }

    fn test(&self, case: &Case, factory_fn: &Ident, settings_fn: &Ident) -> TokenStream {
        let Case { group, name, .. } = case;
        let test_name = format_ident!("{}", name);
        let ignore = self
            .ignore_reason(case)
            .map(|reason| quote! { #[ignore = #reason] });
        let runner = if case.takes_factory {
            quote! { run_factory_check }
        } else {
            quote! { run_backend_check }
        };
        quote! {
            #[test]
            #ignore
            fn #test_name() {
                ::remote_store::__private::#runner(
                    super::#factory_fn,
                    &super::#settings_fn(),
                    ::remote_store::__private::conformance::#group::#name,
                );
            }
        }
    }
}
