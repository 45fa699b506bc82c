//! `s3s-fs` keeps objects as files in directories, which departs from S3 in
//! two ways that have nothing to do with the client under test; this shim
//! in front of it restores S3's answers (PROVING.md, "the test server"):
//!
//! * a `HEAD` or `GET` of a key that is a directory on its disk (a key that
//!   other keys are under) answers 500; S3 answers 404 `NoSuchKey`;
//! * deleting the last key under a prefix leaves the directory behind, and
//!   a later put of that prefix as a key fails; S3 has no directories.
//!
//! Every other operation goes to `s3s-fs` unchanged.

use std::path::{Path, PathBuf};

use s3s::dto::{
    CopyObjectInput, CopyObjectOutput, DeleteObjectInput, DeleteObjectOutput, DeleteObjectsInput,
    DeleteObjectsOutput, GetObjectInput, GetObjectOutput, HeadObjectInput, HeadObjectOutput,
    ListObjectsV2Input, ListObjectsV2Output, PutObjectInput, PutObjectOutput,
};
use s3s::{S3, S3Request, S3Response, S3Result, s3_error};
use s3s_fs::FileSystem;

/// `s3s-fs` with S3's answers for directories on its disk.
pub struct ObjectSemantics {
    fs: FileSystem,
    root: PathBuf,
}

impl ObjectSemantics {
    /// The shim over `fs`, whose data is in `root`.
    pub fn new(fs: FileSystem, root: PathBuf) -> Self {
        ObjectSemantics { fs, root }
    }

    /// S3's `NoSuchKey` for a key that is a directory on the disk.
    fn refuse_directory(&self, bucket: &str, key: &str) -> S3Result<()> {
        if self.root.join(bucket).join(key).is_dir() {
            return Err(s3_error!(NoSuchKey));
        }
        Ok(())
    }

    /// Removes the directories that deleting `key` left empty.
    fn prune(&self, bucket: &str, key: &str) {
        let top = self.root.join(bucket);
        let mut dir: Option<&Path> = Path::new(key).parent();
        while let Some(relative) = dir.filter(|d| !d.as_os_str().is_empty()) {
            if std::fs::remove_dir(top.join(relative)).is_err() {
                break;
            }
            dir = relative.parent();
        }
    }
}

#[async_trait::async_trait]
impl S3 for ObjectSemantics {
    async fn head_object(
        &self,
        req: S3Request<HeadObjectInput>,
    ) -> S3Result<S3Response<HeadObjectOutput>> {
        self.refuse_directory(&req.input.bucket, &req.input.key)?;
        self.fs.head_object(req).await
    }

    async fn get_object(
        &self,
        req: S3Request<GetObjectInput>,
    ) -> S3Result<S3Response<GetObjectOutput>> {
        self.refuse_directory(&req.input.bucket, &req.input.key)?;
        self.fs.get_object(req).await
    }

    async fn delete_object(
        &self,
        req: S3Request<DeleteObjectInput>,
    ) -> S3Result<S3Response<DeleteObjectOutput>> {
        let (bucket, key) = (req.input.bucket.clone(), req.input.key.clone());
        let deleted = self.fs.delete_object(req).await;
        self.prune(&bucket, &key);
        deleted
    }

    async fn delete_objects(
        &self,
        req: S3Request<DeleteObjectsInput>,
    ) -> S3Result<S3Response<DeleteObjectsOutput>> {
        let bucket = req.input.bucket.clone();
        let keys: Vec<String> = req
            .input
            .delete
            .objects
            .iter()
            .map(|o| o.key.clone())
            .collect();
        let deleted = self.fs.delete_objects(req).await;
        for key in keys {
            self.prune(&bucket, &key);
        }
        deleted
    }

    async fn put_object(
        &self,
        req: S3Request<PutObjectInput>,
    ) -> S3Result<S3Response<PutObjectOutput>> {
        self.fs.put_object(req).await
    }

    async fn copy_object(
        &self,
        req: S3Request<CopyObjectInput>,
    ) -> S3Result<S3Response<CopyObjectOutput>> {
        self.fs.copy_object(req).await
    }

    async fn list_objects_v2(
        &self,
        req: S3Request<ListObjectsV2Input>,
    ) -> S3Result<S3Response<ListObjectsV2Output>> {
        self.fs.list_objects_v2(req).await
    }
}
