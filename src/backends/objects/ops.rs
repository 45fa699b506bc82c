//! Probes, reads, writes and deletes of single keys.

use bytes::Bytes;
use object_store::path::Path;
use object_store::{
    Attribute, AttributeValue, Attributes, GetOptions, GetResult, ObjectStore, ObjectStoreExt,
    PutMode, PutOptions, PutPayload,
};

use super::errors::{is_already_exists, is_not_found, map_error, ours};
use super::{ObjectStoreBackend, listing};
use crate::aio::streams::FilterMapStream;
use crate::aio::{AsyncContent, ByteStream};
use crate::{
    Capability, DeleteOptions, Error, FileInfo, Metadata, RemotePath, Result, WriteOptions,
    WriteResult,
};

impl ObjectStoreBackend {
    /// Whether a key exists at `path`. A failure that is not "not found" is
    /// "no file" when a file in the way explains it (stores on a file system
    /// fail to look under a file).
    pub(super) async fn probe_file(&self, path: &RemotePath) -> Result<bool> {
        if path.is_root() {
            return Ok(false);
        }
        match self.store.head(&self.key(path)?).await {
            Ok(_) => Ok(true),
            Err(e) if is_not_found(&e) => Ok(false),
            Err(e) => match self.file_in_the_way(path).await {
                Some(_) => Ok(false),
                None => Err(map_error(e, path, "looking up the file")),
            },
        }
    }

    /// The closest proper ancestor of `path` that is a file, if any.
    pub(super) async fn file_in_the_way(&self, path: &RemotePath) -> Option<RemotePath> {
        let mut ancestor = path.parent();
        while let Some(folder) = ancestor {
            if folder.is_root() {
                return None;
            }
            let key = self.key(&folder).ok()?;
            if self.store.head(&key).await.is_ok() {
                return Some(folder);
            }
            ancestor = folder.parent();
        }
        None
    }

    /// `get` of a file: `InvalidPath` for the root or a folder, `NotFound`
    /// for a missing path (also under a file).
    pub(super) async fn get_file(&self, path: &RemotePath, head: bool) -> Result<GetResult> {
        if path.is_root() {
            return Err(ours(Error::root_is_not_a_file(path)));
        }
        let options = GetOptions {
            head,
            ..GetOptions::default()
        };
        match self.store.get_opts(&self.key(path)?, options).await {
            Ok(result) => Ok(result),
            Err(e) => Err(self.explain_missing(path, e, "reading").await),
        }
    }

    /// What a failed `get` of `path` means: a folder is `InvalidPath`; a
    /// path with a file in the way, or a missing key, `NotFound`.
    async fn explain_missing(
        &self,
        path: &RemotePath,
        error: object_store::Error,
        doing: &str,
    ) -> Error {
        if matches!(listing::probe_folder(self, path).await, Ok(true)) {
            return ours(Error::not_a_file(path));
        }
        if is_not_found(&error) || self.file_in_the_way(path).await.is_some() {
            return ours(Error::file_not_found(path));
        }
        map_error(error, path, doing)
    }

    pub(super) async fn read_all(&self, path: &RemotePath) -> Result<Bytes> {
        let result = self.get_file(path, false).await?;
        result
            .bytes()
            .await
            .map_err(|e| map_error(e, path, "reading the content"))
    }

