//! Listings, folder probes and folder deletes over a flat key space, where a
//! folder is implied by the keys below it.

use object_store::path::Path;
use object_store::{ObjectMeta, ObjectStore};

use super::ObjectStoreBackend;
use super::errors::{map_error, ours};
use crate::aio::streams::FilterMapStream;
use crate::aio::{BoxStream, ListStream, next_item};
use crate::{
    DeleteFolderOptions, Error, FileInfo, FolderEntry, FolderInfo, ListOptions, RemotePath, Result,
};

/// Every object strictly below `key` (not `key` itself: a store on a file
/// system lists a file as its own prefix).
fn below(
    backend: &ObjectStoreBackend,
    key: &Path,
) -> BoxStream<'static, object_store::Result<ObjectMeta>> {
    let key = key.clone();
    let objects = backend.store.list(Some(&key));
    Box::pin(FilterMapStream::new(objects, move |item| match item {
        Ok(meta) if meta.location == key => None,
        other => Some(other),
    }))
}

/// `first`, then the items of `rest`.
struct Prepend {
    first: Option<ObjectMeta>,
    rest: BoxStream<'static, object_store::Result<ObjectMeta>>,
}

impl futures_core::Stream for Prepend {
    type Item = object_store::Result<ObjectMeta>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        match self.first.take() {
            Some(first) => std::task::Poll::Ready(Some(Ok(first))),
            None => self.rest.as_mut().poll_next(cx),
        }
    }
}

/// Whether `path` is a folder: the root, or a prefix with some key below it.
pub(super) async fn probe_folder(backend: &ObjectStoreBackend, path: &RemotePath) -> Result<bool> {
    if path.is_root() {
        return Ok(true);
    }
    let mut objects = below(backend, &backend.key(path)?);
    match next_item(&mut objects).await {
        Some(Ok(_)) => Ok(true),
        None => Ok(false),
        Some(Err(e)) => match backend.file_in_the_way(path).await {
            Some(_) => Ok(false),
            None if backend.probe_file(path).await? => Ok(false),
            None => Err(map_error(e, path, "listing the folder")),
        },
    }
}

/// The depth of a file below the listed folder: 0 for its direct files.
fn depth(listed: &RemotePath, file: &RemotePath) -> usize {
    file.depth().saturating_sub(listed.depth() + 1)
}

pub(super) async fn list_files<'a>(
    backend: &'a ObjectStoreBackend,
    path: &RemotePath,
    options: ListOptions,
) -> Result<ListStream<'a, FileInfo>> {
    let key = backend.key(path)?;
    if !options.recursive {
        let files = match backend.store.list_with_delimiter(Some(&key)).await {
            Ok(listing) => listing.objects,
            Err(e) => return empty_when_not_a_folder(backend, path, e).await,
        };
        let infos: Vec<Result<FileInfo>> = files
            .iter()
            .filter_map(|meta| {
                let file = backend.path_of(&meta.location)?;
                (file.parent().as_ref() == Some(path) || (path.is_root() && file.depth() == 1))
                    .then(|| Ok(backend.file_info(file, meta, None)))
            })
            .collect();
        return Ok(Box::pin(crate::aio::IterStream(infos.into_iter())));
    }
    let listed = path.clone();
    let max_depth = options.max_depth;
    let mut objects = below(backend, &key);
    // A store on a file system fails to walk under a file: look at the
    // first item, so that such a listing is empty rather than an error.
    let first = match next_item(&mut objects).await {
        None => return Ok(Box::pin(crate::aio::IterStream(std::iter::empty()))),
        Some(Err(e)) => return empty_when_not_a_folder(backend, path, e).await,
        Some(Ok(meta)) => meta,
    };
    let objects: BoxStream<'static, object_store::Result<ObjectMeta>> = Box::pin(Prepend {
        first: Some(first),
        rest: objects,
    });
    Ok(Box::pin(FilterMapStream::new(
        objects,
        move |item| match item {
            Ok(meta) => {
                let file = backend.path_of(&meta.location)?;
                match max_depth {
                    Some(max) if depth(&listed, &file) > max => None,
                    _ => Some(Ok(backend.file_info(file, &meta, None))),
                }
            }
            Err(e) => Some(Err(map_error(e, &listed, "listing files"))),
        },
    )))
}

