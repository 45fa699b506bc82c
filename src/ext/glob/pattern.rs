//! A compiled whole-path glob pattern, plus the two planning helpers of the
//! portable fallback (contract section 8).

use super::SegmentPattern;
use super::segment::wildcard_match;
use crate::{Error, Result};

/// The characters that make a segment a wildcard segment.
const WILDCARD_CHARS: [char; 3] = ['*', '?', '['];

/// One segment of a [`GlobPattern`].
#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    /// `**`: zero or more whole segments.
    AnyDepth,
    /// Exactly one segment matching the pattern.
    One(SegmentPattern),
}

/// A glob pattern over whole `/`-separated paths, compiled once and matched
/// against many paths.
///
/// * Within a segment, `*`, `?`, `[...]`, `[!...]` behave as in
///   [`SegmentPattern`]; none of them crosses a `/`.
/// * `**` must be a whole segment. `**/` matches zero or more segments (so
///   `gr/**/*.txt` matches `gr/a.txt` and `gr/sub/b.txt`), and a trailing
///   `**` matches everything below (`gf/**` matches every file under `gf`).
///   `**x`, `x**` and `a/**b` are [`Error::InvalidArgument`] naming the pattern.
/// * Matching is case-sensitive, dot-files are ordinary names, and a name
///   containing a newline is matched as a whole like any other.
/// * A pattern with an empty segment (a leading, doubled or trailing `/`:
///   `/a/*`, `a//*`, `a/b/`, `**/`) matches nothing, since no normalised
///   path has an empty segment (the reference library matches the raw
///   pattern the same way).
///
/// ```
/// use remote_store::ext::glob::GlobPattern;
///
/// let pattern = GlobPattern::new("data/**/*.csv")?;
/// assert!(pattern.matches("data/a.csv"));
/// assert!(pattern.matches("data/2024/q1/b.csv"));
/// assert!(!pattern.matches("data/2024/b.txt"));
/// assert!(GlobPattern::new("data/**x").is_err());
/// # Ok::<(), remote_store::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GlobPattern {
    source: String,
    parts: Vec<Part>,
    /// The pattern has an empty segment, so no normalised path matches it.
    has_empty_segment: bool,
}

impl GlobPattern {
    /// Compiles `pattern`; a `**` that is not a whole segment is
    /// [`Error::InvalidArgument`] naming the pattern.
    pub fn new(pattern: &str) -> Result<Self> {
        let mut parts = Vec::new();
        for segment in segments(pattern) {
            if segment == "**" {
                parts.push(Part::AnyDepth);
            } else if segment.contains("**") {
                return Err(Error::invalid_argument(
                    pattern,
                    format!(
                        "'**' must be a complete path segment in glob pattern '{pattern}' \
                         (write '**/' or a trailing '**'; '**x' and 'x**' are unsupported)"
                    ),
                ));
            } else {
                parts.push(Part::One(SegmentPattern::new(segment)));
            }
        }
        // A trailing `**` means "everything below": one or more segments,
        // that is zero or more folders and then any one name.
        if parts.last() == Some(&Part::AnyDepth) {
            parts.push(Part::One(SegmentPattern::new("*")));
        }
        Ok(GlobPattern {
            source: pattern.to_owned(),
            parts,
            has_empty_segment: pattern.split('/').any(str::is_empty),
        })
    }

    /// The pattern as given.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Whether the whole `/`-separated `path` matches.
    pub fn matches(&self, path: &str) -> bool {
        if self.has_empty_segment {
            return false;
        }
        let names: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        // `**` behaves like `*` one level up (over names instead of
        // characters), so the same star-backtracking algorithm applies.
        wildcard_match(
            &self.parts,
            &names,
            |part| *part == Part::AnyDepth,
            |part, name| matches!(part, Part::One(segment) if segment.matches(name)),
        )
    }
}

/// The non-empty segments of a pattern.
fn segments(pattern: &str) -> impl Iterator<Item = &str> {
    pattern.split('/').filter(|s| !s.is_empty())
}

fn has_wildcard(segment: &str) -> bool {
    segment.contains(WILDCARD_CHARS)
}

/// The longest literal folder prefix of a glob pattern: the leading segments
/// before the first one containing `*`, `?` or `[`; when every segment is
/// literal, all but the last (which names the file).
///
/// ```
/// use remote_store::ext::glob::extract_prefix;
///
/// assert_eq!(extract_prefix("data/2024/*.csv"), "data/2024");
/// assert_eq!(extract_prefix("**/*.csv"), "");
/// assert_eq!(extract_prefix("*.txt"), "");
/// assert_eq!(extract_prefix("a/b.txt"), "a");
/// ```
pub fn extract_prefix(pattern: &str) -> String {
    let all: Vec<&str> = segments(pattern).collect();
    let literal = all.iter().take_while(|s| !has_wildcard(s)).count();
    let keep = if literal == all.len() {
        literal.saturating_sub(1)
    } else {
        literal
    };
    all[..keep].join("/")
}

/// Whether matching the pattern needs a recursive listing: it contains `**`,
/// or a segment other than the last contains a wildcard.
///
/// ```
/// use remote_store::ext::glob::needs_recursive;
///
/// assert!(!needs_recursive("data/*.csv"));
/// assert!(needs_recursive("data/*/x.csv"));
/// assert!(needs_recursive("data/**/x.csv"));
/// ```
pub fn needs_recursive(pattern: &str) -> bool {
    if pattern.contains("**") {
        return true;
    }
    let all: Vec<&str> = segments(pattern).collect();
    all.split_last()
        .is_some_and(|(_, folders)| folders.iter().any(|s| has_wildcard(s)))
}

