//! The authoring helpers: `Delegate` forwards every method, the trait's
//! capability-gated defaults refuse, and a minimal backend needs only five
//! methods.

use std::io::Read;

use bytes::Bytes;
use parking_lot::Mutex;
use remote_store::authoring::defaults;
use remote_store::backends::MemoryBackend;
use remote_store::{
    AtomicWriter, Backend, Capability, CapabilitySet, Child, Content, Delegate,
    DeleteFolderOptions, DeleteOptions, ErrorKind, FileInfo, FolderEntry, FolderInfo, ListOptions,
    Listing, ReadStream, RemotePath, Result, SeekRead, Store, TransferOptions, WriteOptions,
    WriteResult,
};

fn p(raw: &str) -> RemotePath {
    RemotePath::parse(raw).unwrap()
}

/// Logs the name of every `Backend` method called on it, then forwards to
/// memory: overrides all of them, so a log entry proves which one ran.
#[derive(Debug, Default)]
struct Probe {
    inner: MemoryBackend,
    log: Mutex<Vec<&'static str>>,
}

impl Probe {
    fn hit(&self, method: &'static str) {
        self.log.lock().push(method);
    }
}

/// Overrides of `Delegate` methods that log their name, then forward to the
/// same method of memory.
macro_rules! logged {
    ($(fn $name:ident $(<$lt:lifetime>)? ($($arg:ident: $ty:ty),*) -> $ret:ty;)*) => {$(
        fn $name $(<$lt>)? (this: & $($lt)? Self, $($arg: $ty),*) -> $ret {
            this.hit(stringify!($name));
            this.inner.$name($($arg),*)
        }
    )*};
}

impl Delegate for Probe {
    type Inner = MemoryBackend;
    fn inner(&self) -> &MemoryBackend {
        &self.inner
    }
    fn name(this: &Self) -> &str {
        this.hit("name");
        "probe"
    }
    fn close_is_terminal(this: &Self) -> bool {
        this.hit("close_is_terminal");
        true
    }
    logged! {
        fn capabilities() -> CapabilitySet;
        fn exists(path: &RemotePath) -> Result<bool>;
        fn is_file(path: &RemotePath) -> Result<bool>;
        fn is_folder(path: &RemotePath) -> Result<bool>;
        fn read(path: &RemotePath) -> Result<ReadStream>;
        fn read_bytes(path: &RemotePath) -> Result<Bytes>;
        fn read_seekable(path: &RemotePath) -> Result<Box<dyn SeekRead>>;
        fn write(path: &RemotePath, content: Content<'_>, options: &WriteOptions)
            -> Result<WriteResult>;
        fn write_atomic(path: &RemotePath, content: Content<'_>, options: &WriteOptions)
            -> Result<WriteResult>;
        fn open_atomic<'a>(path: &RemotePath, options: &WriteOptions)
            -> Result<Box<dyn AtomicWriter + 'a>>;
        fn delete(path: &RemotePath, options: DeleteOptions) -> Result<()>;
        fn delete_folder(path: &RemotePath, options: DeleteFolderOptions) -> Result<()>;
        fn list_files<'a>(path: &RemotePath, options: ListOptions)
            -> Result<Listing<'a, FileInfo>>;
        fn list_folders<'a>(path: &RemotePath) -> Result<Listing<'a, FolderEntry>>;
        fn iter_children<'a>(path: &RemotePath) -> Result<Listing<'a, Child>>;
        fn get_file_info(path: &RemotePath) -> Result<FileInfo>;
        fn get_folder_info(path: &RemotePath) -> Result<FolderInfo>;
        fn rename(src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()>;
        fn copy(src: &RemotePath, dst: &RemotePath, options: TransferOptions) -> Result<()>;
    }
    // Memory has no glob, key mapping, health probe or close worth
    // forwarding to: these answer for themselves.
    fn glob<'a>(this: &'a Self, pattern: &str) -> Result<Listing<'a, FileInfo>> {
        this.hit("glob");
        Ok(Box::new(
            this.inner.list_files(&p(pattern), ListOptions::new())?,
        ))
    }
    fn to_key(this: &Self, native_path: &str) -> String {
        this.hit("to_key");
        format!("key:{native_path}")
    }
    fn native_path(this: &Self, path: &RemotePath) -> String {
        this.hit("native_path");
        format!("native:{path}")
    }
    fn check_health(this: &Self) -> Result<()> {
        this.hit("check_health");
        Ok(())
    }
    fn close(this: &Self) -> Result<()> {
        this.hit("close");
        Ok(())
    }
}

/// Overrides nothing.
#[derive(Debug, Default)]
struct Transparent {
    probe: Probe,
}

impl Delegate for Transparent {
    type Inner = Probe;
    fn inner(&self) -> &Probe {
        &self.probe
    }
}

/// Calls every `Backend` method once, in declaration order.
fn call_every_method(backend: &dyn Backend) -> Vec<&'static str> {
    let opts = WriteOptions::new();
    let _ = backend.name();
    let _ = backend.capabilities();
    let _ = backend.close_is_terminal();
    backend.exists(&p("f")).unwrap();
    backend.is_file(&p("f")).unwrap();
    backend.is_folder(&p("f")).unwrap();
    backend.write(&p("d/f"), Content::from("x"), &opts).unwrap();
    backend.read(&p("d/f")).unwrap();
    backend.read_bytes(&p("d/f")).unwrap();
    backend.read_seekable(&p("d/f")).unwrap();
    backend
        .write_atomic(&p("g"), Content::from("y"), &opts)
        .unwrap();
    drop(backend.open_atomic(&p("h"), &opts).unwrap());
    backend
        .list_files(&p("d"), ListOptions::new())
        .unwrap()
        .count();
    backend.list_folders(&p("")).unwrap().count();
    backend.iter_children(&p("")).unwrap().count();
    backend.glob("d").unwrap().count();
    backend.get_file_info(&p("d/f")).unwrap();
    backend.get_folder_info(&p("d")).unwrap();
    backend
        .copy(&p("d/f"), &p("c"), TransferOptions::new())
        .unwrap();
    backend
        .rename(&p("c"), &p("r"), TransferOptions::new())
        .unwrap();
    backend.delete(&p("r"), DeleteOptions::new()).unwrap();
    backend
        .delete_folder(&p("d"), DeleteFolderOptions::new().recursive(true))
        .unwrap();
    assert_eq!(backend.to_key("k"), "key:k");
    assert_eq!(backend.native_path(&p("n")), "native:n");
    backend.check_health().unwrap();
    backend.close().unwrap();
    vec![
        "name",
        "capabilities",
        "close_is_terminal",
        "exists",
        "is_file",
        "is_folder",
        "write",
        "read",
        "read_bytes",
        "read_seekable",
        "write_atomic",
        "open_atomic",
        "list_files",
        "list_folders",
        "iter_children",
        "glob",
        "get_file_info",
        "get_folder_info",
        "copy",
        "rename",
        "delete",
        "delete_folder",
        "to_key",
        "native_path",
        "check_health",
        "close",
    ]
}

