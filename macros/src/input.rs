//! Parsing and validating the input of `conformance_suite!`.
//!
//! Every option is `key: value`. To add an option: a field on
//! [`SuiteInput`], an arm in `Partial::parse_option`, and its use in
//! `expand.rs`.

use std::collections::BTreeMap;

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Expr, Ident, Token, braced, bracketed};

/// The flags the suite knows.
pub const FLAGS: [&str; 5] = [
    "flat_namespace",
    "self_operations_unsupported",
    "rejects_write_under_file_ancestor",
    "documented_order",
    "single_connection",
];

const OPTIONS: &str = "`module`, `factory`, `lacks`, `flags`, `model`, `skip`, `only`";

/// One `group::case = "reason"` entry of `skip`.
pub struct Skip {
    /// The case's group.
    pub group: Ident,
    /// The case.
    pub case: Ident,
    /// Why the backend deviates.
    pub reason: syn::LitStr,
}

impl Parse for Skip {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let group = input.parse()?;
        input.parse::<Token![::]>()?;
        let case = input.parse()?;
        input.parse::<Token![=]>()?;
        let reason = input.parse()?;
        Ok(Skip {
            group,
            case,
            reason,
        })
    }
}

const MODEL_FORMS: &str =
    "`model` takes `true`, `false` or `{ cases: <u32>, seed: <u64> }` (both optional)";

/// One `key: integer` of `model: { ... }`.
struct ModelField {
    key: Ident,
    value: syn::LitInt,
}

impl Parse for ModelField {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let key = input.parse()?;
        input.parse::<Token![:]>()?;
        let value = input.parse::<syn::LitInt>().map_err(|e| {
            syn::Error::new(e.span(), format!("{MODEL_FORMS}: expected an integer"))
        })?;
        Ok(ModelField { key, value })
    }
}

/// The validated input.
pub struct SuiteInput {
    /// The module the tests go in.
    pub module: Ident,
    /// The factory expression.
    pub factory: Expr,
    /// `factory: async <expr>`: the expression gives an `AsyncBackend`.
    pub factory_is_async: bool,
    /// The capabilities the backend lacks.
    pub lacks: Vec<Ident>,
    /// The flags set.
    pub flags: Vec<Ident>,
    /// The model tests to emit, if any.
    pub model: Option<ModelOptions>,
    /// Known deviations: cases generated ignored, with a companion test that
    /// fails once the case passes.
    pub skip: Vec<Skip>,
    /// The groups to run; empty for all.
    pub only: Vec<Ident>,
}

/// `model: true` (defaults) or `model: { cases: N, seed: S }`.
#[derive(Default)]
pub struct ModelOptions {
    /// Sequences to run; `None` for the default (`PROPTEST_CASES` or 256).
    pub cases: Option<syn::LitInt>,
    /// The seed; `None` for the default (`REMOTE_STORE_MODEL_SEED` or random).
    pub seed: Option<syn::LitInt>,
}

impl SuiteInput {
    /// Whether `flag` was given.
    pub fn has_flag(&self, flag: &str) -> bool {
        self.flags.iter().any(|f| f == flag)
    }
}

/// Options as parsed, before the checks that need all of them.
struct Partial<'a> {
    /// The capability names `remote_store` declares.
    capabilities: &'a [String],
    /// Where misuse that has no token of its own is reported: the call.
    call_site: Span,
    module: Option<Ident>,
    factory: Option<Expr>,
    factory_is_async: bool,
    lacks: Option<Vec<Ident>>,
    flags: Option<Vec<Ident>>,
    model: Option<ModelOptions>,
    skip: Vec<Skip>,
    only: Vec<Ident>,
    seen: BTreeMap<String, Ident>,
    errors: Vec<syn::Error>,
}

