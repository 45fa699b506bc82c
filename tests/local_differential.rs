//! Differential test: the same operation script on LocalBackend and on
//! MemoryBackend gives the same outcome at every step (the value, or the error
//! kind and the path it names) and the same final state. Timestamps are left
//! out; listings are compared in order, since both backends promise it.

mod subjects;

use std::io::Write;

use remote_store::{
    Backend, Child, DeleteFolderOptions, DeleteOptions, ListOptions, RemotePath, TransferOptions,
    WriteOptions,
};
use subjects::{Kind, Subject, p, state};

/// A small path alphabet, so that collisions, file-versus-folder conflicts and
/// the root come up often.
const PATHS: [&str; 10] = [
    "", "a", "b", "a/b", "a/c", "b/a", "a/b/c", "c", "a/b/c/d", "c/x",
];

#[derive(Debug, Clone)]
enum Op {
    Write {
        path: &'static str,
        content: String,
        overwrite: bool,
        atomic: bool,
    },
    OpenAtomic {
        path: &'static str,
        content: String,
        overwrite: bool,
        commit: bool,
    },
    Read(&'static str),
    Probe(&'static str),
    FileInfo(&'static str),
    FolderInfo(&'static str),
    Delete {
        path: &'static str,
        missing_ok: bool,
    },
    DeleteFolder {
        path: &'static str,
        recursive: bool,
        missing_ok: bool,
    },
    Rename {
        src: &'static str,
        dst: &'static str,
        overwrite: bool,
    },
    Copy {
        src: &'static str,
        dst: &'static str,
        overwrite: bool,
    },
    ListFiles {
        path: &'static str,
        recursive: bool,
        max_depth: Option<usize>,
    },
    ListFolders(&'static str),
    Children(&'static str),
}

fn outcome<T>(result: remote_store::Result<T>, ok: impl FnOnce(T) -> String) -> String {
    match result {
        Ok(value) => ok(value),
        Err(e) => format!("error {:?} at {:?}", e.kind(), e.path()),
    }
}

fn collect<T>(
    listing: remote_store::Result<remote_store::Listing<'_, T>>,
    show: impl Fn(T) -> String,
) -> String {
    outcome(listing, |items| {
        items
            .map(|item| outcome(item, &show))
            .collect::<Vec<_>>()
            .join(", ")
    })
}

fn apply(backend: &dyn Backend, op: &Op) -> String {
    match op {
        Op::Write {
            path,
            content,
            overwrite,
            atomic,
        } => {
            let options = WriteOptions::new().overwrite(*overwrite);
            let result = if *atomic {
                backend.write_atomic(&p(path), content.clone().into(), &options)
            } else {
                backend.write(&p(path), content.clone().into(), &options)
            };
            outcome(result, |r| {
                format!("wrote {} ({} bytes, {:?})", r.path, r.size, r.source)
            })
        }
        Op::OpenAtomic {
            path,
            content,
            overwrite,
            commit,
        } => {
            let options = WriteOptions::new().overwrite(*overwrite);
            outcome(backend.open_atomic(&p(path), &options), |mut writer| {
                writer.write_all(content.as_bytes()).expect("buffering");
                if *commit {
                    outcome(writer.commit(), |r| {
                        format!("committed {} ({})", r.path, r.size)
                    })
                } else {
                    "dropped".to_owned()
                }
            })
        }
        Op::Read(path) => outcome(backend.read_bytes(&p(path)), |b| {
            format!("read {:?}", String::from_utf8_lossy(&b))
        }),
        Op::Probe(path) => {
            let path = p(path);
            format!(
                "{:?} {:?} {:?}",
                backend.exists(&path).map_err(|e| e.kind()),
                backend.is_file(&path).map_err(|e| e.kind()),
                backend.is_folder(&path).map_err(|e| e.kind())
            )
        }
        Op::FileInfo(path) => outcome(backend.get_file_info(&p(path)), |i| {
            format!("{} {} {} {:?}", i.path, i.name, i.size, i.metadata)
        }),
        Op::FolderInfo(path) => outcome(backend.get_folder_info(&p(path)), |i| {
            format!(
                "{:?} {} {} {}",
                i.path,
                i.file_count,
                i.total_size,
                i.modified_at.is_some()
            )
        }),
        Op::Delete { path, missing_ok } => outcome(
            backend.delete(&p(path), DeleteOptions::new().missing_ok(*missing_ok)),
            |()| "deleted".to_owned(),
        ),
        Op::DeleteFolder {
            path,
            recursive,
            missing_ok,
        } => outcome(
            backend.delete_folder(
                &p(path),
                DeleteFolderOptions::new()
                    .recursive(*recursive)
                    .missing_ok(*missing_ok),
            ),
            |()| "deleted folder".to_owned(),
        ),
        Op::Rename {
            src,
            dst,
            overwrite,
        } => outcome(
            backend.rename(
                &p(src),
                &p(dst),
                TransferOptions::new().overwrite(*overwrite),
            ),
            |()| "renamed".to_owned(),
        ),
        Op::Copy {
            src,
            dst,
            overwrite,
        } => outcome(
            backend.copy(
                &p(src),
                &p(dst),
                TransferOptions::new().overwrite(*overwrite),
            ),
            |()| "copied".to_owned(),
        ),
        Op::ListFiles {
            path,
            recursive,
            max_depth,
        } => collect(
            backend.list_files(
                &p(path),
                ListOptions::new()
                    .recursive(*recursive)
                    .max_depth(*max_depth),
            ),
            |f| format!("{}:{}", f.path, f.size),
        ),
        Op::ListFolders(path) => collect(backend.list_folders(&p(path)), |f| {
            format!("{}/{}", f.path, f.name)
        }),
        Op::Children(path) => collect(backend.iter_children(&p(path)), |c| match c {
            Child::File(f) => format!("file {}", f.path),
            Child::Folder(d) => format!("folder {}", d.path),
        }),
    }
}

/// A deterministic generator (xorshift), so a failing script is reproducible
/// from its seed without any extra crate.
struct Script(u64);

impl Script {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn flag(&mut self) -> bool {
        self.next() & 1 == 1
    }

    fn path(&mut self) -> &'static str {
        PATHS[self.below(PATHS.len())]
    }

    fn op(&mut self, step: usize) -> Op {
        let content = format!("step {step}");
        match self.below(13) {
            0 | 1 => Op::Write {
                path: self.path(),
                content,
                overwrite: self.flag(),
                atomic: self.flag(),
            },
            2 => Op::OpenAtomic {
                path: self.path(),
                content,
                overwrite: self.flag(),
                commit: self.below(4) != 0,
            },
            3 => Op::Read(self.path()),
            4 => Op::Probe(self.path()),
            5 => Op::FileInfo(self.path()),
            6 => Op::FolderInfo(self.path()),
            7 => Op::Delete {
                path: self.path(),
                missing_ok: self.flag(),
            },
            8 => Op::DeleteFolder {
                path: self.path(),
                recursive: self.flag(),
                missing_ok: self.flag(),
            },
            9 => Op::Rename {
                src: self.path(),
                dst: self.path(),
                overwrite: self.flag(),
            },
            10 => Op::Copy {
                src: self.path(),
                dst: self.path(),
                overwrite: self.flag(),
            },
            11 => Op::ListFiles {
                path: self.path(),
                recursive: self.flag(),
                max_depth: [None, Some(0), Some(1)][self.below(3)],
            },
            _ => {
                if self.flag() {
                    Op::ListFolders(self.path())
                } else {
                    Op::Children(self.path())
                }
            }
        }
    }
}

/// Runs `ops` on both backends and returns the outcomes.
fn run(ops: &[Op]) -> Vec<String> {
    let local: Subject = Kind::Local.empty();
    let memory: Subject = Kind::Memory.empty();
    let mut outcomes = Vec::new();
    for (step, op) in ops.iter().enumerate() {
        let expected = apply(&*memory, op);
        let actual = apply(&*local, op);
        assert_eq!(actual, expected, "step {step}: {op:?}");
        outcomes.push(actual);
    }
    assert_eq!(state(&*local), state(&*memory));
    let root = local.root_dir();
    assert!(subjects::temp_files(&root).is_empty());
    outcomes
}

#[test]
fn a_scripted_scenario_behaves_the_same() {
    let w = |path, overwrite| Op::Write {
        path,
        content: format!("{path}!"),
        overwrite,
        atomic: false,
    };
    run(&[
        w("a/b/c", false),
        w("a/b/c", false),
        w("a/b", true),
        w("a/b/c/d", false),
        w("", true),
        Op::Rename {
            src: "a/b/c",
            dst: "c/x",
            overwrite: false,
        },
        Op::Copy {
            src: "c/x",
            dst: "a/b",
            overwrite: true,
        },
        Op::Copy {
            src: "c/x",
            dst: "c/x",
            overwrite: false,
        },
        Op::Rename {
            src: "missing",
            dst: "c/x/under",
            overwrite: false,
        },
        Op::Rename {
            src: "c/x",
            dst: "c/x/under",
            overwrite: false,
        },
        Op::DeleteFolder {
            path: "a",
            recursive: false,
            missing_ok: false,
        },
        Op::Delete {
            path: "a",
            missing_ok: true,
        },
        Op::Delete {
            path: "c/x/under",
            missing_ok: false,
        },
        Op::ListFiles {
            path: "",
            recursive: true,
            max_depth: None,
        },
        Op::Children("a"),
        Op::FolderInfo(""),
        Op::OpenAtomic {
            path: "a/b/c",
            content: "late".into(),
            overwrite: false,
            commit: true,
        },
        Op::OpenAtomic {
            path: "c/x/y",
            content: "under".into(),
            overwrite: true,
            commit: true,
        },
        Op::DeleteFolder {
            path: "a",
            recursive: true,
            missing_ok: false,
        },
        Op::Probe("a/b"),
    ]);
}

#[test]
fn generated_scripts_behave_the_same() {
    let mut outcomes = Vec::new();
    for seed in [1, 7, 42, 2024, 31337] {
        let mut script = Script(seed);
        let ops: Vec<Op> = (0..200).map(|step| script.op(step)).collect();
        outcomes.extend(run(&ops));
    }
    // The scripts must reach the interesting cases, not only trivial ones.
    for expected in [
        "wrote",
        "renamed",
        "copied",
        "deleted folder",
        "error NotFound",
        "error InvalidPath",
        "error AlreadyExists",
        "error DirectoryNotEmpty",
    ] {
        assert!(
            outcomes.iter().any(|o| o.starts_with(expected)),
            "no script produced {expected:?}"
        );
    }
}

#[test]
fn the_root_spellings_agree() {
    let local = Kind::Local.empty();
    assert_eq!(
        local.native_path(&RemotePath::root()),
        local.native_path(&p("."))
    );
}
