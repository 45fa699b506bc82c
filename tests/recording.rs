//! `RecordingBackend`: each recorded field, the compact `Debug`, and the
//! assertions an application test makes with it.

use remote_store::backends::MemoryBackend;
use remote_store::testing::{
    CallLog, CallOptions, FaultRule, FaultyBackend, Operation, Outcome, RecordingBackend,
};
use remote_store::{
    DeleteFolderOptions, DeleteOptions, ErrorKind, ListOptions, Store, TransferOptions,
    WriteOptions,
};

fn recorded(
    files: &[(&'static str, &'static str)],
) -> (Store<RecordingBackend<MemoryBackend>>, CallLog) {
    let backend = RecordingBackend::new(MemoryBackend::with_files(files.iter().copied()).unwrap());
    let log = backend.log();
    (Store::new(backend, "").unwrap(), log)
}

#[test]
fn each_call_records_operation_paths_options_and_outcome() {
    let (store, log) = recorded(&[("a.txt", "x")]);
    store
        .write_with("b.txt", "y", &WriteOptions::new().overwrite(true))
        .unwrap();
    store
        .rename_with("b.txt", "c.txt", TransferOptions::new().overwrite(true))
        .unwrap();
    assert!(store.read_bytes("missing").is_err());
    let calls = log.calls();
    let write = calls
        .iter()
        .find(|c| c.operation == Operation::Write)
        .unwrap();
    assert_eq!(write.paths, ["b.txt"]);
    assert_eq!(
        write.options,
        CallOptions::Write(WriteOptions::new().overwrite(true))
    );
    assert_eq!(write.outcome, Outcome::Ok);
    let rename = calls
        .iter()
        .find(|c| c.operation == Operation::Rename)
        .unwrap();
    assert_eq!(rename.paths, ["b.txt", "c.txt"]);
    assert_eq!(rename.path(), "b.txt");
    assert_eq!(
        rename.options,
        CallOptions::Transfer(TransferOptions::new().overwrite(true))
    );
    let read = calls.last().unwrap();
    assert_eq!(read.operation, Operation::ReadBytes);
    assert_eq!(read.outcome, Outcome::Err(ErrorKind::NotFound));
}

#[test]
fn the_debug_form_is_one_compact_line_per_call() {
    let (store, log) = recorded(&[("d/a.txt", "x")]);
    store
        .write_with("d/b.txt", "y", &WriteOptions::new().overwrite(true))
        .unwrap();
    store
        .delete_with("nope", DeleteOptions::new().missing_ok(true))
        .unwrap();
    let _ = store
        .list_files_with("", ListOptions::new().recursive(true).max_depth(1))
        .unwrap();
    store.copy("d/a.txt", "e.txt").unwrap();
    store
        .delete_folder_with("d", DeleteFolderOptions::new().recursive(true))
        .unwrap();
    assert!(store.rename("gone", "x").is_err());
    store.close().unwrap();
    let lines: Vec<String> = log.calls().iter().map(|c| format!("{c:?}")).collect();
    assert_eq!(
        lines,
        [
            "write d/b.txt {overwrite} -> ok",
            "delete nope {missing_ok} -> ok",
            "list_files \"\" {recursive, max_depth: 1} -> ok",
            "copy d/a.txt -> e.txt {} -> ok",
            "delete_folder d {recursive} -> ok",
            "rename gone -> x {} -> NotFound",
            "close \"\" -> ok",
        ]
    );
    assert!(format!("{log:?}").starts_with("[write d/b.txt {overwrite} -> ok, delete nope"));
}

#[test]
fn an_application_test_asserts_what_was_written_in_order_and_what_was_never_listed() {
    let (store, log) = recorded(&[]);
    let app = store.child("app").unwrap();
    for name in ["2.txt", "1.txt", "3.txt"] {
        app.write_text(name, "x").unwrap();
    }
    assert_eq!(
        log.paths_of(Operation::Write),
        ["app/2.txt", "app/1.txt", "app/3.txt"]
    );
    let listed_root = |log: &CallLog| {
        log.calls()
            .iter()
            .any(|c| c.operation.is_listing() && c.path().is_empty())
    };
    assert!(!listed_root(&log));
    let _ = store.list_folders("").unwrap();
    assert!(listed_root(&log), "the check can fail");
    log.clear();
    assert!(log.is_empty());
}

#[test]
fn recording_over_faults_logs_the_injected_error_kind() {
    let faulty = FaultyBackend::new(MemoryBackend::new())
        .with_rule(FaultRule::error(ErrorKind::PermissionDenied).on(Operation::Delete));
    let backend = RecordingBackend::new(faulty);
    let log = backend.log();
    let store = Store::new(backend, "").unwrap();
    store.write_text("a", "x").unwrap();
    assert!(store.delete("a").is_err());
    assert_eq!(
        log.calls().last().unwrap().outcome,
        Outcome::Err(ErrorKind::PermissionDenied)
    );
    assert_eq!(log.len(), 2);
    assert_eq!(Operation::ALL.len(), 21);
    assert!(Operation::ALL.iter().all(|op| !op.as_str().is_empty()));
}
