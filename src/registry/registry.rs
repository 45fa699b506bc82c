//! [`Registry`]: named stores over lazily built, shared backends.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use parking_lot::Mutex;

use super::config::{RegistryConfig, config_error, name_list};
use super::options::{OptionValue, Options};
use crate::backends::{LocalBackend, MemoryBackend};
use crate::{Backend, Result, Store};

/// Builds a backend from its options; registered per type name with
/// [`Registry::register_backend_type`].
pub type BackendFactory = dyn Fn(&BackendOptions<'_>) -> Result<Arc<dyn Backend>> + Send + Sync;

/// The built-in backend types. Every built-in registration lives here.
fn builtin_types() -> BTreeMap<String, Arc<BackendFactory>> {
    let mut types: BTreeMap<String, Arc<BackendFactory>> = BTreeMap::new();
    types.insert(
        "memory".to_owned(),
        Arc::new(|options: &BackendOptions<'_>| {
            options.deny_unknown(&[])?;
            Ok(Arc::new(MemoryBackend::new()) as Arc<dyn Backend>)
        }),
    );
    types.insert(
        "local".to_owned(),
        Arc::new(|options: &BackendOptions<'_>| {
            options.deny_unknown(&["root"])?;
            let root = options.require_string("root")?;
            Ok(Arc::new(LocalBackend::new(root)?) as Arc<dyn Backend>)
        }),
    );
    types
}

/// The options of one configured backend, as its factory sees them, with
/// helpers that report problems as [`Error::Config`](crate::Error) at
/// `backends.<name>.options.<key>`. Error messages never contain a value.
#[derive(Debug)]
pub struct BackendOptions<'a> {
    backend: &'a str,
    type_name: &'a str,
    options: &'a Options,
}

impl<'a> BackendOptions<'a> {
    /// The view of `options` for the backend `backend` of type `type_name`.
    pub fn new(backend: &'a str, type_name: &'a str, options: &'a Options) -> Self {
        BackendOptions {
            backend,
            type_name,
            options,
        }
    }

    /// The backend's name in the configuration.
    pub fn backend_name(&self) -> &str {
        self.backend
    }

    /// The backend's type.
    pub fn type_name(&self) -> &str {
        self.type_name
    }

    /// All options.
    pub fn options(&self) -> &Options {
        self.options
    }

    /// Where option `key` is in the configuration:
    /// `backends.<name>.options.<key>`.
    pub fn location(&self, key: &str) -> String {
        format!("backends.{}.options.{key}", self.backend)
    }

    /// Refuses any option not in `accepted`, naming the first such option.
    pub fn deny_unknown(&self, accepted: &[&str]) -> Result<()> {
        match self.options.keys().find(|key| !accepted.contains(key)) {
            None => Ok(()),
            Some(key) => {
                let accepts = if accepted.is_empty() {
                    "it takes no options".to_owned()
                } else {
                    format!("accepted options: [{}]", accepted.join(", "))
                };
                Err(config_error(
                    self.location(key),
                    format!(
                        "unknown option '{key}' for backend type '{}'; {accepts}",
                        self.type_name
                    ),
                ))
            }
        }
    }

    /// The string option `key` (a secret one revealed), or `None` when
    /// absent; another type is a config error.
    pub fn string(&self, key: &str) -> Result<Option<&'a str>> {
        self.typed(key, "a string", OptionValue::as_str)
    }

    /// The string option `key`; absent is a config error.
    pub fn require_string(&self, key: &str) -> Result<&'a str> {
        self.string(key)?.ok_or_else(|| self.missing(key))
    }

    /// The boolean option `key`, or `None` when absent.
    pub fn boolean(&self, key: &str) -> Result<Option<bool>> {
        self.typed(key, "a boolean", |v| match v {
            OptionValue::Boolean(b) => Some(*b),
            _ => None,
        })
    }

    /// The integer option `key`, or `None` when absent.
    pub fn integer(&self, key: &str) -> Result<Option<i64>> {
        self.typed(key, "an integer", |v| match v {
            OptionValue::Integer(i) => Some(*i),
            _ => None,
        })
    }

    fn typed<T>(
        &self,
        key: &str,
        expected: &str,
        extract: impl FnOnce(&'a OptionValue) -> Option<T>,
    ) -> Result<Option<T>> {
        let Some(value) = self.options.get(key) else {
            return Ok(None);
        };
        extract(value).map(Some).ok_or_else(|| {
            config_error(
                self.location(key),
                format!("expected {expected}, found {}", value.type_name()),
            )
        })
    }

    fn missing(&self, key: &str) -> crate::Error {
        config_error(
            self.location(key),
            format!(
                "backend type '{}' needs option '{key}', which is missing",
                self.type_name
            ),
        )
    }
}

