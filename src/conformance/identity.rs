//! Identity and capabilities: name, `Debug`, capability declarations, the
//! `Store` gates, native paths and keys (contract sections 1, 2.1, 2.2).

use super::Settings;
use super::support::{fail, holds, p, same, seed};
use crate::{Backend, Capability, CapabilitySet, Error, ListOptions, Store, WriteOptions};

/// `name()` is non-empty and the same on every call (BE-004).
pub fn name_is_not_empty_and_stable(backend: &dyn Backend, _: &Settings) {
    let name = backend.name().to_owned();
    holds(
        "BE-004",
        "name()",
        !name.trim().is_empty(),
        "a non-empty name",
        &name,
    );
    same(
        "BE-004",
        "name() called twice",
        name.as_str(),
        backend.name(),
    );
}

/// `capabilities()` is the same on every call (BE-003).
pub fn capabilities_are_stable(backend: &dyn Backend, _: &Settings) {
    let first = backend.capabilities();
    same(
        "BE-003",
        "capabilities() called twice",
        first,
        backend.capabilities(),
    );
}

/// Two fresh instances from the factory declare the same capabilities, so a
/// declaration can be read without depending on state (BE-003).
pub fn fresh_instances_declare_the_same_capabilities(
    factory: &dyn Fn() -> Box<dyn Backend>,
    _: &Settings,
) {
    let (one, two) = (factory(), factory());
    same(
        "BE-003",
        "capabilities() of two fresh instances",
        one.capabilities(),
        two.capabilities(),
    );
}

/// The capabilities the suite was told the backend lacks are exactly the ones
/// `capabilities()` leaves out.
pub fn declared_lacks_match_capabilities(
    factory: &dyn Fn() -> Box<dyn Backend>,
    settings: &Settings,
) {
    let backend = factory();
    let lacks: CapabilitySet = Capability::ALL
        .into_iter()
        .filter(|cap| !backend.capabilities().supports(*cap))
        .collect();
    if lacks != settings.lacks {
        fail(
            "BE-003",
            "the suite's `lacks` against the backend's capabilities()",
            settings.lacks,
            lacks,
        );
    }
}

/// `CapabilitySet::require` refuses exactly the undeclared capabilities, with
/// `CapabilityNotSupported` naming the capability (CAP-002).
pub fn require_refuses_exactly_the_undeclared(backend: &dyn Backend, _: &Settings) {
    let caps = backend.capabilities();
    for cap in Capability::ALL {
        match (caps.supports(cap), caps.require(cap, backend.name())) {
            (true, Ok(())) => {}
            (false, Err(Error::CapabilityNotSupported { capability, .. })) if capability == cap => {
            }
            (declared, found) => fail(
                "CAP-002",
                &format!("require({cap:?}) with the capability declared: {declared}"),
                if declared {
                    "Ok(())"
                } else {
                    "Err(CapabilityNotSupported)"
                },
                found,
            ),
        }
    }
}

type GatedCall<'a> = Box<dyn Fn() -> Result<(), Error> + 'a>;

/// One row of the gate table: the capability, the method's name, the call.
fn gated<'a>(
    capability: Capability,
    method: &'static str,
    call: impl Fn() -> Result<(), Error> + 'a,
) -> (Capability, &'static str, GatedCall<'a>) {
    (capability, method, Box::new(call))
}

/// Through a `Store`, every gated method of an undeclared gate capability is
/// refused with `CapabilityNotSupported` naming it, before reaching the backend
/// (BE-027, CAP-007).
pub fn store_refuses_undeclared_capabilities(factory: &dyn Fn() -> Box<dyn Backend>, _: &Settings) {
    let store = match Store::new(factory(), "") {
        Ok(store) => store,
        Err(e) => fail("BE-027", "Store::new(backend, \"\")", "Ok(store)", e),
    };
    let caps = store.capabilities();
    let metadata = WriteOptions::new().metadata([("k", "v")]);
    let calls: Vec<(Capability, &str, GatedCall<'_>)> = vec![
        gated(Capability::READ, "read", || store.read("gate/f").map(drop)),
        gated(Capability::READ, "read_bytes", || {
            store.read_bytes("gate/f").map(drop)
        }),
        gated(Capability::READ, "read_seekable", || {
            store.read_seekable("gate/f").map(drop)
        }),
        gated(Capability::WRITE, "write", || {
            store.write("gate/f", "x").map(drop)
        }),
        gated(Capability::ATOMIC_WRITE, "write_atomic", || {
            store.write_atomic("gate/f", "x").map(drop)
        }),
        gated(Capability::ATOMIC_WRITE, "open_atomic", || {
            store.open_atomic("gate/f").map(drop)
        }),
        gated(Capability::DELETE, "delete", || store.delete("gate/f")),
        gated(Capability::DELETE, "delete_folder", || {
            store.delete_folder("gate")
        }),
        gated(Capability::LIST, "list_files", || {
            store.list_files("gate").map(drop)
        }),
        gated(Capability::LIST, "list_files_with", || {
            store
                .list_files_with("gate", ListOptions::new().recursive(true))
                .map(drop)
        }),
        gated(Capability::LIST, "list_folders", || {
            store.list_folders("gate").map(drop)
        }),
        gated(Capability::LIST, "iter_children", || {
            store.iter_children("gate").map(drop)
        }),
        gated(Capability::GLOB, "glob", || store.glob("gate/*").map(drop)),
        gated(Capability::MOVE, "rename", || {
            store.rename("gate/f", "gate/g")
        }),
        gated(Capability::COPY, "copy", || store.copy("gate/f", "gate/g")),
        gated(Capability::METADATA, "get_file_info", || {
            store.get_file_info("gate/f").map(drop)
        }),
        gated(Capability::METADATA, "get_folder_info", || {
            store.get_folder_info("gate").map(drop)
        }),
        gated(Capability::USER_METADATA, "write_with(metadata)", || {
            store.write_with("gate/m", "x", &metadata).map(drop)
        }),
    ];
    for (cap, method, call) in calls {
        if caps.supports(cap) {
            continue;
        }
        match call() {
            Err(Error::CapabilityNotSupported { capability, .. }) if capability == cap => {}
            found => fail(
                "BE-027",
                &format!("Store::{method} on a backend without {cap:?}"),
                format_args!("Err(CapabilityNotSupported {{ capability: {cap:?} }})"),
                found,
            ),
        }
    }
}

