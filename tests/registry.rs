//! Registry and configuration built in code (contract section 6).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use remote_store::backends::MemoryBackend;
use remote_store::registry::{
    BackendConfig, BackendOptions, OptionValue, Options, Registry, RegistryConfig, Secret,
    StoreProfile,
};
use remote_store::{Backend, Delegate, Error, ErrorKind, Result};
use rstest::rstest;

fn memory_config() -> RegistryConfig {
    RegistryConfig::new()
        .backend("mem", BackendConfig::new("memory"))
        .store("data", StoreProfile::new("mem", "data"))
        .store("logs", StoreProfile::new("mem", "logs"))
}

/// The location and reason of a config error, or a panic naming what came instead.
fn config_parts(err: Error) -> (String, String) {
    match err {
        Error::Config { location, reason } => (location, reason),
        other => panic!("expected a Config error, got {other:?}"),
    }
}

#[test]
fn the_seed_example_works() {
    let registry = Registry::new(memory_config()).unwrap();
    let store = registry.get_store("data").unwrap();
    store.write_text("readme.txt", "Hello!").unwrap();
    assert_eq!(store.read_text("readme.txt").unwrap(), "Hello!");
    assert_eq!(store.root_path().as_str(), "data");
    registry.close().unwrap();
}

#[test]
fn stores_share_one_backend_per_name() {
    let registry = Registry::new(memory_config()).unwrap();
    let data = registry.get_store("data").unwrap();
    let logs = registry.get_store("logs").unwrap();
    assert!(Arc::ptr_eq(data.shared_backend(), logs.shared_backend()));
    data.write_text("a.txt", "x").unwrap();
    assert!(
        logs.backend()
            .is_file(&"data/a.txt".parse().unwrap())
            .unwrap()
    );
    let again = registry.get_store("data").unwrap();
    assert_eq!(again, data);
}

/// A backend type whose factory counts builds and whose backends count
/// closes, failing the close when told to.
#[derive(Debug)]
struct Counted {
    inner: MemoryBackend,
    closes: Arc<AtomicUsize>,
    fail_close: bool,
}

impl Delegate for Counted {
    type Inner = MemoryBackend;
    fn inner(&self) -> &MemoryBackend {
        &self.inner
    }
    fn name(_: &Self) -> &str {
        "counted"
    }
    fn close(this: &Self) -> Result<()> {
        this.closes.fetch_add(1, Ordering::SeqCst);
        if this.fail_close {
            Err(Error::backend_unavailable("", "close failed on purpose").with_backend("counted"))
        } else {
            Ok(())
        }
    }
}

struct Counters {
    builds: Arc<AtomicUsize>,
    closes: Arc<AtomicUsize>,
}

/// A registry with backends `a` (closes fine), `b` (close fails) and `c`
/// (closes fine), all of type `counted`, and one store per backend.
fn counted_registry() -> (Registry, Counters) {
    let config = RegistryConfig::new()
        .backend("a", BackendConfig::new("counted"))
        .backend(
            "b",
            BackendConfig::new("counted").option("fail_close", true),
        )
        .backend("c", BackendConfig::new("counted"))
        .store("sa", StoreProfile::new("a", ""))
        .store("sa2", StoreProfile::new("a", "x"))
        .store("sb", StoreProfile::new("b", ""))
        .store("sc", StoreProfile::new("c", ""));
    let counters = Counters {
        builds: Arc::new(AtomicUsize::new(0)),
        closes: Arc::new(AtomicUsize::new(0)),
    };
    let mut registry = Registry::new(config).unwrap();
    let (builds, closes) = (Arc::clone(&counters.builds), Arc::clone(&counters.closes));
    registry.register_backend_type("counted", move |options: &BackendOptions<'_>| {
        options.deny_unknown(&["fail_close"])?;
        builds.fetch_add(1, Ordering::SeqCst);
        Ok(Arc::new(Counted {
            inner: MemoryBackend::new(),
            closes: Arc::clone(&closes),
            fail_close: options.boolean("fail_close")?.unwrap_or(false),
        }) as Arc<dyn Backend>)
    });
    (registry, counters)
}

