//! What the catalogue hands `__expand_suite!`: the input, the capability
//! names, the requirements with their skip reasons, and the cases.

use proc_macro2::TokenStream;
use syn::parse::{Parse, ParseStream, Parser};
use syn::{Ident, LitStr, Token, braced, bracketed};

use crate::input::SuiteInput;

/// One case line of the catalogue: `group::name: kind [caps] [requirements];`.
pub struct Case {
    /// The check's module in `remote_store::conformance`.
    pub group: Ident,
    /// The check.
    pub name: Ident,
    /// `factory`: the check takes the factory, not one backend.
    pub takes_factory: bool,
    /// The capabilities the case needs declared.
    pub requires: Vec<Ident>,
    /// The settings the case needs, in snake case.
    pub requirements: Vec<Ident>,
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

/// One `name = "why a case is skipped when unmet";` of the catalogue's
/// requirements.
pub struct Requirement {
    /// The requirement, as the cases name it.
    pub name: Ident,
    /// Why a case is skipped when the requirement is unmet.
    pub unmet_reason: LitStr,
}

impl Parse for Requirement {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let name = input.parse()?;
        input.parse::<Token![=]>()?;
        let unmet_reason = input.parse()?;
        input.parse::<Token![;]>()?;
        Ok(Requirement { name, unmet_reason })
    }
}

/// `{ input } capabilities { ... } lacking = "..."; requirements { ... }
/// cases...`, as the catalogue hands it over.
pub struct Expansion {
    /// The validated input of `conformance_suite!`.
    pub suite: SuiteInput,
    /// How the skip reason of a case needing lacking capabilities starts.
    pub lacking: LitStr,
    /// The requirements and their skip reasons.
    pub requirements: Vec<Requirement>,
    /// Every case, in catalogue order.
    pub cases: Vec<Case>,
}

impl Parse for Expansion {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let config;
        let call = braced!(config in input);
        let config: TokenStream = config.parse()?;
        let capabilities = capability_names(&labelled_block(input, "capabilities")?)?;
        let lacking: Requirement = input.parse()?;
        if lacking.name != "lacking" {
            return Err(syn::Error::new(lacking.name.span(), "expected `lacking`"));
        }
        let requirements = labelled_block(input, "requirements")?;
        let requirements = Parser::parse2(
            |block: ParseStream<'_>| {
                let mut out = Vec::new();
                while !block.is_empty() {
                    out.push(block.parse()?);
                }
                Ok(out)
            },
            requirements,
        )?;
        let mut cases = Vec::new();
        while !input.is_empty() {
            cases.push(input.parse()?);
        }
        let call_site = call.span.join();
        let suite = Parser::parse2(
            |input: ParseStream<'_>| SuiteInput::parse_with(input, &capabilities, call_site),
            config,
        )?;
        Ok(Expansion {
            suite,
            lacking: lacking.unmet_reason,
            requirements,
            cases,
        })
    }
}

/// The contents of `label { ... }`.
fn labelled_block(input: ParseStream<'_>, label: &str) -> syn::Result<TokenStream> {
    let found: Ident = input.parse()?;
    if found != label {
        return Err(syn::Error::new(found.span(), format!("expected `{label}`")));
    }
    let content;
    braced!(content in input);
    content.parse()
}

/// The names in `/// docs NAME = "value", ...`, the list of
/// `remote_store::__for_each_capability!`.
fn capability_names(list: &TokenStream) -> syn::Result<Vec<String>> {
    let parse = |input: ParseStream<'_>| {
        let mut names = Vec::new();
        while !input.is_empty() {
            input.call(syn::Attribute::parse_outer)?;
            names.push(input.parse::<Ident>()?.to_string());
            input.parse::<Token![=]>()?;
            input.parse::<LitStr>()?;
            input.parse::<Token![,]>()?;
        }
        Ok(names)
    };
    Parser::parse2(parse, list.clone())
}
