//! The loopback server: HTTP/1.1 keep-alive on 127.0.0.1, one thread per
//! connection, every answer prebuilt with its `Content-Length` and no
//! rate-limit headers, so neither side is ever paced by the server.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread;

use crate::bodies;

/// Requests served, by route, and connections accepted.
#[derive(Debug, Default)]
pub struct Counts {
    /// `POST /oauth2/token`.
    pub token: AtomicU64,
    /// `GET /users/@me`.
    pub user: AtomicU64,
    /// `GET /users/@me/guilds`.
    pub guilds: AtomicU64,
    /// `GET /users/@me/connections`.
    pub connections: AtomicU64,
    /// Anything else (answered 404).
    pub other: AtomicU64,
    /// TCP connections accepted.
    pub accepted: AtomicU64,
}

/// A snapshot of [`Counts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CountsSnapshot {
    /// `POST /oauth2/token`.
    pub token: u64,
    /// `GET /users/@me`.
    pub user: u64,
    /// `GET /users/@me/guilds`.
    pub guilds: u64,
    /// `GET /users/@me/connections`.
    pub connections: u64,
    /// Anything else.
    pub other: u64,
    /// TCP connections accepted.
    pub accepted: u64,
}

impl Counts {
    /// The counts now.
    pub fn snapshot(&self) -> CountsSnapshot {
        CountsSnapshot {
            token: self.token.load(Ordering::Relaxed),
            user: self.user.load(Ordering::Relaxed),
            guilds: self.guilds.load(Ordering::Relaxed),
            connections: self.connections.load(Ordering::Relaxed),
            other: self.other.load(Ordering::Relaxed),
            accepted: self.accepted.load(Ordering::Relaxed),
        }
    }
}

/// The prebuilt answers, headers and body in one buffer each.
struct Answers {
    token: Vec<u8>,
    user: Vec<u8>,
    guilds: Vec<u8>,
    connections: Vec<u8>,
    not_found: Vec<u8>,
}

fn answer(status: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

impl Answers {
    fn new() -> Self {
        Self {
            token: answer("200 OK", bodies::TOKEN),
            user: answer("200 OK", bodies::USER),
            guilds: answer("200 OK", &bodies::guild_page()),
            connections: answer("200 OK", &bodies::connections()),
            not_found: answer(
                "404 Not Found",
                r#"{"message": "404: Not Found", "code": 0}"#,
            ),
        }
    }

    /// The answer for `method path` (the query is ignored), counted.
    fn route(&self, method: &str, path: &str, counts: &Counts) -> &[u8] {
        let path = path.split('?').next().unwrap_or(path);
        let (answer, count) = match (method, path) {
            ("POST", "/api/v10/oauth2/token") => (&self.token, &counts.token),
            ("GET", "/api/v10/users/@me") => (&self.user, &counts.user),
            ("GET", "/api/v10/users/@me/guilds") => (&self.guilds, &counts.guilds),
            ("GET", "/api/v10/users/@me/connections") => (&self.connections, &counts.connections),
            _ => (&self.not_found, &counts.other),
        };
        count.fetch_add(1, Ordering::Relaxed);
        answer
    }
}

/// The running server. Dropping it stops accepting; open connections end
/// when their client closes them.
pub struct LoopbackServer {
    addr: SocketAddr,
    counts: Arc<Counts>,
    stop: Arc<AtomicBool>,
}

impl LoopbackServer {
    /// Binds 127.0.0.1 on a free port and starts serving.
    pub fn start() -> io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let counts = Arc::new(Counts::default());
        let stop = Arc::new(AtomicBool::new(false));
        let answers = Arc::new(Answers::new());
        {
            let counts = counts.clone();
            let stop = stop.clone();
            thread::Builder::new()
                .name("loopback-accept".into())
                .spawn(move || accept_loop(listener, answers, counts, stop))?;
        }
        Ok(Self { addr, counts, stop })
    }

    /// The server's address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The API base to give a client: `http://127.0.0.1:PORT/api/v10`.
    pub fn api_base(&self) -> String {
        format!("http://{}/api/v10", self.addr)
    }

    /// What was served so far.
    pub fn counts(&self) -> CountsSnapshot {
        self.counts.snapshot()
    }
}

impl Drop for LoopbackServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
    }
}

fn accept_loop(
    listener: TcpListener,
    answers: Arc<Answers>,
    counts: Arc<Counts>,
    stop: Arc<AtomicBool>,
) {
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else { continue };
        counts.accepted.fetch_add(1, Ordering::Relaxed);
        let answers = answers.clone();
        let counts = counts.clone();
        let _ = thread::Builder::new()
            .name("loopback-conn".into())
            .spawn(move || {
                let _ = serve(stream, &answers, &counts);
            });
    }
}

/// Serves one connection until the client closes it.
fn serve(stream: TcpStream, answers: &Answers, counts: &Counts) -> io::Result<()> {
    stream.set_nodelay(true)?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::with_capacity(16 * 1024, stream);
    let mut line = String::new();
    let mut body = Vec::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let mut parts = line.split_ascii_whitespace();
        let method = parts.next().unwrap_or("").to_owned();
        let path = parts.next().unwrap_or("").to_owned();
        let mut length = 0usize;
        let mut close = false;
        loop {
            line.clear();
            if reader.read_line(&mut line)? == 0 {
                return Ok(());
            }
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                let value = value.trim();
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.parse().map_err(|_| {
                        io::Error::new(io::ErrorKind::InvalidData, "bad content-length")
                    })?;
                } else if name.eq_ignore_ascii_case("connection") {
                    close = value.eq_ignore_ascii_case("close");
                }
            }
        }
        body.resize(length, 0);
        reader.read_exact(&mut body)?;
        writer.write_all(answers.route(&method, &path, counts))?;
        if close {
            return Ok(());
        }
    }
}
