//! The call driver: one whole API call — rate-limit waits, the send, 429
//! and 5xx retries, walks over several pages — as a sans-IO state machine.
//!
//! In the manner of quinn-proto (`poll_transmit` / `handle_timeout`) and
//! str0m (`poll_output` / `handle_input`), the protocol owns the control
//! flow and the shell only sleeps and moves bytes: a [`Driver`] is asked
//! "what now?" with the current time ([`Driver::poll`]) and answers one
//! [`Step`] — send this request, wait until this instant, or done — and is
//! fed each response ([`Driver::handle_response`]). It never reads a clock,
//! never sleeps, never touches a socket.
//!
//! A [`Call`] drives one operation; a [`GuildWalk`] drives every page of a
//! user's guilds. Both run under the client's
//! [`Policy`](crate::client::Policy) and share the client's
//! [`RateLimiter`].
//!
//! # The states of a call
//!
//! ```text
//!   Call::new ──(build error)───────────────────────────────────────┐
//!       │                                                           │
//!       ▼                                                           │
//!   ┌────────┐  limiter holds the route  ┌──────────────┐           │
//!   │ Ready  │ ────────────────────────▶ │ Wait (until) │           │
//!   │        │ ◀──── poll again ──────── │              │           │
//!   └────────┘                           └──────────────┘           │
//!       │ permit granted                    ▲     │ wait too long   │
//!       ▼                                   │     │ or past the     │
//!   ┌────────────────┐  429 / 5xx, retries  │     │ deadline        │
//!   │ Send (request) │  left: retry wait ───┘     ▼                 ▼
//!   │  → awaiting    │ ──── any other answer ──▶ Done(result) ──▶ spent
//!   │    response    │                          (poll again:
//!   └────────────────┘                           DriverFinished)
//! ```
//!
//! # A runtime's loop
//!
//! Every runtime's call is the same few lines: poll, then send or sleep,
//! then feed. Only the IO differs.
//!
//! ```ignore
//! let mut driver = Call::new(&client, op);
//! loop {
//!     match driver.poll(now(), &mut limiter.lock()) {
//!         Step::Send(transmit) => {
//!             let received = send(transmit)?;                 // IO
//!             driver.handle_response(received, now());         // parse, unlocked
//!         }
//!         Step::Wait(wait) => sleep_until(wait.until),        // time
//!         Step::Done(result) => return result,
//!     }
//! }
//! ```
//!
//! # Your own HTTP stack
//!
//! The same loop drives the call over any HTTP client: send
//! [`Transmit::request`] (its body is [`RequestBody`], whose bytes any
//! client takes), read at most [`Transmit::max_body_size`] bytes of the
//! answer within [`Transmit::timeout`], and hand back status, headers and
//! body as a [`Received`]. The crate's `raw_tcp` example does it over a
//! plain `std::net::TcpStream`.
//!
//! ```
//! use std::time::Instant;
//! use disco_oauth2::driver::{Call, Driver, Now, Received, Step};
//! use disco_oauth2::{BearerToken, Client};
//! use http::{HeaderMap, StatusCode};
//!
//! # fn send(request: http::Request<disco_oauth2::RequestBody>) -> Received {
//! #     let body = br#"[{"id":"80351110224678912","name":"1337 Krew","icon":null,"owner":true,"permissions":"36953089","features":[]}]"#;
//! #     Received::new(StatusCode::OK, HeaderMap::new(), body.to_vec())
//! # }
//! # fn sleep_until(_: Instant) {}
//! let client = Client::builder(157730590492196864).build()?;
//! let mut limiter = client.rate_limiter();
//! let mut call = Call::new(&client, client.current_user_guilds(&BearerToken::new("token")));
//! let utc: chrono::DateTime<chrono::Utc> = "2026-11-24T12:00:00Z".parse()?; // your wall clock
//! let now = || Now::new(Instant::now(), utc);
//! let guilds = loop {
//!     match call.poll(now(), &mut limiter) {
//!         Step::Send(transmit) => {
//!             let received = send(transmit.request);
//!             call.handle_response(received, now());
//!         }
//!         Step::Wait(wait) => sleep_until(wait.until),
//!         Step::Done(result) => break result?,
//!     }
//! };
//! assert_eq!(guilds[0].name, "1337 Krew");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::time::{Duration, Instant};

use bytes::Bytes;
use chrono::{DateTime, Utc};
use http::{HeaderMap, StatusCode};

use crate::error::Result;
use crate::operation::RequestBody;
use crate::rate_limit::RateLimiter;

