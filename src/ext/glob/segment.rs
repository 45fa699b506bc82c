//! One path segment of a glob pattern: `*`, `?`, `[...]`, `[!...]` and
//! literal characters, matched without any regex machinery.

/// One compiled element of a segment pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    /// A character that must match exactly.
    Literal(char),
    /// `?`: any one character.
    AnyChar,
    /// `*`: any run of characters, possibly empty.
    AnyRun,
    /// `[...]` or `[!...]`.
    Class {
        negated: bool,
        items: Vec<ClassItem>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum ClassItem {
    Char(char),
    /// An inclusive range; a reversed range (`[z-a]`) matches nothing.
    Range(char, char),
}

impl ClassItem {
    fn contains(&self, c: char) -> bool {
        match *self {
            ClassItem::Char(x) => x == c,
            ClassItem::Range(lo, hi) => lo <= c && c <= hi,
        }
    }
}

/// A compiled pattern for one segment (or one basename), fnmatch-style:
///
/// * `*` matches any run of characters (also empty), `?` any one character;
/// * `[abc]`, `[a-z]` match one character of the class, `[!abc]` one
///   character outside it; only `!` negates, as in Python's `fnmatch`, so
///   `[^a]` is the class of `^` and `a`; a `]` right after `[` or `[!` is a
///   literal member, a `-` first or last is literal; a reversed range
///   (`[z-a]`) matches nothing;
/// * a `[` without a closing `]` is a literal `[`;
/// * everything else is literal, compared case-sensitively; a leading dot
///   gets no special treatment, and a newline is an ordinary character
///   (the pattern always matches the whole name).
///
/// Since a segment never contains `/`, none of these ever matches one.
///
/// ```
/// use remote_store::ext::glob::SegmentPattern;
///
/// let pattern = SegmentPattern::new("report-[0-9]?.c*");
/// assert!(pattern.matches("report-12.csv"));
/// assert!(!pattern.matches("report-x2.csv"));
/// assert!(SegmentPattern::new("[]]").matches("]"));
/// assert!(SegmentPattern::new("a[b").matches("a[b"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SegmentPattern {
    tokens: Vec<Token>,
}

impl SegmentPattern {
    /// Compiles `pattern`. Every string is a valid segment pattern.
    pub fn new(pattern: &str) -> Self {
        let chars: Vec<char> = pattern.chars().collect();
        let mut tokens = Vec::with_capacity(chars.len());
        let mut i = 0;
        while let Some(&c) = chars.get(i) {
            i += 1;
            match c {
                '*' => {
                    // `**` within a segment means the same as `*`.
                    if tokens.last() != Some(&Token::AnyRun) {
                        tokens.push(Token::AnyRun);
                    }
                }
                '?' => tokens.push(Token::AnyChar),
                '[' => match parse_class(&chars, i) {
                    Some((token, next)) => {
                        tokens.push(token);
                        i = next;
                    }
                    None => tokens.push(Token::Literal('[')),
                },
                other => tokens.push(Token::Literal(other)),
            }
        }
        SegmentPattern { tokens }
    }

    /// Whether the pattern has no wildcard at all (then it matches exactly
    /// one string).
    pub fn is_literal(&self) -> bool {
        self.tokens.iter().all(|t| matches!(t, Token::Literal(_)))
    }

    /// Whether `text` matches the whole pattern.
    pub fn matches(&self, text: &str) -> bool {
        let text: Vec<char> = text.chars().collect();
        wildcard_match(
            &self.tokens,
            &text,
            |token| *token == Token::AnyRun,
            |token, c| token_matches(token, *c),
        )
    }
}

