//! What backends report: file and folder descriptions, children and write
//! results (contract section 2.4).

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::time::SystemTime;

use crate::RemotePath;

/// User metadata stored with a file: string keys to string values.
pub type Metadata = BTreeMap<String, String>;

/// A content digest such as `sha256:ab12...`; both parts lower-cased and trimmed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ContentDigest {
    algorithm: String,
    value: String,
}

impl ContentDigest {
    /// Builds a digest; `None` when the algorithm is empty or the value is not
    /// non-empty hex.
    pub fn new(algorithm: &str, value: &str) -> Option<Self> {
        let algorithm = algorithm.trim().to_ascii_lowercase();
        let value = value.trim().to_ascii_lowercase();
        let valid = !algorithm.is_empty()
            && !value.is_empty()
            && value.bytes().all(|b| b.is_ascii_hexdigit());
        valid.then_some(ContentDigest { algorithm, value })
    }

    /// The algorithm, e.g. `sha256`.
    pub fn algorithm(&self) -> &str {
        &self.algorithm
    }

    /// The lowercase hex value.
    pub fn value(&self) -> &str {
        &self.value
    }
}

/// A file, as listed or described by `get_file_info`.
///
/// Equality and hashing consider the `path` only (contract section 2.4), so
/// sets of `FileInfo` behave like sets of paths; compare fields explicitly to
/// compare content descriptions.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct FileInfo {
    /// Backend-relative (or, from a `Store`, store-relative) path.
    pub path: RemotePath,
    /// The last path segment.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// Last modification time.
    pub modified_at: SystemTime,
    /// A content digest, when the backend knows one.
    pub digest: Option<ContentDigest>,
    /// An entity tag, when the backend has one.
    pub etag: Option<String>,
    /// A content type, when the backend stores one.
    pub content_type: Option<String>,
    /// User metadata; `None` when none was stored or the backend lacks
    /// `USER_METADATA`.
    pub metadata: Option<Metadata>,
}

impl FileInfo {
    /// A file description with the name taken from `path`'s last segment and
    /// no digest, etag, content type or metadata; add those with the `with_`
    /// methods.
    ///
    /// ```
    /// use std::time::SystemTime;
    /// use remote_store::{FileInfo, RemotePath};
    ///
    /// let info = FileInfo::new(RemotePath::parse("a/b.txt")?, 3, SystemTime::UNIX_EPOCH)
    ///     .with_etag("e1");
    /// assert_eq!((info.name.as_str(), info.size), ("b.txt", 3));
    /// assert_eq!(info.etag.as_deref(), Some("e1"));
    /// # Ok::<(), remote_store::Error>(())
    /// ```
    pub fn new(path: RemotePath, size: u64, modified_at: SystemTime) -> Self {
        FileInfo {
            name: path.name().to_owned(),
            path,
            size,
            modified_at,
            digest: None,
            etag: None,
            content_type: None,
            metadata: None,
        }
    }

    /// This description with a content digest.
    pub fn with_digest(mut self, digest: ContentDigest) -> Self {
        self.digest = Some(digest);
        self
    }

    /// This description with an entity tag.
    pub fn with_etag(mut self, etag: impl Into<String>) -> Self {
        self.etag = Some(etag.into());
        self
    }

    /// This description with a content type.
    pub fn with_content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// This description with user metadata (`None` for none).
    pub fn with_metadata(mut self, metadata: Option<Metadata>) -> Self {
        self.metadata = metadata;
        self
    }
}

impl PartialEq for FileInfo {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path
    }
}

impl Eq for FileInfo {}

impl Hash for FileInfo {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.path.hash(state);
    }
}

/// A folder, as listed by `list_folders` or `iter_children`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FolderEntry {
    /// Backend-relative (or store-relative) path, such as `lfd/sub1`.
    pub path: RemotePath,
    /// The last path segment.
    pub name: String,
}

