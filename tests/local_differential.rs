//! A scripted scenario on LocalBackend against the memory oracle, step by
//! step (the random sequences run in `conformance_local.rs`, `model: true`):
//! it walks through the conflicts a reader of the contract asks about first.

use remote_store::Backend;
use remote_store::RemotePath;
use remote_store::backends::LocalBackend;
use remote_store::model::{Op, OracleConfig, Source, run_ops};

fn p(raw: &str) -> RemotePath {
    RemotePath::parse(raw).expect("a valid path")
}

fn write(path: &str, overwrite: bool) -> Op {
    Op::Write {
        path: p(path),
        content: format!("{path}!").into_bytes().into(),
        source: Source::Bytes,
        overwrite,
        metadata: None,
    }
}

fn transfer(rename: bool, src: &str, dst: &str, overwrite: bool) -> Op {
    let (src, dst) = (p(src), p(dst));
    if rename {
        Op::Rename {
            src,
            dst,
            overwrite,
        }
    } else {
        Op::Copy {
            src,
            dst,
            overwrite,
        }
    }
}

#[test]
fn a_scripted_scenario_behaves_the_same() {
    let script = [
        write("a/b/c", false),
        write("a/b/c", false),
        write("a/b", true),
        write("a/b/c/d", false),
        write("", true),
        transfer(true, "a/b/c", "c/x", false),
        transfer(false, "c/x", "a/b", true),
        transfer(false, "c/x", "c/x", false),
        transfer(true, "missing", "c/x/under", false),
        transfer(true, "c/x", "c/x/under", false),
        Op::DeleteFolder {
            path: p("a"),
            recursive: false,
            missing_ok: false,
        },
        Op::Delete {
            path: p("a"),
            missing_ok: true,
        },
        Op::Delete {
            path: p("c/x/under"),
            missing_ok: false,
        },
        Op::ListFiles {
            path: p(""),
            recursive: true,
            max_depth: None,
        },
        Op::IterChildren(p("a")),
        Op::GetFolderInfo(p("")),
        Op::OpenAtomic {
            path: p("a/b/c"),
            content: b"late".to_vec().into(),
            overwrite: false,
            commit: true,
        },
        Op::OpenAtomic {
            path: p("c/x/y"),
            content: b"under".to_vec().into(),
            overwrite: true,
            commit: true,
        },
        Op::DeleteFolder {
            path: p("a"),
            recursive: true,
            missing_ok: false,
        },
        Op::IsFile(p("a/b")),
    ];
    let local = LocalBackend::temporary().expect("a temporary directory");
    let config = OracleConfig::new().ordered_listings(true);
    if let Err(found) = run_ops(&local, &script, &config) {
        panic!(
            "step {} {:?}: {}",
            found.step, script[found.step], found.divergence
        );
    }
}

#[test]
fn the_root_spellings_agree() {
    let local = LocalBackend::temporary().expect("a temporary directory");
    assert_eq!(
        local.native_path(&RemotePath::root()),
        local.native_path(&p("."))
    );
}
