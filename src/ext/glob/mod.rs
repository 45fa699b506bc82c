//! Portable glob over any [`Store`] (contract section 8).
//!
//! Three tiers, from cheapest to most general:
//!
//! 1. [`Store::list_files_with`] with a `pattern`: fnmatch on the basename
//!    of one folder's files (needs only `LIST`);
//! 2. [`Store::glob`]: the backend's native glob (needs `GLOB`);
//! 3. [`glob_files`]: native glob when the backend declares `GLOB`, else a
//!    portable fallback built on `list_files` alone.
//!
//! The matcher is hand-written (segment by segment, no regex) rather than
//! taken from the `glob` crate, whose rules differ from the contract's: it
//! rejects an unclosed `[` instead of treating it as a literal, and its
//! `a/**` also matches the folder `a` itself. [`GlobPattern`],
//! [`extract_prefix`] and [`needs_recursive`] are public so that a backend
//! with a native listing by prefix can implement [`Backend::glob`] with the
//! same semantics.
//!
//! [`Backend::glob`]: crate::Backend::glob

mod pattern;
mod segment;

pub use self::pattern::{GlobPattern, extract_prefix, needs_recursive};
pub use self::segment::SegmentPattern;

use crate::{Backend, Capability, FileInfo, ListOptions, Listing, Result, Store};

/// Files of `store` whose store-relative path matches `pattern`.
///
/// When the backend declares `GLOB` this is [`Store::glob`]. Otherwise it
/// lists from the pattern's literal prefix ([`extract_prefix`]), recursively
/// only when the pattern needs it ([`needs_recursive`]) and no deeper than
/// the pattern can reach, and keeps the files whose whole store-relative path
/// matches ([`GlobPattern`] has the rules).
///
/// An invalid pattern (`**x`) is [`Error::InvalidArgument`](crate::Error)
/// before any I/O; a missing capability (`LIST` for the fallback) is the
/// store's own [`Error::CapabilityNotSupported`](crate::Error), unwrapped. No
/// match is an empty listing, not an error.
///
/// ```
/// use remote_store::backends::MemoryBackend;
/// use remote_store::ext::glob::glob_files;
/// use remote_store::Store;
///
/// let store = Store::new(MemoryBackend::new(), "data")?;
/// store.write("2024/q1.csv", "")?;
/// store.write("2024/notes.txt", "")?;
/// store.write("2025/jan/q1.csv", "")?;
/// let found: Vec<String> = glob_files(&store, "**/*.csv")?
///     .map(|f| f.map(|f| f.path.to_string()))
///     .collect::<Result<_, _>>()?;
/// assert_eq!(found, ["2024/q1.csv", "2025/jan/q1.csv"]);
/// # Ok::<(), remote_store::Error>(())
/// ```
pub fn glob_files<'s, B: Backend + ?Sized>(
    store: &'s Store<B>,
    pattern: &str,
) -> Result<Listing<'s, FileInfo>> {
    if store.supports(Capability::GLOB) {
        return store.glob(pattern);
    }
    let compiled = GlobPattern::new(pattern)?;
    let prefix = extract_prefix(pattern);
    let options = ListOptions::new()
        .recursive(needs_recursive(pattern))
        .max_depth(pattern::max_depth_below_prefix(pattern));
    let files = store.list_files_with(&prefix, options)?;
    Ok(Box::new(files.filter(move |item| match item {
        Ok(info) => compiled.matches(info.path.as_str()),
        Err(_) => true,
    })))
}