#[test]
fn backends_are_built_lazily_and_once_per_name() {
    let (registry, counters) = counted_registry();
    assert_eq!(counters.builds.load(Ordering::SeqCst), 0);
    registry.get_store("sa").unwrap();
    registry.get_store("sa2").unwrap();
    registry.get_store("sa").unwrap();
    assert_eq!(counters.builds.load(Ordering::SeqCst), 1);
    registry.get_store("sc").unwrap();
    assert_eq!(counters.builds.load(Ordering::SeqCst), 2);
}

#[test]
fn concurrent_first_use_builds_one_backend() {
    let (registry, counters) = counted_registry();
    std::thread::scope(|scope| {
        for _ in 0..8 {
            scope.spawn(|| registry.get_store("sa").unwrap());
        }
    });
    assert_eq!(counters.builds.load(Ordering::SeqCst), 1);
}

#[test]
fn close_closes_every_backend_even_if_one_fails_and_reports_the_first_error() {
    let (registry, counters) = counted_registry();
    for store in ["sa", "sb", "sc"] {
        registry.get_store(store).unwrap();
    }
    let err = registry.close().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BackendUnavailable);
    assert_eq!(counters.closes.load(Ordering::SeqCst), 3);
    // The cache is cleared: nothing left to close, and a later get_store
    // builds afresh.
    registry.close().unwrap();
    assert_eq!(counters.closes.load(Ordering::SeqCst), 3);
    registry.get_store("sa").unwrap();
    assert_eq!(counters.builds.load(Ordering::SeqCst), 4);
}

#[test]
fn close_only_closes_backends_that_were_built() {
    let (registry, counters) = counted_registry();
    registry.get_store("sc").unwrap();
    registry.close().unwrap();
    assert_eq!(counters.closes.load(Ordering::SeqCst), 1);
}

#[test]
fn dropping_the_registry_closes_its_backends() {
    let (registry, counters) = counted_registry();
    registry.get_store("sa").unwrap();
    registry.get_store("sb").unwrap();
    drop(registry);
    assert_eq!(counters.closes.load(Ordering::SeqCst), 2);
}

#[test]
fn stores_from_the_registry_do_not_own_their_backend() {
    let (registry, counters) = counted_registry();
    let store = registry.get_store("sa").unwrap();
    store.close().unwrap();
    drop(store);
    assert_eq!(counters.closes.load(Ordering::SeqCst), 0);
    drop(registry);
    assert_eq!(counters.closes.load(Ordering::SeqCst), 1);
}

#[rstest]
#[case::unknown_backend(
    RegistryConfig::new()
        .backend("mem", BackendConfig::new("memory"))
        .backend("other", BackendConfig::new("memory"))
        .store("data", StoreProfile::new("nope", "")),
    "stores.data.backend",
    "store 'data' references unknown backend 'nope'; available backends: [mem, other]"
)]
#[case::no_backends(
    RegistryConfig::new().store("data", StoreProfile::new("mem", "")),
    "stores.data.backend",
    "available backends: []"
)]
#[case::bad_root(
    RegistryConfig::new()
        .backend("mem", BackendConfig::new("memory"))
        .store("data", StoreProfile::new("mem", "a/../b")),
    "stores.data.root_path",
    "invalid root path"
)]
#[case::empty_type(
    RegistryConfig::new().backend("x", BackendConfig::new(" ")),
    "backends.x.type",
    "backend 'x' has an empty type"
)]
fn registry_new_validates_at_once(
    #[case] config: RegistryConfig,
    #[case] location: &str,
    #[case] reason: &str,
) {
    let (found_location, found_reason) = config_parts(Registry::new(config).unwrap_err());
    assert_eq!(found_location, location);
    assert!(found_reason.contains(reason), "{found_reason}");
}

