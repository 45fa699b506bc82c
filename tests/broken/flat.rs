//! A from-scratch object-store-like backend: a sorted map from full key to
//! object, folders implied by keys (a flat namespace). [`FlatBug::None`] is
//! correct; every other [`FlatBug`] is one way such stores go wrong, many of
//! them only for some inputs (see `flat_bugs.rs`).

use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;
use std::sync::Mutex;
use std::time::SystemTime;

use bytes::Bytes;
use remote_store::{
    AtomicWriter, Backend, Capability, CapabilitySet, Content, DeleteFolderOptions, DeleteOptions,
    Error, FileInfo, FolderEntry, FolderInfo, ListOptions, Listing, Metadata, ReadStream,
    RemotePath, Result, SeekRead, TransferOptions, WriteOptions, WriteResult,
};

use super::buffered::Buffered;
pub use super::flat_bugs::FlatBug;
use super::flat_streams::{Ranged, drain};

#[derive(Clone, Debug)]
struct Object {
    content: Bytes,
    modified: SystemTime,
    metadata: Option<Metadata>,
}

type Map = BTreeMap<String, Object>;

/// The object store. `bug` selects the one misbehaviour.
#[derive(Default)]
pub struct FlatStore {
    objects: Mutex<Map>,
    overwrites: Mutex<HashMap<String, u32>>,
    bug: FlatBug,
}

impl std::fmt::Debug for FlatStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "FlatStore(flat-store, {} objects, {:?})",
            self.map().len(),
            self.bug
        )
    }
}

/// Whether `key` lies under `folder` (slash-aligned unless `loose`).
fn under(key: &str, folder: &RemotePath, loose: bool) -> bool {
    if folder.is_root() {
        return true;
    }
    match key.strip_prefix(folder.as_str()) {
        Some(rest) => rest.starts_with('/') || (loose && !rest.is_empty()),
        None => false,
    }
}

fn exists(path: &RemotePath) -> Error {
    Error::already_exists(path.as_str(), format!("exists: {path}"))
}

fn below(key: &str, folder: &RemotePath) -> usize {
    key.split('/').count() - folder.depth() - 1
}

impl FlatStore {
    /// A fresh, empty store with `bug`.
    pub fn new(bug: FlatBug) -> Self {
        FlatStore {
            bug,
            ..FlatStore::default()
        }
    }

    fn is(&self, bug: FlatBug) -> bool {
        self.bug == bug
    }

    fn map(&self) -> std::sync::MutexGuard<'_, Map> {
        self.objects.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The key a path is stored under.
    fn key(&self, path: &RemotePath) -> String {
        let key = path.as_str();
        match self.bug {
            FlatBug::CaseInsensitiveKeys => key.to_lowercase(),
            FlatBug::NormalizesToNfc => key.replace("e\u{301}", "\u{e9}"),
            _ => key.to_owned(),
        }
    }

    fn is_folder_in(&self, map: &Map, path: &RemotePath) -> bool {
        let loose = self.is(FlatBug::PrefixIsAFolder);
        path.is_root() || map.keys().any(|key| under(key, path, loose))
    }

    fn missing(&self, path: &RemotePath, what: &str) -> Error {
        let reported = if self.is(FlatBug::ErrorPathHasTheBucket) {
            format!("bucket/{path}")
        } else {
            path.to_string()
        };
        Error::not_found(reported, format!("{what} not found: {path}"))
    }

    fn object(&self, path: &RemotePath) -> Result<Object> {
        let map = self.map();
        if path.is_root() || self.is_folder_in(&map, path) {
            return Err(Error::invalid_path(path.as_str(), "Not a file"));
        }
        match map.get(&self.key(path)) {
            Some(o) if self.is(FlatBug::EmptyObjectIsAFolderMarker) && o.content.is_empty() => {
                Err(self.missing(path, "File"))
            }
            Some(o) => Ok(o.clone()),
            None => Err(self.missing(path, "File")),
        }
    }

    fn check_target(&self, map: &Map, path: &RemotePath, overwrite: bool) -> Result<()> {
        if path.is_root() || self.is_folder_in(map, path) {
            return Err(Error::invalid_path(path.as_str(), "a folder or the root"));
        }
        if map.contains_key(&self.key(path)) && !overwrite {
            return Err(exists(path));
        }
        Ok(())
    }

    pub(super) fn put(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        if path.is_root() {
            return Err(Error::invalid_path("", "Cannot write to the root"));
        }
        let bytes = drain(self.bug, path, content)?;
        if self.is(FlatBug::CreateChecksThenActs) && !options.overwrite {
            self.check_target(&self.map(), path, false)?;
            std::thread::sleep(std::time::Duration::from_millis(2));
            return self.store(path, bytes, options, true);
        }
        self.store(path, bytes, options, options.overwrite)
    }

