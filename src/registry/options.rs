//! Backend options: typed values in a map that keeps secrets sealed.

use std::collections::BTreeMap;
use std::fmt;

use super::secret::{Secret, is_secret_key};

/// One option value, typed as in TOML (datetimes excepted).
#[derive(Clone, Debug, PartialEq)]
pub enum OptionValue {
    /// A string.
    String(String),
    /// A string under a secret key (see [`is_secret_key`]).
    Secret(Secret),
    /// An integer.
    Integer(i64),
    /// A floating-point number.
    Float(f64),
    /// A boolean.
    Boolean(bool),
    /// A list of values.
    Array(Vec<OptionValue>),
    /// A nested table; secret keys are sealed at every depth.
    Table(Options),
}

impl OptionValue {
    /// The type's name with an article, for messages: `"a string"`.
    pub fn type_name(&self) -> &'static str {
        match self {
            OptionValue::String(_) => "a string",
            OptionValue::Secret(_) => "a secret string",
            OptionValue::Integer(_) => "an integer",
            OptionValue::Float(_) => "a float",
            OptionValue::Boolean(_) => "a boolean",
            OptionValue::Array(_) => "an array",
            OptionValue::Table(_) => "a table",
        }
    }

    /// The string, secret or not.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            OptionValue::String(s) => Some(s),
            OptionValue::Secret(s) => Some(s.reveal()),
            _ => None,
        }
    }

    /// Every string in the value (at any depth) turned into a [`Secret`].
    fn sealed(self) -> Self {
        match self {
            OptionValue::String(s) => OptionValue::Secret(Secret::new(s)),
            OptionValue::Array(items) => {
                OptionValue::Array(items.into_iter().map(OptionValue::sealed).collect())
            }
            OptionValue::Table(table) => OptionValue::Table(Options(
                table.0.into_iter().map(|(k, v)| (k, v.sealed())).collect(),
            )),
            other => other,
        }
    }
}

macro_rules! option_value_from {
    ($($source:ty => $variant:ident($convert:expr)),+ $(,)?) => {$(
        impl From<$source> for OptionValue {
            fn from(value: $source) -> Self {
                OptionValue::$variant($convert(value))
            }
        }
    )+};
}

option_value_from! {
    &str => String(str::to_owned),
    String => String(std::convert::identity),
    Secret => Secret(std::convert::identity),
    i64 => Integer(std::convert::identity),
    i32 => Integer(i64::from),
    u32 => Integer(i64::from),
    f64 => Float(std::convert::identity),
    bool => Boolean(std::convert::identity),
    Vec<OptionValue> => Array(std::convert::identity),
    Options => Table(std::convert::identity),
}

/// Options of a backend: names to [`OptionValue`]s, sorted by name.
///
/// Inserting a string under a secret key ([`is_secret_key`]) stores it as a
/// [`Secret`], at any depth of nested tables, and `Debug` prints `***` for
/// every value under a secret key whatever its type, so printing a
/// configuration never shows a password.
///
/// ```
/// use remote_store::registry::{OptionValue, Options};
///
/// let mut options = Options::new();
/// options.insert("region", "eu-west-1");
/// options.insert("password", "hunter2");
/// assert!(matches!(options.get("password"), Some(OptionValue::Secret(_))));
/// assert!(!format!("{options:?}").contains("hunter2"));
/// ```
#[derive(Clone, Default, PartialEq)]
pub struct Options(BTreeMap<String, OptionValue>);

impl Options {
    /// No options.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `key` to `value` (sealed as a secret under a secret key) and
    /// returns the previous value.
    pub fn insert(
        &mut self,
        key: impl Into<String>,
        value: impl Into<OptionValue>,
    ) -> Option<OptionValue> {
        let key = key.into();
        let value = value.into();
        let value = if is_secret_key(&key) {
            value.sealed()
        } else {
            value
        };
        self.0.insert(key, value)
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&OptionValue> {
        self.0.get(key)
    }

    /// The option names, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    /// The options, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &OptionValue)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The number of options.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no options.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<K: Into<String>, V: Into<OptionValue>> FromIterator<(K, V)> for Options {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut options = Options::new();
        for (key, value) in iter {
            options.insert(key, value);
        }
        options
    }
}

impl<K: Into<String>, V: Into<OptionValue>, const N: usize> From<[(K, V); N]> for Options {
    fn from(pairs: [(K, V); N]) -> Self {
        pairs.into_iter().collect()
    }
}

impl fmt::Debug for Options {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Masked;
        impl fmt::Debug for Masked {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("***")
            }
        }
        let mut map = f.debug_map();
        for (key, value) in &self.0 {
            if is_secret_key(key) {
                map.entry(key, &Masked);
            } else {
                map.entry(key, value);
            }
        }
        map.finish()
    }
}