impl Partial<'_> {
    fn parse_option(&mut self, key: &Ident, input: ParseStream<'_>) -> syn::Result<()> {
        match key.to_string().as_str() {
            "module" => self.module = Some(input.parse()?),
            "factory" => {
                self.factory_is_async = input.parse::<Option<Token![async]>>()?.is_some();
                self.factory = Some(input.parse()?);
            }
            "lacks" => {
                let names = ident_list(input)?;
                let known: Vec<&str> = self.capabilities.iter().map(String::as_str).collect();
                self.check_names(&names, &known, "capability");
                self.lacks = Some(names);
            }
            "flags" => {
                let names = ident_list(input)?;
                self.check_names(&names, &FLAGS, "flag");
                self.flags = Some(names);
            }
            "model" => self.model = self.parse_model(input)?,
            "skip" => {
                let content;
                bracketed!(content in input);
                let entries = Punctuated::<Skip, Token![,]>::parse_terminated(&content)?;
                self.check_skips(&entries);
                self.skip = entries.into_iter().collect();
            }
            "only" => {
                let groups = ident_list(input)?;
                self.check_duplicates(&groups, "group");
                self.only = groups;
            }
            other => {
                self.errors.push(syn::Error::new(
                    key.span(),
                    format!("unknown option `{other}`; expected one of {OPTIONS}"),
                ));
                // Skip the value so that later options are still checked.
                while !input.is_empty() && !input.peek(Token![,]) {
                    input.parse::<proc_macro2::TokenTree>()?;
                }
            }
        }
        Ok(())
    }

    fn check_skips<'a>(&mut self, entries: impl IntoIterator<Item = &'a Skip>) {
        let mut seen: Vec<String> = Vec::new();
        for entry in entries {
            let id = format!("{}::{}", entry.group, entry.case);
            if seen.contains(&id) {
                self.errors.push(syn::Error::new(
                    entry.case.span(),
                    format!("case `{id}` is listed twice in `skip`"),
                ));
            }
            seen.push(id.clone());
            if entry.reason.value().trim().is_empty() {
                self.errors.push(syn::Error::new(
                    entry.reason.span(),
                    format!("`skip` needs a reason for `{id}`: why does the backend deviate?"),
                ));
            }
        }
    }

    fn check_duplicates(&mut self, names: &[Ident], what: &str) {
        for (i, name) in names.iter().enumerate() {
            if names[..i].contains(name) {
                self.errors.push(syn::Error::new(
                    name.span(),
                    format!("{what} `{name}` is listed twice"),
                ));
            }
        }
    }

    /// `true`, `false`, or `{ cases: N, seed: S }` (each optional, once).
    fn parse_model(&mut self, input: ParseStream<'_>) -> syn::Result<Option<ModelOptions>> {
        if !input.peek(syn::token::Brace) {
            return Ok(match input.parse::<syn::Lit>()? {
                syn::Lit::Bool(on) => on.value.then(ModelOptions::default),
                other => {
                    self.errors.push(syn::Error::new(other.span(), MODEL_FORMS));
                    None
                }
            });
        }
        let content;
        braced!(content in input);
        let mut options = ModelOptions::default();
        let fields = Punctuated::<ModelField, Token![,]>::parse_terminated(&content)?;
        for ModelField { key, value } in fields {
            let slot = match key.to_string().as_str() {
                "cases" => &mut options.cases,
                "seed" => &mut options.seed,
                other => {
                    self.errors.push(syn::Error::new(
                        key.span(),
                        format!("unknown model option `{other}`; expected `cases` or `seed`"),
                    ));
                    continue;
                }
            };
            if slot.is_some() {
                self.errors.push(syn::Error::new(
                    key.span(),
                    format!("duplicate model option `{key}`"),
                ));
                continue;
            }
            let checked = if key == "cases" {
                value.base10_parse::<u32>().and_then(|n| match n {
                    0 => Err(syn::Error::new(value.span(), "`cases` must be at least 1")),
                    _ => Ok(()),
                })
            } else {
                value.base10_parse::<u64>().map(drop)
            };
            match checked {
                Ok(()) => *slot = Some(value),
                Err(error) => self.errors.push(error),
            }
        }
        Ok(Some(options))
    }

    fn check_names(&mut self, names: &[Ident], known: &[&str], what: &str) {
        let mut seen: Vec<String> = Vec::new();
        for name in names {
            let text = name.to_string();
            if seen.contains(&text) {
                self.errors.push(syn::Error::new(
                    name.span(),
                    format!("{what} `{text}` is listed twice"),
                ));
                continue;
            }
            seen.push(text.clone());
            if known.contains(&text.as_str()) {
                continue;
            }
            let hint = known
                .iter()
                .find(|k| k.eq_ignore_ascii_case(&text))
                .map(|k| format!("did you mean `{k}`?"))
                .unwrap_or_else(|| format!("expected one of {}", known.join(", ")));
            self.errors.push(syn::Error::new(
                name.span(),
                format!("unknown {what} `{text}`; {hint}"),
            ));
        }
    }

    fn finish(mut self) -> syn::Result<SuiteInput> {
        if self.module.is_none() {
            self.errors.push(syn::Error::new(
                self.call_site,
                "missing option `module: <name>`: the module the tests go in",
            ));
        }
        if self.factory.is_none() {
            self.errors.push(syn::Error::new(
                self.call_site,
                "missing option `factory: <expression>`: an expression giving a fresh backend",
            ));
        }
        if let Some(flags) = &self.flags {
            let has = |name: &str| flags.iter().any(|f| f == name);
            let opt_in = flags
                .iter()
                .find(|f| *f == "rejects_write_under_file_ancestor")
                .filter(|_| !has("flat_namespace"));
            if let Some(flag) = opt_in {
                self.errors.push(syn::Error::new(
                    flag.span(),
                    "`rejects_write_under_file_ancestor` is the default; it only opts a `flat_namespace` backend back in",
                ));
            }
        }
        let mut errors = self.errors.into_iter();
        if let Some(mut first) = errors.next() {
            first.extend(errors);
            return Err(first);
        }
        match (self.module, self.factory) {
            (Some(module), Some(factory)) => Ok(SuiteInput {
                module,
                factory,
                factory_is_async: self.factory_is_async,
                lacks: self.lacks.unwrap_or_default(),
                flags: self.flags.unwrap_or_default(),
                model: self.model,
                skip: self.skip,
                only: self.only,
            }),
            _ => Err(syn::Error::new(self.call_site, "missing option")),
        }
    }
}