    fn store(
        &self,
        path: &RemotePath,
        bytes: Bytes,
        options: &WriteOptions,
        overwrite: bool,
    ) -> Result<WriteResult> {
        let mut map = self.map();
        self.check_target(&map, path, overwrite)?;
        let key = self.key(path);
        let previous = map.get(&key).cloned();
        if previous.is_some() {
            let mut counts = self.overwrites.lock().unwrap_or_else(|p| p.into_inner());
            let count = counts.entry(key.clone()).or_insert(0);
            *count += 1;
            if self.is(FlatBug::SecondOverwriteIgnored) && *count == 2 {
                return Ok(WriteResult::basic(
                    path.clone(),
                    bytes.len() as u64,
                    options.effective_metadata().cloned(),
                ));
            }
        }
        let mut metadata = options.effective_metadata().cloned();
        match (&self.bug, previous) {
            (FlatBug::OverwriteMergesMetadata, Some(old)) => {
                if let (Some(old), Some(new)) = (old.metadata, metadata.as_mut()) {
                    for (k, v) in old {
                        new.entry(k).or_insert(v);
                    }
                }
            }
            (FlatBug::OverwriteWithoutMetadataKeepsIt, Some(old)) if metadata.is_none() => {
                metadata = old.metadata;
            }
            _ => {}
        }
        let size = bytes.len() as u64;
        let modified = if self.is(FlatBug::OverwriteTimeIsTheEpoch) && map.contains_key(&key) {
            SystemTime::UNIX_EPOCH
        } else {
            SystemTime::now()
        };
        if self.is(FlatBug::WriteAtomicPublishesInTwoSteps) && bytes.len() > 1 {
            let half = bytes.slice(..bytes.len() / 2);
            map.insert(
                key.clone(),
                Object {
                    content: half,
                    modified,
                    metadata: metadata.clone(),
                },
            );
            drop(map);
            std::thread::sleep(std::time::Duration::from_millis(1));
            map = self.map();
        }
        map.insert(
            key,
            Object {
                content: bytes,
                modified,
                metadata,
            },
        );
        Ok(WriteResult::basic(
            path.clone(),
            size,
            options.effective_metadata().cloned(),
        ))
    }

    fn info(&self, key: &str, object: &Object, listed: bool) -> Result<FileInfo> {
        let mut size = object.content.len() as u64;
        if listed && self.is(FlatBug::ListedSizeIsSixteenBits) {
            size &= 0xffff;
        }
        let mut shown = key.to_owned();
        if listed && self.is(FlatBug::ListingEncodesSpaces) {
            shown = shown.replace(' ', "+");
        }
        Ok(
            FileInfo::new(RemotePath::parse(&shown)?, size, object.modified)
                .with_metadata(object.metadata.clone()),
        )
    }

    fn transfer(
        &self,
        src: &RemotePath,
        dst: &RemotePath,
        options: TransferOptions,
        keep_source: bool,
    ) -> Result<()> {
        let mut object = self.object(src)?;
        if src == dst {
            return Ok(());
        }
        let overwrite =
            options.overwrite || (keep_source && self.is(FlatBug::CopyIgnoresOverwrite));
        let mut map = self.map();
        if dst.is_root() || self.is_folder_in(&map, dst) {
            return Err(Error::invalid_path(dst.as_str(), "a folder or the root"));
        }
        if map.contains_key(&self.key(dst)) && !overwrite {
            return Err(exists(dst));
        }
        if keep_source || self.is(FlatBug::RenameResetsTheTime) {
            object.modified = SystemTime::now();
        }
        if !keep_source {
            map.remove(&self.key(src));
        }
        map.insert(self.key(dst), object);
        Ok(())
    }
}

impl Backend for FlatStore {
    fn name(&self) -> &str {
        "flat-store"
    }

    fn capabilities(&self) -> CapabilitySet {
        // rename runs under the map's one lock, so ATOMIC_MOVE holds.
        CapabilitySet::all()
            .without(Capability::GLOB)
            .without(Capability::LAZY_READ)
            .without(Capability::WRITE_RESULT_NATIVE)
    }

    fn exists(&self, path: &RemotePath) -> Result<bool> {
        Ok(self.is_file(path)? || self.is_folder(path)?)
    }

    fn is_file(&self, path: &RemotePath) -> Result<bool> {
        let map = self.map();
        let found = map.get(&self.key(path));
        let marker = self.is(FlatBug::EmptyObjectIsAFolderMarker)
            && found.is_some_and(|o| o.content.is_empty());
        Ok(!path.is_root() && found.is_some() && !marker)
    }

    fn is_folder(&self, path: &RemotePath) -> Result<bool> {
        Ok(self.is_folder_in(&self.map(), path))
    }

    fn read(&self, path: &RemotePath) -> Result<ReadStream> {
        Ok(ReadStream::from_bytes(self.object(path)?.content))
    }

    fn read_bytes(&self, path: &RemotePath) -> Result<Bytes> {
        Ok(self.object(path)?.content)
    }

    fn read_seekable(&self, path: &RemotePath) -> Result<Box<dyn SeekRead>> {
        let content = self.object(path)?.content;
        Ok(Box::new(Ranged {
            cursor: Cursor::new(content),
            bug: self.bug,
        }))
    }

    fn write(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        self.put(path, content, options)
    }

