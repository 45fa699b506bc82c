//! The seed's usage examples in Rust: a `Store` over a `MemoryBackend`, then
//! the same through a `Registry`.
//!
//! Run with `cargo run --example quickstart`.

use std::io::Write;

use remote_store::backends::MemoryBackend;
use remote_store::ext::glob::glob_files;
use remote_store::registry::{BackendConfig, Registry, RegistryConfig, StoreProfile};
use remote_store::{DeleteFolderOptions, ListOptions, Store, WriteOptions};

fn main() -> Result<(), remote_store::Error> {
    // A store scoped to "data" inside a fresh in-memory backend.
    let store = Store::new(MemoryBackend::new(), "data")?;
    println!("created {store:?} over {:?}", store.backend());

    store.write_text("hello.txt", "Hello, world!")?;
    println!(
        "read_text(\"hello.txt\") = {:?}",
        store.read_text("hello.txt")?
    );

    // Writing refuses to clobber unless asked to.
    let refused = store.write_text("hello.txt", "again").unwrap_err();
    println!("second write refused: {refused}");
    store.write_text_with(
        "hello.txt",
        "Hello again!",
        &WriteOptions::new().overwrite(true),
    )?;

    // Folders are explicit: writing a nested file creates its parents...
    store.write("reports/2024/q1.csv", "region,total\nnorth,10\n")?;
    let mut atomic = store.open_atomic("reports/2024/q2.csv")?;
    atomic
        .write_all(b"region,total\nsouth,12\n")
        .expect("in-memory write");
    atomic.commit()?;
    let listing = store.list_files_with("", ListOptions::new().recursive(true))?;
    for file in listing {
        let file = file?;
        println!("  {} ({} bytes)", file.path, file.size);
    }

    // ...and deleting the last file keeps the folder until you remove it.
    store.delete("reports/2024/q1.csv")?;
    store.delete("reports/2024/q2.csv")?;
    println!(
        "after deleting both reports, is_folder(\"reports/2024\") = {}",
        store.is_folder("reports/2024")?
    );
    store.delete_folder_with("reports", DeleteFolderOptions::new().recursive(true))?;

    let info = store.get_folder_info("")?;
    println!(
        "store now holds {} file(s), {} bytes",
        info.file_count, info.total_size
    );
    println!("backend: {:?}", store.backend());

    via_registry()
}

/// The seed's "Via Registry" example: named stores built from a config.
fn via_registry() -> Result<(), remote_store::Error> {
    let config = RegistryConfig::new()
        .backend("mem", BackendConfig::new("memory"))
        .store("data", StoreProfile::new("mem", "data"));
    let registry = Registry::new(config)?;
    println!("created {registry:?}");

    let store = registry.get_store("data")?;
    store.write_text("readme.txt", "Hello!")?;
    store.write_text("2024/q1.csv", "north,10\n")?;
    println!(
        "registry store {store:?}: read_text(\"readme.txt\") = {:?}",
        store.read_text("readme.txt")?
    );
    for file in glob_files(&store, "**/*.csv")? {
        println!("  glob **/*.csv -> {}", file?.path);
    }

    // Closing the registry closes the backends it built.
    registry.close()?;
    println!("registry closed");
    Ok(())
}
