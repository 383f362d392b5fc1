//! [`RuntimeLimits`]: how large a body and how long a rate-limit wait a
//! runtime accepts, and the retry decisions that follow from them.

use std::fmt;
use std::time::{Duration, Instant};

use crate::error::RateLimited;
use crate::rate_limit::RateLimiter;
use crate::route::Route;

/// The default cap on a response body: 4 MiB (Discord's largest answers, a
/// page of 200 guilds, are well under 1 MiB).
pub const DEFAULT_MAX_BODY_SIZE: u64 = 4 * 1024 * 1024;
/// How many times a 429 is retried by default.
pub const DEFAULT_MAX_RATE_LIMIT_RETRIES: u32 = 3;
/// The longest wait a 429 may ask for and still be retried by default: 60 s.
pub const DEFAULT_MAX_RETRY_WAIT: Duration = Duration::from_secs(60);

/// A runtime's bounds on response bodies and rate-limit waits.
///
/// The defaults are [`DEFAULT_MAX_BODY_SIZE`],
/// [`DEFAULT_MAX_RATE_LIMIT_RETRIES`] and [`DEFAULT_MAX_RETRY_WAIT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuntimeLimits {
    /// The largest response body read, in bytes.
    pub max_body_size: u64,
    /// How many times a 429 is retried after its `retry_after`; `0` returns
    /// every 429 at once.
    pub max_rate_limit_retries: u32,
    /// The longest wait accepted before a request, whether a 429 asks for it
    /// or the rate limiter's bookkeeping does.
    pub max_retry_wait: Duration,
}

impl Default for RuntimeLimits {
    fn default() -> Self {
        Self {
            max_body_size: DEFAULT_MAX_BODY_SIZE,
            max_rate_limit_retries: DEFAULT_MAX_RATE_LIMIT_RETRIES,
            max_retry_wait: DEFAULT_MAX_RETRY_WAIT,
        }
    }
}

/// What to do after a 429: [`RuntimeLimits::after_rate_limit`]'s answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Sleep this long, then send the operation again.
    After(Duration),
    /// Return the 429 to the caller.
    GiveUp(GiveUp),
}

/// Why a 429 is not retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GiveUp {
    /// Every retry allowed by
    /// [`max_rate_limit_retries`](RuntimeLimits::max_rate_limit_retries) was used.
    OutOfRetries,
    /// The 429 asks for a wait longer than
    /// [`max_retry_wait`](RuntimeLimits::max_retry_wait).
    WaitTooLong,
}

impl fmt::Display for GiveUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            GiveUp::OutOfRetries => "out of retries",
            GiveUp::WaitTooLong => "the wait is longer than max_retry_wait",
        })
    }
}

impl RuntimeLimits {
    /// Whether a response of `declared` bytes (its `Content-Length`, when
    /// sent) or of `read` bytes so far is over
    /// [`max_body_size`](Self::max_body_size).
    ///
    /// ```
    /// use disco_oauth2::runtime::RuntimeLimits;
    ///
    /// let limits = RuntimeLimits { max_body_size: 10, ..RuntimeLimits::default() };
    /// assert!(!limits.body_too_large(10));
    /// assert!(limits.body_too_large(11));
    /// ```
    pub fn body_too_large(&self, bytes: u64) -> bool {
        bytes > self.max_body_size
    }

    /// Decides what follows a 429 on the `attempt`-th send (counting from 1):
    /// wait its `retry_after` and send again, or give up because the retries
    /// are used or the wait is too long.
    ///
    /// ```
    /// use std::time::Duration;
    /// use disco_oauth2::RateLimited;
    /// use disco_oauth2::runtime::{GiveUp, Retry, RuntimeLimits};
    ///
    /// let limits = RuntimeLimits { max_rate_limit_retries: 1, ..RuntimeLimits::default() };
    /// let limited = RateLimited {
    ///     retry_after: Duration::from_secs(2),
    ///     global: false,
    ///     scope: None,
    ///     bucket: None,
    ///     message: None,
    ///     code: None,
    ///     predicted: false,
    /// };
    /// assert_eq!(limits.after_rate_limit(1, &limited), Retry::After(Duration::from_secs(2)));
    /// assert_eq!(limits.after_rate_limit(2, &limited), Retry::GiveUp(GiveUp::OutOfRetries));
    /// ```
    pub fn after_rate_limit(&self, attempt: u32, limited: &RateLimited) -> Retry {
        let wait = limited.retry_after;
        if wait > self.max_retry_wait {
            Retry::GiveUp(GiveUp::WaitTooLong)
        } else if attempt > self.max_rate_limit_retries {
            Retry::GiveUp(GiveUp::OutOfRetries)
        } else {
            Retry::After(wait)
        }
    }