    fn write_atomic(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        self.put(path, content, options)
    }

    fn open_atomic(
        &self,
        path: &RemotePath,
        options: &WriteOptions,
    ) -> Result<Box<dyn AtomicWriter + '_>> {
        if path.is_root() {
            return Err(Error::invalid_path("", "Cannot write to the root"));
        }
        if !options.overwrite && self.map().contains_key(&self.key(path)) {
            return Err(exists(path));
        }
        let mut options = options.clone();
        if self.is(FlatBug::OpenAtomicChecksOnlyOnOpen) {
            options.overwrite = true;
        }
        let path = path.clone();
        Ok(Buffered::boxed(move |bytes| {
            self.put(&path, Content::from(bytes), &options)
        }))
    }

    fn delete(&self, path: &RemotePath, options: DeleteOptions) -> Result<()> {
        let mut map = self.map();
        if path.is_root() || self.is_folder_in(&map, path) {
            return Err(Error::invalid_path(path.as_str(), "Not a file"));
        }
        let missing_ok = options.missing_ok && !self.is(FlatBug::DeleteIgnoresMissingOk);
        match map.remove(&self.key(path)) {
            Some(_) => Ok(()),
            None if missing_ok => Ok(()),
            None => Err(self.missing(path, "File")),
        }
    }

    fn delete_folder(&self, path: &RemotePath, options: DeleteFolderOptions) -> Result<()> {
        let mut map = self.map();
        if path.is_root() {
            return Err(Error::invalid_path("", "Cannot delete the root"));
        }
        if map.contains_key(&self.key(path)) {
            return Err(Error::invalid_path(path.as_str(), "Not a folder"));
        }
        if !self.is_folder_in(&map, path) {
            return if options.missing_ok {
                Ok(())
            } else {
                Err(self.missing(path, "Folder"))
            };
        }
        if !options.recursive && !self.is(FlatBug::DeleteFolderIgnoresRecursive) {
            return Err(Error::directory_not_empty(path.as_str()));
        }
        let loose = self.is(FlatBug::RecursiveDeleteTakesPrefixSiblings);
        map.retain(|key, _| !under(key, path, loose));
        Ok(())
    }

    fn list_files(&self, path: &RemotePath, options: ListOptions) -> Result<Listing<'_, FileInfo>> {
        let loose = self.is(FlatBug::ListingMatchesRawPrefixes);
        let base = if self.is(FlatBug::MaxDepthFromTheBucketRoot) {
            RemotePath::root()
        } else {
            path.clone()
        };
        let map = self.map();
        let files: Vec<Result<FileInfo>> = map
            .iter()
            .filter(|(key, _)| under(key, path, loose))
            .filter(|(key, _)| {
                let depth = below(key, path);
                if self.is(FlatBug::RecursiveListingStopsAtDepth4) && depth >= 4 {
                    return false;
                }
                if options.recursive {
                    options.max_depth.is_none_or(|max| below(key, &base) <= max)
                } else {
                    depth == 0
                }
            })
            .map(|(key, object)| self.info(key, object, true))
            .collect();
        Ok(Box::new(files.into_iter()))
    }

    fn list_folders(&self, path: &RemotePath) -> Result<Listing<'_, FolderEntry>> {
        let mut names: Vec<String> = self
            .map()
            .keys()
            .filter(|key| under(key, path, false))
            .filter_map(|key| {
                let rest = if path.is_root() {
                    key.as_str()
                } else {
                    &key[path.as_str().len() + 1..]
                };
                rest.split_once('/').map(|(first, _)| first.to_owned())
            })
            .filter(|name| !(self.is(FlatBug::HiddenFoldersNotListed) && name.starts_with('.')))
            .collect();
        names.dedup();
        let entries: Vec<Result<FolderEntry>> = names
            .iter()
            .map(|n| path.join(n).map(FolderEntry::new))
            .collect();
        Ok(Box::new(entries.into_iter()))
    }

    fn get_file_info(&self, path: &RemotePath) -> Result<FileInfo> {
        let object = self.object(path)?;
        self.info(path.as_str(), &object, false)
    }

    fn get_folder_info(&self, path: &RemotePath) -> Result<FolderInfo> {
        let map = self.map();
        if !path.is_root() && map.contains_key(&self.key(path)) {
            return Err(Error::invalid_path(path.as_str(), "Not a folder"));
        }
        if !self.is_folder_in(&map, path) {
            return Err(self.missing(path, "Folder"));
        }
        let loose = self.is(FlatBug::FolderInfoCountsPrefixSiblings);
        let files: Vec<&Object> = map
            .iter()
            .filter(|(k, _)| under(k, path, loose))
            .map(|(_, o)| o)
            .collect();
        Ok(FolderInfo::new(
            path.clone(),
            files.len() as u64,
            files.iter().map(|o| o.content.len() as u64).sum(),
            files.iter().map(|o| o.modified).max(),
        ))
    }

    fn rename(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()> {
        self.transfer(src, dst, options, false)
    }

    fn copy(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()> {
        self.transfer(src, dst, options, true)
    }
}
