//! The reverse direction: `MemoryBackend` as an `object_store::ObjectStore`
//! (`reverse/mod.rs`), run through object_store's own published integration
//! tests (its `integration` feature). A test that cannot pass is ignored
//! with the reason (PROVING.md, "The reverse direction"); run it with
//! `--ignored` to see it fail.

mod reverse;

use object_store::integration;
use reverse::MemoryObjectStore;

/// One `#[tokio::test]` per named function of `object_store::integration`,
/// each run on a fresh store (with the extra arguments given, and the
/// attributes, such as an `#[ignore]` with its reason).
macro_rules! integration_tests {
    ($($(#[$attr:meta])* $name:ident($($extra:expr),*);)*) => {$(
        #[tokio::test]
        $(#[$attr])*
        async fn $name() {
            integration::$name(&MemoryObjectStore::default() $(, $extra)*).await;
        }
    )*};
}

integration_tests! {
    put_get_delete_list();
    #[ignore = "cannot pass: the contract keeps user metadata only; Content-Type, \
                Cache-Control, Content-Disposition, Content-Encoding and Content-Language \
                have no place in it"]
    put_get_attributes();
    get_opts();
    put_opts(false);
    stream_get();
    list_uses_directories_correctly();
    list_with_delimiter();
    rename_and_copy();
    copy_if_not_exists();
    copy_rename_nonexistent_object();
    list_with_offset_exclusivity();
    multipart_race_condition(true);
    multipart_out_of_order();
}
