//! Rate-limit bookkeeping, as pure code.
//!
//! [`RateLimitHeaders`] reads Discord's `X-RateLimit-*` and `Retry-After`
//! headers from a response; [`RateLimiter`] turns what they say into how long
//! to wait before the next request on a [`Route`](crate::Route). Neither reads
//! the clock nor sleeps: the caller passes `now` and does the waiting, so the
//! same code serves blocking, async and bring-your-own-HTTP runtimes.

mod headers;

pub use headers::RateLimitHeaders;
