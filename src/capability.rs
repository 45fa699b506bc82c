//! What a backend can do: [`Capability`] and the immutable [`CapabilitySet`].

use std::fmt;
use std::str::FromStr;

use crate::{Error, Result};

/// The one list of the 14 capabilities: invokes `callback! { args... }`
/// followed by one `/// docs NAME = "value",` line per capability, in
/// declaration order. [`Capability`] is defined from it, and
/// `conformance_suite!` reads it to check the names in `lacks`.
#[doc(hidden)]
#[macro_export]
macro_rules! __for_each_capability {
    ([$($callback:tt)*] $($args:tt)*) => {
        $($callback)*! {
            $($args)*
            /// Gate of `read`, `read_bytes`, `read_text`, `read_seekable`.
            READ = "read",
            /// Gate of `write`, `write_text`.
            WRITE = "write",
            /// Gate of `delete`, `delete_folder`.
            DELETE = "delete",
            /// Gate of `list_files`, `list_folders`, `iter_children` and of the
            /// depth-limited `get_folder_info`.
            LIST = "list",
            /// Gate of the native `glob`; `ext::glob::glob_files` falls back without it.
            GLOB = "glob",
            /// Gate of `rename`.
            MOVE = "move",
            /// Gate of `copy`.
            COPY = "copy",
            /// Gate of `write_atomic`, `open_atomic`.
            ATOMIC_WRITE = "atomic_write",
            /// Quality flag: `rename` is atomic under concurrency.
            ATOMIC_MOVE = "atomic_move",
            /// Gate of `get_file_info`, `get_folder_info`, `head`.
            METADATA = "metadata",
            /// Strict gate on a non-empty `metadata` write option.
            USER_METADATA = "user_metadata",
            /// Quality flag: `read` always returns a seekable stream.
            SEEKABLE_READ = "seekable_read",
            /// Quality flag: `read` pulls data lazily from the source.
            LAZY_READ = "lazy_read",
            /// Quality flag: writes return `WriteSource::Native` results.
            WRITE_RESULT_NATIVE = "write_result_native",
        }
    };
}