    /// Asks the limiter about a request on `route` at `now`:
    ///
    /// - `Ok(None)`: send it now (the send is recorded in the limiter);
    /// - `Ok(Some(wait))`: sleep `wait`, then ask again;
    /// - `Err(limited)`: the wait is longer than
    ///   [`max_retry_wait`](Self::max_retry_wait); do not send, return this
    ///   429 (one the client predicts from Discord's earlier answers).
    pub fn before_send(
        &self,
        limiter: &mut RateLimiter,
        route: &Route,
        now: Instant,
    ) -> Result<Option<Duration>, RateLimited> {
        match limiter.delay(route, now) {
            None => {
                limiter.on_send(route, now);
                Ok(None)
            }
            Some(wait) if wait > self.max_retry_wait => Err(predicted_rate_limit(wait)),
            Some(wait) => Ok(Some(wait)),
        }
    }
}

/// A 429 the client's own bookkeeping predicts: the wait is too long to take.
fn predicted_rate_limit(wait: Duration) -> RateLimited {
    RateLimited {
        retry_after: wait,
        global: false,
        scope: None,
        bucket: None,
        message: Some(
            "the client's rate limiter holds this route (Discord said so in an earlier response)"
                .into(),
        ),
        code: None,
        predicted: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::Method;

    fn limited(ms: u64) -> RateLimited {
        RateLimited {
            retry_after: Duration::from_millis(ms),
            global: false,
            scope: None,
            bucket: None,
            message: None,
            code: None,
            predicted: false,
        }
    }

    #[test]
    fn retries_until_out_of_retries() {
        let limits = RuntimeLimits::default();
        for attempt in 1..=DEFAULT_MAX_RATE_LIMIT_RETRIES {
            assert_eq!(
                limits.after_rate_limit(attempt, &limited(10)),
                Retry::After(Duration::from_millis(10))
            );
        }
        assert_eq!(
            limits.after_rate_limit(DEFAULT_MAX_RATE_LIMIT_RETRIES + 1, &limited(10)),
            Retry::GiveUp(GiveUp::OutOfRetries)
        );
    }

    #[test]
    fn a_long_wait_is_not_taken() {
        let limits = RuntimeLimits {
            max_retry_wait: Duration::from_millis(100),
            ..RuntimeLimits::default()
        };
        assert_eq!(
            limits.after_rate_limit(1, &limited(101)),
            Retry::GiveUp(GiveUp::WaitTooLong)
        );
        assert_eq!(
            limits.after_rate_limit(1, &limited(100)),
            Retry::After(Duration::from_millis(100))
        );
        let none = RuntimeLimits {
            max_rate_limit_retries: 0,
            ..RuntimeLimits::default()
        };
        assert_eq!(
            none.after_rate_limit(1, &limited(1)),
            Retry::GiveUp(GiveUp::OutOfRetries)
        );
    }

    #[test]
    fn before_send_waits_or_refuses() {
        let route = Route::new(Method::GET, "/users/@me");
        let now = Instant::now();
        let mut limiter = RateLimiter::new();
        limiter.on_rate_limited(&route, &limited(500), now);
        let patient = RuntimeLimits::default();
        assert_eq!(
            patient.before_send(&mut limiter, &route, now),
            Ok(Some(Duration::from_millis(500)))
        );
        let hasty = RuntimeLimits {
            max_retry_wait: Duration::from_millis(100),
            ..RuntimeLimits::default()
        };
        let refused = hasty
            .before_send(&mut limiter, &route, now)
            .expect_err("too long a wait");
        assert_eq!(refused.retry_after, Duration::from_millis(500));
        assert_eq!(
            patient.before_send(&mut limiter, &route, now + Duration::from_millis(500)),
            Ok(None)
        );
    }
}
