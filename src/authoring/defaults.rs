//! The default body of every [`Backend`] method that has one, as a free
//! function, so an override can still call it.
//!
//! ```
//! use remote_store::authoring::defaults;
//! use remote_store::backends::MemoryBackend;
//! use remote_store::{Backend, RemotePath};
//!
//! let backend = MemoryBackend::new();
//! // What `Backend::glob` does for a backend that does not override it.
//! let refused = defaults::glob(&backend, "*.txt").err().unwrap();
//! assert_eq!(refused.kind(), remote_store::ErrorKind::CapabilityNotSupported);
//! // The default `iter_children`, built on `list_files` and `list_folders`.
//! assert_eq!(defaults::iter_children(&backend, &RemotePath::root())?.count(), 0);
//! # Ok::<(), remote_store::Error>(())
//! ```
//!
//! The methods gated by a [`Capability`] (`read`, `write`, `write_atomic`,
//! `open_atomic`, `delete`, `delete_folder`, `list_files`, `list_folders`,
//! `glob`, `get_file_info`, `get_folder_info`, `rename`, `copy`) refuse by
//! default with [`Error::CapabilityNotSupported`] naming the capability, the
//! path and the backend, so a backend implements only what it declares.

use std::io::Read;

use bytes::Bytes;

use crate::{
    AtomicWriter, Backend, Capability, Child, Content, DeleteFolderOptions, DeleteOptions, Error,
    FileInfo, FolderEntry, FolderInfo, ListOptions, Listing, ReadStream, RemotePath, Result,
    SeekRead, TransferOptions, WriteOptions, WriteResult,
};

/// The refusal every capability-gated default answers: an
/// [`Error::CapabilityNotSupported`] for `capability` on `path`, naming the
/// backend and the method it does not implement.
pub fn refuse<B: Backend + ?Sized>(
    backend: &B,
    capability: Capability,
    path: &str,
    method: &str,
) -> Error {
    Error::capability_not_supported(
        capability,
        path,
        format!("this backend does not implement `{method}`"),
    )
    .with_backend(backend.name())
}

/// Default of [`Backend::close_is_terminal`]: `false`.
pub fn close_is_terminal<B: Backend + ?Sized>(_backend: &B) -> bool {
    false
}

/// Default of [`Backend::read`]: refuses (`READ`).
pub fn read<B: Backend + ?Sized>(backend: &B, path: &RemotePath) -> Result<ReadStream> {
    Err(refuse(backend, Capability::READ, path.as_str(), "read"))
}

/// Default of [`Backend::read_bytes`]: reads the whole
/// [`read`](Backend::read) stream into memory.
pub fn read_bytes<B: Backend + ?Sized>(backend: &B, path: &RemotePath) -> Result<Bytes> {
    let mut stream = backend.read(path)?;
    let mut buffer = Vec::new();
    stream
        .read_to_end(&mut buffer)
        .map_err(|e| Error::stream_read_failed(path, e))?;
    Ok(Bytes::from(buffer))
}

/// Default of [`Backend::read_seekable`]: spools a non-seekable
/// [`read`](Backend::read) into memory.
pub fn read_seekable<B: Backend + ?Sized>(
    backend: &B,
    path: &RemotePath,
) -> Result<Box<dyn SeekRead>> {
    backend
        .read(path)?
        .into_seekable()
        .map_err(|e| Error::io(path.as_str(), "spooling the read stream failed", e))
}

/// Default of [`Backend::write`]: refuses (`WRITE`).
pub fn write<B: Backend + ?Sized>(
    backend: &B,
    path: &RemotePath,
    _content: Content<'_>,
    _options: &WriteOptions,
) -> Result<WriteResult> {
    Err(refuse(backend, Capability::WRITE, path.as_str(), "write"))
}

/// Default of [`Backend::write_atomic`]: refuses (`ATOMIC_WRITE`).
pub fn write_atomic<B: Backend + ?Sized>(
    backend: &B,
    path: &RemotePath,
    _content: Content<'_>,
    _options: &WriteOptions,
) -> Result<WriteResult> {
    Err(refuse(
        backend,
        Capability::ATOMIC_WRITE,
        path.as_str(),
        "write_atomic",
    ))
}

/// Default of [`Backend::open_atomic`]: refuses (`ATOMIC_WRITE`).
pub fn open_atomic<'a, B: Backend + ?Sized>(
    backend: &'a B,
    path: &RemotePath,
    _options: &WriteOptions,
) -> Result<Box<dyn AtomicWriter + 'a>> {
    Err(refuse(
        backend,
        Capability::ATOMIC_WRITE,
        path.as_str(),
        "open_atomic",
    ))
}