macro_rules! define_capability {
    ($($(#[doc = $doc:literal])* $name:ident = $value:literal,)*) => {
        /// One thing a backend may support (contract section 1.1).
        ///
        /// Most members are *gates*: [`Store`](crate::Store) refuses the gated method
        /// with [`Error::CapabilityNotSupported`] when the backend does not declare
        /// them. `ATOMIC_MOVE`, `SEEKABLE_READ`, `LAZY_READ` and `WRITE_RESULT_NATIVE`
        /// are *quality flags*: they describe behaviour and never enable or disable a
        /// method. `USER_METADATA` is a strict gate on the `metadata` option only.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        #[allow(non_camel_case_types)]
        pub enum Capability {
            $($(#[doc = $doc])* $name,)*
        }

        impl Capability {
            /// All 14 capabilities, in declaration order.
            pub const ALL: [Capability; 14] = [$(Capability::$name),*];

            /// The contract's string value, e.g. `"atomic_write"`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Capability::$name => $value,)*
                }
            }

            /// The member name, e.g. `"ATOMIC_WRITE"`.
            pub const fn name(self) -> &'static str {
                match self {
                    $(Capability::$name => stringify!($name),)*
                }
            }
        }
    };
}

__for_each_capability! { [define_capability] }

impl Capability {
    /// Whether this member gates methods (as opposed to a quality flag).
    pub const fn is_gate(self) -> bool {
        !matches!(
            self,
            Capability::ATOMIC_MOVE
                | Capability::SEEKABLE_READ
                | Capability::LAZY_READ
                | Capability::WRITE_RESULT_NATIVE
        )
    }

    const fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

impl fmt::Display for Capability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The string is neither a capability value (`"atomic_write"`) nor a member
/// name (`"ATOMIC_WRITE"`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown capability '{0}'")]
pub struct UnknownCapability(pub String);

impl FromStr for Capability {
    type Err = UnknownCapability;

    /// Accepts the value (`"atomic_write"`) or the member name (`"ATOMIC_WRITE"`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Capability::ALL
            .into_iter()
            .find(|cap| cap.as_str() == s || cap.name() == s)
            .ok_or_else(|| UnknownCapability(s.to_owned()))
    }
}

/// An immutable set of [`Capability`] values (contract section 1.2).
///
/// ```
/// use remote_store::{Capability, CapabilitySet};
///
/// let caps = CapabilitySet::all().without(Capability::GLOB);
/// assert!(caps.supports(Capability::READ));
/// assert!(caps.require(Capability::GLOB, "memory").is_err());
/// assert_eq!(caps.len(), 13);
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct CapabilitySet(u16);

impl CapabilitySet {
    /// The empty set.
    pub const fn empty() -> Self {
        CapabilitySet(0)
    }

    /// The set of all 14 capabilities.
    pub const fn all() -> Self {
        let mut bits = 0;
        let mut i = 0;
        while i < Capability::ALL.len() {
            bits |= Capability::ALL[i].bit();
            i += 1;
        }
        CapabilitySet(bits)
    }

    /// A set holding exactly `caps`.
    pub const fn of(caps: &[Capability]) -> Self {
        let mut bits = 0;
        let mut i = 0;
        while i < caps.len() {
            bits |= caps[i].bit();
            i += 1;
        }
        CapabilitySet(bits)
    }

    /// This set plus `cap`.
    #[must_use]
    pub const fn with(self, cap: Capability) -> Self {
        CapabilitySet(self.0 | cap.bit())
    }

    /// This set minus `cap`.
    #[must_use]
    pub const fn without(self, cap: Capability) -> Self {
        CapabilitySet(self.0 & !cap.bit())
    }

    /// Whether `cap` is in the set.
    pub const fn supports(self, cap: Capability) -> bool {
        self.0 & cap.bit() != 0
    }

    /// Whether every member of `other` is in this set.
    pub const fn is_superset(self, other: CapabilitySet) -> bool {
        self.0 & other.0 == other.0
    }

    /// `Ok` when `cap` is in the set, else [`Error::CapabilityNotSupported`]
    /// naming `backend` and listing what is supported.
    pub fn require(self, cap: Capability, backend: &str) -> Result<()> {
        if self.supports(cap) {
            return Ok(());
        }
        let supported: Vec<&str> = self.iter().map(Capability::as_str).collect();
        Err(Error::CapabilityNotSupported {
            capability: cap,
            path: String::new(),
            backend: (!backend.is_empty()).then(|| backend.to_owned()),
            reason: format!("Supported: [{}]", supported.join(", ")),
        })
    }

    /// The number of capabilities in the set.
    pub const fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The members, in declaration order.
    pub fn iter(self) -> Iter {
        self.into_iter()
    }
}

impl FromIterator<Capability> for CapabilitySet {
    fn from_iter<I: IntoIterator<Item = Capability>>(iter: I) -> Self {
        iter.into_iter()
            .fold(CapabilitySet::empty(), CapabilitySet::with)
    }
}

impl IntoIterator for CapabilitySet {
    type Item = Capability;
    type IntoIter = Iter;

    fn into_iter(self) -> Iter {
        Iter { set: self, next: 0 }
    }
}

/// Iterator over a [`CapabilitySet`], in declaration order.
#[derive(Clone, Debug)]
pub struct Iter {
    set: CapabilitySet,
    next: usize,
}

impl Iterator for Iter {
    type Item = Capability;

    fn next(&mut self) -> Option<Capability> {
        while let Some(cap) = Capability::ALL.get(self.next).copied() {
            self.next += 1;
            if self.set.supports(cap) {
                return Some(cap);
            }
        }
        None
    }
}

impl fmt::Debug for CapabilitySet {
    /// `CapabilitySet({COPY, DELETE, ...})`, member names sorted.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names: Vec<&str> = self.iter().map(Capability::name).collect();
        names.sort_unstable();
        write!(f, "CapabilitySet({{{}}})", names.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    fn every_capability_round_trips_through_its_value_and_name(
        #[values(
            Capability::READ,
            Capability::WRITE,
            Capability::DELETE,
            Capability::LIST,
            Capability::GLOB,
            Capability::MOVE,
            Capability::COPY,
            Capability::ATOMIC_WRITE,
            Capability::ATOMIC_MOVE,
            Capability::METADATA,
            Capability::USER_METADATA,
            Capability::SEEKABLE_READ,
            Capability::LAZY_READ,
            Capability::WRITE_RESULT_NATIVE
        )]
        cap: Capability,
    ) {
        assert_eq!(cap.as_str().parse::<Capability>(), Ok(cap));
        assert_eq!(cap.name().parse::<Capability>(), Ok(cap));
        assert_eq!(cap.name().to_ascii_lowercase(), cap.as_str());
        assert!(CapabilitySet::all().supports(cap));
        assert!(!CapabilitySet::empty().supports(cap));
        assert!(!CapabilitySet::all().without(cap).supports(cap));
    }

    #[test]
    fn unknown_names_are_refused() {
        assert_eq!(
            "teleport".parse::<Capability>(),
            Err(UnknownCapability("teleport".into()))
        );
    }

    #[test]
    fn all_has_fourteen_members_and_four_quality_flags() {
        assert_eq!(CapabilitySet::all().len(), 14);
        let flags = Capability::ALL.iter().filter(|c| !c.is_gate()).count();
        assert_eq!(flags, 4);
    }

    #[test]
    fn require_names_the_capability_and_the_supported_set() {
        let caps = CapabilitySet::of(&[Capability::READ, Capability::LIST]);
        let err = caps.require(Capability::GLOB, "memory").unwrap_err();
        match &err {
            Error::CapabilityNotSupported {
                capability,
                backend,
                ..
            } => {
                assert_eq!(*capability, Capability::GLOB);
                assert_eq!(backend.as_deref(), Some("memory"));
            }
            other => panic!("expected CapabilityNotSupported, found {other:?}"),
        }
        assert!(err.to_string().contains("'glob'"));
        assert!(err.to_string().contains("[read, list]"));
        assert!(caps.require(Capability::READ, "memory").is_ok());
    }

    #[test]
    fn debug_lists_sorted_member_names() {
        let caps = CapabilitySet::of(&[Capability::WRITE, Capability::COPY]);
        assert_eq!(format!("{caps:?}"), "CapabilitySet({COPY, WRITE})");
    }

    #[test]
    fn set_algebra() {
        let caps: CapabilitySet = [Capability::READ, Capability::READ, Capability::LIST]
            .into_iter()
            .collect();
        assert_eq!(caps.len(), 2);
        assert!(CapabilitySet::all().is_superset(caps));
        assert!(!caps.is_superset(CapabilitySet::all()));
        assert_eq!(
            caps.into_iter().collect::<Vec<_>>(),
            vec![Capability::READ, Capability::LIST]
        );
    }
}