#[test]
fn an_unknown_store_lists_the_available_ones() {
    let registry = Registry::new(memory_config()).unwrap();
    let err = registry.get_store("nope").unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid configuration at stores.nope: unknown store 'nope'; available stores: [data, logs]"
    );
}

#[test]
fn an_unknown_type_lists_the_known_ones() {
    let config = RegistryConfig::new()
        .backend("x", BackendConfig::new("s4"))
        .store("data", StoreProfile::new("x", ""));
    let registry = Registry::new(config).unwrap();
    assert_eq!(
        registry.backend_types().collect::<Vec<_>>(),
        ["local", "memory"]
    );
    let err = registry.get_store("data").unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid configuration at backends.x.type: unknown backend type 's4'; known types: [local, memory]"
    );
}

#[rstest]
#[case("retry", OptionValue::from(3))]
#[case("root", OptionValue::from("/tmp"))]
#[case("password", OptionValue::from("hunter2"))]
fn memory_accepts_no_option_at_all(#[case] key: &str, #[case] value: OptionValue) {
    let config = RegistryConfig::new()
        .backend("mem", BackendConfig::new("memory").option(key, value))
        .store("data", StoreProfile::new("mem", ""));
    let registry = Registry::new(config).unwrap();
    let err = registry.get_store("data").unwrap_err();
    let text = err.to_string();
    let (location, reason) = config_parts(err);
    assert_eq!(location, format!("backends.mem.options.{key}"));
    assert_eq!(
        reason,
        format!("unknown option '{key}' for backend type 'memory'; it takes no options")
    );
    assert!(!text.contains("hunter2"), "{text}");
}

#[test]
fn a_user_type_can_replace_a_built_in_one() {
    let config = RegistryConfig::new()
        .backend("mem", BackendConfig::new("memory").option("anything", true))
        .store("data", StoreProfile::new("mem", ""));
    let mut registry = Registry::new(config).unwrap();
    registry.register_backend_type("memory", |_: &BackendOptions<'_>| {
        Ok(Arc::new(MemoryBackend::new()) as Arc<dyn Backend>)
    });
    assert!(registry.get_store("data").is_ok());
}

#[test]
fn factory_helpers_read_typed_options() {
    let options = Options::from([
        ("root", OptionValue::from("/srv")),
        ("token", OptionValue::from("t0k")),
        ("flag", OptionValue::from(true)),
        ("count", OptionValue::from(7)),
    ]);
    let view = BackendOptions::new("b", "t", &options);
    assert_eq!(view.require_string("root").unwrap(), "/srv");
    assert_eq!(view.string("token").unwrap(), Some("t0k"));
    assert_eq!(view.boolean("flag").unwrap(), Some(true));
    assert_eq!(view.integer("count").unwrap(), Some(7));
    assert_eq!(view.string("absent").unwrap(), None);
    assert!(
        view.deny_unknown(&["root", "token", "flag", "count"])
            .is_ok()
    );
}

#[rstest]
#[case::wrong_type_string(
    "count",
    "backends.b.options.count",
    "expected a string, found an integer"
)]
#[case::missing(
    "absent",
    "backends.b.options.absent",
    "backend type 't' needs option 'absent', which is missing"
)]
fn factory_helpers_report_bad_options_at_their_location(
    #[case] key: &str,
    #[case] location: &str,
    #[case] reason: &str,
) {
    let options = Options::from([("count", OptionValue::from(7))]);
    let view = BackendOptions::new("b", "t", &options);
    let (found_location, found_reason) = config_parts(view.require_string(key).unwrap_err());
    assert_eq!(
        (found_location.as_str(), found_reason.as_str()),
        (location, reason)
    );
}