#[test]
fn a_delegate_that_overrides_nothing_forwards_every_method_to_the_same_method() {
    let wrapper = Transparent::default();
    let expected = call_every_method(&wrapper);
    assert_eq!(*wrapper.probe.log.lock(), expected);
    assert_eq!(wrapper.name(), "probe");
    assert!(wrapper.close_is_terminal());
}

#[test]
fn box_arc_and_static_references_forward_every_method() {
    let boxed: Box<Probe> = Box::default();
    let expected = call_every_method(&boxed);
    assert_eq!(*boxed.log.lock(), expected);

    let shared: std::sync::Arc<dyn Backend> = std::sync::Arc::new(Transparent::default());
    call_every_method(&shared);

    let leaked: &'static Probe = Box::leak(Box::default());
    call_every_method(&leaked);
    assert_eq!(*leaked.log.lock(), expected);
}

/// Overrides one method and calls the trait's default from it.
#[derive(Debug, Default)]
struct ShoutingChildren {
    inner: MemoryBackend,
}

impl Delegate for ShoutingChildren {
    type Inner = MemoryBackend;
    fn inner(&self) -> &MemoryBackend {
        &self.inner
    }
    fn iter_children<'a>(this: &'a Self, path: &RemotePath) -> Result<Listing<'a, Child>> {
        defaults::iter_children(this, path)
    }
    fn name(_: &Self) -> &str {
        "shouting"
    }
}

#[test]
fn an_override_calls_a_default_and_the_rest_still_forwards() {
    let backend = ShoutingChildren::default();
    backend
        .write(&p("a/b.txt"), Content::from("x"), &WriteOptions::new())
        .unwrap();
    let children: Vec<String> = backend
        .iter_children(&RemotePath::root())
        .unwrap()
        .map(|c| c.unwrap().path().to_string())
        .collect();
    assert_eq!(children, ["a"]);
    assert_eq!(backend.name(), "shouting");
    assert_eq!(backend.inner.name(), "memory");
}

