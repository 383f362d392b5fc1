//! [`RedisServer`]: a private `redis-server` on a Unix socket in a temporary
//! directory, for tests of Redis token stores; stopped when dropped.
//!
//! Without the `redis-server` binary (Debian's `redis-server` package, or
//! `REDIS_SERVER` naming one), [`RedisServer::start`] says on stderr that the
//! test is skipped and returns `None` — unless `CI=true`, where a missing
//! server fails the test.

use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `redis-server`, private to one test.
pub struct RedisServer {
    binary: std::ffi::OsString,
    child: Child,
    dir: PathBuf,
    socket: PathBuf,
}

impl std::fmt::Debug for RedisServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisServer")
            .field("socket", &self.socket)
            .finish_non_exhaustive()
    }
}

impl RedisServer {
    /// Starts a server for `test`, or `None` (after saying why) when
    /// `redis-server` is not installed and `CI` is not `true`.
    ///
    /// # Panics
    ///
    /// Under `CI=true` without a server, or when the server does not start
    /// within 10 s.
    pub fn start(test: &str) -> Option<RedisServer> {
        let binary = std::env::var_os("REDIS_SERVER").unwrap_or_else(|| "redis-server".into());
        let found = Command::new(&binary)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !found {
            let ci = std::env::var("CI").is_ok_and(|v| v == "true");
            assert!(
                !ci,
                "{test}: redis-server is not installed, and CI=true makes the Redis tests mandatory (apt-get install redis-server)"
            );
            eprintln!(
                "SKIPPED {test}: redis-server is not installed (apt-get install redis-server, or set REDIS_SERVER to its path)"
            );
            return None;
        }
        let dir = std::env::temp_dir().join(format!(
            "disco-oauth2-redis-{}-{}",
            std::process::id(),
            test.replace([':', '/'], "_")
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        let socket = dir.join("redis.sock");
        let child = spawn(&binary, &dir, &socket);
        let server = RedisServer {
            binary,
            child,
            dir,
            socket,
        };
        server.wait_ready();
        Some(server)
    }

    /// Starts the server again on the same socket (after [`kill`](Self::kill)),
    /// empty, and returns once it accepts connections.
    ///
    /// # Panics
    ///
    /// When it does not start within 10 s.
    pub fn restart(&mut self) {
        self.kill();
        self.child = spawn(&self.binary, &self.dir, &self.socket);
        self.wait_ready();
    }

    fn wait_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while UnixStream::connect(&self.socket).is_err() {
            assert!(
                Instant::now() < deadline,
                "redis-server did not start within 10 s on {}",
                self.socket.display()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The server's Unix socket.
    pub fn socket(&self) -> &Path {
        &self.socket
    }

    /// The URL the `redis` crate opens: `unix:///…/redis.sock`.
    pub fn url(&self) -> String {
        format!("unix://{}", self.socket.display())
    }

    /// Stops the server now (as if it crashed: `SIGKILL`).
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A `redis-server` on `socket` only, keeping nothing on disk.
fn spawn(binary: &std::ffi::OsStr, dir: &Path, socket: &Path) -> Child {
    Command::new(binary)
        .args(["--port", "0", "--unixsocket"])
        .arg(socket)
        .args(["--unixsocketperm", "700", "--dir"])
        .arg(dir)
        .args(["--save", "", "--appendonly", "no"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("redis-server starts")
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.kill();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