fn ident_list(input: ParseStream<'_>) -> syn::Result<Vec<Ident>> {
    let content;
    bracketed!(content in input);
    let names = Punctuated::<Ident, Token![,]>::parse_terminated(&content)?;
    Ok(names.into_iter().collect())
}

impl SuiteInput {
    /// Parses and validates the input; `capabilities` are the names
    /// `remote_store` declares, and misuse that has no token of its own
    /// (a missing option) is reported at `call_site`.
    pub fn parse_with(
        input: ParseStream<'_>,
        capabilities: &[String],
        call_site: Span,
    ) -> syn::Result<Self> {
        let mut partial = Partial {
            capabilities,
            call_site,
            module: None,
            factory: None,
            factory_is_async: false,
            lacks: None,
            flags: None,
            model: None,
            skip: Vec::new(),
            only: Vec::new(),
            seen: BTreeMap::new(),
            errors: Vec::new(),
        };
        while !input.is_empty() {
            let key: Ident = input.parse()?;
            input.parse::<Token![:]>()?;
            let name = key.to_string();
            if let Some(first) = partial.seen.get(&name) {
                let mut error = syn::Error::new(key.span(), format!("duplicate option `{name}`"));
                error.combine(syn::Error::new(
                    first.span(),
                    format!("`{name}` first given here"),
                ));
                partial.errors.push(error);
            } else {
                partial.seen.insert(name, key.clone());
            }
            partial.parse_option(&key, input)?;
            if input.is_empty() {
                break;
            }
            input.parse::<Token![,]>()?;
        }
        partial.finish()
    }
}
