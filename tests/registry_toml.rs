//! RegistryConfig from TOML (feature `toml`): layout, placeholders, errors
//! that name their location, and secrets that never show.
#![cfg(feature = "toml")]

use remote_store::registry::{OptionValue, Registry, RegistryConfig, Secret};
use remote_store::{Error, ErrorKind};
use rstest::rstest;

/// A fixed environment, so tests never touch the process's.
fn env(name: &str) -> Option<String> {
    match name {
        "PW" => Some("env-hunter2".into()),
        "ROOT" => Some("data".into()),
        "BUCKET" => Some("lake".into()),
        _ => None,
    }
}

fn parse(text: &str) -> remote_store::Result<RegistryConfig> {
    RegistryConfig::from_toml_str_with_env(text, env)
}

fn config_parts(err: Error) -> (String, String) {
    match err {
        Error::Config { location, reason } => (location, reason),
        other => panic!("expected a Config error, got {other:?}"),
    }
}

const FULL: &str = r#"
[backends.mem]
type = "memory"

[backends.lake]
type = "s3"

[backends.lake.options]
bucket = "${BUCKET}"
region = "${REGION:-eu-west-1}"
password = "${PW}"
retries = 3
verbose = true
ratio = 0.5
tags = ["a", "b"]
prefix = "$${literal}"

[backends.lake.options.auth]
token = "tok-123"
user = "bob"

[stores.data]
backend = "mem"
root_path = "${ROOT}"

[stores.raw]
backend = "lake"
"#;

#[test]
fn a_full_config_parses_with_typed_options_and_resolved_placeholders() {
    let config = parse(FULL).unwrap();
    assert_eq!(config.backends["mem"].type_name, "memory");
    assert!(config.backends["mem"].options.is_empty());
    let lake = &config.backends["lake"].options;
    assert_eq!(lake.get("bucket"), Some(&OptionValue::from("lake")));
    assert_eq!(lake.get("region"), Some(&OptionValue::from("eu-west-1")));
    assert_eq!(
        lake.get("password"),
        Some(&OptionValue::Secret(Secret::new("env-hunter2")))
    );
    assert_eq!(lake.get("retries"), Some(&OptionValue::Integer(3)));
    assert_eq!(lake.get("verbose"), Some(&OptionValue::Boolean(true)));
    assert_eq!(lake.get("ratio"), Some(&OptionValue::Float(0.5)));
    assert_eq!(
        lake.get("tags"),
        Some(&OptionValue::Array(vec!["a".into(), "b".into()]))
    );
    assert_eq!(lake.get("prefix"), Some(&OptionValue::from("${literal}")));
    match lake.get("auth") {
        Some(OptionValue::Table(auth)) => {
            assert_eq!(
                auth.get("token"),
                Some(&OptionValue::Secret(Secret::new("tok-123")))
            );
            assert_eq!(auth.get("user"), Some(&OptionValue::from("bob")));
        }
        other => panic!("auth is {other:?}"),
    }
    assert_eq!(config.stores["data"].backend, "mem");
    assert_eq!(config.stores["data"].root_path, "data");
    assert_eq!(config.stores["raw"].root_path, "");
}

#[test]
fn debug_of_a_parsed_config_never_contains_a_password() {
    let config = parse(FULL).unwrap();
    let debug = format!("{config:?}\n{config:#?}");
    for secret in ["env-hunter2", "tok-123"] {
        assert!(!debug.contains(secret), "{debug}");
    }
    assert!(
        debug.contains("eu-west-1") && debug.contains("bob"),
        "{debug}"
    );
}

#[test]
fn the_seed_registry_runs_from_toml() {
    let config = parse(
        r#"
        [backends.mem]
        type = "memory"
        [stores.data]
        backend = "mem"
        root_path = "data"
        "#,
    )
    .unwrap();
    let registry = Registry::new(config).unwrap();
    let store = registry.get_store("data").unwrap();
    store.write_text("readme.txt", "Hello!").unwrap();
    assert_eq!(store.read_text("readme.txt").unwrap(), "Hello!");
}

#[test]
fn an_empty_document_is_an_empty_config() {
    assert_eq!(parse("").unwrap(), RegistryConfig::new());
}