/// Whether `items` match the whole `pattern`, where a part that `is_star`
/// matches any run of items (possibly none) and any other part one item that
/// it `matches`. Classic wildcard matching: on a mismatch, backtrack to the
/// last star and let it swallow one more item. Linear in practice,
/// O(len(pattern) * len(items)) at worst, never exponential. Characters of a
/// name against `*` here; names of a path against `**` in
/// [`GlobPattern`](super::GlobPattern).
pub(super) fn wildcard_match<P, T>(
    pattern: &[P],
    items: &[T],
    is_star: impl Fn(&P) -> bool,
    matches: impl Fn(&P, &T) -> bool,
) -> bool {
    let (mut i, mut p) = (0, 0);
    let mut last_star: Option<(usize, usize)> = None;
    while i < items.len() {
        match pattern.get(p) {
            Some(part) if is_star(part) => {
                last_star = Some((p, i));
                p += 1;
            }
            Some(part) if matches(part, &items[i]) => {
                p += 1;
                i += 1;
            }
            _ => match last_star {
                Some((star_p, star_i)) => {
                    p = star_p + 1;
                    i = star_i + 1;
                    last_star = Some((star_p, star_i + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p.min(pattern.len())..].iter().all(is_star)
}

fn token_matches(token: &Token, c: char) -> bool {
    match token {
        Token::Literal(x) => *x == c,
        Token::AnyChar => true,
        Token::AnyRun => true,
        Token::Class { negated, items } => items.iter().any(|item| item.contains(c)) != *negated,
    }
}

/// Parses a class whose `[` is just before `start`; `None` when it is never
/// closed. Returns the token and the index after the closing `]`.
fn parse_class(chars: &[char], start: usize) -> Option<(Token, usize)> {
    let mut i = start;
    let negated = chars.get(i) == Some(&'!');
    if negated {
        i += 1;
    }
    let first = i;
    let mut members = Vec::new();
    loop {
        let c = *chars.get(i)?;
        if c == ']' && i > first {
            break;
        }
        members.push(c);
        i += 1;
    }
    let mut items = Vec::new();
    let mut m = 0;
    while m < members.len() {
        let c = members[m];
        match (members.get(m + 1), members.get(m + 2)) {
            (Some('-'), Some(&hi)) => {
                items.push(ClassItem::Range(c, hi));
                m += 3;
            }
            _ => {
                items.push(ClassItem::Char(c));
                m += 1;
            }
        }
    }
    Some((Token::Class { negated, items }, i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("*", "", true)]
    #[case("*", "anything.txt", true)]
    #[case("*.txt", "a.txt", true)]
    #[case("*.txt", "a.csv", false)]
    #[case("*.txt", ".txt", true)]
    #[case("*", ".hidden", true)]
    #[case("a*b*c", "aXbYc", true)]
    #[case("a*b*c", "aXbY", false)]
    #[case("a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false)]
    #[case("?", "x", true)]
    #[case("?", "", false)]
    #[case("?", "xy", false)]
    #[case("??.csv", "ab.csv", true)]
    #[case("[abc].txt", "b.txt", true)]
    #[case("[abc].txt", "d.txt", false)]
    #[case("[a-c]", "b", true)]
    #[case("[a-c]", "d", false)]
    #[case("[!a-c]", "d", true)]
    #[case("[!a-c]", "b", false)]
    #[case("[^a]", "b", false)]
    #[case("[^a]", "a", true)]
    #[case("[^a]", "^", true)]
    #[case("[^]]", "^]", true)]
    #[case("[!^]", "^", false)]
    #[case("[z-a]", "z", false)]
    #[case("[z-ab]", "b", true)]
    #[case("*", "a\nb", true)]
    #[case("a?b", "a\nb", true)]
    #[case("a", "a\n", false)]
    #[case("a*", "b\na", false)]
    #[case("[]]", "]", true)]
    #[case("[]a]", "a", true)]
    #[case("[!]]", "]", false)]
    #[case("[!]]", "x", true)]
    #[case("[-a]", "-", true)]
    #[case("[a-]", "-", true)]
    #[case("[z-a]", "m", false)]
    #[case("a[b", "a[b", true)]
    #[case("a[b", "ab", false)]
    #[case("[", "[", true)]
    #[case("[]", "[]", true)]
    #[case("x]", "x]", true)]
    #[case("A.txt", "a.txt", false)]
    #[case("a.txt", "A.txt", false)]
    #[case("résumé*", "résumé.pdf", true)]
    #[case("caf?", "café", true)]
    #[case("a**b", "aXYb", true)]
    #[case("a.c", "abc", false)]
    #[case("(a|b)+", "(a|b)+", true)]
    fn segment_patterns_match_like_fnmatch(
        #[case] pattern: &str,
        #[case] text: &str,
        #[case] expected: bool,
    ) {
        assert_eq!(
            SegmentPattern::new(pattern).matches(text),
            expected,
            "pattern {pattern:?} against {text:?}"
        );
    }

    #[rstest]
    #[case("abc", true)]
    #[case("a[b", true)]
    #[case("a*", false)]
    #[case("a?", false)]
    #[case("[ab]", false)]
    fn literal_detection(#[case] pattern: &str, #[case] literal: bool) {
        assert_eq!(SegmentPattern::new(pattern).is_literal(), literal);
    }
}