impl FolderEntry {
    /// The entry for `path`, its name taken from the last segment.
    pub fn new(path: RemotePath) -> Self {
        FolderEntry {
            name: path.name().to_owned(),
            path,
        }
    }
}

/// Aggregates over a folder's whole subtree.
///
/// Equality and hashing consider the `path` only, as for [`FileInfo`].
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct FolderInfo {
    /// The folder; the root is `""`.
    pub path: RemotePath,
    /// Number of files in the subtree (folders are not counted).
    pub file_count: u64,
    /// Sum of the sizes of those files.
    pub total_size: u64,
    /// The latest file modification time, `None` for a folder without files.
    pub modified_at: Option<SystemTime>,
}

impl FolderInfo {
    /// The aggregates of the folder at `path`: `file_count` files of
    /// `total_size` bytes in its subtree, the latest modified at
    /// `modified_at` (`None` for a folder without files).
    pub fn new(
        path: RemotePath,
        file_count: u64,
        total_size: u64,
        modified_at: Option<SystemTime>,
    ) -> Self {
        FolderInfo {
            path,
            file_count,
            total_size,
            modified_at,
        }
    }

    /// The last path segment; `""` for the root.
    pub fn name(&self) -> &str {
        self.path.name()
    }
}

impl PartialEq for FolderInfo {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path
    }
}

impl Eq for FolderInfo {}

impl Hash for FolderInfo {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.path.hash(state);
    }
}

/// One immediate child of a folder, as yielded by `iter_children`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Child {
    /// A file.
    File(FileInfo),
    /// A folder.
    Folder(FolderEntry),
}

impl Child {
    /// The child's path.
    pub fn path(&self) -> &RemotePath {
        match self {
            Child::File(info) => &info.path,
            Child::Folder(entry) => &entry.path,
        }
    }

    /// The child's name.
    pub fn name(&self) -> &str {
        match self {
            Child::File(info) => &info.name,
            Child::Folder(entry) => &entry.name,
        }
    }
}

/// Where the fields of a [`WriteResult`] come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WriteSource {
    /// Filled from the backend's own write response (`WRITE_RESULT_NATIVE`).
    Native,
    /// Only `path`, `size` and `metadata` are known; the rich fields are `None`.
    Basic,
    /// Built from `get_file_info` by `Store::head`.
    Sidecar,
}

/// What a write reports. Unlike [`FileInfo`], equality is field-wise.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct WriteResult {
    /// The written path (store-relative when it comes from a `Store`).
    pub path: RemotePath,
    /// Bytes written.
    pub size: u64,
    /// Where the fields come from.
    pub source: WriteSource,
    /// Content digest, for native results that have one.
    pub digest: Option<ContentDigest>,
    /// Entity tag, for native results that have one.
    pub etag: Option<String>,
    /// Version id, for versioned backends.
    pub version_id: Option<String>,
    /// The modification time stored with the file, for native results.
    pub last_modified: Option<SystemTime>,
    /// The caller's metadata, echoed when the `USER_METADATA` gate passed;
    /// `None` when none (or an empty map) was given.
    pub metadata: Option<Metadata>,
}

impl WriteResult {
    /// A basic result: path, size and metadata only.
    pub fn basic(path: RemotePath, size: u64, metadata: Option<Metadata>) -> Self {
        WriteResult {
            path,
            size,
            source: WriteSource::Basic,
            digest: None,
            etag: None,
            version_id: None,
            last_modified: None,
            metadata,
        }
    }

