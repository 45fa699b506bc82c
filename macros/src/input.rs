//! Parsing and validating the input of `conformance_suite!`.
//!
//! Every option is `key: value`. To add an option: a field on
//! [`SuiteInput`], an arm in `Partial::parse_option`, and its use in
//! `expand.rs`.

use std::collections::BTreeMap;

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Expr, Ident, Token, bracketed};

/// The capability member names `remote_store::Capability` has.
pub const CAPABILITIES: [&str; 14] = [
    "READ",
    "WRITE",
    "DELETE",
    "LIST",
    "GLOB",
    "MOVE",
    "COPY",
    "ATOMIC_WRITE",
    "ATOMIC_MOVE",
    "METADATA",
    "USER_METADATA",
    "SEEKABLE_READ",
    "LAZY_READ",
    "WRITE_RESULT_NATIVE",
];

/// The flags the suite knows.
pub const FLAGS: [&str; 5] = [
    "flat_namespace",
    "self_operations_unsupported",
    "rejects_write_under_file_ancestor",
    "documented_order",
    "single_connection",
];

const OPTIONS: &str = "`module`, `factory`, `lacks`, `flags`, `model`";

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
    /// Whether to emit the model test against the memory oracle.
    pub model: bool,
}

impl SuiteInput {
    /// Whether `flag` was given.
    pub fn has_flag(&self, flag: &str) -> bool {
        self.flags.iter().any(|f| f == flag)
    }
}

/// Options as parsed, before the checks that need all of them.
#[derive(Default)]
struct Partial {
    module: Option<Ident>,
    factory: Option<Expr>,
    factory_is_async: bool,
    lacks: Option<Vec<Ident>>,
    flags: Option<Vec<Ident>>,
    model: bool,
    seen: BTreeMap<String, Ident>,
    errors: Vec<syn::Error>,
}

impl Partial {
    fn parse_option(&mut self, key: &Ident, input: ParseStream<'_>) -> syn::Result<()> {
        match key.to_string().as_str() {
            "module" => self.module = Some(input.parse()?),
            "factory" => {
                self.factory_is_async = input.parse::<Option<Token![async]>>()?.is_some();
                self.factory = Some(input.parse()?);
            }
            "lacks" => {
                let names = ident_list(input)?;
                self.check_names(&names, &CAPABILITIES, "capability");
                self.lacks = Some(names);
            }
            "flags" => {
                let names = ident_list(input)?;
                self.check_names(&names, &FLAGS, "flag");
                self.flags = Some(names);
            }
            "model" => match input.parse::<syn::Lit>()? {
                syn::Lit::Bool(on) => self.model = on.value,
                other => self.errors.push(syn::Error::new(
                    other.span(),
                    "`model` takes `true` or `false`",
                )),
            },
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
                Span::call_site(),
                "missing option `module: <name>`: the module the tests go in",
            ));
        }
        if self.factory.is_none() {
            self.errors.push(syn::Error::new(
                Span::call_site(),
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
            }),
            _ => Err(syn::Error::new(Span::call_site(), "missing option")),
        }
    }
}

fn ident_list(input: ParseStream<'_>) -> syn::Result<Vec<Ident>> {
    let content;
    bracketed!(content in input);
    let names = Punctuated::<Ident, Token![,]>::parse_terminated(&content)?;
    Ok(names.into_iter().collect())
}

impl Parse for SuiteInput {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut partial = Partial::default();
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
