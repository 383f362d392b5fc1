//! A benchmark anyone can rerun: the disco-oauth2 runtimes against the raw
//! HTTP clients they are built on (ureq 3, reqwest 0.13), on one local
//! keep-alive HTTP/1.1 server answering Discord-shaped bodies.
//!
//! Run it with `cargo run -p disco-oauth2-bench --release` (add `--quick` for
//! a smoke run); see `BENCHMARKS.md` at the repository root for what each
//! figure means.

pub mod bodies;
pub mod machine;
pub mod measures;
pub mod plain;
pub mod raw_async;
pub mod raw_blocking;
pub mod report;
pub mod server;
pub mod settings;
pub mod stats;

/// Any failure of a benchmark run: the server, a client, or a wrong answer.
pub type BenchError = Box<dyn std::error::Error + Send + Sync>;

/// The ids every answer of the loopback server carries, checked by both sides.
pub const USER_ID: u64 = 80351110224678912;

/// The `User-Agent` both raw clients send: Discord requires one of the form
/// `DiscordBot ($url, $version)`, so a careful user sends it too (the same
/// value as the library's, so that both sides send the same head).
pub const DISCORD_USER_AGENT: &str = concat!(
    "DiscordBot (https://github.com/disco-oauth2/disco-oauth2, ",
    env!("CARGO_PKG_VERSION"),
    ")"
);
