//! The model's new inputs and checks each catch a bug no other model input
//! would: a wrapper of `MemoryBackend` with one twist per bug, each found
//! from a fixed seed (so this test is deterministic), and a tearing
//! overwrite found by the concurrency check's single-key race.

use std::io::{Cursor, Read, Seek, SeekFrom};

use bytes::Bytes;
use remote_store::backends::MemoryBackend;
use remote_store::model::{ConcurrencyConfig, OracleConfig, check_concurrent, find_divergence};
use remote_store::{
    AtomicWriter, Backend, CapabilitySet, Child, Content, DeleteFolderOptions, DeleteOptions,
    FileInfo, FolderEntry, FolderInfo, ListOptions, Listing, ReadStream, RemotePath, Result,
    SeekRead, TransferOptions, WriteOptions, WriteResult,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Twist {
    /// Keys are case-insensitive: `A` and `a` are one file.
    FoldsCase,
    /// Keys are Unicode-normalised: NFD `e\u{301}` is stored as NFC `é`.
    NormalisesUnicode,
    /// Contents are cut at 64 KiB.
    TruncatesPast64KiB,
    /// An overwrite with metadata keeps the old keys it does not set.
    MergesMetadata,
    /// `rename` is a copy and a delete: the file gets a new time.
    RenameRestamps,
    /// `SeekFrom::End(n)` of a seekable read ignores `n`.
    SeekEndIgnoresOffset,
    /// A recursive listing stops five levels below the listed folder.
    ListingStopsAtDepth5,
    /// `exists` is false for dot-files (the other probes are right).
    ExistsHidesDotFiles,
    /// An overwrite first empties the file, then writes it.
    OverwriteTears,
}

#[derive(Debug)]
struct Twisted {
    inner: MemoryBackend,
    twist: Twist,
}

impl Twisted {
    fn new(twist: Twist) -> Self {
        Twisted {
            inner: MemoryBackend::new(),
            twist,
        }
    }

    /// The key a path is stored under.
    fn key(&self, path: &RemotePath) -> RemotePath {
        let text = match self.twist {
            Twist::FoldsCase => path.as_str().to_lowercase(),
            Twist::NormalisesUnicode => path.as_str().replace("e\u{301}", "\u{e9}"),
            _ => return path.clone(),
        };
        RemotePath::parse(&text).unwrap_or_else(|_| path.clone())
    }

    fn content<'a>(&self, content: Content<'a>, path: &RemotePath) -> Result<Content<'a>> {
        if self.twist != Twist::TruncatesPast64KiB {
            return Ok(content);
        }
        let bytes = content.into_bytes(path)?;
        Ok(Content::from(bytes.slice(..bytes.len().min(65_536))))
    }

    fn options(&self, path: &RemotePath, options: &WriteOptions) -> WriteOptions {
        let mut options = options.clone();
        if self.twist == Twist::MergesMetadata {
            if let (Some(new), Ok(old)) = (&options.metadata, self.inner.get_file_info(path)) {
                let mut merged = old.metadata.unwrap_or_default();
                merged.extend(new.clone());
                options.metadata = Some(merged);
            }
        }
        options
    }

    fn put(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
        atomic: bool,
    ) -> Result<WriteResult> {
        let path = self.key(path);
        let content = self.content(content, &path)?;
        let merged = self.options(&path, options);
        if self.twist == Twist::OverwriteTears && options.overwrite && self.inner.is_file(&path)? {
            self.inner.write(&path, Content::from(""), &merged)?;
            // The window a slow remote upload would leave open.
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        let mut result = if atomic {
            self.inner.write_atomic(&path, content, &merged)
        } else {
            self.inner.write(&path, content, &merged)
        }?;
        result.metadata = options.effective_metadata().cloned();
        Ok(result)
    }
}

/// A seekable read whose `End(n)` seeks to the end, whatever `n`.
struct EndIgnoresOffset(Cursor<Bytes>);

impl Read for EndIgnoresOffset {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.0.read(buf)
    }
}

impl Seek for EndIgnoresOffset {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        match pos {
            SeekFrom::End(_) => self.0.seek(SeekFrom::End(0)),
            other => self.0.seek(other),
        }
    }
}

impl Backend for Twisted {
    fn name(&self) -> &str {
        "twisted"
    }

    fn capabilities(&self) -> CapabilitySet {
        self.inner.capabilities()
    }

    fn exists(&self, path: &RemotePath) -> Result<bool> {
        if self.twist == Twist::ExistsHidesDotFiles && path.name().starts_with('.') {
            return Ok(false);
        }
        self.inner.exists(&self.key(path))
    }

