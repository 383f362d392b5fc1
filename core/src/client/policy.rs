//! [`Policy`]: how a call is bounded — body size, retries, waits, deadline,
//! and the proactive global rate-limit window.

use std::time::Duration;

/// The default cap on a response body: 4 MiB.
pub const DEFAULT_MAX_BODY_SIZE: u64 = 4 * 1024 * 1024;
/// How many times a 429 is retried by default.
pub const DEFAULT_MAX_RATE_LIMIT_RETRIES: u32 = 3;
/// The longest wait a 429 may ask for and still be retried by default: 60 s.
pub const DEFAULT_MAX_RETRY_WAIT: Duration = Duration::from_secs(60);
/// How many times a 502, 503 or 504 is retried by default (safe methods only).
pub const DEFAULT_MAX_SERVER_ERROR_RETRIES: u32 = 2;
/// Discord's documented global limit for bot requests: 50 per second.
pub const DEFAULT_GLOBAL_RATE_LIMIT: u32 = 50;

/// How every call of a [`Client`](super::Client) is bounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Policy {
    /// The largest response body read, in bytes.
    pub max_body_size: u64,
    /// How many times a 429 is retried after its wait; `0` returns every 429.
    pub max_rate_limit_retries: u32,
    /// The longest wait (a 429's or the limiter's) taken before a request.
    pub max_retry_wait: Duration,
    /// How many times a 502, 503 or 504 is retried, for methods safe to repeat.
    pub max_server_error_retries: u32,
    /// The deadline of a whole call (waits and retries included), if any.
    pub call_timeout: Option<Duration>,
    /// Requests per second the client paces bot requests to, if any.
    pub global_rate_limit: Option<u32>,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            max_body_size: DEFAULT_MAX_BODY_SIZE,
            max_rate_limit_retries: DEFAULT_MAX_RATE_LIMIT_RETRIES,
            max_retry_wait: DEFAULT_MAX_RETRY_WAIT,
            max_server_error_retries: DEFAULT_MAX_SERVER_ERROR_RETRIES,
            call_timeout: None,
            global_rate_limit: Some(DEFAULT_GLOBAL_RATE_LIMIT),
        }
    }
}
