//! Unit tests of the error type: rendering, accessors and constructors.

use super::*;
use crate::RemotePath;

#[test]
fn message_names_path_and_backend() {
    let err = Error::not_found("a/b.txt", "File not found").with_backend("memory");
    assert_eq!(
        err.to_string(),
        "File not found | path='a/b.txt' | backend='memory'"
    );
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.path(), Some("a/b.txt"));
    assert_eq!(err.backend(), Some("memory"));
}

#[test]
fn with_path_rewrites_every_path_carrying_variant() {
    let err = Error::invalid_path("data/x", "bad").with_path("x");
    assert_eq!(err.path(), Some("x"));
    let config = Error::Config {
        location: "stores.a".into(),
        reason: "r".into(),
    };
    assert_eq!(config.with_path("ignored").path(), None);
}

#[test]
fn of_kind_builds_every_kind_with_its_path() {
    let kinds = [
        ErrorKind::NotFound,
        ErrorKind::AlreadyExists,
        ErrorKind::InvalidPath,
        ErrorKind::DirectoryNotEmpty,
        ErrorKind::CapabilityNotSupported,
        ErrorKind::PermissionDenied,
        ErrorKind::BackendUnavailable,
        ErrorKind::InvalidArgument,
        ErrorKind::Io,
    ];
    for kind in kinds {
        let err = Error::of_kind(kind, "a/b", "injected");
        assert_eq!(err.kind(), kind);
        assert_eq!(err.path(), Some("a/b"), "{kind:?}");
        assert!(err.to_string().contains("injected"), "{kind:?}: {err}");
    }
    let config = Error::of_kind(ErrorKind::Config, "stores.a", "bad");
    assert_eq!(config.kind(), ErrorKind::Config);
    assert!(config.to_string().contains("stores.a"));
}

#[test]
fn named_constructors_set_their_variant() {
    let cap = Error::capability_not_supported(Capability::COPY, "x", "no copy");
    assert!(matches!(
        cap,
        Error::CapabilityNotSupported {
            capability: Capability::COPY,
            ..
        }
    ));
    assert_eq!(
        Error::permission_denied("x", "r").kind(),
        ErrorKind::PermissionDenied
    );
    assert_eq!(
        Error::backend_unavailable("", "r").kind(),
        ErrorKind::BackendUnavailable
    );
}

#[test]
fn io_error_shows_its_source_once_in_the_chain() {
    let err = Error::io("f", "reading content", std::io::Error::other("boom"));
    let source = std::error::Error::source(&err).map(ToString::to_string);
    assert_eq!(source.as_deref(), Some("boom"));
    assert_eq!(err.to_string(), "reading content | path='f'");
    // What an error-chain printer (anyhow's `{:#}`, say) renders.
    let mut chain = err.to_string();
    let mut next = std::error::Error::source(&err);
    while let Some(cause) = next {
        chain.push_str(&format!(": {cause}"));
        next = cause.source();
    }
    assert_eq!(chain.matches("boom").count(), 1, "{chain}");
}

#[derive(Debug, thiserror::Error)]
#[error("a store's own error")]
struct StoreError;

#[test]
fn io_error_keeps_any_error_as_its_source() {
    let err = Error::io("f", "listing", StoreError);
    let source = std::error::Error::source(&err).expect("the source is kept");
    assert!(source.downcast_ref::<StoreError>().is_some());
    assert_eq!(err.kind(), ErrorKind::Io);
}

#[test]
fn contract_messages_name_the_path_in_the_contract_words() {
    let path = RemotePath::parse("a/b.txt").unwrap();
    let errors = [
        Error::file_not_found(&path),
        Error::folder_not_found("a"),
        Error::source_not_found("s"),
        Error::file_already_exists(&path),
        Error::destination_already_exists("d"),
        Error::not_a_file("a"),
        Error::not_a_folder("f"),
        Error::root_is_not_a_file(""),
        Error::cannot_delete_the_root(""),
        Error::folder_in_the_way(&path),
        Error::file_in_the_way(&path, "a"),
        Error::source_is_a_folder("s"),
        Error::destination_is_the_root(""),
        Error::destination_is_a_folder("d"),
        Error::stream_read_failed("r", std::io::Error::other("boom")),
    ];
    let rendered: Vec<String> = errors
        .iter()
        .map(|error| format!("{:?}: {error}", error.kind()))
        .collect();
    assert_eq!(
        rendered,
        [
            "NotFound: File not found: a/b.txt | path='a/b.txt'",
            "NotFound: Folder not found: a | path='a'",
            "NotFound: Source not found: s | path='s'",
            "AlreadyExists: File already exists: a/b.txt | path='a/b.txt'",
            "AlreadyExists: Destination already exists: d | path='d'",
            "InvalidPath: Not a file: 'a' | path='a'",
            "InvalidPath: Not a folder: 'f' | path='f'",
            "InvalidPath: Path must not be empty or root for file operations | path=''",
            "InvalidPath: Cannot delete the root folder | path=''",
            "InvalidPath: Cannot write: 'b.txt' exists as a directory | path='a/b.txt'",
            "InvalidPath: Cannot create directory: 'a' exists as a file | path='a/b.txt'",
            "InvalidPath: Source is a directory: s | path='s'",
            "InvalidPath: Destination must not be the root | path=''",
            "InvalidPath: Destination 'd' exists as a directory | path='d'",
            "Io: reading the stream failed | path='r'",
        ]
    );
}
