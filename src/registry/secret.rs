//! [`Secret`]: a string that never shows itself in `Debug`, `Display` or an
//! error message.

use std::fmt;

/// Option keys whose values are always secrets.
const SECRET_KEYS: [&str; 6] = [
    "key",
    "secret",
    "password",
    "account_key",
    "sas_token",
    "connection_string",
];

/// Key fragments that make any key a secret one (`db_password`, `api_token`).
const SECRET_FRAGMENTS: [&str; 3] = ["password", "secret", "token"];

/// Whether values under option `key` are secrets: `key`, `secret`,
/// `password`, `account_key`, `sas_token`, `connection_string`, and any key
/// containing `password`, `secret` or `token` (case-insensitive).
///
/// ```
/// use remote_store::registry::is_secret_key;
///
/// assert!(is_secret_key("password"));
/// assert!(is_secret_key("DB_Password"));
/// assert!(is_secret_key("api_token"));
/// assert!(!is_secret_key("region"));
/// assert!(!is_secret_key("key_prefix"));
/// ```
pub fn is_secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    SECRET_KEYS.contains(&key.as_str()) || SECRET_FRAGMENTS.iter().any(|f| key.contains(f))
}

/// A secret string: `Debug` prints `Secret(***)` and `Display` prints `***`;
/// only [`reveal`](Secret::reveal) gives the value. Equality and hashing use
/// the value.
///
/// ```
/// use remote_store::registry::Secret;
///
/// let secret = Secret::new("hunter2");
/// assert_eq!(secret.to_string(), "***");
/// assert_eq!(format!("{secret:?}"), "Secret(***)");
/// assert_eq!(secret.reveal(), "hunter2");
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Secret(String);

impl Secret {
    /// Wraps `value`.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret value itself.
    pub fn reveal(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}
