//! Memory wrappers (through `remote_store::Delegate`, overriding only what
//! differs) that get the backend's identity, its close posture, its health
//! check or its write results wrong.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use remote_store::backends::MemoryBackend;
use remote_store::{
    Capability, CapabilitySet, Content, Delegate, Error, RemotePath, Result, WriteOptions,
    WriteResult,
};

bug_family! {
    /// One way to get identity, close, health or write results wrong.
    pub enum IdentityBug {
        /// The control.
        None,
        /// `name()` counts its calls into the name.
        NameChangesOnEveryCall => "BE-004 a stable name",
        /// `capabilities()` drops COPY on every other call.
        CapabilitiesFlicker => "BE-003 stable capabilities",
        /// Every other instance lacks COPY (configuration read from global state).
        FreshInstancesDiffer => "BE-003 instances agree",
        /// `Debug` lists every file and its content.
        DebugDumpsContent => "Debug masks content",
        /// `Debug` says "Wrapper" without the backend's name.
        DebugWithoutTheName => "BE-004 Debug names the backend",
        /// `to_key` of a native path keeps only the last segment.
        ToKeyKeepsTheLastSegment => "BE-023 to_key inverts native_path",
        /// `to_key` appends a call counter.
        ToKeyIsNotDeterministic => "BE-023 to_key is deterministic",
        /// `to_key` strips the first segment of any key, prefixed or not.
        ToKeyStripsPlainKeys => "BE-023 plain keys pass through",
        /// A terminal close after which every call answers `NotFound`.
        TerminalCloseAnswersNotFound => "BE-020 BackendUnavailable after close",
        /// A non-terminal close after which writes fail.
        ReusableCloseBreaksWrites => "BE-020 a reusable backend works after close",
        /// A second `close` fails.
        SecondCloseFails => "BE-020 close is idempotent",
        /// `check_health` fails with an untyped `InvalidArgument`.
        HealthCheckFailsUntyped => "PING-008 typed errors",
        /// `check_health` of a terminal backend answers `Ok` after close.
        HealthCheckIgnoresClose => "BE-020 every call after a terminal close",
        /// Write results name the path with a `data/` prefix.
        WriteResultPathHasThePrefix => "WR-001a result path",
        /// Native write results (memory's) come without `last_modified`.
        NativeResultWithoutLastModified => "WR-009 native results carry last_modified",
        /// Write results never echo the metadata.
        ResultMetadataNotEchoed => "WR-012 results echo metadata",
    }
}

static INSTANCES: AtomicUsize = AtomicUsize::new(0);

/// A memory backend with one [`IdentityBug`].
pub struct IdentityBroken {
    inner: MemoryBackend,
    bug: IdentityBug,
    calls: AtomicUsize,
    closed: AtomicBool,
    instance: usize,
}

impl IdentityBroken {
    /// A fresh, empty backend with `bug`.
    pub fn new(bug: IdentityBug) -> Self {
        IdentityBroken {
            inner: MemoryBackend::new(),
            bug,
            calls: AtomicUsize::new(0),
            closed: AtomicBool::new(false),
            instance: INSTANCES.fetch_add(1, Ordering::SeqCst),
        }
    }

    fn is(&self, bug: IdentityBug) -> bool {
        self.bug == bug
    }

    fn tick(&self) -> usize {
        self.calls.fetch_add(1, Ordering::SeqCst)
    }

    fn after_close(&self, path: &RemotePath) -> Result<()> {
        if self.is(IdentityBug::TerminalCloseAnswersNotFound) && self.closed.load(Ordering::SeqCst)
        {
            return Err(Error::not_found(path.as_str(), "closed"));
        }
        Ok(())
    }

    fn result(&self, mut result: WriteResult) -> Result<WriteResult> {
        match self.bug {
            IdentityBug::WriteResultPathHasThePrefix => {
                result.path = RemotePath::parse(&format!("data/{}", result.path))?;
            }
            IdentityBug::NativeResultWithoutLastModified => result.last_modified = None,
            IdentityBug::ResultMetadataNotEchoed => result.metadata = None,
            _ => {}
        }
        Ok(result)
    }
}