/// Named stores over backends that are built on first use and shared
/// (contract section 6).
///
/// * [`Registry::new`] validates the configuration at once.
/// * [`get_store`](Registry::get_store) builds the store's backend on first
///   use, once per backend name, and shares it between all stores that name
///   it; the returned [`Store`] does not own the backend (closing it leaves
///   the backend open).
/// * [`close`](Registry::close) (and dropping the registry) closes every
///   backend built so far.
/// * Built-in types: `memory` (no options) and `local` (option `root`, an existing directory). Register your own with
///   [`register_backend_type`](Registry::register_backend_type).
///
/// ```
/// use remote_store::registry::{BackendConfig, Registry, RegistryConfig, StoreProfile};
///
/// let config = RegistryConfig::new()
///     .backend("mem", BackendConfig::new("memory"))
///     .store("data", StoreProfile::new("mem", "data"))
///     .store("logs", StoreProfile::new("mem", "logs"));
/// let registry = Registry::new(config)?;
/// let data = registry.get_store("data")?;
/// data.write_text("readme.txt", "Hello!")?;
/// // Both stores share the one "mem" backend.
/// let logs = registry.get_store("logs")?;
/// assert!(logs.backend().is_file(&"data/readme.txt".parse()?)?);
/// registry.close()?;
/// # Ok::<(), remote_store::Error>(())
/// ```
pub struct Registry {
    config: RegistryConfig,
    types: BTreeMap<String, Arc<BackendFactory>>,
    backends: Mutex<BTreeMap<String, Arc<dyn Backend>>>,
}

impl Registry {
    /// A registry over `config`, with the built-in backend types. An invalid
    /// configuration is [`Error::Config`](crate::Error) naming where (see
    /// [`RegistryConfig::validate`]). Backend types are checked when a
    /// backend is first built, so types registered after `new` are usable.
    pub fn new(config: RegistryConfig) -> Result<Self> {
        config.validate()?;
        Ok(Registry {
            config,
            types: builtin_types(),
            backends: Mutex::new(BTreeMap::new()),
        })
    }

    /// Registers (or replaces) the backend type `type_name`; `factory`
    /// builds one backend from its options.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use remote_store::backends::MemoryBackend;
    /// use remote_store::registry::{BackendConfig, Registry, RegistryConfig, StoreProfile};
    /// use remote_store::Backend;
    ///
    /// let config = RegistryConfig::new()
    ///     .backend("fake-s3", BackendConfig::new("s3").option("bucket", "b"))
    ///     .store("data", StoreProfile::new("fake-s3", ""));
    /// let mut registry = Registry::new(config)?;
    /// registry.register_backend_type("s3", |options| {
    ///     options.deny_unknown(&["bucket"])?;
    ///     let _bucket = options.require_string("bucket")?;
    ///     Ok(Arc::new(MemoryBackend::new()) as Arc<dyn Backend>)
    /// });
    /// registry.get_store("data")?.write_text("a.txt", "x")?;
    /// # Ok::<(), remote_store::Error>(())
    /// ```
    pub fn register_backend_type<F>(
        &mut self,
        type_name: impl Into<String>,
        factory: F,
    ) -> &mut Self
    where
        F: Fn(&BackendOptions<'_>) -> Result<Arc<dyn Backend>> + Send + Sync + 'static,
    {
        self.types.insert(type_name.into(), Arc::new(factory));
        self
    }

    /// The configuration.
    pub fn config(&self) -> &RegistryConfig {
        &self.config
    }

    /// The registered backend type names, sorted.
    pub fn backend_types(&self) -> impl Iterator<Item = &str> {
        self.types.keys().map(String::as_str)
    }

    /// The store `name`, over its shared backend (built now if needed).
    /// An unknown store, an unknown backend type or bad options are
    /// [`Error::Config`](crate::Error) naming where; other factory errors
    /// pass through unchanged.
    pub fn get_store(&self, name: &str) -> Result<Store> {
        let profile = self.config.stores.get(name).ok_or_else(|| {
            config_error(
                format!("stores.{name}"),
                format!(
                    "unknown store '{name}'; available stores: {}",
                    name_list(self.config.stores.keys())
                ),
            )
        })?;
        let backend = self.get_backend(&profile.backend)?;
        Store::from_shared(backend, &profile.root_path).map_err(|e| {
            config_error(
                format!("stores.{name}.root_path"),
                format!("invalid root path: {e}"),
            )
        })
    }

    /// The backend `name`, built on first use and shared afterwards.
    ///
    /// The factory runs under the registry's lock, so each backend is built
    /// at most once even when several threads ask at the same time.
    pub fn get_backend(&self, name: &str) -> Result<Arc<dyn Backend>> {
        let mut backends = self.backends.lock();
        if let Some(backend) = backends.get(name) {
            return Ok(Arc::clone(backend));
        }
        let config = self.config.backends.get(name).ok_or_else(|| {
            config_error(
                format!("backends.{name}"),
                format!(
                    "unknown backend '{name}'; available backends: {}",
                    name_list(self.config.backends.keys())
                ),
            )
        })?;
        let factory = self.types.get(&config.type_name).ok_or_else(|| {
            config_error(
                format!("backends.{name}.type"),
                format!(
                    "unknown backend type '{}'; known types: {}",
                    config.type_name,
                    name_list(self.types.keys())
                ),
            )
        })?;
        let backend = factory(&BackendOptions::new(
            name,
            &config.type_name,
            &config.options,
        ))?;
        backends.insert(name.to_owned(), Arc::clone(&backend));
        Ok(backend)
    }

    /// Closes every backend built so far, even when one fails, and forgets
    /// them (a later `get_store` builds fresh ones). Returns the first error.
    pub fn close(&self) -> Result<()> {
        let built = std::mem::take(&mut *self.backends.lock());
        let mut first_error = None;
        for backend in built.values() {
            if let Err(e) = backend.close() {
                first_error.get_or_insert(e);
            }
        }
        first_error.map_or(Ok(()), Err)
    }
}

impl fmt::Debug for Registry {
    /// `Registry(stores=[data, logs])`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Registry(stores={})",
            name_list(self.config.stores.keys())
        )
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        // A close error has nowhere to go from drop; call `close()` to see it.
        let _ = self.close();
    }
}
