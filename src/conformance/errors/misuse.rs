//! Two shapes of error check: seed some files, make a call the contract
//! refuses (a single call, or `rename`/`copy`), and check the error's kind
//! (and path) and what survives.

use std::fmt;

use super::super::support::{
    Probe, Transfer, drain, err_kind, err_naming, err_with_path, fail, folder_options, has_content,
    missing_ok, p, probe_says, seed_all,
};
use crate::{Backend, Error, ErrorKind, Result};

/// A call that the contract refuses on the seeded files.
#[derive(Clone, Copy)]
pub(in crate::conformance) enum Call {
    /// `read`, its stream drained: the error may come on open or on read.
    Read(&'static str),
    /// `read`: the error must come on open.
    Open(&'static str),
    /// `read_bytes`.
    ReadBytes(&'static str),
    /// `read_seekable`, its stream drained.
    ReadSeekable(&'static str),
    /// `delete(path, missing_ok)`.
    Delete(&'static str, bool),
    /// `delete_folder(path, recursive, missing_ok)`.
    DeleteFolder(&'static str, bool, bool),
    /// `get_file_info`.
    FileInfo(&'static str),
    /// `get_folder_info`.
    FolderInfo(&'static str),
    /// `rename(src, dst)`, without overwrite.
    Rename(&'static str, &'static str),
    /// `copy(src, dst)`, without overwrite.
    Copy(&'static str, &'static str),
}

impl Call {
    /// The path the call is about (the source of a transfer).
    pub(in crate::conformance) fn path(self) -> &'static str {
        match self {
            Call::Read(path)
            | Call::Open(path)
            | Call::ReadBytes(path)
            | Call::ReadSeekable(path)
            | Call::Delete(path, _)
            | Call::DeleteFolder(path, _, _)
            | Call::FileInfo(path)
            | Call::FolderInfo(path)
            | Call::Rename(path, _)
            | Call::Copy(path, _) => path,
        }
    }

    /// Makes the call; a value it returns is kept as its `Debug` text, for
    /// the failure message.
    pub(in crate::conformance) fn run(self, backend: &dyn Backend) -> Result<String> {
        let path = p(self.path());
        let shown = |value: &dyn fmt::Debug| format!("{value:?}");
        match self {
            Call::Read(raw) => backend
                .read(&path)
                .and_then(|s| drain(s).map_err(|e| Error::io(raw, "drain", e)))
                .map(|bytes| shown(&bytes)),
            Call::Open(_) => backend.read(&path).map(|stream| shown(&stream)),
            Call::ReadBytes(_) => backend.read_bytes(&path).map(|bytes| shown(&bytes)),
            Call::ReadSeekable(raw) => backend
                .read_seekable(&path)
                .and_then(|s| drain(s).map_err(|e| Error::io(raw, "drain", e)))
                .map(|bytes| shown(&bytes)),
            Call::Delete(_, missing) => backend
                .delete(&path, missing_ok(missing))
                .map(|()| "()".into()),
            Call::DeleteFolder(_, recursive, missing) => backend
                .delete_folder(&path, folder_options(recursive, missing))
                .map(|()| "()".into()),
            Call::FileInfo(_) => backend.get_file_info(&path).map(|info| shown(&info)),
            Call::FolderInfo(_) => backend.get_folder_info(&path).map(|info| shown(&info)),
            Call::Rename(src, dst) => Transfer::Rename
                .run(backend, src, dst, false)
                .map(|()| "()".into()),
            Call::Copy(src, dst) => Transfer::Copy
                .run(backend, src, dst, false)
                .map(|()| "()".into()),
        }
    }
}

impl fmt::Display for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path();
        match *self {
            Call::Read(_) | Call::Open(_) => write!(f, "read({path:?})"),
            Call::ReadBytes(_) => write!(f, "read_bytes({path:?})"),
            Call::ReadSeekable(_) => write!(f, "read_seekable({path:?})"),
            Call::Delete(_, missing) => write!(f, "delete({path:?}, missing_ok={missing})"),
            Call::DeleteFolder(_, recursive, missing) => write!(
                f,
                "delete_folder({path:?}, recursive={recursive}, missing_ok={missing})"
            ),
            Call::FileInfo(_) => write!(f, "get_file_info({path:?})"),
            Call::FolderInfo(_) => write!(f, "get_folder_info({path:?})"),
            Call::Rename(_, dst) => write!(f, "rename({path:?}, {dst:?})"),
            Call::Copy(_, dst) => write!(f, "copy({path:?}, {dst:?})"),
        }
    }
}

/// The error a refused call must raise.
#[derive(Clone, Copy)]
pub(super) enum Refusal {
    /// This kind, naming the call's path (field and message).
    Naming(ErrorKind),
    /// This kind.
    Kind(ErrorKind),
}

/// What must hold after the refusal.
#[derive(Clone, Copy)]
pub(super) enum Then {
    /// Nothing more is checked.
    Nothing,
    /// Every seeded file keeps its content.
    KeepsTheSeed,
    /// This tolerant call (`missing_ok`) passes, and every seeded file keeps
    /// its content.
    PassesWith(Call),
}

/// One case: the files to seed, the refused call, its error and what must
/// hold afterwards, under a contract clause.
pub(super) struct Misuse {
    pub(super) clause: &'static str,
    pub(super) seed: &'static [(&'static str, &'static str)],
    pub(super) call: Call,
    pub(super) refusal: Refusal,
    pub(super) then: Then,
}

/// Runs one [`Misuse`] case.
#[track_caller]
pub(super) fn refused(backend: &dyn Backend, _: &super::Settings, case: Misuse) {
    let Misuse {
        clause,
        seed,
        call,
        refusal,
        then,
    } = case;
    seed_all(backend, seed);
    let what = call.to_string();
    match refusal {
        Refusal::Naming(kind) => drop(err_naming(
            clause,
            &what,
            kind,
            call.path(),
            call.run(backend),
        )),
        Refusal::Kind(kind) => drop(err_kind(clause, &what, kind, call.run(backend))),
    }
    if let Then::PassesWith(tolerant) = then
        && let Err(e) = tolerant.run(backend)
    {
        fail(clause, &tolerant.to_string(), "Ok(())", e);
    }
    if !matches!(then, Then::Nothing) {
        for (path, content) in seed {
            has_content(clause, backend, path, content);
        }
    }
}

/// The error a refused `rename` or `copy` must raise.
#[derive(Clone, Copy)]
pub(in crate::conformance) enum TransferRefusal {
    /// This kind, naming this path (field and message).
    Naming(ErrorKind, &'static str),
    /// This kind, with this path in its path field.
    WithPath(ErrorKind, &'static str),
    /// This kind.
    Kind(ErrorKind),
}

/// What must hold after a refused transfer.
#[derive(Clone, Copy)]
pub(in crate::conformance) enum TransferThen {
    /// Nothing more is checked.
    Nothing,
    /// Every seeded file keeps its content.
    KeepsTheSeed,
    /// This path does not exist.
    Absent(&'static str),
}

/// One refused transfer case: the files to seed, the `(src, dst, overwrite)`
/// calls, the error each must raise and what must hold afterwards.
pub(in crate::conformance) struct RefusedTransfer {
    pub(in crate::conformance) clause: &'static str,
    pub(in crate::conformance) seed: &'static [(&'static str, &'static str)],
    pub(in crate::conformance) calls: &'static [(&'static str, &'static str, bool)],
    pub(in crate::conformance) refusal: TransferRefusal,
    pub(in crate::conformance) then: TransferThen,
}

/// Runs one [`RefusedTransfer`] case with `op`.
#[track_caller]
pub(in crate::conformance) fn refused_transfer(
    backend: &dyn Backend,
    _: &super::Settings,
    op: Transfer,
    case: &RefusedTransfer,
) {
    let RefusedTransfer {
        clause,
        seed,
        calls,
        refusal,
        then,
    } = *case;
    seed_all(backend, seed);
    for &(src, dst, on) in calls {
        let what = format!("{op:?}({src:?}, {dst:?}, overwrite={on})");
        let result = op.run(backend, src, dst, on);
        drop(match refusal {
            TransferRefusal::Naming(kind, path) => err_naming(clause, &what, kind, path, result),
            TransferRefusal::WithPath(kind, path) => {
                err_with_path(clause, &what, kind, path, result)
            }
            TransferRefusal::Kind(kind) => err_kind(clause, &what, kind, result),
        });
    }
    match then {
        TransferThen::Nothing => {}
        TransferThen::KeepsTheSeed => {
            for (path, content) in seed {
                has_content(clause, backend, path, content);
            }
        }
        TransferThen::Absent(path) => probe_says(clause, backend, Probe::Exists, path, false),
    }
}