/// The caller's clock, read once: a monotonic instant (for waits and rate
/// limits) and the wall-clock time (for absolute expiry times).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    /// Monotonic time, for waits, rate limits and deadlines.
    pub instant: Instant,
    /// Wall-clock time, for token expiry.
    pub utc: DateTime<Utc>,
}

impl Now {
    /// A reading of the caller's two clocks.
    pub fn new(instant: Instant, utc: DateTime<Utc>) -> Self {
        Self { instant, utc }
    }
}

/// A sans-IO call: asked what to do now, fed each response.
///
/// Neither method panics, whatever the order they are called in: polling
/// after [`Step::Done`] answers `Done(Err(`[`Error::DriverFinished`](crate::Error::DriverFinished)`))`,
/// polling while a request is out (its response never fed) ends the call
/// with [`Error::ResponseMissing`](crate::Error::ResponseMissing), and a
/// response fed when no request is out is ignored.
pub trait Driver {
    /// What the call results in.
    type Output;

    /// What to do now: send a request, wait, or take the result.
    ///
    /// After [`Step::Done`] the driver is spent: polling again answers a
    /// `Done` holding an error.
    fn poll(&mut self, now: Now, limiter: &mut RateLimiter) -> Step<Self::Output>;

    /// Feeds the response to the last [`Step::Send`], received at `now`.
    ///
    /// It takes no limiter: the answer is classified and parsed here, and
    /// what the [`RateLimiter`] learns from it (bucket, remaining, reset, a
    /// 429's wait) is taught at the next [`poll`](Self::poll). A limiter
    /// shared by many calls behind a lock is so held only for its own
    /// bookkeeping, never while a body is parsed. Poll after each response,
    /// as the loop above does; a driver dropped before that teaches nothing.
    fn handle_response(&mut self, response: Received, now: Now);
}

/// What a [`Driver`] asks its runtime to do next.
#[derive(Debug)]
#[must_use = "a step must be carried out"]
pub enum Step<T> {
    /// Send this request, then feed the answer to
    /// [`Driver::handle_response`].
    Send(Transmit),
    /// Sleep until [`Wait::until`], then poll again.
    Wait(Wait),
    /// The call is over.
    Done(Result<T>),
}

/// A request to send, with the bounds to send it under.
#[derive(Debug)]
#[non_exhaustive]
pub struct Transmit {
    /// The request. Its body's `Debug` is redacted.
    pub request: http::Request<RequestBody>,
    /// The operation's name, for logs (e.g. `exchange_code`).
    pub operation: &'static str,
    /// Which send of this operation this is, from 1.
    pub attempt: u32,
    /// The time left before the whole call's deadline, when one is set: the
    /// runtime's own per-request timeout should not exceed it.
    pub timeout: Option<Duration>,
    /// The largest response body to read, in bytes.
    pub max_body_size: u64,
}

/// A wait the driver asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Wait {
    /// When to poll again.
    pub until: Instant,
    /// Why (for logs).
    pub reason: WaitReason,
    /// The operation waiting.
    pub operation: &'static str,
}

/// Why a [`Driver`] waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum WaitReason {
    /// Discord answered 429; `global` when it was the global limit.
    RateLimited {
        /// Whether the 429 was the global limit.
        global: bool,
    },
    /// The rate limiter's bookkeeping holds the route (an exhausted bucket,
    /// the global window, an earlier 429).
    Limiter,
    /// Discord answered 502, 503 or 504; a bounded backoff before retrying.
    ServerError {
        /// The status answered.
        status: StatusCode,
    },
    /// A polling interval (e.g. the device-code grant's).
    PollInterval,
}

/// A response as the runtime read it.
///
/// Its `Debug` shows the body's length, not the body: a token response
/// holds the user's tokens.
#[non_exhaustive]
pub struct Received {
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The whole body (at most [`Transmit::max_body_size`] bytes).
    pub body: Bytes,
}

impl std::fmt::Debug for Received {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Received")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body_len", &self.body.len())
            .finish()
    }
}

impl Received {
    /// A response read by the runtime. The body is taken as it is: a
    /// `Vec<u8>` or the `Bytes` an HTTP client read it into, without a copy.
    pub fn new(status: StatusCode, headers: HeaderMap, body: impl Into<Bytes>) -> Self {
        Self {
            status,
            headers,
            body: body.into(),
        }
    }
}

mod body;
mod call;
mod deadline;
mod device_login;
mod guild_walk;
mod retry;

pub use body::{BodyChunks, BodyTooLarge};
pub use call::Call;
pub use device_login::{DeviceLogin, MIN_POLL_INTERVAL, SLOW_DOWN_STEP};
pub use guild_walk::GuildWalk;
