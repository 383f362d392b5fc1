//! The call driver: one whole API call — limiter waits, the send, 429 and
//! 5xx retries, walks over several requests — as a sans-IO state machine.
//!
//! CONTRACT (shared by the core and both runtimes; bodies are filled in by
//! the core's implementation):
//!
//! ```text
//!            ┌────────────── poll(now, limiter) ──────────────┐
//!            ▼                                                │
//!   ┌──────────────────┐  Step::Send(transmit)   ┌──────────────────────┐
//!   │      driver      │ ──────────────────────▶ │ runtime sends bytes  │
//!   │ (limiter, retry, │                         └──────────┬───────────┘
//!   │  pages, refresh) │ ◀── handle_response(received, now, limiter) ─┘
//!   └──────────────────┘
//!        │        │ Step::Wait(wait)  → runtime sleeps until wait.until, polls again
//!        │        └──────────────────────────────────────────────────────────────┐
//!        ▼ Step::Done(result)                                                    │
//!     the caller gets the result                                                 ┘
//! ```
//!
//! A runtime's whole loop:
//!
//! ```ignore
//! loop {
//!     match driver.poll(now(), &mut limiter.lock()) {
//!         Step::Send(transmit) => {
//!             let received = send(transmit)?;                    // IO
//!             driver.handle_response(received, now(), &mut limiter.lock());
//!         }
//!         Step::Wait(wait) => sleep_until(wait.until),           // time
//!         Step::Done(result) => return result,
//!     }
//! }
//! ```

use std::time::{Duration, Instant};

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
pub trait Driver {
    /// What the call results in.
    type Output;

    /// What to do now: send a request, wait, or take the result.
    ///
    /// After [`Step::Done`] the driver is spent: polling again answers a
    /// `Done` holding an error.
    fn poll(&mut self, now: Now, limiter: &mut RateLimiter) -> Step<Self::Output>;

    /// Feeds the response to the last [`Step::Send`].
    fn handle_response(&mut self, response: Received, now: Now, limiter: &mut RateLimiter);
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
#[derive(Debug)]
#[non_exhaustive]
pub struct Received {
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The whole body (at most [`Transmit::max_body_size`] bytes).
    pub body: Vec<u8>,
}

impl Received {
    /// A response read by the runtime.
    pub fn new(status: StatusCode, headers: HeaderMap, body: Vec<u8>) -> Self {
        Self {
            status,
            headers,
            body,
        }
    }
}

mod call;
mod device_login;
mod guild_walk;

pub use call::Call;
pub use device_login::{DeviceLogin, MIN_POLL_INTERVAL, SLOW_DOWN_STEP};
pub use guild_walk::GuildWalk;