/// A listing that failed: empty when `path` is a file or under one (a
/// store on a file system cannot list there), else the error.
async fn empty_when_not_a_folder<'a, T: Send + 'a>(
    backend: &ObjectStoreBackend,
    path: &RemotePath,
    error: object_store::Error,
) -> Result<ListStream<'a, T>> {
    if backend.file_in_the_way(path).await.is_some() || backend.probe_file(path).await? {
        return Ok(Box::pin(crate::aio::IterStream(std::iter::empty())));
    }
    Err(map_error(error, path, "listing"))
}

pub(super) async fn list_folders<'a>(
    backend: &'a ObjectStoreBackend,
    path: &RemotePath,
) -> Result<ListStream<'a, FolderEntry>> {
    let key = backend.key(path)?;
    let prefixes = match backend.store.list_with_delimiter(Some(&key)).await {
        Ok(listing) => listing.common_prefixes,
        Err(e) => return empty_when_not_a_folder(backend, path, e).await,
    };
    let folders: Vec<Result<FolderEntry>> = prefixes
        .iter()
        .filter_map(|prefix| backend.path_of(prefix))
        .filter(|folder| folder.depth() == path.depth() + 1)
        .map(|folder| Ok(FolderEntry::new(folder)))
        .collect();
    Ok(Box::pin(crate::aio::IterStream(folders.into_iter())))
}

pub(super) async fn folder_info(
    backend: &ObjectStoreBackend,
    path: &RemotePath,
) -> Result<FolderInfo> {
    let mut info = FolderInfo {
        path: path.clone(),
        file_count: 0,
        total_size: 0,
        modified_at: None,
    };
    let mut objects = below(backend, &backend.key(path)?);
    while let Some(item) = next_item(&mut objects).await {
        let meta = match item {
            Ok(meta) => meta,
            Err(_) if info.file_count == 0 => break,
            Err(e) => return Err(map_error(e, path, "listing the folder")),
        };
        info.file_count += 1;
        info.total_size += meta.size;
        info.modified_at = info.modified_at.max(Some(super::system_time(&meta)));
    }
    if info.file_count == 0 && !path.is_root() {
        return Err(not_a_folder(backend, path).await);
    }
    Ok(info)
}

/// Why `path`, which has no key below it, is not a folder.
async fn not_a_folder(backend: &ObjectStoreBackend, path: &RemotePath) -> Error {
    match backend.probe_file(path).await {
        Ok(true) => ours(Error::not_a_folder(path)),
        Ok(false) => ours(Error::folder_not_found(path)),
        Err(e) => e,
    }
}

pub(super) async fn delete_folder(
    backend: &ObjectStoreBackend,
    path: &RemotePath,
    options: DeleteFolderOptions,
) -> Result<()> {
    if path.is_root() {
        return Err(ours(Error::cannot_delete_the_root(path)));
    }
    if backend.probe_file(path).await? {
        return Err(ours(Error::not_a_folder(path)));
    }
    if !probe_folder(backend, path).await? {
        if options.missing_ok {
            return Ok(());
        }
        return Err(ours(Error::folder_not_found(path)));
    }
    if !options.recursive {
        return Err(ours(Error::directory_not_empty(path.as_str())));
    }
    purge(backend, &backend.key(path)?).await.map(|_| ())
}

/// Deletes every object strictly below `key`; returns how many.
pub(super) async fn purge(backend: &ObjectStoreBackend, key: &Path) -> Result<u64> {
    let at = || backend.path_of(key).unwrap_or_else(RemotePath::root);
    let mut locations = Vec::new();
    let mut objects = below(backend, key);
    while let Some(item) = next_item(&mut objects).await {
        locations.push(
            item.map_err(|e| map_error(e, &at(), "listing for a delete"))?
                .location,
        );
    }
    let count = locations.len() as u64;
    let stream = crate::aio::IterStream(locations.into_iter().map(Ok));
    let mut deleted = backend.store.delete_stream(Box::pin(stream));
    while let Some(item) = next_item(&mut deleted).await {
        match item {
            Ok(_) => {}
            Err(e) if super::errors::is_not_found(&e) => {}
            Err(e) => return Err(map_error(e, &at(), "deleting")),
        }
    }
    Ok(count)
}
