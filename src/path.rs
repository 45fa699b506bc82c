//! The validated, normalised path type every backend method takes.

use std::fmt;

use smol_str::SmolStr;

use crate::{Error, Result};

/// A normalised, validated backend key such as `a/b/c.txt`; the root is `""`.
///
/// Parsing (contract section 3.1, one rule everywhere):
///
/// 1. a NUL character is [`Error::InvalidPath`];
/// 2. every backslash becomes `/` (so `a\b` is `a/b`, for listing and writing alike);
/// 3. empty segments and `.` segments are dropped, so `//`, a leading or a
///    trailing `/` disappear (`/data/` is `data`; a path is always relative to
///    the backend or store root and can never name anything above it);
/// 4. a `..` segment is [`Error::InvalidPath`];
/// 5. what is left, joined with `/`, is the path. Only the two root
///    spellings `""` and `"."` may leave nothing: they parse to
///    [`RemotePath::root`]. Any other string that normalises to nothing
///    (`"/"`, `"./"`, `"//"`, `"\\"`, `"./."`) is [`Error::InvalidPath`]
///    naming the string as given, as in the reference library.
///
/// There are no length limits and no other character restrictions; `...` and
/// `a..b` are ordinary names.
///
/// ```
/// use remote_store::RemotePath;
///
/// let path = RemotePath::parse("/data//2024/./report.csv")?;
/// assert_eq!(path.as_str(), "data/2024/report.csv");
/// assert_eq!(path.name(), "report.csv");
/// assert_eq!(path.parent().unwrap().as_str(), "data/2024");
/// assert!(RemotePath::parse(".")?.is_root());
/// assert!(RemotePath::parse("/").is_err());
/// assert!(RemotePath::parse("a/../b").is_err());
/// # Ok::<(), remote_store::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct RemotePath(SmolStr);

impl RemotePath {
    /// The root path, `""`.
    pub fn root() -> Self {
        RemotePath(SmolStr::new_inline(""))
    }

    /// Parses and normalises `raw`; see the type docs for the rules.
    pub fn parse(raw: &str) -> Result<Self> {
        // Most paths arrive normal already: one scan and a copy, inline up to
        // 23 bytes (no allocation), instead of rebuilding them piece by piece.
        if is_normal(raw) {
            return Ok(RemotePath(SmolStr::new(raw)));
        }
        Self::parse_general(raw)
    }

    /// [`parse`](Self::parse) by the rules as written, for any input.
    fn parse_general(raw: &str) -> Result<Self> {
        if raw.contains('\0') {
            return Err(Error::invalid_path(raw, "Path contains null byte"));
        }
        let unified = raw.replace('\\', "/");
        let mut segments = Vec::new();
        for segment in unified.split('/') {
            match segment {
                "" | "." => {}
                ".." => return Err(Error::invalid_path(raw, "Path contains '..' segment")),
                name => segments.push(name),
            }
        }
        if segments.is_empty() && !is_root_spelling(raw) {
            return Err(Error::invalid_path(
                raw,
                "Path is empty after normalization; only \"\" and \".\" name the root",
            ));
        }
        Ok(RemotePath(SmolStr::new(segments.join("/"))))
    }

    /// Wraps a string that is already normalised (a name taken from a valid
    /// path, or a key built by a backend from valid parts).
    pub(crate) fn from_valid_segment(normalised: &str) -> Self {
        debug_assert!(RemotePath::parse(normalised).is_ok_and(|p| p.as_str() == normalised));
        RemotePath(SmolStr::new(normalised))
    }

    /// The normalised string; `""` for the root.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is the root.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// The segments, root first; empty for the root.
    pub fn segments(&self) -> impl DoubleEndedIterator<Item = &str> + Clone {
        Segments { rest: &self.0 }
    }

    /// The number of segments (0 for the root).
    pub fn depth(&self) -> usize {
        if self.is_root() {
            0
        } else {
            1 + self.0.bytes().filter(|&byte| byte == b'/').count()
        }
    }

    /// The last segment; `""` for the root.
    pub fn name(&self) -> &str {
        match last_slash(&self.0) {
            Some(at) => &self.0[at + 1..],
            None => &self.0,
        }
    }

    /// The parent path; `None` for the root. The parent of `a` is the root.
    pub fn parent(&self) -> Option<RemotePath> {
        if self.is_root() {
            return None;
        }
        Some(match last_slash(&self.0) {
            Some(idx) => RemotePath(SmolStr::new(&self.0[..idx])),
            None => RemotePath::root(),
        })
    }

    /// The extension of [`name`](Self::name), from its last dot; `""` when there is
    /// none or the only dot leads (`.bashrc`).
    pub fn suffix(&self) -> &str {
        let name = self.name();
        match name.rfind('.') {
            Some(0) | None => "",
            Some(idx) => &name[idx..],
        }
    }