    pub(super) async fn read_stream(&self, path: &RemotePath) -> Result<ByteStream<'static>> {
        let result = self.get_file(path, false).await?;
        let owned = path.clone();
        let chunks = result.into_stream();
        Ok(Box::pin(FilterMapStream::new(chunks, move |chunk| {
            Some(chunk.map_err(|e| map_error(e, &owned, "reading the content")))
        })))
    }

    pub(super) async fn head_file(&self, path: &RemotePath) -> Result<FileInfo> {
        let result = self.get_file(path, true).await?;
        let metadata = self.user_metadata(&result.attributes);
        Ok(self.file_info(path.clone(), &result.meta, metadata))
    }

    /// The user metadata among `attributes` (`None` when there is none, or
    /// when the store is not declared to keep it).
    fn user_metadata(&self, attributes: &Attributes) -> Option<Metadata> {
        if !self.traits.user_metadata {
            return None;
        }
        let metadata: Metadata = attributes
            .iter()
            .filter_map(|(attribute, value)| match attribute {
                Attribute::Metadata(key) => Some((key.to_string(), value.as_ref().to_owned())),
                _ => None,
            })
            .collect();
        (!metadata.is_empty()).then_some(metadata)
    }

    /// `write` and `write_atomic`: one put is atomic on every object store.
    pub(super) async fn put_file(
        &self,
        path: &RemotePath,
        content: AsyncContent<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        let metadata = self.check_write(path, options)?;
        let data = content.into_bytes(path).await.map_err(ours)?;
        self.publish(path, data, options.overwrite, metadata).await
    }

    /// The checks a write makes before reading its content: the root, and
    /// user metadata the store does not keep.
    pub(super) fn check_write(
        &self,
        path: &RemotePath,
        options: &WriteOptions,
    ) -> Result<Option<Metadata>> {
        if path.is_root() {
            return Err(ours(Error::root_is_not_a_file(path)));
        }
        let metadata = options.effective_metadata().cloned();
        if metadata.is_some() && !self.traits.user_metadata {
            return Err(ours(Error::CapabilityNotSupported {
                capability: Capability::USER_METADATA,
                path: path.as_str().to_owned(),
                backend: None,
                reason: "this object store does not keep user metadata".to_owned(),
            }));
        }
        Ok(metadata)
    }

    /// Puts `data` at `path` after the type and no-clobber checks.
    pub(super) async fn publish(
        &self,
        path: &RemotePath,
        data: Bytes,
        overwrite: bool,
        metadata: Option<Metadata>,
    ) -> Result<WriteResult> {
        if listing::probe_folder(self, path).await? {
            return Err(ours(Error::folder_in_the_way(path)));
        }
        let key = self.key(path)?;
        let mode = if overwrite {
            PutMode::Overwrite
        } else if self.traits.conditional_put {
            PutMode::Create
        } else {
            if self.probe_file(path).await? {
                return Err(exists(path));
            }
            PutMode::Overwrite
        };
        let mut attributes = Attributes::new();
        for (name, value) in metadata.iter().flatten() {
            attributes.insert(
                Attribute::Metadata(name.clone().into()),
                AttributeValue::from(value.clone()),
            );
        }
        let size = data.len() as u64;
        let options = PutOptions {
            mode,
            attributes,
            ..PutOptions::default()
        };
        match self
            .store
            .put_opts(&key, PutPayload::from(data), options)
            .await
        {
            Ok(_) => Ok(WriteResult::basic(path.clone(), size, metadata)),
            Err(e) if is_already_exists(&e) && !overwrite => Err(exists(path)),
            Err(e) => Err(self.refused_under_a_file(path, e, "writing").await),
        }
    }

    /// A failed write: `InvalidPath` for `path`, its message naming the file
    /// in the way, when one
    /// explains it (a store on a file system cannot write under a file),
    /// else the mapped error.
    pub(super) async fn refused_under_a_file(
        &self,
        path: &RemotePath,
        error: object_store::Error,
        doing: &str,
    ) -> Error {
        match self.file_in_the_way(path).await {
            Some(file) => ours(Error::file_in_the_way(path, file)),
            None => map_error(error, path, doing),
        }
    }

    pub(super) async fn delete_file(
        &self,
        path: &RemotePath,
        options: DeleteOptions,
    ) -> Result<()> {
        if path.is_root() {
            return Err(ours(Error::not_a_file(path)));
        }
        if !self.probe_file(path).await? {
            if listing::probe_folder(self, path).await? {
                return Err(ours(Error::not_a_file(path)));
            }
            if options.missing_ok {
                return Ok(());
            }
            return Err(ours(Error::file_not_found(path)));
        }
        self.delete_key(path, &self.key(path)?).await
    }

    pub(super) async fn delete_key(&self, path: &RemotePath, key: &Path) -> Result<()> {
        match self.store.delete(key).await {
            Ok(()) => Ok(()),
            Err(e) if is_not_found(&e) => Ok(()),
            Err(e) => Err(map_error(e, path, "deleting")),
        }
    }
}

/// `AlreadyExists` for a no-clobber write onto an existing file.
pub(super) fn exists(path: &RemotePath) -> Error {
    ours(Error::file_already_exists(path))
}