#[test]
fn wrong_types_name_what_was_found_but_never_the_value() {
    let options = Options::from([
        ("password", OptionValue::from("hunter2")),
        ("flag", OptionValue::from("yes")),
    ]);
    let view = BackendOptions::new("b", "t", &options);
    let err = view.integer("password").unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid configuration at backends.b.options.password: expected an integer, found a secret string"
    );
    let err = view.boolean("flag").unwrap_err();
    assert!(!err.to_string().contains("yes"));
    let err = view.deny_unknown(&["root", "x"]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid configuration at backends.b.options.flag: unknown option 'flag' for backend type 't'; accepted options: [root, x]"
    );
}

#[rstest]
#[case("key")]
#[case("secret")]
#[case("password")]
#[case("account_key")]
#[case("sas_token")]
#[case("connection_string")]
#[case("db_password")]
#[case("ClientSecret")]
#[case("api_token")]
fn secret_keys_are_sealed_and_never_printed(#[case] key: &str) {
    let config = RegistryConfig::new()
        .backend("x", BackendConfig::new("s3").option(key, "hunter2"))
        .store("data", StoreProfile::new("x", ""));
    let backend = &config.backends["x"];
    assert_eq!(
        backend.options.get(key),
        Some(&OptionValue::Secret(Secret::new("hunter2")))
    );
    let debug = format!("{config:?} {config:#?}");
    assert!(!debug.contains("hunter2"), "{debug}");
    assert!(debug.contains("***"), "{debug}");
}

#[test]
fn secrets_stay_sealed_in_nested_tables_and_arrays() {
    let nested = Options::from([("password", "inner-pw"), ("user", "bob")]);
    let config = BackendConfig::new("sftp")
        .option("auth", nested)
        .option(
            "tokens",
            vec![OptionValue::from("tok-1"), OptionValue::from("tok-2")],
        )
        .option("region", "eu");
    let debug = format!("{config:?}");
    for secret in ["inner-pw", "tok-1", "tok-2"] {
        assert!(!debug.contains(secret), "{debug}");
    }
    assert!(debug.contains("bob") && debug.contains("eu"), "{debug}");
    match config.options.get("tokens") {
        Some(OptionValue::Array(items)) => {
            assert!(items.iter().all(|i| matches!(i, OptionValue::Secret(_))))
        }
        other => panic!("tokens are {other:?}"),
    }
}

#[test]
fn ordinary_keys_stay_plain() {
    let config = BackendConfig::new("s3").option("key_prefix", "logs/");
    assert_eq!(
        config.options.get("key_prefix"),
        Some(&OptionValue::from("logs/"))
    );
    assert!(format!("{config:?}").contains("logs/"));
}

#[test]
fn registry_debug_lists_its_stores() {
    let registry = Registry::new(memory_config()).unwrap();
    assert_eq!(format!("{registry:?}"), "Registry(stores=[data, logs])");
}

#[test]
fn the_local_type_builds_a_local_backend_rooted_at_its_option() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_str().unwrap();
    let config = RegistryConfig::new()
        .backend("disk", BackendConfig::new("local").option("root", root))
        .store("files", StoreProfile::new("disk", "files"));
    let registry = Registry::new(config).unwrap();
    let store = registry.get_store("files").unwrap();
    store.write_text("a.txt", "on disk").unwrap();
    assert_eq!(store.backend().name(), "local");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("files/a.txt")).unwrap(),
        "on disk"
    );
}

#[rstest]
#[case::missing_root(None, "backends.disk.options.root")]
#[case::unknown_option(Some(("rooot", "/tmp")), "backends.disk.options.rooot")]
fn the_local_type_reports_bad_options_where_they_are(
    #[case] option: Option<(&str, &str)>,
    #[case] location: &str,
) {
    let mut backend = BackendConfig::new("local");
    if let Some((key, value)) = option {
        backend = backend.option(key, value);
    }
    let config = RegistryConfig::new()
        .backend("disk", backend)
        .store("files", StoreProfile::new("disk", ""));
    let registry = Registry::new(config).unwrap();
    let (found, _) = config_parts(registry.get_store("files").unwrap_err());
    assert_eq!(found, location);
}
