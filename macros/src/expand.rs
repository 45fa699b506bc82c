//! The expansion: the test module, one submodule per case group, one thin
//! `#[test]` per case.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::Ident;
use syn::spanned::Spanned;

use crate::catalogue::{Case, Expansion};
use crate::input::Skip;

impl Expansion {
    /// The `skip` entry for `case`, if any.
    fn skip_of(&self, case: &Case) -> Option<&Skip> {
        self.suite
            .skip
            .iter()
            .find(|s| s.group == case.group && s.case == case.name)
    }

    /// Whether `only` leaves `case`'s group out.
    fn left_out(&self, case: &Case) -> bool {
        !self.suite.only.is_empty() && !self.suite.only.contains(&case.group)
    }

    /// `skip` and `only` entries that name no case, or a case that would
    /// not run anyway.
    fn selection_errors(&self) -> Vec<syn::Error> {
        let mut groups: Vec<String> = Vec::new();
        for case in &self.cases {
            let group = case.group.to_string();
            if !groups.contains(&group) {
                groups.push(group);
            }
        }
        let mut errors = Vec::new();
        for group in &self.suite.only {
            if !groups.contains(&group.to_string()) {
                errors.push(syn::Error::new(
                    group.span(),
                    format!(
                        "unknown group `{group}`; expected one of {}",
                        groups.join(", ")
                    ),
                ));
            }
        }
        for skip in &self.suite.skip {
            let id = format!("{}::{}", skip.group, skip.case);
            let found = self
                .cases
                .iter()
                .find(|c| c.group == skip.group && c.name == skip.case);
            let problem = match found {
                None if !groups.contains(&skip.group.to_string()) => format!(
                    "unknown group `{}` in `{id}`; expected one of {}",
                    skip.group,
                    groups.join(", ")
                ),
                None => format!("unknown case `{id}`: see `remote_store::conformance::CASES`"),
                Some(case) if self.left_out(case) => {
                    format!(
                        "`{id}` does not run: its group is not in `only`; remove it from `skip`"
                    )
                }
                Some(case) => match self.ignore_reason(case) {
                    Some(reason) => {
                        format!("`{id}` is ignored already ({reason}); remove it from `skip`")
                    }
                    None => continue,
                },
            };
            errors.push(syn::Error::new(skip.case.span(), problem));
        }
        errors
    }

    /// Why a case is ignored, or `None` when it runs: the capabilities it
    /// needs that the backend lacks, else the catalogue's reason for the
    /// first requirement the flags do not meet. Mirrors
    /// `remote_store::conformance::Case::skip_reason`.
    fn ignore_reason(&self, case: &Case) -> Option<String> {
        let lacking: Vec<String> = case
            .requires
            .iter()
            .filter(|cap| self.suite.lacks.iter().any(|lack| lack == *cap))
            .map(ToString::to_string)
            .collect();
        if !lacking.is_empty() {
            return Some(self.lacking_reason(&lacking));
        }
        case.requirements
            .iter()
            .find(|req| self.meets(&req.to_string()) == Some(false))
            .and_then(|req| self.unmet_reason(&req.to_string()))
    }

    /// The catalogue's reason for skipping a case that needs the `lacking`
    /// capabilities.
    fn lacking_reason(&self, lacking: &[String]) -> String {
        format!("{} {}", self.lacking.value(), lacking.join(", "))
    }

    /// The catalogue's reason for skipping a case whose `requirement` is
    /// unmet.
    fn unmet_reason(&self, requirement: &str) -> Option<String> {
        self.requirements
            .iter()
            .find(|r| r.name == requirement)
            .map(|r| r.unmet_reason.value())
    }

    /// Whether the flags meet the catalogue's `requirement`; `None` for a
    /// requirement this macro has no rule for (reported by
    /// `requirement_errors`).
    fn meets(&self, requirement: &str) -> Option<bool> {
        let flat = self.suite.has_flag("flat_namespace");
        Some(match requirement {
            "hierarchical" => !flat,
            "self_operations" => !self.suite.has_flag("self_operations_unsupported"),
            "rejects_write_under_file_ancestor" => {
                !flat || self.suite.has_flag("rejects_write_under_file_ancestor")
            }
            "documented_order" => self.suite.has_flag("documented_order"),
            "thread_safe" => !self.suite.has_flag("single_connection"),
            _ => return None,
        })
    }

    /// A requirement of the catalogue this macro has no rule for, or one a
    /// case needs that the catalogue does not define: a compile error, never
    /// a silently ignored case.
    fn requirement_errors(&self) -> Vec<syn::Error> {
        let mut errors = Vec::new();
        for requirement in &self.requirements {
            if self.meets(&requirement.name.to_string()).is_none() {
                errors.push(syn::Error::new(
                    requirement.name.span(),
                    format!(
                        "conformance_suite! has no rule for the requirement `{}`: \
                         add one to `Expansion::meets`",
                        requirement.name
                    ),
                ));
            }
        }
        for case in &self.cases {
            for requirement in &case.requirements {
                if self.unmet_reason(&requirement.to_string()).is_none() {
                    errors.push(syn::Error::new(
                        requirement.span(),
                        format!(
                            "case `{}::{}` needs `{requirement}`, which is not a requirement \
                             of the catalogue",
                            case.group, case.name
                        ),
                    ));
                }
            }
        }
        errors
    }

