//! Configuration-driven store creation (contract section 6).
//!
//! A [`RegistryConfig`] names backends (a type plus options) and stores (a
//! backend plus a root path); a [`Registry`] builds each backend on first use
//! and hands out [`Store`](crate::Store)s that share it. Every problem is an
//! [`Error::Config`](crate::Error) whose `location` says where it is, such as
//! `stores.data.backend` or `backends.mem.options.retry`. Secret options
//! ([`is_secret_key`]) are held as [`Secret`]s and never printed.
//!
//! With the `toml` feature, `RegistryConfig::from_toml_str` and
//! `RegistryConfig::from_toml_path` read a configuration such as:
//!
//! ```toml
//! [backends.mem]
//! type = "memory"
//!
//! [backends.lake]
//! type = "s3"
//! options = { bucket = "lake", secret = "${LAKE_SECRET}", region = "${REGION:-eu-west-1}" }
//!
//! [stores.data]
//! backend = "mem"
//! root_path = "data"
//! ```

mod config;
mod env;
mod options;
#[allow(clippy::module_inception)]
mod registry;
mod secret;
#[cfg(feature = "toml")]
mod toml;

pub use self::config::{BackendConfig, RegistryConfig, StoreProfile};
pub use self::env::resolve_placeholders;
pub use self::options::{OptionValue, Options};
pub use self::registry::{BackendFactory, BackendOptions, Registry};
pub use self::secret::{Secret, is_secret_key};