#[rstest]
#[case::unknown_top_level(
    "[store.data]\nbackend = \"mem\"",
    "store",
    "unknown top-level key 'store'; expected 'backends' and 'stores'"
)]
#[case::backends_not_a_table("backends = 3", "backends", "expected a table, found an integer")]
#[case::backend_not_a_table(
    "[backends]\nmem = \"memory\"",
    "backends.mem",
    "expected a table, found a string"
)]
#[case::missing_type(
    "[backends.mem]\noptions = {}",
    "backends.mem.type",
    "backend 'mem' has no type"
)]
#[case::type_not_a_string(
    "[backends.mem]\ntype = 1",
    "backends.mem.type",
    "expected a string, found an integer"
)]
#[case::unknown_backend_key(
    "[backends.mem]\ntype = \"memory\"\nretry = { max_attempts = 3 }",
    "backends.mem.retry",
    "unknown key 'retry' in backend 'mem'; expected 'type' and 'options'"
)]
#[case::options_not_a_table(
    "[backends.mem]\ntype = \"memory\"\noptions = [1]",
    "backends.mem.options",
    "expected a table, found an array"
)]
#[case::datetime(
    "[backends.x]\ntype = \"s3\"\noptions = { since = 2024-01-01 }",
    "backends.x.options.since",
    "datetime values are not supported"
)]
#[case::unset_variable(
    "[backends.x]\ntype = \"s3\"\noptions = { key = \"${NOT_SET}\" }",
    "backends.x.options.key",
    "environment variable 'NOT_SET' is not set and has no default"
)]
#[case::unset_variable_in_array(
    "[backends.x]\ntype = \"s3\"\noptions = { hosts = [\"a\", \"${NOT_SET}\"] }",
    "backends.x.options.hosts[1]",
    "environment variable 'NOT_SET'"
)]
#[case::unset_variable_in_root(
    "[backends.m]\ntype = \"memory\"\n[stores.s]\nbackend = \"m\"\nroot_path = \"${NOT_SET}\"",
    "stores.s.root_path",
    "environment variable 'NOT_SET'"
)]
#[case::store_without_backend(
    "[stores.s]\nroot_path = \"x\"",
    "stores.s.backend",
    "store 's' names no backend"
)]
#[case::root_not_a_string(
    "[backends.m]\ntype = \"memory\"\n[stores.s]\nbackend = \"m\"\nroot_path = 5",
    "stores.s.root_path",
    "expected a string, found an integer"
)]
#[case::unknown_store_key(
    "[backends.m]\ntype = \"memory\"\n[stores.s]\nbackend = \"m\"\nroot = \"x\"",
    "stores.s.root",
    "unknown key 'root' in store 's'; expected 'backend' and 'root_path'"
)]
#[case::unknown_backend_reference(
    "[backends.m]\ntype = \"memory\"\n[stores.s]\nbackend = \"nope\"",
    "stores.s.backend",
    "store 's' references unknown backend 'nope'; available backends: [m]"
)]
#[case::invalid_root(
    "[backends.m]\ntype = \"memory\"\n[stores.s]\nbackend = \"m\"\nroot_path = \"../up\"",
    "stores.s.root_path",
    "invalid root path"
)]
fn each_bad_config_names_its_location(
    #[case] text: &str,
    #[case] location: &str,
    #[case] reason: &str,
) {
    let (found_location, found_reason) = config_parts(parse(text).unwrap_err());
    assert_eq!(found_location, location);
    assert!(found_reason.contains(reason), "{found_reason}");
}

#[test]
fn a_syntax_error_names_the_line_and_never_the_value() {
    let text = "[backends.x]\ntype = \"s3\"\noptions = { password = \"hunter2\" \n";
    let err = parse(text).unwrap_err();
    let message = err.to_string();
    assert_eq!(err.kind(), ErrorKind::Config);
    assert!(message.contains("line 3"), "{message}");
    assert!(message.contains("invalid TOML"), "{message}");
    assert!(!message.contains("hunter2"), "{message}");
}

#[test]
fn bad_options_found_when_building_name_the_option() {
    let config = parse(
        "[backends.mem]\ntype = \"memory\"\noptions = { retry = 3 }\n[stores.data]\nbackend = \"mem\"",
    )
    .unwrap();
    let registry = Registry::new(config).unwrap();
    let (location, reason) = config_parts(registry.get_store("data").unwrap_err());
    assert_eq!(location, "backends.mem.options.retry");
    assert!(reason.contains("unknown option 'retry'"), "{reason}");
}

#[test]
fn from_toml_path_reads_a_file_and_names_an_unreadable_one() {
    let dir = std::env::temp_dir().join(format!("remote-store-toml-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("registry.toml");
    std::fs::write(&file, FULL).unwrap();
    let config = RegistryConfig::from_toml_path_with_env(&file, env).unwrap();
    assert_eq!(config.stores["data"].root_path, "data");
    std::fs::remove_dir_all(&dir).unwrap();

    let err = RegistryConfig::from_toml_path(&file).unwrap_err();
    let (location, reason) = config_parts(err);
    assert_eq!(location, file.display().to_string());
    assert!(reason.contains("cannot read"), "{reason}");
}

#[test]
fn serde_deserialize_reads_the_same_layout_without_placeholders() {
    let config: RegistryConfig = toml::from_str(
        "[backends.m]\ntype = \"memory\"\noptions = {}\n[stores.s]\nbackend = \"m\"\nroot_path = \"${ROOT}\"",
    )
    .unwrap();
    assert_eq!(config.stores["s"].root_path, "${ROOT}");
    let err = toml::from_str::<RegistryConfig>("[stores.s]\nbackend = \"nope\"").unwrap_err();
    assert!(err.to_string().contains("stores.s.backend"), "{err}");
}