    fn is_file(&self, path: &RemotePath) -> Result<bool> {
        self.inner.is_file(&self.key(path))
    }

    fn is_folder(&self, path: &RemotePath) -> Result<bool> {
        self.inner.is_folder(&self.key(path))
    }

    fn read(&self, path: &RemotePath) -> Result<ReadStream> {
        self.inner.read(&self.key(path))
    }

    fn read_bytes(&self, path: &RemotePath) -> Result<Bytes> {
        self.inner.read_bytes(&self.key(path))
    }

    fn read_seekable(&self, path: &RemotePath) -> Result<Box<dyn SeekRead>> {
        let path = self.key(path);
        if self.twist == Twist::SeekEndIgnoresOffset {
            let bytes = self.inner.read_bytes(&path)?;
            return Ok(Box::new(EndIgnoresOffset(Cursor::new(bytes))));
        }
        self.inner.read_seekable(&path)
    }

    fn write(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        self.put(path, content, options, false)
    }

    fn write_atomic(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        self.put(path, content, options, true)
    }

    fn open_atomic(
        &self,
        path: &RemotePath,
        options: &WriteOptions,
    ) -> Result<Box<dyn AtomicWriter + '_>> {
        self.inner.open_atomic(&self.key(path), options)
    }

    fn delete(&self, path: &RemotePath, options: DeleteOptions) -> Result<()> {
        self.inner.delete(&self.key(path), options)
    }

    fn delete_folder(&self, path: &RemotePath, options: DeleteFolderOptions) -> Result<()> {
        self.inner.delete_folder(&self.key(path), options)
    }

    fn list_files(&self, path: &RemotePath, options: ListOptions) -> Result<Listing<'_, FileInfo>> {
        let listing = self.inner.list_files(&self.key(path), options)?;
        if self.twist != Twist::ListingStopsAtDepth5 {
            return Ok(listing);
        }
        let base = path.depth();
        Ok(Box::new(listing.filter(move |f| {
            f.as_ref().map_or(true, |f| f.path.depth() - 1 - base < 5)
        })))
    }

    fn list_folders(&self, path: &RemotePath) -> Result<Listing<'_, FolderEntry>> {
        self.inner.list_folders(&self.key(path))
    }

    fn iter_children(&self, path: &RemotePath) -> Result<Listing<'_, Child>> {
        self.inner.iter_children(&self.key(path))
    }

    fn get_file_info(&self, path: &RemotePath) -> Result<FileInfo> {
        self.inner.get_file_info(&self.key(path))
    }

    fn get_folder_info(&self, path: &RemotePath) -> Result<FolderInfo> {
        self.inner.get_folder_info(&self.key(path))
    }

    fn rename(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()> {
        let (src, dst) = (self.key(src), self.key(dst));
        if self.twist == Twist::RenameRestamps && src != dst {
            std::thread::sleep(std::time::Duration::from_millis(2));
            self.inner.copy(&src, &dst, options)?;
            return self.inner.delete(&src, DeleteOptions::new());
        }
        self.inner.rename(&src, &dst, options)
    }

    fn copy(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()> {
        self.inner.copy(&self.key(src), &self.key(dst), options)
    }
}

#[test]
fn each_twist_is_found_by_the_model() {
    let twists = [
        Twist::FoldsCase,
        Twist::NormalisesUnicode,
        Twist::TruncatesPast64KiB,
        Twist::MergesMetadata,
        Twist::RenameRestamps,
        Twist::SeekEndIgnoresOffset,
        Twist::ListingStopsAtDepth5,
        Twist::ExistsHidesDotFiles,
    ];
    let config = OracleConfig::new()
        .seed(11)
        .cases(512)
        .ordered_listings(true);
    let mut missed = Vec::new();
    for twist in twists {
        match find_divergence(|| Twisted::new(twist), &config) {
            Some(found) => println!("{twist:?}:\n{found}\n"),
            None => missed.push(twist),
        }
    }
    assert!(missed.is_empty(), "not found in 512 sequences: {missed:?}");
}

#[test]
fn a_tearing_overwrite_is_found_by_the_single_key_race() {
    let backend = Twisted::new(Twist::OverwriteTears);
    let violations = check_concurrent(&backend, &ConcurrencyConfig::new().seed(5))
        .expect_err("a reader sees the emptied file");
    assert!(
        violations.iter().any(|v| v.contains("torn or partial")),
        "{violations:#?}"
    );
}
