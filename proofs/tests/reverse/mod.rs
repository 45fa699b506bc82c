//! `MemoryBackend` as an `object_store::ObjectStore` (the reverse of
//! `ObjectStoreBackend`), to run object_store's own integration tests on it.
//! A test adapter, not a product: it maps each `ObjectStore` call to the
//! `Backend` call with the same meaning.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::UNIX_EPOCH;

use async_trait::async_trait;
use bytes::Bytes;
use chrono::{DateTime, Utc};
use object_store::path::Path;
use object_store::{
    Attribute, AttributeValue, Attributes, CopyMode, CopyOptions, GetOptions, GetResult,
    GetResultPayload, ListResult, MultipartUpload, ObjectMeta, ObjectStore, PutMode,
    PutMultipartOptions, PutOptions, PutPayload, PutResult, RenameOptions, RenameTargetMode,
    UploadPart,
};
use remote_store::backends::MemoryBackend;
use remote_store::{
    Backend, Child, DeleteOptions, ErrorKind, FileInfo, ListOptions, RemotePath, TransferOptions,
    WriteOptions,
};

type StoreResult<T> = object_store::Result<T>;
type BoxStream<T> = futures_util::stream::BoxStream<'static, T>;

/// A `MemoryBackend` behind the `ObjectStore` API.
#[derive(Debug, Default, Clone)]
pub struct MemoryObjectStore {
    backend: Arc<MemoryBackend>,
}

impl fmt::Display for MemoryObjectStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MemoryObjectStore")
    }
}

fn remote(location: &Path) -> StoreResult<RemotePath> {
    RemotePath::parse(location.as_ref()).map_err(generic)
}

/// The location of a key, taken as it is (`Path::from` would encode `%`).
fn location(path: &RemotePath) -> StoreResult<Path> {
    Ok(Path::parse(path.as_str())?)
}

fn generic(error: remote_store::Error) -> object_store::Error {
    object_store::Error::Generic {
        store: "MemoryObjectStore",
        source: Box::new(error),
    }
}

/// The object_store error of a backend error about `location`.
fn store_error(error: remote_store::Error, location: &Path) -> object_store::Error {
    let path = location.to_string();
    match error.kind() {
        ErrorKind::NotFound => object_store::Error::NotFound {
            path,
            source: Box::new(error),
        },
        ErrorKind::AlreadyExists => object_store::Error::AlreadyExists {
            path,
            source: Box::new(error),
        },
        _ => generic(error),
    }
}

/// An ETag from the modification time and size (the backend keeps none).
fn meta(location: &Path, info: &FileInfo) -> ObjectMeta {
    let since = info
        .modified_at
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    ObjectMeta {
        location: location.clone(),
        last_modified: DateTime::<Utc>::from(info.modified_at),
        size: info.size,
        e_tag: Some(format!("{:x}-{:x}", since.as_nanos(), info.size)),
        version: None,
    }
}

fn attributes(info: &FileInfo) -> Attributes {
    let mut attributes = Attributes::new();
    for (key, value) in info.metadata.iter().flatten() {
        attributes.insert(
            Attribute::Metadata(key.clone().into()),
            AttributeValue::from(value.clone()),
        );
    }
    attributes
}

impl MemoryObjectStore {
    fn put(&self, location: &Path, data: Bytes, opts: &PutOptions) -> StoreResult<PutResult> {
        let overwrite = match opts.mode {
            PutMode::Overwrite => true,
            PutMode::Create => false,
            PutMode::Update(_) => {
                return Err(object_store::Error::NotImplemented {
                    operation: "put with PutMode::Update".into(),
                    implementer: self.to_string(),
                });
            }
        };
        let metadata: Vec<(String, String)> = opts
            .attributes
            .iter()
            .filter_map(|(attribute, value)| match attribute {
                Attribute::Metadata(key) => Some((key.to_string(), value.to_string())),
                _ => None,
            })
            .collect();
        let path = remote(location)?;
        let options = WriteOptions::new().overwrite(overwrite).metadata(metadata);
        self.backend
            .write(&path, data.into(), &options)
            .map_err(|e| store_error(e, location))?;
        let info = self
            .backend
            .get_file_info(&path)
            .map_err(|e| store_error(e, location))?;
        Ok(PutResult {
            e_tag: meta(location, &info).e_tag,
            version: None,
            extensions: Default::default(),
        })
    }

    fn info(&self, location: &Path) -> StoreResult<FileInfo> {
        let path = remote(location)?;
        self.backend
            .get_file_info(&path)
            .map_err(|e| match e.kind() {
                // A folder is no object.
                ErrorKind::InvalidPath => object_store::Error::NotFound {
                    path: location.to_string(),
                    source: Box::new(e),
                },
                _ => store_error(e, location),
            })
    }
}

#[async_trait]
impl ObjectStore for MemoryObjectStore {
    async fn put_opts(
        &self,
        location: &Path,
        payload: PutPayload,
        opts: PutOptions,
    ) -> StoreResult<PutResult> {
        self.put(location, payload.into(), &opts)
    }

    async fn put_multipart_opts(
        &self,
        location: &Path,
        opts: PutMultipartOptions,
    ) -> StoreResult<Box<dyn MultipartUpload>> {
        Ok(Box::new(Upload {
            store: self.clone(),
            location: location.clone(),
            attributes: opts.attributes,
            parts: Arc::new(Mutex::new(Vec::new())),
        }))
    }

