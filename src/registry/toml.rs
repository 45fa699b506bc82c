//! Reading a [`RegistryConfig`] from TOML (feature `toml`).

use std::collections::BTreeMap;
use std::path::Path;

use super::config::config_error;
use super::env::resolve_placeholders;
use super::options::{OptionValue, Options};
use super::{BackendConfig, RegistryConfig, StoreProfile};
use crate::Result;

/// How placeholders in strings are looked up; `None` leaves strings as they are.
type Env<'e> = Option<&'e dyn Fn(&str) -> Option<String>>;

impl RegistryConfig {
    /// Parses a TOML configuration, resolving `${VAR}`, `${VAR:-default}`
    /// and `$${` in every string from the process environment, then
    /// [validates](RegistryConfig::validate) it.
    ///
    /// The layout is `[backends.<name>]` tables with `type` and an optional
    /// `options` table, and `[stores.<name>]` tables with `backend` and an
    /// optional `root_path`. Any other key, at the top level or inside an
    /// entry, is an error (a misspelt `[store.data]` would otherwise give a
    /// registry without stores). Datetime values are refused. Every problem
    /// is an [`Error::Config`](crate::Error) naming its location
    /// (`backends.x.options.key`, or the line and column of a syntax error);
    /// no message ever contains an option's value.
    ///
    /// ```
    /// use remote_store::registry::{Registry, RegistryConfig};
    ///
    /// let config = RegistryConfig::from_toml_str(r#"
    ///     [backends.mem]
    ///     type = "memory"
    ///
    ///     [stores.data]
    ///     backend = "mem"
    ///     root_path = "data"
    /// "#)?;
    /// let registry = Registry::new(config)?;
    /// registry.get_store("data")?.write_text("readme.txt", "Hello!")?;
    /// # Ok::<(), remote_store::Error>(())
    /// ```
    pub fn from_toml_str(text: &str) -> Result<Self> {
        Self::from_toml_str_with_env(text, |name| std::env::var(name).ok())
    }

    /// [`from_toml_str`](RegistryConfig::from_toml_str) with placeholders
    /// looked up through `env` instead of the process environment.
    ///
    /// ```
    /// use remote_store::registry::RegistryConfig;
    ///
    /// let text = r#"
    ///     [backends.mem]
    ///     type = "${KIND:-memory}"
    ///     [stores.data]
    ///     backend = "mem"
    ///     root_path = "${ROOT}"
    /// "#;
    /// let env = |name: &str| (name == "ROOT").then(|| "data".to_owned());
    /// let config = RegistryConfig::from_toml_str_with_env(text, env)?;
    /// assert_eq!(config.backends["mem"].type_name, "memory");
    /// assert_eq!(config.stores["data"].root_path, "data");
    /// # Ok::<(), remote_store::Error>(())
    /// ```
    pub fn from_toml_str_with_env(
        text: &str,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self> {
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            let location = match e.span() {
                Some(span) => {
                    let before = text.get(..span.start).unwrap_or(text);
                    let line = before.matches('\n').count() + 1;
                    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                    format!("line {line}, column {column}")
                }
                None => "toml".to_owned(),
            };
            config_error(location, format!("invalid TOML: {}", e.message().trim()))
        })?;
        let config = from_table(table, Some(&env))?;
        config.validate()?;
        Ok(config)
    }

    /// Reads and parses the TOML file at `path`, resolving placeholders from
    /// the process environment. An unreadable file is an
    /// [`Error::Config`](crate::Error) whose location is the path.
    pub fn from_toml_path(path: impl AsRef<Path>) -> Result<Self> {
        Self::from_toml_path_with_env(path, |name| std::env::var(name).ok())
    }

    /// [`from_toml_path`](RegistryConfig::from_toml_path) with placeholders
    /// looked up through `env`.
    pub fn from_toml_path_with_env(
        path: impl AsRef<Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| {
            config_error(
                path.display().to_string(),
                format!("cannot read the configuration file: {e}"),
            )
        })?;
        Self::from_toml_str_with_env(&text, env)
    }
}

/// Deserializes from any serde format with the layout of
/// [`RegistryConfig::from_toml_str`], so a registry section can sit inside a
/// larger configuration. Placeholders are left as they are here; the
/// configuration is validated.
impl<'de> serde::Deserialize<'de> for RegistryConfig {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let table = toml::Table::deserialize(deserializer)?;
        let config = from_table(table, None).map_err(serde::de::Error::custom)?;
        config.validate().map_err(serde::de::Error::custom)?;
        Ok(config)
    }
}

