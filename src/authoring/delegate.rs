//! [`Delegate`]: a backend that wraps another and overrides only some methods.

use std::sync::Arc;

use bytes::Bytes;

use crate::{
    AtomicWriter, Backend, CapabilitySet, Child, Content, DeleteFolderOptions, DeleteOptions,
    FileInfo, FolderEntry, FolderInfo, ListOptions, Listing, ReadStream, RemotePath, Result,
    SeekRead, TransferOptions, WriteOptions, WriteResult,
};

/// A backend that wraps another one: every method forwards to
/// [`inner`](Delegate::inner) unless overridden, and every `Delegate` is a
/// [`Backend`] (a blanket impl), so a wrapper writes only what differs.
///
/// The methods mirror [`Backend`]'s one for one, but take `this: &Self`
/// instead of `&self` (as [`Arc::downgrade`] does): they are not methods in
/// the `x.read(p)` sense, so a call on a wrapper always means
/// [`Backend::read`], with no ambiguity when both traits are in scope.
/// Inside an override, `this.inner()` is the wrapped backend and `this.read(p)`
/// the wrapper itself.
///
/// ```
/// use std::sync::atomic::{AtomicUsize, Ordering};
///
/// use remote_store::backends::MemoryBackend;
/// use remote_store::{Backend, Delegate, ReadStream, RemotePath, Result, Store};
///
/// /// Counts reads; everything else is the memory backend's.
/// #[derive(Debug, Default)]
/// struct CountingReads {
///     inner: MemoryBackend,
///     reads: AtomicUsize,
/// }
///
/// impl Delegate for CountingReads {
///     type Inner = MemoryBackend;
///     fn inner(&self) -> &MemoryBackend {
///         &self.inner
///     }
///     fn read(this: &Self, path: &RemotePath) -> Result<ReadStream> {
///         this.reads.fetch_add(1, Ordering::Relaxed);
///         this.inner().read(path)
///     }
/// }
///
/// let backend = std::sync::Arc::new(CountingReads::default());
/// let store = Store::new(backend.clone(), "")?;
/// store.write_text("a.txt", "x")?;
/// std::io::read_to_string(store.read("a.txt")?).unwrap();
/// assert_eq!(backend.reads.load(Ordering::Relaxed), 1);
/// assert_eq!(backend.name(), "memory");
/// # Ok::<(), remote_store::Error>(())
/// ```
///
/// `Box<B>`, `Arc<B>` and `&'static B` are delegates of their `B`, which is
/// how they are backends.
pub trait Delegate: std::fmt::Debug + Send + Sync + 'static {
    /// The wrapped backend's type (`dyn Backend` is fine).
    type Inner: Backend + ?Sized;

    /// The wrapped backend.
    fn inner(&self) -> &Self::Inner;

    /// [`Backend::name`]; forwards.
    fn name(this: &Self) -> &str {
        this.inner().name()
    }
    /// [`Backend::capabilities`]; forwards.
    fn capabilities(this: &Self) -> CapabilitySet {
        this.inner().capabilities()
    }
    /// [`Backend::close_is_terminal`]; forwards.
    fn close_is_terminal(this: &Self) -> bool {
        this.inner().close_is_terminal()
    }
    /// [`Backend::exists`]; forwards.
    fn exists(this: &Self, path: &RemotePath) -> Result<bool> {
        this.inner().exists(path)
    }
    /// [`Backend::is_file`]; forwards.
    fn is_file(this: &Self, path: &RemotePath) -> Result<bool> {
        this.inner().is_file(path)
    }
    /// [`Backend::is_folder`]; forwards.
    fn is_folder(this: &Self, path: &RemotePath) -> Result<bool> {
        this.inner().is_folder(path)
    }
    /// [`Backend::read`]; forwards.
    fn read(this: &Self, path: &RemotePath) -> Result<ReadStream> {
        this.inner().read(path)
    }
    /// [`Backend::read_bytes`]; forwards.
    fn read_bytes(this: &Self, path: &RemotePath) -> Result<Bytes> {
        this.inner().read_bytes(path)
    }
    /// [`Backend::read_seekable`]; forwards.
    fn read_seekable(this: &Self, path: &RemotePath) -> Result<Box<dyn SeekRead>> {
        this.inner().read_seekable(path)
    }
    /// [`Backend::write`]; forwards.
    fn write(
        this: &Self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        this.inner().write(path, content, options)
    }
    /// [`Backend::write_atomic`]; forwards.
    fn write_atomic(
        this: &Self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        this.inner().write_atomic(path, content, options)
    }
    /// [`Backend::open_atomic`]; forwards.
    fn open_atomic<'a>(
        this: &'a Self,
        path: &RemotePath,
        options: &WriteOptions,
    ) -> Result<Box<dyn AtomicWriter + 'a>> {
        this.inner().open_atomic(path, options)
    }
    /// [`Backend::delete`]; forwards.
    fn delete(this: &Self, path: &RemotePath, options: DeleteOptions) -> Result<()> {
        this.inner().delete(path, options)
    }
    /// [`Backend::delete_folder`]; forwards.
    fn delete_folder(this: &Self, path: &RemotePath, options: DeleteFolderOptions) -> Result<()> {
        this.inner().delete_folder(path, options)
    }
    /// [`Backend::list_files`]; forwards.
    fn list_files<'a>(
        this: &'a Self,
        path: &RemotePath,
        options: ListOptions,
    ) -> Result<Listing<'a, FileInfo>> {
        this.inner().list_files(path, options)
    }
    /// [`Backend::list_folders`]; forwards.
    fn list_folders<'a>(this: &'a Self, path: &RemotePath) -> Result<Listing<'a, FolderEntry>> {
        this.inner().list_folders(path)
    }
    /// [`Backend::iter_children`]; forwards.
    fn iter_children<'a>(this: &'a Self, path: &RemotePath) -> Result<Listing<'a, Child>> {
        this.inner().iter_children(path)
    }
    /// [`Backend::glob`]; forwards.
    fn glob<'a>(this: &'a Self, pattern: &str) -> Result<Listing<'a, FileInfo>> {
        this.inner().glob(pattern)
    }
    /// [`Backend::get_file_info`]; forwards.
    fn get_file_info(this: &Self, path: &RemotePath) -> Result<FileInfo> {
        this.inner().get_file_info(path)
    }
    /// [`Backend::get_folder_info`]; forwards.
    fn get_folder_info(this: &Self, path: &RemotePath) -> Result<FolderInfo> {
        this.inner().get_folder_info(path)
    }
    /// [`Backend::rename`]; forwards.
    fn rename(
        this: &Self,
        src: &RemotePath,
        dst: &RemotePath,
        options: TransferOptions,
    ) -> Result<()> {
        this.inner().rename(src, dst, options)
    }
    /// [`Backend::copy`]; forwards.
    fn copy(
        this: &Self,
        src: &RemotePath,
        dst: &RemotePath,
        options: TransferOptions,
    ) -> Result<()> {
        this.inner().copy(src, dst, options)
    }
    /// [`Backend::to_key`]; forwards.
    fn to_key(this: &Self, native_path: &str) -> String {
        this.inner().to_key(native_path)
    }
    /// [`Backend::native_path`]; forwards.
    fn native_path(this: &Self, path: &RemotePath) -> String {
        this.inner().native_path(path)
    }
    /// [`Backend::check_health`]; forwards.
    fn check_health(this: &Self) -> Result<()> {
        this.inner().check_health()
    }
    /// [`Backend::close`]; forwards.
    fn close(this: &Self) -> Result<()> {
        this.inner().close()
    }
}