/// The smallest backend: one file, `hello.txt`, and the five required
/// methods plus `read`.
#[derive(Debug)]
struct HelloOnly;

impl Backend for HelloOnly {
    fn name(&self) -> &str {
        "hello"
    }
    fn capabilities(&self) -> CapabilitySet {
        CapabilitySet::of(&[Capability::READ])
    }
    fn exists(&self, path: &RemotePath) -> Result<bool> {
        Ok(path.is_root() || path.as_str() == "hello.txt")
    }
    fn is_file(&self, path: &RemotePath) -> Result<bool> {
        Ok(path.as_str() == "hello.txt")
    }
    fn is_folder(&self, path: &RemotePath) -> Result<bool> {
        Ok(path.is_root())
    }
    fn read(&self, path: &RemotePath) -> Result<ReadStream> {
        if path.as_str() == "hello.txt" {
            Ok(ReadStream::from_bytes(Bytes::from_static(b"hi")))
        } else {
            Err(remote_store::Error::not_found(
                path.as_str(),
                "no such file",
            ))
        }
    }
}

#[test]
fn gated_methods_refuse_by_default_naming_capability_path_and_backend() {
    let backend = HelloOnly;
    let opts = WriteOptions::new();
    let t = TransferOptions::new();
    let refusals: Vec<(Capability, remote_store::Error)> = vec![
        (
            Capability::WRITE,
            backend
                .write(&p("x"), Content::from("x"), &opts)
                .unwrap_err(),
        ),
        (
            Capability::ATOMIC_WRITE,
            backend
                .write_atomic(&p("x"), Content::from("x"), &opts)
                .unwrap_err(),
        ),
        (
            Capability::ATOMIC_WRITE,
            backend.open_atomic(&p("x"), &opts).err().unwrap(),
        ),
        (
            Capability::DELETE,
            backend.delete(&p("x"), DeleteOptions::new()).unwrap_err(),
        ),
        (
            Capability::DELETE,
            backend
                .delete_folder(&p("x"), DeleteFolderOptions::new())
                .unwrap_err(),
        ),
        (
            Capability::LIST,
            backend
                .list_files(&p("x"), ListOptions::new())
                .err()
                .unwrap(),
        ),
        (
            Capability::LIST,
            backend.list_folders(&p("x")).err().unwrap(),
        ),
        (
            Capability::LIST,
            backend.iter_children(&p("x")).err().unwrap(),
        ),
        (Capability::GLOB, backend.glob("x").err().unwrap()),
        (
            Capability::METADATA,
            backend.get_file_info(&p("x")).unwrap_err(),
        ),
        (
            Capability::METADATA,
            backend.get_folder_info(&p("x")).unwrap_err(),
        ),
        (
            Capability::MOVE,
            backend.rename(&p("x"), &p("y"), t).unwrap_err(),
        ),
        (
            Capability::COPY,
            backend.copy(&p("x"), &p("y"), t).unwrap_err(),
        ),
    ];
    for (capability, err) in refusals {
        match &err {
            remote_store::Error::CapabilityNotSupported {
                capability: refused,
                path,
                backend,
                ..
            } => {
                assert_eq!(*refused, capability, "{err}");
                assert_eq!(path, "x", "{err}");
                assert_eq!(backend.as_deref(), Some("hello"), "{err}");
            }
            other => panic!("expected CapabilityNotSupported({capability}), found {other:?}"),
        }
    }
}

#[test]
fn a_read_only_backend_reads_through_the_defaults_and_a_store() {
    let backend = HelloOnly;
    assert_eq!(backend.read_bytes(&p("hello.txt")).unwrap(), "hi");
    let mut text = String::new();
    backend
        .read_seekable(&p("hello.txt"))
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    assert_eq!(text, "hi");
    assert_eq!(
        backend.read_bytes(&p("nope")).unwrap_err().kind(),
        ErrorKind::NotFound
    );
    let store = Store::new(HelloOnly, "").unwrap();
    assert_eq!(store.read_text("hello.txt").unwrap(), "hi");
    let refused = store.write_text("new.txt", "x").unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::CapabilityNotSupported);
    store.close().unwrap();
}