    /// `self/child`, where `child` is parsed by the same rules (so it may be
    /// several segments, and the root child gives `self` back).
    pub fn join(&self, child: &str) -> Result<RemotePath> {
        let child = RemotePath::parse(child)?;
        Ok(self.join_path(&child))
    }

    /// `self/child` for an already valid `child`.
    pub fn join_path(&self, child: &RemotePath) -> RemotePath {
        match (self.is_root(), child.is_root()) {
            (true, _) => child.clone(),
            (false, true) => self.clone(),
            (false, false) => RemotePath(smol_str::format_smolstr!("{}/{}", self.0, child.0)),
        }
    }

    /// Whether `self` equals `ancestor` or lies below it (by whole segments:
    /// `ab` is not under `a`).
    pub fn starts_with(&self, ancestor: &RemotePath) -> bool {
        ancestor.is_root()
            || self.0 == ancestor.0
            || (self.0.starts_with(&*ancestor.0)
                && self.0.as_bytes().get(ancestor.0.len()) == Some(&b'/'))
    }

    /// `self` relative to `ancestor`, or `None` when it is not under it.
    pub fn strip_prefix(&self, ancestor: &RemotePath) -> Option<RemotePath> {
        if ancestor.is_root() {
            return Some(self.clone());
        }
        if self.0 == ancestor.0 {
            return Some(RemotePath::root());
        }
        self.starts_with(ancestor)
            .then(|| RemotePath(SmolStr::new(&self.0[ancestor.0.len() + 1..])))
    }

    /// The proper ancestors, nearest-to-root first, excluding the root and self:
    /// `a/b/c` gives `a`, `a/b`.
    pub fn ancestors(&self) -> impl Iterator<Item = RemotePath> + '_ {
        self.0
            .match_indices('/')
            .map(|(idx, _)| RemotePath(SmolStr::new(&self.0[..idx])))
    }
}

/// The byte offset of the last `/` in `text`. A byte scan: paths are short,
/// and the char pattern's memrchr searcher costs more than it saves.
pub(crate) fn last_slash(text: &str) -> Option<usize> {
    text.bytes().rposition(|byte| byte == b'/')
}

/// Whether `raw` is one of the two spellings of the root, `""` and `"."`.
fn is_root_spelling(raw: &str) -> bool {
    matches!(raw, "" | ".")
}

/// Whether `raw` is a non-root path already in its normal form: no NUL or
/// backslash, every segment non-empty and neither `.` nor `..`. (Every root
/// spelling, `""` included, takes the general rules.)
fn is_normal(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    // One pass, and for the usual byte a single compare: every byte the
    // rules care about but the backslash sorts at or below `/`.
    let mut start = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        if byte > b'/' && byte != b'\\' {
            continue;
        }
        match byte {
            b'/' if is_empty_or_dots(&bytes[start..at]) => return false,
            b'/' => start = at + 1,
            b'\0' | b'\\' => return false,
            _ => {}
        }
    }
    !is_empty_or_dots(&bytes[start..])
}

/// Whether a segment is empty, `.` or `..`.
fn is_empty_or_dots(segment: &[u8]) -> bool {
    segment.len() <= 2 && segment.iter().all(|&byte| byte == b'.')
}

/// The segments of a normal path, split at each `/` byte (a char boundary,
/// so every piece is a `str`); none for the root.
#[derive(Clone)]
struct Segments<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Segments<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.rest.is_empty() {
            return None;
        }
        Some(match self.rest.bytes().position(|byte| byte == b'/') {
            Some(at) => {
                let segment = &self.rest[..at];
                self.rest = &self.rest[at + 1..];
                segment
            }
            None => std::mem::take(&mut self.rest),
        })
    }
}

impl DoubleEndedIterator for Segments<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        Some(match last_slash(self.rest) {
            Some(at) => {
                let segment = &self.rest[at + 1..];
                self.rest = &self.rest[..at];
                segment
            }
            None => std::mem::take(&mut self.rest),
        })
    }
}

impl fmt::Display for RemotePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for RemotePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RemotePath({:?})", &*self.0)
    }
}

impl AsRef<str> for RemotePath {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl TryFrom<&str> for RemotePath {
    type Error = Error;

    fn try_from(raw: &str) -> Result<Self> {
        RemotePath::parse(raw)
    }
}

impl TryFrom<String> for RemotePath {
    type Error = Error;

    fn try_from(raw: String) -> Result<Self> {
        RemotePath::parse(&raw)
    }
}

impl std::str::FromStr for RemotePath {
    type Err = Error;

    fn from_str(raw: &str) -> Result<Self> {
        RemotePath::parse(raw)
    }
}

impl PartialEq<str> for RemotePath {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for RemotePath {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;
    use rstest::rstest;

    #[rstest]
    #[case("", "")]
    #[case(".", "")]
    #[case("a", "a")]
    #[case("/a", "a")]
    #[case("/data/", "data")]
    #[case("a//b", "a/b")]
    #[case("a/./b/", "a/b")]
    #[case("a\\b", "a/b")]
    #[case("\\a\\b\\", "a/b")]
    #[case("...", "...")]
    #[case("a..b/c", "a..b/c")]
    #[case(" spaced name ", " spaced name ")]
    fn normalises(#[case] raw: &str, #[case] expected: &str) {
        assert_eq!(RemotePath::parse(raw).unwrap().as_str(), expected);
    }

