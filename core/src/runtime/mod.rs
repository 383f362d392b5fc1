//! What every runtime shares, as plain data and pure decisions: the limits
//! on bodies and rate-limit waits ([`RuntimeLimits`]), whether to retry a 429
//! ([`RuntimeLimits::after_rate_limit`]), whether to wait for the
//! [`RateLimiter`](crate::RateLimiter) or refuse to send
//! ([`RuntimeLimits::before_send`]), the state a runtime's client shares
//! between its clones ([`ClientState`]), and the builder every runtime's
//! client is configured with ([`RuntimeBuilder`]).
//!
//! Nothing here reads the clock, sleeps or logs: a runtime passes `now`,
//! does the waiting and the logging, and sends the bytes. The
//! `disco-oauth2-blocking` and `disco-oauth2-async` runtimes are built on it;
//! so can yours be.
//!
//! ```
//! use std::time::{Duration, Instant};
//! use disco_oauth2::runtime::{Retry, RuntimeLimits};
//! use disco_oauth2::{RateLimited, RateLimiter, Route};
//! use http::Method;
//!
//! let limits = RuntimeLimits::default();
//! let mut limiter = RateLimiter::new();
//! let route = Route::new(Method::GET, "/users/@me");
//!
//! // Before sending: nothing to wait for, so the send is recorded.
//! assert_eq!(limits.before_send(&mut limiter, &route, Instant::now()), Ok(None));
//!
//! // Discord answered 429 on the first attempt: retry after its wait.
//! # let limited = RateLimited { retry_after: Duration::from_millis(250), global: false, scope: None, bucket: None, message: None, code: None, predicted: false };
//! assert_eq!(limits.after_rate_limit(1, &limited), Retry::After(Duration::from_millis(250)));
//! ```

mod builder;
mod limits;
mod state;

pub use builder::{
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, ProxySettings, RuntimeBuilder, RuntimeClient,
    RuntimeSettings, Transport, TransportSettings,
};
pub use limits::{
    DEFAULT_MAX_BODY_SIZE, DEFAULT_MAX_RATE_LIMIT_RETRIES, DEFAULT_MAX_RETRY_WAIT, GiveUp, Retry,
    RuntimeLimits,
};
pub use state::ClientState;
