//! `${VAR}` placeholders in configuration strings.

use super::config::config_error;
use crate::Result;

/// Replaces the placeholders in `raw`, a configuration string found at
/// `location`:
///
/// * `${VAR}` becomes the value of `VAR` as given by `lookup`;
/// * `${VAR:-default}` becomes `default` when `VAR` is unset (a variable set
///   to the empty string is used as it is);
/// * `$${` is a literal `${`; any other `$` is literal.
///
/// An unset variable without a default, an unclosed `${` or an empty name is
/// an [`Error::Config`](crate::Error) at `location`, naming the variable but
/// never a value.
///
/// ```
/// use remote_store::registry::resolve_placeholders;
///
/// let env = |name: &str| (name == "BUCKET").then(|| "lake".to_owned());
/// let loc = "backends.s3.options.bucket";
/// assert_eq!(resolve_placeholders("s3://${BUCKET}/x", loc, &env)?, "s3://lake/x");
/// assert_eq!(resolve_placeholders("${REGION:-eu}", loc, &env)?, "eu");
/// assert_eq!(resolve_placeholders("$${BUCKET}", loc, &env)?, "${BUCKET}");
/// let err = resolve_placeholders("${NOPE}", loc, &env).unwrap_err();
/// assert!(err.to_string().contains("NOPE") && err.to_string().contains(loc));
/// # Ok::<(), remote_store::Error>(())
/// ```
pub fn resolve_placeholders(
    raw: &str,
    location: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<String> {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(dollar) = rest.find('$') {
        out.push_str(&rest[..dollar]);
        let tail = &rest[dollar..];
        if let Some(after) = tail.strip_prefix("$${") {
            out.push_str("${");
            rest = after;
        } else if let Some(after) = tail.strip_prefix("${") {
            let close = after.find('}').ok_or_else(|| {
                config_error(
                    location,
                    "unclosed '${' placeholder (write '$${' for a literal)",
                )
            })?;
            let body = &after[..close];
            let (name, default) = match body.split_once(":-") {
                Some((name, default)) => (name, Some(default)),
                None => (body, None),
            };
            if name.is_empty() {
                return Err(config_error(location, "empty variable name in '${}'"));
            }
            match (lookup(name), default) {
                (Some(value), _) => out.push_str(&value),
                (None, Some(default)) => out.push_str(default),
                (None, None) => {
                    return Err(config_error(
                        location,
                        format!("environment variable '{name}' is not set and has no default"),
                    ));
                }
            }
            rest = &after[close + 1..];
        } else {
            out.push('$');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;
    use rstest::rstest;

    fn env(name: &str) -> Option<String> {
        match name {
            "A" => Some("alpha".into()),
            "EMPTY" => Some(String::new()),
            _ => None,
        }
    }

    #[rstest]
    #[case("plain", "plain")]
    #[case("${A}", "alpha")]
    #[case("x${A}y${A}z", "xalphayalphaz")]
    #[case("${B:-beta}", "beta")]
    #[case("${B:-}", "")]
    #[case("${A:-beta}", "alpha")]
    #[case("${EMPTY:-beta}", "")]
    #[case("${B:-a:-b}", "a:-b")]
    #[case("$${A}", "${A}")]
    #[case("$$${A}", "$${A}")]
    #[case("cost: 5$", "cost: 5$")]
    #[case("$A", "$A")]
    #[case("é${A}é", "éalphaé")]
    fn placeholders_resolve(#[case] raw: &str, #[case] expected: &str) {
        assert_eq!(resolve_placeholders(raw, "loc", &env).unwrap(), expected);
    }

    #[rstest]
    #[case("${MISSING}", "environment variable 'MISSING' is not set")]
    #[case("${A", "unclosed")]
    #[case("${}", "empty variable name")]
    #[case("${:-x}", "empty variable name")]
    fn bad_placeholders_are_config_errors_at_the_location(
        #[case] raw: &str,
        #[case] message: &str,
    ) {
        let err = resolve_placeholders(raw, "backends.x.options.key", &env).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config);
        let text = err.to_string();
        assert!(text.contains("backends.x.options.key"), "{text}");
        assert!(text.contains(message), "{text}");
    }
}
