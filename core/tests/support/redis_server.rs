//! Starts a private `redis-server` on a Unix socket in a temporary
//! directory, and stops it when dropped.
//!
//! Without the `redis-server` binary the tests that need it are skipped with
//! a message on stderr — unless `CI=true`, where a missing server fails them.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::resp::Connection;

/// A running `redis-server`, private to one test.
pub struct RedisServer {
    child: Child,
    dir: PathBuf,
    socket: PathBuf,
}

impl RedisServer {
    /// Starts a server, or `None` (after saying why) when `redis-server` is
    /// not installed and this is not CI.
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
        std::fs::create_dir_all(&dir).unwrap();
        let socket = dir.join("redis.sock");
        let child = Command::new(&binary)
            .arg("--port")
            .arg("0")
            .arg("--unixsocket")
            .arg(&socket)
            .arg("--unixsocketperm")
            .arg("700")
            .arg("--dir")
            .arg(&dir)
            .arg("--save")
            .arg("")
            .arg("--appendonly")
            .arg("no")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let server = RedisServer { child, dir, socket };
        let deadline = Instant::now() + Duration::from_secs(10);
        while Connection::open(&server.socket).is_err() {
            assert!(
                Instant::now() < deadline,
                "{test}: redis-server did not start within 10 s"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        Some(server)
    }

    /// A new connection to the server.
    pub fn connect(&self) -> Connection {
        Connection::open(&self.socket).unwrap()
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
