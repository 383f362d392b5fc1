//! The sans-IO path for your own HTTP stack: a whole login — code exchange,
//! the user, every guild — driven by the core's [`Call`] and [`GuildWalk`]
//! over a plain `std::net::TcpStream`, HTTP/1.1 written by hand
//! (`Connection: close`, one request per connection), against the fake
//! Discord on loopback.
//!
//! ```text
//! cargo run -p disco-oauth2 --example raw_tcp
//! ```
//!
//! Nothing here is specific to TCP: swap [`send`] for any HTTP client.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use disco_oauth2::driver::{Call, Driver, GuildWalk, Now, Received, Step, Transmit};
use disco_oauth2::{Client, RateLimiter};
use disco_oauth2_fake::FakeDiscord;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};

type Failure = Box<dyn std::error::Error>;

fn main() -> Result<(), Failure> {
    let fake = FakeDiscord::start();
    let client = Client::builder(fake.application_id())
        .client_secret(fake.client_secret())
        .redirect_uri(fake.redirect_uri())
        .api_base(fake.api_base())
        .call_timeout(Duration::from_secs(30))
        .build()?;
    // One limiter per client, shared by every call.
    let mut limiter = client.rate_limiter();

    // The code the redirect would carry, without a browser.
    let code = fake.authorize_code(&["identify", "guilds"], None);
    let token = run(Call::new(&client, client.exchange_code(code)), &mut limiter)?;
    println!("token: {:?}, scopes {}", token.access_token, token.scopes);

    let user = run(
        Call::new(&client, client.current_user(&token.access_token)),
        &mut limiter,
    )?;
    println!("user: {} ({})", user.display_name(), user.id);

    let guilds = run(GuildWalk::new(&client, &token.access_token), &mut limiter)?;
    println!("{} guilds:", guilds.len());
    for guild in &guilds {
        println!("  {} {}", guild.id, guild.name);
    }
    Ok(())
}

/// A runtime's whole loop: poll, then send or sleep, then feed.
fn run<D: Driver>(mut driver: D, limiter: &mut RateLimiter) -> Result<D::Output, Failure> {
    loop {
        match driver.poll(now(), limiter) {
            Step::Send(transmit) => {
                let received = send(transmit)?;
                driver.handle_response(received, now());
            }
            Step::Wait(wait) => {
                println!("waiting ({:?}) …", wait.reason);
                std::thread::sleep(wait.until.saturating_duration_since(Instant::now()));
            }
            Step::Done(result) => return Ok(result?),
        }
    }
}

/// The caller's two clocks.
fn now() -> Now {
    let utc = std::time::SystemTime::now().into();
    Now::new(Instant::now(), utc)
}

/// Sends one request over a fresh connection and reads the whole answer,
/// at most `transmit.max_body_size` bytes of body within `transmit.timeout`.
fn send(transmit: Transmit) -> Result<Received, Failure> {
    let request = transmit.request;
    let uri = request.uri();
    let host = uri.host().ok_or("the API base has no host")?;
    let port = uri.port_u16().unwrap_or(80);
    if uri.scheme_str() != Some("http") {
        return Err("this example speaks plain HTTP only (point it at the fake)".into());
    }
    let mut stream = TcpStream::connect((host, port))?;
    let timeout = transmit.timeout.unwrap_or(Duration::from_secs(30));
    stream.set_read_timeout(Some(timeout.max(Duration::from_millis(1))))?;
    stream.set_write_timeout(Some(timeout.max(Duration::from_millis(1))))?;

    let target = uri.path_and_query().map_or("/", |p| p.as_str());
    let mut head = format!(
        "{} {target} HTTP/1.1\r\nHost: {host}:{port}\r\n",
        request.method()
    );
    for (name, value) in request.headers() {
        head.push_str(name.as_str());
        head.push_str(": ");
        head.push_str(value.to_str()?);
        head.push_str("\r\n");
    }
    let body = request.body().as_bytes();
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()?;

    let limit = transmit.max_body_size;
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let status = line
        .split_whitespace()
        .nth(1)
        .ok_or("no status line")?
        .parse::<u16>()?;
    let status = StatusCode::from_u16(status)?;

    let mut headers = HeaderMap::new();
    loop {
        line.clear();
        reader.read_line(&mut line)?;
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':').ok_or("a malformed header")?;
        headers.append(
            HeaderName::from_bytes(name.trim().as_bytes())?,
            HeaderValue::from_str(value.trim())?,
        );
    }

    let chunked = headers
        .get(http::header::TRANSFER_ENCODING)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"chunked"));
    let mut body = Vec::new();
    if chunked {
        loop {
            line.clear();
            reader.read_line(&mut line)?;
            let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16)?;
            if size == 0 {
                break;
            }
            if (body.len() + size) as u64 > limit {
                return Err("the response body is larger than the client accepts".into());
            }
            let start = body.len();
            body.resize(start + size, 0);
            reader.read_exact(&mut body[start..])?;
            line.clear();
            reader.read_line(&mut line)?; // the CRLF after the chunk
        }
    } else {
        reader.take(limit + 1).read_to_end(&mut body)?;
        if body.len() as u64 > limit {
            return Err("the response body is larger than the client accepts".into());
        }
    }
    Ok(Received::new(status, headers, body))
}
