//! Rate limiting, as pure code.
//!
//! [`RateLimitHeaders`] reads Discord's `X-RateLimit-*` and `Retry-After`
//! headers from a response; [`RateLimiter`] turns what they say into when
//! the next request on a [`Route`](crate::Route) may go. Neither reads the
//! clock nor sleeps: the caller passes `now` and does the waiting.
//!
//! The limiter's surface is a permit: [`RateLimiter::acquire`] answers
//! [`Acquire::Ready`] with a [`Permit`] (the send is counted) or
//! [`Acquire::Wait`] with an instant; the permit is completed, by value, with
//! the response's headers. It cannot be completed twice, nor before it was
//! granted. A [`Call`](crate::driver::Call) drives all of it; the pieces are
//! public for a runtime of your own design.
//!
//! ```
//! use std::time::Instant;
//! use disco_oauth2::{Acquire, RateLimitHeaders, RateLimiter};
//! use disco_oauth2::Route;
//! use http::{HeaderMap, Method, StatusCode};
//!
//! # fn send(_: &Route) -> (StatusCode, HeaderMap) { (StatusCode::OK, HeaderMap::new()) }
//! # fn sleep_until(_: Instant) {}
//! let mut limiter = RateLimiter::new();
//! let route = Route::new(Method::GET, "/users/@me");
//! let permit = loop {
//!     match limiter.acquire(&route, Instant::now()) {
//!         Acquire::Ready(permit) => break permit,
//!         Acquire::Wait { until } => sleep_until(until),
//!     }
//! };
//! let (status, headers) = send(&route);
//! permit.complete(&mut limiter, status, &RateLimitHeaders::from_headers(&headers), Instant::now());
//! ```

mod bounds;
mod bucket;
mod global;
mod headers;
mod limiter;
mod permit;

pub use headers::RateLimitHeaders;
pub use limiter::RateLimiter;
pub use permit::{Acquire, Permit};

use std::time::{Duration, Instant};

/// `at + wait`, the wait capped at [`RateLimitHeaders::MAX_DURATION`], or
/// `at` itself in the (unrealistic) case the sum overflows the platform's
/// `Instant`.
pub(crate) fn later(at: Instant, wait: Duration) -> Instant {
    at.checked_add(wait.min(RateLimitHeaders::MAX_DURATION))
        .or_else(|| at.checked_add(Duration::from_secs(3600)))
        .unwrap_or(at)
}
