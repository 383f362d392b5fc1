//! Rate-limit bookkeeping, as pure code.
//!
//! [`RateLimitHeaders`] reads Discord's `X-RateLimit-*` and `Retry-After`
//! headers from a response; [`RateLimiter`] turns what they say into how long
//! to wait before the next request on a [`Route`](crate::Route). Neither reads
//! the clock nor sleeps: the caller passes `now` and does the waiting, so the
//! same code serves blocking, async and bring-your-own-HTTP runtimes.
//!
//! A runtime's loop, in outline:
//!
//! ```
//! use std::time::Instant;
//! use disco_oauth2::{RateLimitHeaders, RateLimiter, Route};
//! use http::{HeaderMap, Method, StatusCode};
//!
//! # fn send(_: &Route) -> (StatusCode, HeaderMap) { (StatusCode::OK, HeaderMap::new()) }
//! # fn sleep(_: std::time::Duration) {}
//! let mut limiter = RateLimiter::new();
//! let route = Route::new(Method::GET, "/users/@me");
//! if let Some(wait) = limiter.delay(&route, Instant::now()) {
//!     sleep(wait);
//! }
//! limiter.on_send(&route, Instant::now());
//! let (status, headers) = send(&route);
//! limiter.on_response(&route, status, &RateLimitHeaders::from_headers(&headers), Instant::now());
//! ```

mod headers;
mod limiter;

pub use headers::RateLimitHeaders;
pub use limiter::RateLimiter;