    async fn get_opts(&self, location: &Path, options: GetOptions) -> StoreResult<GetResult> {
        let info = self.info(location)?;
        let meta = meta(location, &info);
        options.check_preconditions(&meta)?;
        let range = match &options.range {
            Some(range) => range
                .as_range(meta.size)
                .map_err(|e| object_store::Error::Generic {
                    store: "MemoryObjectStore",
                    source: Box::new(e),
                })?,
            None => 0..meta.size,
        };
        let data = if options.head {
            Bytes::new()
        } else {
            let bytes = self
                .backend
                .read_bytes(&remote(location)?)
                .map_err(|e| store_error(e, location))?;
            bytes.slice(range.start as usize..range.end as usize)
        };
        let stream: BoxStream<StoreResult<Bytes>> =
            Box::pin(futures_util::stream::once(async move { Ok(data) }));
        Ok(GetResult {
            payload: GetResultPayload::Stream(stream),
            attributes: attributes(&info),
            meta,
            range,
            extensions: Default::default(),
        })
    }

    fn delete_stream(
        &self,
        locations: BoxStream<StoreResult<Path>>,
    ) -> BoxStream<StoreResult<Path>> {
        let backend = Arc::clone(&self.backend);
        Box::pin(futures_util::StreamExt::map(locations, move |location| {
            let location = location?;
            let path = remote(&location)?;
            match backend.delete(&path, DeleteOptions::new().missing_ok(true)) {
                Ok(()) => Ok(location),
                Err(e) if e.kind() == ErrorKind::InvalidPath => Ok(location),
                Err(e) => Err(store_error(e, &location)),
            }
        }))
    }

    fn list(&self, prefix: Option<&Path>) -> BoxStream<StoreResult<ObjectMeta>> {
        let items: Vec<StoreResult<ObjectMeta>> = match prefix.map(remote).transpose() {
            Err(e) => vec![Err(e)],
            Ok(path) => {
                let path = path.unwrap_or_else(RemotePath::root);
                match self
                    .backend
                    .list_files(&path, ListOptions::new().recursive(true))
                {
                    Err(e) => vec![Err(generic(e))],
                    Ok(files) => files
                        .map(|f| {
                            let f = f.map_err(generic)?;
                            Ok(meta(&location(&f.path)?, &f))
                        })
                        .collect(),
                }
            }
        };
        Box::pin(futures_util::stream::iter(items))
    }

    async fn list_with_delimiter(&self, prefix: Option<&Path>) -> StoreResult<ListResult> {
        let path = prefix
            .map(remote)
            .transpose()?
            .unwrap_or_else(RemotePath::root);
        let mut result = ListResult {
            common_prefixes: Vec::new(),
            objects: Vec::new(),
            extensions: Default::default(),
        };
        for child in self.backend.iter_children(&path).map_err(generic)? {
            match child.map_err(generic)? {
                Child::File(f) => result.objects.push(meta(&location(&f.path)?, &f)),
                Child::Folder(folder) => result.common_prefixes.push(location(&folder.path)?),
            }
        }
        Ok(result)
    }

    async fn copy_opts(&self, from: &Path, to: &Path, options: CopyOptions) -> StoreResult<()> {
        let overwrite = options.mode == CopyMode::Overwrite;
        transfer(MemoryBackend::copy, &self.backend, from, to, overwrite)
    }

    async fn rename_opts(&self, from: &Path, to: &Path, options: RenameOptions) -> StoreResult<()> {
        let overwrite = options.target_mode == RenameTargetMode::Overwrite;
        transfer(MemoryBackend::rename, &self.backend, from, to, overwrite)
    }
}

/// The backend's copy or rename `op` from `from` to `to`, its error named
/// for the source when that is missing, else for the destination.
fn transfer(
    op: fn(&MemoryBackend, &RemotePath, &RemotePath, TransferOptions) -> remote_store::Result<()>,
    backend: &MemoryBackend,
    from: &Path,
    to: &Path,
    overwrite: bool,
) -> StoreResult<()> {
    let (src, dst) = (remote(from)?, remote(to)?);
    op(
        backend,
        &src,
        &dst,
        TransferOptions::new().overwrite(overwrite),
    )
    .map_err(|e| match e.kind() {
        ErrorKind::NotFound => store_error(e, from),
        _ => store_error(e, to),
    })
}

/// A multipart upload: parts in the order they were started, written as
/// one file on `complete`.
#[derive(Debug)]
struct Upload {
    store: MemoryObjectStore,
    location: Path,
    attributes: Attributes,
    parts: Arc<Mutex<Vec<PutPayload>>>,
}

#[async_trait]
impl MultipartUpload for Upload {
    fn put_part(&mut self, data: PutPayload) -> UploadPart {
        self.parts.lock().unwrap().push(data);
        Box::pin(async { Ok(()) })
    }

    async fn complete(&mut self) -> StoreResult<PutResult> {
        let parts = std::mem::take(&mut *self.parts.lock().unwrap());
        let mut data = Vec::new();
        for part in parts {
            for chunk in &part {
                data.extend_from_slice(chunk);
            }
        }
        let opts = PutOptions {
            attributes: self.attributes.clone(),
            ..PutOptions::default()
        };
        self.store.put(&self.location, Bytes::from(data), &opts)
    }

    async fn abort(&mut self) -> StoreResult<()> {
        self.parts.lock().unwrap().clear();
        Ok(())
    }
}