    /// Why the model's concurrency test is ignored, or `None` when it runs:
    /// it needs a thread-safe backend that reads, writes and deletes.
    fn concurrency_ignore_reason(&self) -> Option<String> {
        if self.meets("thread_safe") == Some(false) {
            return self.unmet_reason("thread_safe");
        }
        let lacking: Vec<String> = self
            .suite
            .lacks
            .iter()
            .filter(|cap| ["READ", "WRITE", "DELETE"].iter().any(|need| *cap == need))
            .map(ToString::to_string)
            .collect();
        (!lacking.is_empty()).then(|| self.lacking_reason(&lacking))
    }

    /// The test module.
    pub fn into_tokens(self) -> TokenStream {
        let mut errors = self.requirement_errors();
        errors.extend(self.selection_errors());
        let mut errors = errors.into_iter();
        if let Some(mut first) = errors.next() {
            first.extend(errors);
            return first.to_compile_error();
        }
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
        let rule = |requirement| self.meets(requirement) == Some(true);
        let rejects = rule("rejects_write_under_file_ancestor");
        let self_ops = rule("self_operations");
        let order = rule("documented_order");
        let thread_safe = rule("thread_safe");

        let mut groups: Vec<(&Ident, Vec<TokenStream>)> = Vec::new();
        for case in &self.cases {
            let test = self.test(case, &factory_fn, &settings_fn);
            match groups.iter_mut().find(|(group, _)| *group == &case.group) {
                Some((_, tests)) => tests.push(test),
                None => groups.push((&case.group, vec![test])),
            }
        }
        let model = suite.model.as_ref().map(|options| {
            let some = |lit: &Option<syn::LitInt>| match lit {
                Some(n) => quote! { ::core::option::Option::Some(#n) },
                None => quote! { ::core::option::Option::None },
            };
            let (cases, seed) = (some(&options.cases), some(&options.seed));
            let concurrency_ignore = self
                .concurrency_ignore_reason()
                .map(|reason| quote! { #[ignore = #reason] });
            quote! {
                mod model {
                    ::remote_store::__private::require_model_feature!();

                    #[test]
                    fn matches_the_memory_oracle() {
                        ::remote_store::__private::run_model_check(
                            super::#factory_fn,
                            &super::#settings_fn(),
                            #cases,
                            #seed,
                        );
                    }

                    #[test]
                    #concurrency_ignore
                    fn concurrent_ops_are_linearizable() {
                        ::remote_store::__private::run_concurrency_check(
                            super::#factory_fn,
                            &super::#settings_fn(),
                            #seed,
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
        let still_failing = self.still_failing(&factory_fn, &settings_fn);

        quote! {
            // Here, so that the factory expression sees the items of the
            // caller's module, as written.
            #[allow(dead_code)]
            fn #factory_fn() -> ::std::boxed::Box<dyn ::remote_store::__private::Backend> {
                #boxed
            }

            mod #module {
                #[allow(unused_imports)]
                use super::#factory_fn;

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

                #still_failing

                #model
            }
        }
    }

    /// For each `skip` entry, a test that passes while the case still fails
    /// and fails once it passes, so the list cannot rot.
    fn still_failing(&self, factory_fn: &Ident, settings_fn: &Ident) -> Option<TokenStream> {
        let tests: Vec<TokenStream> = self
            .cases
            .iter()
            .filter_map(|case| {
                let skip = self.skip_of(case)?;
                let Case { group, name, .. } = case;
                let test_name = format_ident!("{}__{}", group, name);
                let id = format!("{group}::{name}");
                let reason = &skip.reason;
                let runner = if case.takes_factory {
                    quote! { run_skipped_factory_check }
                } else {
                    quote! { run_skipped_backend_check }
                };
                Some(quote! {
                    #[test]
                    #[allow(non_snake_case)]
                    fn #test_name() {
                        ::remote_store::__private::#runner(
                            super::#factory_fn,
                            &super::#settings_fn(),
                            ::remote_store::__private::conformance::#group::#name,
                            #id,
                            #reason,
                        );
                    }
                })
            })
            .collect();
        (!tests.is_empty()).then(|| {
            quote! {
                /// The `skip`ped cases, expected to fail.
                mod skipped_cases_still_fail {
                    #(#tests)*
                }
            }
        })
    }

    fn test(&self, case: &Case, factory_fn: &Ident, settings_fn: &Ident) -> TokenStream {
        let Case { group, name, .. } = case;
        let test_name = format_ident!("{}", name);
        let reason = if self.left_out(case) {
            Some("group not selected by `only`".to_owned())
        } else {
            self.ignore_reason(case).or_else(|| {
                self.skip_of(case)
                    .map(|skip| format!("skipped: {}", skip.reason.value()))
            })
        };
        let ignore = reason.map(|reason| quote! { #[ignore = #reason] });
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