/// How deep below [`extract_prefix`] a matching file can be, when that is
/// bounded (no `**`): `Some(0)` means the prefix's immediate files.
pub(super) fn max_depth_below_prefix(pattern: &str) -> Option<usize> {
    if pattern.contains("**") {
        return None;
    }
    let total = segments(pattern).count();
    let prefix = segments(&extract_prefix(pattern)).count();
    Some(total.saturating_sub(prefix + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;
    use rstest::rstest;

    #[rstest]
    #[case("data/2024/*.csv", "data/2024")]
    #[case("**/*.csv", "")]
    #[case("*.txt", "")]
    #[case("a/b.txt", "a")]
    #[case("b.txt", "")]
    #[case("a/b/c", "a/b")]
    #[case("a/?/c", "a")]
    #[case("a/[xy]/c", "a")]
    #[case("/a//b/*.txt", "a/b")]
    #[case("", "")]
    fn prefix_extraction(#[case] pattern: &str, #[case] prefix: &str) {
        assert_eq!(extract_prefix(pattern), prefix);
    }

    #[rstest]
    #[case("*.txt", false)]
    #[case("a/b.txt", false)]
    #[case("a/*.txt", false)]
    #[case("**/*.txt", true)]
    #[case("a/**", true)]
    #[case("a/*/b.txt", true)]
    #[case("a/?/b.txt", true)]
    #[case("a/[bc]/d.txt", true)]
    fn recursion_detection(#[case] pattern: &str, #[case] recursive: bool) {
        assert_eq!(needs_recursive(pattern), recursive);
    }

    #[rstest]
    #[case("a/*.txt", Some(0))]
    #[case("a/*/*/x.txt", Some(2))]
    #[case("*/x.txt", Some(1))]
    #[case("a/**/x.txt", None)]
    fn bounded_depth(#[case] pattern: &str, #[case] depth: Option<usize>) {
        assert_eq!(max_depth_below_prefix(pattern), depth);
    }

    #[rstest]
    #[case("g/*.txt", "g/a.txt", true)]
    #[case("g/*.txt", "g/b.csv", false)]
    #[case("g/*.txt", "g/sub/a.txt", false)]
    #[case("gr/**/*.txt", "gr/a.txt", true)]
    #[case("gr/**/*.txt", "gr/sub/b.txt", true)]
    #[case("gr/**/*.txt", "gr/sub/deeper/b.txt", true)]
    #[case("gr/**/*.txt", "gr/sub/c.csv", false)]
    #[case("gr/**/*.txt", "other/gr/a.txt", false)]
    #[case("**/*.csv", "a.csv", true)]
    #[case("**/*.csv", "x/y/a.csv", true)]
    #[case("**", "a", true)]
    #[case("**", "a/b/c", true)]
    #[case("gf/**", "gf/a", true)]
    #[case("gf/**", "gf/x/y/z", true)]
    #[case("gf/**", "gf", false)]
    #[case("gf/**", "gfx/a", false)]
    #[case("a/**/b/**/c", "a/b/c", true)]
    #[case("a/**/b/**/c", "a/x/b/y/z/c", true)]
    #[case("a/**/b/**/c", "a/x/y/c", false)]
    #[case("a/**/**/c", "a/c", true)]
    #[case("*/x", "a/x", true)]
    #[case("*/x", "a/b/x", false)]
    #[case("a?c/*", "abc/f", true)]
    #[case("a?c/*", "a/c/f", false)]
    #[case("[!.]*", ".hidden", false)]
    #[case("*", ".hidden", true)]
    #[case("Data/*.csv", "data/a.csv", false)]
    #[case("a[b/c", "a[b/c", true)]
    #[case("a.b", "axb", false)]
    #[case("/g/*.txt", "g/a.txt", false)]
    #[case("g//*.txt", "g/a.txt", false)]
    #[case("g/a.txt/", "g/a.txt", false)]
    #[case("**/", "a", false)]
    #[case("g/**/", "g/a", false)]
    #[case("", "a", false)]
    #[case("[^a]", "^", true)]
    #[case("[^a]", "b", false)]
    #[case("*", "a\nb", true)]
    #[case("a/*", "a/x\ny", true)]
    #[case("a*", "x\na", false)]
    #[case("a/b", "a/b\n", false)]
    fn whole_path_matching(#[case] pattern: &str, #[case] path: &str, #[case] expected: bool) {
        let compiled = GlobPattern::new(pattern).unwrap();
        assert_eq!(
            compiled.matches(path),
            expected,
            "pattern {pattern:?} against {path:?}"
        );
    }

    #[rstest]
    #[case("**x")]
    #[case("x**")]
    #[case("a/**b/c")]
    #[case("a/b**/c")]
    #[case("***")]
    #[case("x**/y")]
    #[case("a/x**")]
    fn a_partial_double_star_is_an_invalid_argument_naming_the_pattern(#[case] pattern: &str) {
        let err = GlobPattern::new(pattern).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument);
        assert_eq!(err.path(), Some(pattern));
        assert!(err.to_string().contains("complete path segment"), "{err}");
    }
}