/// `Debug` output is non-empty and names the backend, case-insensitively.
pub fn debug_names_the_backend(backend: &dyn Backend, _: &Settings) {
    let debug = format!("{backend:?}").to_lowercase();
    let name = backend.name().to_lowercase();
    holds(
        "BE-004",
        "format!(\"{backend:?}\")",
        debug.contains(&name),
        &format!("text containing the name '{name}'"),
        debug,
    );
}

/// `Debug` output never dumps stored content (the Rust form of "repr masks
/// secrets").
pub fn debug_does_not_dump_content(backend: &dyn Backend, _: &Settings) {
    seed(backend, "secret/token.txt", "s3cr3t-t0ken-value");
    let debug = format!("{backend:?}");
    holds(
        "BE-004",
        "Debug output after storing a secret",
        !debug.contains("s3cr3t-t0ken-value"),
        "no stored content",
        debug,
    );
}

/// `glob` answers according to the declaration: without GLOB it refuses with
/// `CapabilityNotSupported(GLOB)`; with it, it lists (GLOB-003).
pub fn glob_answers_according_to_the_declaration(backend: &dyn Backend, _: &Settings) {
    let result = backend
        .glob("nothing-here/*.none")
        .map(|files| files.count());
    if backend.capabilities().supports(Capability::GLOB) {
        match result {
            Ok(0) => {}
            found => fail(
                "GLOB-017",
                "glob of a pattern matching nothing",
                "Ok(0 files)",
                found,
            ),
        }
    } else {
        match result {
            Err(Error::CapabilityNotSupported {
                capability: Capability::GLOB,
                ..
            }) => {}
            found => fail(
                "GLOB-003",
                "glob on a backend without GLOB",
                "Err(CapabilityNotSupported { capability: GLOB })",
                found,
            ),
        }
    }
}

/// `to_key(native_path(k)) == k` for a nested key and the root (BE-025).
pub fn native_path_round_trips_through_to_key(backend: &dyn Backend, _: &Settings) {
    for key in ["some/key", "", "a/b/c.txt"] {
        let native = backend.native_path(&p(key));
        same(
            "BE-025",
            &format!("to_key(native_path({key:?}))"),
            key.to_owned(),
            backend.to_key(&native),
        );
    }
}

/// Both root spellings give the same native path, which maps back to `""`
/// (BE-025, BE-029).
pub fn native_path_of_the_root_spellings_agree(backend: &dyn Backend, _: &Settings) {
    let empty = backend.native_path(&p(""));
    same(
        "BE-029",
        "native_path(\".\") against native_path(\"\")",
        empty.clone(),
        backend.native_path(&p(".")),
    );
    same(
        "BE-025",
        "to_key(native_path(\".\"))",
        String::new(),
        backend.to_key(&empty),
    );
}

/// `to_key` is deterministic (BE-023).
pub fn to_key_is_deterministic(backend: &dyn Backend, _: &Settings) {
    for input in ["a/b.txt", "", "x"] {
        same(
            "BE-023",
            &format!("to_key({input:?}) twice"),
            backend.to_key(input),
            backend.to_key(input),
        );
    }
}

/// `to_key` returns a key without the backend's prefix unchanged (BE-023):
/// a plain key is one that does not start with the native path of the root.
pub fn to_key_passes_plain_keys_through(backend: &dyn Backend, _: &Settings) {
    let prefix = backend.native_path(&crate::RemotePath::root());
    let plain = ["some/key.txt", "k", "a b/ünïcode.txt", ".hidden/x"];
    for key in plain
        .into_iter()
        .filter(|key| prefix.is_empty() || !key.starts_with(&prefix))
    {
        same(
            "BE-023",
            &format!("to_key({key:?}), a key without the prefix {prefix:?}"),
            key.to_owned(),
            backend.to_key(key),
        );
    }
}

/// A listed path, turned into a key with `to_key(native_path(..))`, reads the
/// listed file (BE-023).
pub fn to_key_round_trips_listed_paths(backend: &dyn Backend, _: &Settings) {
    seed(backend, "tk/file.txt", "round trip");
    let listed = super::support::file_paths("BE-023", backend, "tk", ListOptions::new());
    same(
        "BE-014",
        "list_files(\"tk\")",
        vec!["tk/file.txt".to_owned()],
        listed.clone(),
    );
    let key = backend.to_key(&backend.native_path(&p(&listed[0])));
    super::support::has_content("BE-023", backend, &key, "round trip");
}