fn from_table(table: toml::Table, env: Env<'_>) -> Result<RegistryConfig> {
    let mut config = RegistryConfig::new();
    for (key, value) in table {
        match key.as_str() {
            "backends" => {
                for (name, entry) in expect_table(value, "backends")? {
                    let backend = backend_entry(&name, entry, env)?;
                    config.backends.insert(name, backend);
                }
            }
            "stores" => {
                for (name, entry) in expect_table(value, "stores")? {
                    let store = store_entry(&name, entry, env)?;
                    config.stores.insert(name, store);
                }
            }
            other => {
                return Err(config_error(
                    other,
                    format!("unknown top-level key '{other}'; expected 'backends' and 'stores'"),
                ));
            }
        }
    }
    Ok(config)
}

fn backend_entry(name: &str, entry: toml::Value, env: Env<'_>) -> Result<BackendConfig> {
    let here = format!("backends.{name}");
    let mut type_name = None;
    let mut options = Options::new();
    for (key, value) in expect_table(entry, &here)? {
        let location = format!("{here}.{key}");
        match key.as_str() {
            "type" => type_name = Some(expect_string(value, &location, env)?),
            "options" => options = options_table(expect_table(value, &location)?, &location, env)?,
            other => {
                return Err(config_error(
                    location,
                    format!(
                        "unknown key '{other}' in backend '{name}'; expected 'type' and 'options'"
                    ),
                ));
            }
        }
    }
    let type_name = type_name.ok_or_else(|| {
        config_error(
            format!("{here}.type"),
            format!("backend '{name}' has no type"),
        )
    })?;
    Ok(BackendConfig { type_name, options })
}

fn store_entry(name: &str, entry: toml::Value, env: Env<'_>) -> Result<StoreProfile> {
    let here = format!("stores.{name}");
    let mut backend = None;
    let mut root_path = String::new();
    for (key, value) in expect_table(entry, &here)? {
        let location = format!("{here}.{key}");
        match key.as_str() {
            "backend" => backend = Some(expect_string(value, &location, env)?),
            "root_path" => root_path = expect_string(value, &location, env)?,
            other => {
                return Err(config_error(
                    location,
                    format!(
                        "unknown key '{other}' in store '{name}'; expected 'backend' and 'root_path'"
                    ),
                ));
            }
        }
    }
    let backend = backend.ok_or_else(|| {
        config_error(
            format!("{here}.backend"),
            format!("store '{name}' names no backend"),
        )
    })?;
    Ok(StoreProfile { backend, root_path })
}

fn options_table(
    table: BTreeMap<String, toml::Value>,
    location: &str,
    env: Env<'_>,
) -> Result<Options> {
    let mut options = Options::new();
    for (key, value) in table {
        let value = option_value(value, &format!("{location}.{key}"), env)?;
        options.insert(key, value);
    }
    Ok(options)
}

fn option_value(value: toml::Value, location: &str, env: Env<'_>) -> Result<OptionValue> {
    Ok(match value {
        toml::Value::String(s) => OptionValue::String(resolve(s, location, env)?),
        toml::Value::Integer(i) => OptionValue::Integer(i),
        toml::Value::Float(f) => OptionValue::Float(f),
        toml::Value::Boolean(b) => OptionValue::Boolean(b),
        toml::Value::Array(items) => OptionValue::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, item)| option_value(item, &format!("{location}[{i}]"), env))
                .collect::<Result<_>>()?,
        ),
        toml::Value::Table(table) => {
            OptionValue::Table(options_table(table.into_iter().collect(), location, env)?)
        }
        toml::Value::Datetime(_) => {
            return Err(config_error(
                location,
                "datetime values are not supported; quote it as a string",
            ));
        }
    })
}

fn resolve(raw: String, location: &str, env: Env<'_>) -> Result<String> {
    match env {
        Some(lookup) => resolve_placeholders(&raw, location, lookup),
        None => Ok(raw),
    }
}

fn expect_string(value: toml::Value, location: &str, env: Env<'_>) -> Result<String> {
    match value {
        toml::Value::String(s) => resolve(s, location, env),
        other => Err(config_error(
            location,
            format!("expected a string, found {}", toml_type(&other)),
        )),
    }
}

fn expect_table(value: toml::Value, location: &str) -> Result<BTreeMap<String, toml::Value>> {
    match value {
        toml::Value::Table(table) => Ok(table.into_iter().collect()),
        other => Err(config_error(
            location,
            format!("expected a table, found {}", toml_type(&other)),
        )),
    }
}

fn toml_type(value: &toml::Value) -> &'static str {
    match value {
        toml::Value::String(_) => "a string",
        toml::Value::Integer(_) => "an integer",
        toml::Value::Float(_) => "a float",
        toml::Value::Boolean(_) => "a boolean",
        toml::Value::Datetime(_) => "a datetime",
        toml::Value::Array(_) => "an array",
        toml::Value::Table(_) => "a table",
    }
}