    /// A result from the backend's own write response
    /// ([`WriteSource::Native`]) with the modification time it stored; add
    /// the other fields with the `with_` methods.
    ///
    /// ```
    /// use std::time::SystemTime;
    /// use remote_store::{RemotePath, WriteResult, WriteSource};
    ///
    /// let result = WriteResult::native(RemotePath::parse("a")?, 3, SystemTime::UNIX_EPOCH)
    ///     .with_etag("e1");
    /// assert_eq!((result.source, result.etag.as_deref()), (WriteSource::Native, Some("e1")));
    /// # Ok::<(), remote_store::Error>(())
    /// ```
    pub fn native(path: RemotePath, size: u64, last_modified: SystemTime) -> Self {
        WriteResult {
            source: WriteSource::Native,
            last_modified: Some(last_modified),
            ..WriteResult::basic(path, size, None)
        }
    }

    /// This result with another source.
    pub fn with_source(mut self, source: WriteSource) -> Self {
        self.source = source;
        self
    }

    /// This result with a content digest.
    pub fn with_digest(mut self, digest: ContentDigest) -> Self {
        self.digest = Some(digest);
        self
    }

    /// This result with an entity tag.
    pub fn with_etag(mut self, etag: impl Into<String>) -> Self {
        self.etag = Some(etag.into());
        self
    }

    /// This result with a version id.
    pub fn with_version_id(mut self, version_id: impl Into<String>) -> Self {
        self.version_id = Some(version_id.into());
        self
    }

    /// This result with a modification time (`None` for unknown).
    pub fn with_last_modified(mut self, last_modified: Option<SystemTime>) -> Self {
        self.last_modified = last_modified;
        self
    }

    /// This result with the echoed metadata (`None` for none).
    pub fn with_metadata(mut self, metadata: Option<Metadata>) -> Self {
        self.metadata = metadata;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_normalises_and_validates() {
        let d = ContentDigest::new(" SHA256 ", " AB12 ").unwrap();
        assert_eq!((d.algorithm(), d.value()), ("sha256", "ab12"));
        assert!(ContentDigest::new("", "ab").is_none());
        assert!(ContentDigest::new("md5", "").is_none());
        assert!(ContentDigest::new("md5", "xyz").is_none());
    }

    #[test]
    fn file_info_compares_by_path_only() {
        let path = RemotePath::parse("a.txt").unwrap();
        let one = FileInfo::new(path.clone(), 1, SystemTime::UNIX_EPOCH);
        assert_eq!(one.name, "a.txt");
        let two = FileInfo {
            size: 2,
            ..one.clone()
        };
        assert_eq!(one, two);
        let folder = FolderInfo::new(path, 0, 0, None);
        assert_eq!(folder.name(), "a.txt");
    }

    #[test]
    fn builders_set_every_optional_field() {
        let path = RemotePath::parse("a").unwrap();
        let digest = ContentDigest::new("md5", "ab").unwrap();
        let metadata = Some(Metadata::from([("k".to_owned(), "v".to_owned())]));
        let result = WriteResult::native(path.clone(), 1, SystemTime::UNIX_EPOCH)
            .with_digest(digest.clone())
            .with_etag("e")
            .with_version_id("v1")
            .with_metadata(metadata.clone())
            .with_last_modified(None)
            .with_source(WriteSource::Sidecar);
        assert_eq!(result.digest.as_ref(), Some(&digest));
        assert_eq!(
            (result.etag.as_deref(), result.version_id.as_deref()),
            (Some("e"), Some("v1"))
        );
        assert_eq!(
            (result.last_modified, result.source),
            (None, WriteSource::Sidecar)
        );
        assert_eq!(result.metadata, metadata);
        let info = FileInfo::new(path, 1, SystemTime::UNIX_EPOCH)
            .with_digest(digest.clone())
            .with_content_type("text/plain")
            .with_metadata(metadata.clone());
        assert_eq!(info.digest, Some(digest));
        assert_eq!(info.content_type.as_deref(), Some("text/plain"));
        assert_eq!(info.metadata, metadata);
    }

    #[test]
    fn write_result_compares_field_wise() {
        let path = RemotePath::parse("a").unwrap();
        assert_ne!(
            WriteResult::basic(path.clone(), 1, None),
            WriteResult::basic(path, 2, None)
        );
    }
}
