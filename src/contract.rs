//! The storage contract, written once: [`Backend`](crate::Backend) and (with
//! the `async` feature) `aio::AsyncBackend` both follow it, method for method.
//!
//! Every method takes backend-relative [`RemotePath`](crate::RemotePath)s,
//! already validated and normalised; the root is
//! [`RemotePath::root`](crate::RemotePath::root).
//!
//! "File-ancestor" below means some proper ancestor of the path is a file.
//!
//! * **Probes** `exists`, `is_file`, `is_folder` never fail for a missing path
//!   or one under a file: they answer `false`. The root exists and is a folder.
//! * **Reads** (`read`, `read_bytes`, `get_file_info`):
//!   [`Error::InvalidPath`](crate::Error::InvalidPath) for a folder or the root
//!   (type mismatch outranks not-found); [`Error::NotFound`](crate::Error::NotFound)
//!   for a missing path, including under a file-ancestor.
//! * **Writes** (`write`, `write_atomic`, `open_atomic`) check, in this order:
//!   `InvalidPath` for the root, an existing folder (even with `overwrite`) or a
//!   file-ancestor; then [`Error::AlreadyExists`](crate::Error::AlreadyExists)
//!   for an existing file without `overwrite`; then I/O. They create missing
//!   parent folders. A content reader (or, async, a content stream) that fails
//!   leaves the backend unchanged.
//! * **Deletes**: `delete` removes a file; a folder or the root is
//!   `InvalidPath` even with `missing_ok`. `delete_folder` removes a folder; a
//!   file is `InvalidPath` even with `missing_ok`; a non-empty folder without
//!   `recursive` is [`Error::DirectoryNotEmpty`](crate::Error::DirectoryNotEmpty).
//!   Deleting a file never removes its parent folder.
//! * **Listings** of a missing path, a file, or a path under a file are empty,
//!   never `NotFound`. `list_files` yields files only, `list_folders` immediate
//!   folders only. Opening a listing may fail at once (for example a closed
//!   backend); each item is a `Result`, so a listing whose pages fail mid-way
//!   reports it at that item.
//! * **`rename` and `copy`** move or copy one file: `NotFound(src)` outranks
//!   every other check, then `InvalidPath(src)` for a folder or the root, then
//!   `InvalidPath(dst)` for the root, a folder or a file-ancestor, then
//!   `AlreadyExists(dst)`. `src == dst` on a file is a no-op. Both keep the
//!   user metadata; `rename` keeps the modification time too.
//! * `check_health` and `close` succeed by default; a backend with
//!   `close_is_terminal() == true` answers
//!   [`Error::BackendUnavailable`](crate::Error::BackendUnavailable) to every
//!   call after `close`.
//!
//! The backend does not enforce capability gates: [`Store`](crate::Store) (and
//! `aio::AsyncStore`) do. The checks of `remote_store::conformance` (feature
//! `conformance`) test this contract, one function per rule; they reach an
//! async backend through `aio::Blocking`.