    #[rstest]
    #[case("a\0b", "null byte")]
    #[case("..", "'..'")]
    #[case("a/../b", "'..'")]
    #[case("a\\..\\b", "'..'")]
    #[case("/..", "'..'")]
    #[case("/", "empty after normalization")]
    #[case("./", "empty after normalization")]
    #[case("//", "empty after normalization")]
    #[case("\\", "empty after normalization")]
    #[case("./.", "empty after normalization")]
    #[case("//./", "empty after normalization")]
    fn rejects_with_the_raw_path_named(#[case] raw: &str, #[case] why: &str) {
        let err = RemotePath::parse(raw).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidPath);
        assert_eq!(err.path(), Some(raw));
        assert!(err.to_string().contains(why), "{err}");
    }

    #[rstest]
    #[case("a")]
    #[case("a/b.txt")]
    #[case("...")]
    #[case("a..b/.c")]
    fn normal_input_is_recognised(#[case] raw: &str) {
        assert!(is_normal(raw));
        assert_eq!(RemotePath::parse(raw).unwrap().as_str(), raw);
    }

    #[rstest]
    #[case("")]
    #[case(".")]
    #[case("/a")]
    #[case("a/")]
    #[case("a//b")]
    #[case("a/./b")]
    #[case("a/..")]
    #[case("a\\b")]
    #[case("a\0b")]
    fn input_needing_work_takes_the_slow_path(#[case] raw: &str) {
        assert!(!is_normal(raw), "{raw:?} was taken as normal");
    }

    proptest::proptest! {
        /// The fast path takes exactly the inputs the general rules leave
        /// unchanged, and nothing else.
        #[test]
        fn the_fast_path_takes_exactly_the_normal_inputs(raw in r"[a./\\\x00]{0,8}") {
            let general = RemotePath::parse_general(&raw);
            let unchanged = general.is_ok_and(|path| !path.is_root() && path.as_str() == raw);
            proptest::prop_assert_eq!(is_normal(&raw), unchanged, "{:?}", raw);
        }
    }

    #[test]
    fn parsing_is_idempotent() {
        for raw in ["a//b/", "\\x\\y", "./q", "", "z"] {
            let once = RemotePath::parse(raw).unwrap();
            assert_eq!(RemotePath::parse(once.as_str()).unwrap(), once);
        }
    }

    #[test]
    fn parts_name_parent_suffix() {
        let p = RemotePath::parse("a/b/file.tar.gz").unwrap();
        assert_eq!(p.segments().collect::<Vec<_>>(), ["a", "b", "file.tar.gz"]);
        assert_eq!(p.depth(), 3);
        assert_eq!(p.name(), "file.tar.gz");
        assert_eq!(p.suffix(), ".gz");
        assert_eq!(p.parent().unwrap(), "a/b");
        assert_eq!(RemotePath::parse(".bashrc").unwrap().suffix(), "");
        assert_eq!(RemotePath::parse("noext").unwrap().suffix(), "");
        assert_eq!(
            RemotePath::parse("a").unwrap().parent(),
            Some(RemotePath::root())
        );
        assert_eq!(RemotePath::root().parent(), None);
        assert_eq!(RemotePath::root().depth(), 0);
        assert_eq!(RemotePath::root().segments().count(), 0);
        assert_eq!(
            p.ancestors().collect::<Vec<_>>(),
            [
                RemotePath::parse("a").unwrap(),
                RemotePath::parse("a/b").unwrap()
            ]
        );
    }

    #[test]
    fn prefix_relations_respect_segment_boundaries() {
        let a = RemotePath::parse("a").unwrap();
        let ab = RemotePath::parse("ab/c").unwrap();
        let a_c = RemotePath::parse("a/c").unwrap();
        assert!(!ab.starts_with(&a));
        assert!(a_c.starts_with(&a));
        assert!(a.starts_with(&a));
        assert!(a.starts_with(&RemotePath::root()));
        assert_eq!(ab.strip_prefix(&a), None);
        assert_eq!(a_c.strip_prefix(&a).unwrap(), "c");
        assert!(a.strip_prefix(&a).unwrap().is_root());
    }

    #[test]
    fn join_normalises_and_validates_the_child() {
        let base = RemotePath::parse("data").unwrap();
        assert_eq!(base.join("x//y").unwrap(), "data/x/y");
        assert_eq!(base.join(".").unwrap(), "data");
        assert_eq!(base.join("/").unwrap_err().path(), Some("/"));
        assert_eq!(RemotePath::root().join("x").unwrap(), "x");
        assert_eq!(
            base.join("../x").unwrap_err().kind(),
            ErrorKind::InvalidPath
        );
    }
}