impl std::fmt::Debug for IdentityBroken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.bug {
            IdentityBug::DebugWithoutTheName => write!(f, "Wrapper"),
            IdentityBug::DebugDumpsContent => {
                let root = RemotePath::root();
                let options = remote_store::ListOptions::new().recursive(true);
                let files: Vec<String> =
                    remote_store::Backend::list_files(&self.inner, &root, options)
                        .map(|l| l.flatten().map(|f| f.path.to_string()).collect())
                        .unwrap_or_default();
                let dump: Vec<String> = files
                    .iter()
                    .filter_map(|p| RemotePath::parse(p).ok())
                    .filter_map(|p| remote_store::Backend::read_bytes(&self.inner, &p).ok())
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
                    .collect();
                write!(f, "IdentityBroken(memory, {dump:?})")
            }
            bug => write!(f, "IdentityBroken(memory, {bug:?})"),
        }
    }
}

impl Delegate for IdentityBroken {
    type Inner = MemoryBackend;

    fn inner(&self) -> &MemoryBackend {
        &self.inner
    }

    fn name(this: &Self) -> &str {
        if this.is(IdentityBug::NameChangesOnEveryCall) && this.tick() % 2 == 1 {
            return "memory-again";
        }
        "memory"
    }

    fn capabilities(this: &Self) -> CapabilitySet {
        let caps = remote_store::Backend::capabilities(&this.inner);
        let drop_copy = (this.is(IdentityBug::CapabilitiesFlicker) && this.tick() % 2 == 1)
            || (this.is(IdentityBug::FreshInstancesDiffer) && this.instance % 2 == 1);
        let caps = if drop_copy {
            caps.without(Capability::COPY)
        } else {
            caps
        };
        if this.is(IdentityBug::NativeResultWithoutLastModified) {
            return caps.with(Capability::WRITE_RESULT_NATIVE);
        }
        caps
    }

    fn close_is_terminal(this: &Self) -> bool {
        matches!(
            this.bug,
            IdentityBug::TerminalCloseAnswersNotFound | IdentityBug::HealthCheckIgnoresClose
        )
    }

    fn exists(this: &Self, path: &RemotePath) -> Result<bool> {
        this.after_close(path)?;
        remote_store::Backend::exists(&this.inner, path)
    }

    fn read_bytes(this: &Self, path: &RemotePath) -> Result<bytes::Bytes> {
        this.after_close(path)?;
        if this.is(IdentityBug::HealthCheckIgnoresClose) && this.closed.load(Ordering::SeqCst) {
            return Err(Error::backend_unavailable(path.as_str(), "closed"));
        }
        remote_store::Backend::read_bytes(&this.inner, path)
    }

    fn write(
        this: &Self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        this.after_close(path)?;
        let closed = this.closed.load(Ordering::SeqCst);
        if closed
            && matches!(
                this.bug,
                IdentityBug::ReusableCloseBreaksWrites | IdentityBug::HealthCheckIgnoresClose
            )
        {
            return Err(Error::backend_unavailable(path.as_str(), "closed"));
        }
        this.result(remote_store::Backend::write(
            &this.inner,
            path,
            content,
            options,
        )?)
    }

    fn write_atomic(
        this: &Self,
        path: &RemotePath,
        content: Content<'_>,
        options: &WriteOptions,
    ) -> Result<WriteResult> {
        this.result(remote_store::Backend::write_atomic(
            &this.inner,
            path,
            content,
            options,
        )?)
    }

    fn to_key(this: &Self, native_path: &str) -> String {
        let key = native_path.strip_prefix("mem:/").unwrap_or(native_path);
        match this.bug {
            IdentityBug::ToKeyKeepsTheLastSegment => {
                key.rsplit('/').next().unwrap_or_default().to_owned()
            }
            IdentityBug::ToKeyIsNotDeterministic if !key.is_empty() => {
                format!("{key}{}", this.tick() % 2)
            }
            IdentityBug::ToKeyStripsPlainKeys if !native_path.starts_with("mem:/") => {
                key.split_once('/').map_or(key, |(_, rest)| rest).to_owned()
            }
            _ => key.to_owned(),
        }
    }

    fn native_path(_: &Self, path: &RemotePath) -> String {
        format!("mem:/{path}")
    }

    fn check_health(this: &Self) -> Result<()> {
        if this.is(IdentityBug::HealthCheckFailsUntyped) {
            return Err(Error::invalid_argument("", "probe failed"));
        }
        Ok(())
    }

    fn close(this: &Self) -> Result<()> {
        let was = this.closed.swap(true, Ordering::SeqCst);
        if was && this.is(IdentityBug::SecondCloseFails) {
            return Err(Error::invalid_argument("", "already closed"));
        }
        Ok(())
    }
}
