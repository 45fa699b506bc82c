//! Rebasing the paths an error names, in its `path` field and in its
//! message, so that one error never shows two spellings of one path.

use crate::Error;

/// Characters after which a path may start in a message (`Not found: a`,
/// `'a' exists`, `(a)`, `path=a`).
const BEFORE_A_PATH: [char; 6] = [' ', '\'', '"', '(', ':', '='];

/// Characters that may end a path in a message.
const AFTER_A_PATH: [char; 9] = [' ', '\'', '"', ')', ':', ',', ';', '.', '\n'];

/// `error` with `path` set to `relative` and every backend path under
/// `root` in its reason rewritten relative to `root` too: `data/a/b` becomes
/// `a/b`, and `data` itself (when the error is about the store root) `''`.
pub(super) fn rebase_error(error: Error, root: &str, relative: &str) -> Error {
    let about_root = relative.is_empty();
    let mut error = error.with_path(relative);
    if let Some(reason) = error.reason_mut() {
        *reason = rebase_reason(reason, root, about_root);
    }
    error
}

/// Rewrites every occurrence of `root` that starts a path in `reason`: a
/// `root/` prefix is dropped, and a bare `root` (only when `about_root`)
/// becomes `''`, the store root as the `path` field renders it.
fn rebase_reason(reason: &str, root: &str, about_root: bool) -> String {
    let mut out = String::with_capacity(reason.len());
    let mut rest = reason;
    let mut previous: Option<char> = None;
    while !rest.is_empty() {
        let starts_a_path = previous.is_none_or(|c| BEFORE_A_PATH.contains(&c));
        let at_root = if starts_a_path {
            rest.strip_prefix(root)
        } else {
            None
        };
        if let Some(after) = at_root {
            if let Some(below) = after.strip_prefix('/') {
                rest = below;
                previous = Some('/');
                continue;
            }
            let next = after.chars().next();
            if about_root && next.is_none_or(|c| AFTER_A_PATH.contains(&c)) {
                let quoted = previous == Some('\'') && next == Some('\'');
                if !quoted {
                    out.push_str("''");
                }
                rest = after;
                previous = root.chars().last();
                continue;
            }
        }
        let c = rest.chars().next().expect("rest is not empty");
        out.push(c);
        previous = Some(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case(
        "File already exists: data/hello.txt",
        false,
        "File already exists: hello.txt"
    )]
    #[case("Not a file: 'data/d'", false, "Not a file: 'd'")]
    #[case(
        "Cannot create directory: 'data/f' exists as a file",
        false,
        "Cannot create directory: 'f' exists as a file"
    )]
    #[case("File not found: data/data/x", false, "File not found: data/x")]
    #[case("File not found: database/x", false, "File not found: database/x")]
    #[case("File not found: mydata/x", false, "File not found: mydata/x")]
    #[case("Folder not found: data", true, "Folder not found: ''")]
    #[case("Not a folder: 'data'", true, "Not a folder: ''")]
    #[case(
        "Cannot write: 'data' exists as a directory",
        false,
        "Cannot write: 'data' exists as a directory"
    )]
    #[case("stat failed: data/ä/b: denied", false, "stat failed: ä/b: denied")]
    fn paths_in_the_reason_follow_the_path_field(
        #[case] reason: &str,
        #[case] about_root: bool,
        #[case] expected: &str,
    ) {
        assert_eq!(rebase_reason(reason, "data", about_root), expected);
    }

    #[test]
    fn the_field_and_the_message_name_the_same_path() {
        let error = Error::already_exists("data/hello.txt", "File already exists: data/hello.txt");
        let rebased = rebase_error(error, "data", "hello.txt");
        assert_eq!(rebased.path(), Some("hello.txt"));
        assert_eq!(
            rebased.to_string(),
            "File already exists: hello.txt | path='hello.txt'"
        );
    }
}