// Every method routes to the Delegate's, overridden or forwarding; the lint
// keeps a method added to `Backend` from silently taking its own default here.
// `do_not_recommend`: a type that is no backend is reported against
// `Backend`, not as a missing `Delegate`.
#[deny(clippy::missing_trait_methods)]
#[diagnostic::do_not_recommend]
impl<D: Delegate> Backend for D {
    fn name(&self) -> &str {
        <D as Delegate>::name(self)
    }
    fn capabilities(&self) -> CapabilitySet {
        <D as Delegate>::capabilities(self)
    }
    fn close_is_terminal(&self) -> bool {
        <D as Delegate>::close_is_terminal(self)
    }
    fn exists(&self, path: &RemotePath) -> Result<bool> {
        <D as Delegate>::exists(self, path)
    }
    fn is_file(&self, path: &RemotePath) -> Result<bool> {
        <D as Delegate>::is_file(self, path)
    }
    fn is_folder(&self, path: &RemotePath) -> Result<bool> {
        <D as Delegate>::is_folder(self, path)
    }
    fn read(&self, path: &RemotePath) -> Result<ReadStream> {
        <D as Delegate>::read(self, path)
    }
    fn read_bytes(&self, path: &RemotePath) -> Result<Bytes> {
        <D as Delegate>::read_bytes(self, path)
    }
    fn read_seekable(&self, path: &RemotePath) -> Result<Box<dyn SeekRead>> {
        <D as Delegate>::read_seekable(self, path)
    }
    fn write(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        <D as Delegate>::write(self, path, content, options)
    }
    fn write_atomic(
        &self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        <D as Delegate>::write_atomic(self, path, content, options)
    }
    fn open_atomic(
        &self,
        path: &RemotePath,
        options: &WriteOptions,
    ) -> Result<Box<dyn AtomicWriter + '_>> {
        <D as Delegate>::open_atomic(self, path, options)
    }
    fn delete(&self, path: &RemotePath, options: DeleteOptions) -> Result<()> {
        <D as Delegate>::delete(self, path, options)
    }
    fn delete_folder(&self, path: &RemotePath, options: DeleteFolderOptions) -> Result<()> {
        <D as Delegate>::delete_folder(self, path, options)
    }
    fn list_files(&self, path: &RemotePath, options: ListOptions) -> Result<Listing<'_, FileInfo>> {
        <D as Delegate>::list_files(self, path, options)
    }
    fn list_folders(&self, path: &RemotePath) -> Result<Listing<'_, FolderEntry>> {
        <D as Delegate>::list_folders(self, path)
    }
    fn iter_children(&self, path: &RemotePath) -> Result<Listing<'_, Child>> {
        <D as Delegate>::iter_children(self, path)
    }
    fn glob(&self, pattern: &str) -> Result<Listing<'_, FileInfo>> {
        <D as Delegate>::glob(self, pattern)
    }
    fn get_file_info(&self, path: &RemotePath) -> Result<FileInfo> {
        <D as Delegate>::get_file_info(self, path)
    }
    fn get_folder_info(&self, path: &RemotePath) -> Result<FolderInfo> {
        <D as Delegate>::get_folder_info(self, path)
    }
    fn rename(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()> {
        <D as Delegate>::rename(self, src, dst, options)
    }
    fn copy(&self, src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()> {
        <D as Delegate>::copy(self, src, dst, options)
    }
    fn to_key(&self, native_path: &str) -> String {
        <D as Delegate>::to_key(self, native_path)
    }
    fn native_path(&self, path: &RemotePath) -> String {
        <D as Delegate>::native_path(self, path)
    }
    fn check_health(&self) -> Result<()> {
        <D as Delegate>::check_health(self)
    }
    fn close(&self) -> Result<()> {
        <D as Delegate>::close(self)
    }
}

impl<B: Backend + ?Sized> Delegate for Box<B> {
    type Inner = B;
    fn inner(&self) -> &B {
        self
    }
}

impl<B: Backend + ?Sized> Delegate for Arc<B> {
    type Inner = B;
    fn inner(&self) -> &B {
        self
    }
}

// `&'static B` keeps the trait's `'static` bound; a borrowed backend with a
// shorter life is used through `Store::new(&backend)` only if it is `'static`.
impl<B: Backend + ?Sized> Delegate for &'static B {
    type Inner = B;
    fn inner(&self) -> &B {
        self
    }
}
