//! Validation of user metadata before any I/O (contract WR-011).

use crate::{Error, Metadata, Result};

/// The largest total size of keys (ASCII bytes) plus values (UTF-8 bytes).
pub const MAX_METADATA_BYTES: usize = 2048;

/// Checks user metadata: keys non-empty ASCII without a leading `_`, and at
/// most [`MAX_METADATA_BYTES`] in all. An error is
/// [`Error::InvalidArgument`] naming `path`.
pub fn validate_metadata(path: &str, metadata: &Metadata) -> Result<()> {
    let mut total = 0;
    for (key, value) in metadata {
        if key.is_empty() || !key.is_ascii() || key.starts_with('_') {
            return Err(Error::invalid_argument(
                path,
                format!("metadata key {key:?} must be non-empty ASCII and must not start with '_'"),
            ));
        }
        total += key.len() + value.len();
    }
    if total > MAX_METADATA_BYTES {
        return Err(Error::invalid_argument(
            path,
            format!("metadata is {total} bytes; the limit is {MAX_METADATA_BYTES}"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;
    use rstest::rstest;

    fn one(key: &str, value: &str) -> Metadata {
        Metadata::from([(key.to_owned(), value.to_owned())])
    }

    #[rstest]
    #[case("", "v")]
    #[case("_private", "v")]
    #[case("schlüssel", "v")]
    fn bad_keys_are_invalid_arguments_naming_the_path(#[case] key: &str, #[case] value: &str) {
        let err = validate_metadata("f.txt", &one(key, value)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument);
        assert_eq!(err.path(), Some("f.txt"));
    }

    #[test]
    fn the_size_limit_is_inclusive() {
        let at_limit = one("k", &"v".repeat(MAX_METADATA_BYTES - 1));
        assert!(validate_metadata("f", &at_limit).is_ok());
        let over = one("k", &"v".repeat(MAX_METADATA_BYTES));
        assert_eq!(
            validate_metadata("f", &over).unwrap_err().kind(),
            ErrorKind::InvalidArgument
        );
    }

    #[test]
    fn values_may_be_any_utf8_and_count_in_bytes() {
        assert!(validate_metadata("f", &one("k", "ü")).is_ok());
        let over = one("k", &"ü".repeat(MAX_METADATA_BYTES / 2));
        assert!(validate_metadata("f", &over).is_err());
    }
}
