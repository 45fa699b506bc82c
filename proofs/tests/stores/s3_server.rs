//! An S3 server for the tests, in this process, on 127.0.0.1: `s3s` speaks
//! the S3 protocol (path-style requests, SigV4 with the fixed test keys
//! below) and `s3s-fs` keeps the objects in a temporary directory, behind
//! the shim of `s3_shim.rs`.
//!
//! One server serves the whole test binary; it runs on a thread of its own
//! with its own tokio runtime, so it outlives every test and never depends on
//! the runtime a test or the blocking bridge uses.

use std::net::SocketAddr;
use std::sync::OnceLock;

use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder as ConnBuilder;
use s3s::auth::SimpleAuth;
use s3s::service::S3ServiceBuilder;
use s3s_fs::FileSystem;

use super::s3_shim::ObjectSemantics;

/// The access key the server accepts (AWS's documented example key).
pub const ACCESS_KEY: &str = "AKIAIOSFODNN7EXAMPLE";
/// The secret key the server accepts.
pub const SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
/// Any region: the server does not check it, the client signs with it.
pub const REGION: &str = "us-east-1";
/// The bucket the server starts with.
pub const BUCKET: &str = "remote-store-tests";

/// The running server.
pub struct LoopbackS3 {
    /// `http://127.0.0.1:PORT`.
    pub endpoint: String,
}

/// The server, started on first use.
pub fn loopback_s3() -> &'static LoopbackS3 {
    static SERVER: OnceLock<LoopbackS3> = OnceLock::new();
    SERVER.get_or_init(|| start().expect("starting the loopback S3 server"))
}

fn start() -> std::io::Result<LoopbackS3> {
    // Kept for the life of the process (the server's files live here), in
    // cargo's scratch directory for tests, under target/.
    let root = tempfile::Builder::new()
        .prefix("s3s-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))?
        .keep();
    std::fs::create_dir(root.join(BUCKET))?;
    let fs = FileSystem::new(&root).map_err(|e| std::io::Error::other(format!("{e:?}")))?;
    let service = {
        let mut builder = S3ServiceBuilder::new(ObjectSemantics::new(fs, root.clone()));
        builder.set_auth(SimpleAuth::from_single(ACCESS_KEY, SECRET_KEY));
        builder.build()
    };
    let listener = std::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))?;
    listener.set_nonblocking(true)?;
    let address = listener.local_addr()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("loopback-s3")
        .enable_all()
        .build()?;
    std::thread::Builder::new()
        .name("loopback-s3-accept".into())
        .spawn(move || {
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener)
                    .expect("registering the listener with tokio");
                let http = ConnBuilder::new(TokioExecutor::new());
                loop {
                    let Ok((socket, _)) = listener.accept().await else {
                        continue;
                    };
                    let connection = http
                        .serve_connection(TokioIo::new(socket), service.clone())
                        .into_owned();
                    tokio::spawn(async move {
                        let _ = connection.await;
                    });
                }
            });
        })?;
    Ok(LoopbackS3 {
        endpoint: format!("http://{address}"),
    })
}
