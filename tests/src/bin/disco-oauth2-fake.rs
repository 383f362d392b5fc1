//! `disco-oauth2-fake`: the fake Discord as a standalone server, for apps written in any
//! language or run in another process.
//!
//! ```text
//! disco-oauth2-fake [--host ADDR] [--port N] [--lifetime SECS] [--redirect-uri URI]...
//!                   [--interactive] [--refresh-reuse-revokes-grant] [--ignore-stdin]
//! ```
//!
//! Prints its URLs and the client credentials as `NAME=value` lines, then serves until
//! Ctrl-C, or until its standard input closes (unless `--ignore-stdin`).

use std::io::{Read, Write};
use std::net::{SocketAddr, ToSocketAddrs};
use std::process::ExitCode;
use std::time::Duration;

use disco_oauth2_fake::FakeDiscord;

const USAGE: &str = "\
usage: disco-oauth2-fake [options]

Serves a fake Discord OAuth2 API (with its CDN) until Ctrl-C or until standard input closes.

options:
  --host ADDR                    address to listen on (default 127.0.0.1)
  --port N                       port to listen on (default 8080; 0 picks a free one)
  --lifetime SECS                access token lifetime, expires_in (default 604800)
  --redirect-uri URI             a registered redirect URI (repeatable; replaces the default
                                 http://127.0.0.1:8080/callback)
  --interactive                  show an HTML consent page instead of redirecting at once
  --refresh-reuse-revokes-grant  treat reuse of a rotated refresh token as theft
  --ignore-stdin                 keep running when standard input closes (for background use)
  -h, --help                     this text";

/// The parsed command line.
#[derive(Debug)]
struct Options {
    host: String,
    port: u16,
    lifetime: Option<u64>,
    redirect_uris: Vec<String>,
    interactive: bool,
    reuse_revokes: bool,
    ignore_stdin: bool,
}

fn parse(args: impl IntoIterator<Item = String>) -> Result<Option<Options>, String> {
    let mut o = Options {
        host: "127.0.0.1".to_owned(),
        port: 8080,
        lifetime: None,
        redirect_uris: Vec::new(),
        interactive: false,
        reuse_revokes: false,
        ignore_stdin: false,
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--host" => o.host = value("--host")?,
            "--port" => {
                let v = value("--port")?;
                o.port = v
                    .parse()
                    .map_err(|_| format!("--port: not a port: {v:?}"))?;
            }
            "--lifetime" => {
                let v = value("--lifetime")?;
                let secs: u64 = v.parse().ok().filter(|s| *s > 0).ok_or_else(|| {
                    format!("--lifetime: not a positive number of seconds: {v:?}")
                })?;
                o.lifetime = Some(secs);
            }
            "--redirect-uri" => o.redirect_uris.push(value("--redirect-uri")?),
            "--interactive" => o.interactive = true,
            "--refresh-reuse-revokes-grant" => o.reuse_revokes = true,
            "--ignore-stdin" => o.ignore_stdin = true,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(Some(o))
}

fn address(host: &str, port: u16) -> Result<SocketAddr, String> {
    (host, port)
        .to_socket_addrs()
        .map_err(|e| format!("--host {host:?}: {e}"))?
        .next()
        .ok_or_else(|| format!("--host {host:?}: no address"))
}

fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1)) {
        Ok(Some(o)) => o,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("disco-oauth2-fake: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let addr = match address(&options.host, options.port) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("disco-oauth2-fake: {e}");
            return ExitCode::from(2);
        }
    };
    let mut builder = FakeDiscord::builder()
        .addr(addr)
        .interactive(options.interactive)
        .refresh_reuse_revokes_grant(options.reuse_revokes);
    if let Some(secs) = options.lifetime {
        builder = builder.token_lifetime(Duration::from_secs(secs));
    }
    if !options.redirect_uris.is_empty() {
        builder = builder.clear_redirect_uris();
        for uri in options.redirect_uris {
            builder = builder.redirect_uri(uri);
        }
    }
    let fake = match builder.try_start() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("disco-oauth2-fake: cannot listen on {addr}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "disco-oauth2-fake listening on {}", fake.origin());
    for (name, value) in [
        ("DISCORD_API_BASE", fake.api_base()),
        ("DISCORD_AUTHORIZE_URL", fake.authorize_url()),
        ("DISCORD_TOKEN_URL", fake.token_url()),
        ("DISCORD_CDN_BASE", fake.cdn_base()),
        ("DISCORD_CLIENT_ID", fake.client_id().to_string()),
        ("DISCORD_CLIENT_SECRET", fake.client_secret()),
        ("DISCORD_REDIRECT_URI", fake.redirect_uris().join(" ")),
        ("DISCORD_BOT_TOKEN", fake.bot_token()),
    ] {
        let _ = writeln!(out, "{name}={value}");
    }
    let _ = writeln!(
        out,
        "Press Ctrl-C{} to stop.",
        if options.ignore_stdin {
            ""
        } else {
            " or close standard input"
        }
    );
    let _ = out.flush();
    drop(out);
    if options.ignore_stdin {
        loop {
            std::thread::park();
        }
    }
    let mut sink = [0u8; 1024];
    let mut stdin = std::io::stdin().lock();
    while matches!(stdin.read(&mut sink), Ok(n) if n > 0) {}
    drop(fake);
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn args(list: &[&str]) -> Result<Option<Options>, String> {
        parse(list.iter().map(|s| (*s).to_owned()))
    }

    #[test]
    fn options_parse_and_bad_ones_are_named() {
        let o = args(&[
            "--port",
            "0",
            "--lifetime",
            "60",
            "--redirect-uri",
            "http://a/cb",
        ])
        .unwrap()
        .unwrap();
        assert_eq!((o.port, o.lifetime), (0, Some(60)));
        assert_eq!(o.redirect_uris, ["http://a/cb"]);
        assert_eq!(o.host, "127.0.0.1");
        assert!(args(&["--help"]).unwrap().is_none());
        assert_eq!(args(&["--port"]).unwrap_err(), "--port needs a value");
        assert_eq!(
            args(&["--port", "99999"]).unwrap_err(),
            "--port: not a port: \"99999\""
        );
        assert_eq!(
            args(&["--lifetime", "0"]).unwrap_err(),
            "--lifetime: not a positive number of seconds: \"0\""
        );
        assert_eq!(args(&["-x"]).unwrap_err(), "unknown argument \"-x\"");
    }
}
