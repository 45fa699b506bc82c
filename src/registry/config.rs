//! The registry's configuration: backends by name, stores by name.

use std::collections::BTreeMap;

use super::options::{OptionValue, Options};
use crate::{Error, RemotePath, Result};

/// A configured backend: its type (a name registered with the
/// [`Registry`](super::Registry), such as `memory`) and its options.
///
/// ```
/// use remote_store::registry::BackendConfig;
///
/// let config = BackendConfig::new("s3").option("bucket", "b").option("secret", "s3cr3t");
/// assert_eq!(config.type_name, "s3");
/// assert!(!format!("{config:?}").contains("s3cr3t"));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct BackendConfig {
    /// The backend type (`type` in TOML).
    pub type_name: String,
    /// Options passed to the type's factory.
    pub options: Options,
}

impl BackendConfig {
    /// A backend of type `type_name` without options.
    pub fn new(type_name: impl Into<String>) -> Self {
        BackendConfig {
            type_name: type_name.into(),
            options: Options::new(),
        }
    }

    /// Adds one option (a string under a secret key becomes a
    /// [`Secret`](super::Secret)).
    #[must_use]
    pub fn option(mut self, key: impl Into<String>, value: impl Into<OptionValue>) -> Self {
        self.options.insert(key, value);
        self
    }
}

/// A configured store: the name of its backend and its root path within it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreProfile {
    /// The backend's name in [`RegistryConfig::backends`].
    pub backend: String,
    /// The root path within the backend (`""` for the backend root).
    pub root_path: String,
}

impl StoreProfile {
    /// A store on `backend` rooted at `root_path`.
    pub fn new(backend: impl Into<String>, root_path: impl Into<String>) -> Self {
        StoreProfile {
            backend: backend.into(),
            root_path: root_path.into(),
        }
    }
}

/// Backends and stores by name: what a [`Registry`](super::Registry) is
/// built from, in code or (feature `toml`) from a TOML file.
///
/// `Debug` never shows a secret option.
///
/// ```
/// use remote_store::registry::{BackendConfig, RegistryConfig, StoreProfile};
///
/// let config = RegistryConfig::new()
///     .backend("mem", BackendConfig::new("memory"))
///     .store("data", StoreProfile::new("mem", "data"));
/// config.validate()?;
/// let broken = RegistryConfig::new().store("data", StoreProfile::new("nope", ""));
/// assert!(broken.validate().unwrap_err().to_string().contains("stores.data.backend"));
/// # Ok::<(), remote_store::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RegistryConfig {
    /// Backends by name.
    pub backends: BTreeMap<String, BackendConfig>,
    /// Stores by name.
    pub stores: BTreeMap<String, StoreProfile>,
}

impl RegistryConfig {
    /// No backends, no stores.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) the backend `name`.
    #[must_use]
    pub fn backend(mut self, name: impl Into<String>, config: BackendConfig) -> Self {
        self.backends.insert(name.into(), config);
        self
    }

    /// Adds (or replaces) the store `name`.
    #[must_use]
    pub fn store(mut self, name: impl Into<String>, profile: StoreProfile) -> Self {
        self.stores.insert(name.into(), profile);
        self
    }

    /// Checks what can be checked without building anything: every backend
    /// has a non-empty type, every store names a configured backend and has
    /// a valid root path. Errors are [`Error::Config`] naming the location
    /// (`stores.data.backend`, `backends.x.type`, ...).
    pub fn validate(&self) -> Result<()> {
        for (name, backend) in &self.backends {
            if backend.type_name.trim().is_empty() {
                return Err(config_error(
                    format!("backends.{name}.type"),
                    format!("backend '{name}' has an empty type"),
                ));
            }
        }
        for (name, store) in &self.stores {
            if !self.backends.contains_key(&store.backend) {
                return Err(config_error(
                    format!("stores.{name}.backend"),
                    format!(
                        "store '{name}' references unknown backend '{}'; available backends: {}",
                        store.backend,
                        name_list(self.backends.keys())
                    ),
                ));
            }
            if let Err(e) = RemotePath::parse(&store.root_path) {
                return Err(config_error(
                    format!("stores.{name}.root_path"),
                    format!("invalid root path: {e}"),
                ));
            }
        }
        Ok(())
    }
}

/// An [`Error::Config`].
pub(super) fn config_error(location: impl Into<String>, reason: impl Into<String>) -> Error {
    Error::Config {
        location: location.into(),
        reason: reason.into(),
    }
}

/// `[a, b, c]`, or `[]`.
pub(super) fn name_list<'a>(names: impl IntoIterator<Item = &'a String>) -> String {
    let names: Vec<&str> = names.into_iter().map(String::as_str).collect();
    format!("[{}]", names.join(", "))
}