/// Default of [`Backend::delete`]: refuses (`DELETE`).
pub fn delete<B: Backend + ?Sized>(
    backend: &B,
    path: &RemotePath,
    _options: DeleteOptions,
) -> Result<()> {
    Err(refuse(backend, Capability::DELETE, path.as_str(), "delete"))
}

/// Default of [`Backend::delete_folder`]: refuses (`DELETE`).
pub fn delete_folder<B: Backend + ?Sized>(
    backend: &B,
    path: &RemotePath,
    _options: DeleteFolderOptions,
) -> Result<()> {
    Err(refuse(
        backend,
        Capability::DELETE,
        path.as_str(),
        "delete_folder",
    ))
}

/// Default of [`Backend::list_files`]: refuses (`LIST`).
pub fn list_files<'a, B: Backend + ?Sized>(
    backend: &'a B,
    path: &RemotePath,
    _options: ListOptions,
) -> Result<Listing<'a, FileInfo>> {
    Err(refuse(
        backend,
        Capability::LIST,
        path.as_str(),
        "list_files",
    ))
}

/// Default of [`Backend::list_folders`]: refuses (`LIST`).
pub fn list_folders<'a, B: Backend + ?Sized>(
    backend: &'a B,
    path: &RemotePath,
) -> Result<Listing<'a, FolderEntry>> {
    Err(refuse(
        backend,
        Capability::LIST,
        path.as_str(),
        "list_folders",
    ))
}

/// Default of [`Backend::iter_children`]: chains
/// [`list_files`](Backend::list_files) and
/// [`list_folders`](Backend::list_folders).
pub fn iter_children<'a, B: Backend + ?Sized>(
    backend: &'a B,
    path: &RemotePath,
) -> Result<Listing<'a, Child>> {
    let files = backend
        .list_files(path, ListOptions::new())?
        .map(|f| f.map(Child::File));
    let folders = backend.list_folders(path)?.map(|f| f.map(Child::Folder));
    Ok(Box::new(files.chain(folders)))
}

/// Default of [`Backend::glob`]: refuses (`GLOB`), pointing at the portable
/// fallback.
pub fn glob<'a, B: Backend + ?Sized>(
    backend: &'a B,
    pattern: &str,
) -> Result<Listing<'a, FileInfo>> {
    Err(Error::capability_not_supported(
        Capability::GLOB,
        pattern,
        "no native glob; use Store::list_files with a pattern or ext::glob::glob_files",
    )
    .with_backend(backend.name()))
}

/// Default of [`Backend::get_file_info`]: refuses (`METADATA`).
pub fn get_file_info<B: Backend + ?Sized>(backend: &B, path: &RemotePath) -> Result<FileInfo> {
    Err(refuse(
        backend,
        Capability::METADATA,
        path.as_str(),
        "get_file_info",
    ))
}

/// Default of [`Backend::get_folder_info`]: refuses (`METADATA`).
pub fn get_folder_info<B: Backend + ?Sized>(backend: &B, path: &RemotePath) -> Result<FolderInfo> {
    Err(refuse(
        backend,
        Capability::METADATA,
        path.as_str(),
        "get_folder_info",
    ))
}

/// Default of [`Backend::rename`]: refuses (`MOVE`), naming `src`.
pub fn rename<B: Backend + ?Sized>(
    backend: &B,
    src: &RemotePath,
    _dst: &RemotePath,
    _options: TransferOptions,
) -> Result<()> {
    Err(refuse(backend, Capability::MOVE, src.as_str(), "rename"))
}

/// Default of [`Backend::copy`]: refuses (`COPY`), naming `src`.
pub fn copy<B: Backend + ?Sized>(
    backend: &B,
    src: &RemotePath,
    _dst: &RemotePath,
    _options: TransferOptions,
) -> Result<()> {
    Err(refuse(backend, Capability::COPY, src.as_str(), "copy"))
}

/// Default of [`Backend::to_key`]: the identity.
pub fn to_key<B: Backend + ?Sized>(_backend: &B, native_path: &str) -> String {
    native_path.to_owned()
}

/// Default of [`Backend::native_path`]: the key itself (`""` for the root).
pub fn native_path<B: Backend + ?Sized>(_backend: &B, path: &RemotePath) -> String {
    path.as_str().to_owned()
}

/// Default of [`Backend::check_health`]: `Ok(())`.
pub fn check_health<B: Backend + ?Sized>(_backend: &B) -> Result<()> {
    Ok(())
}

/// Default of [`Backend::close`]: `Ok(())`.
pub fn close<B: Backend + ?Sized>(_backend: &B) -> Result<()> {
    Ok(())
}
