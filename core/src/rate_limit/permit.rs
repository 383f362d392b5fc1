//! [`Acquire`] and [`Permit`]: asking the limiter before a send, and telling
//! it what the answer said.

use std::time::Instant;

use http::StatusCode;

use super::{RateLimitHeaders, RateLimiter};
use crate::error::RateLimited;
use crate::route::Route;

/// The limiter's answer to [`RateLimiter::acquire`].
#[derive(Debug)]
#[must_use = "a permit must be used to send, then completed"]
pub enum Acquire {
    /// Send now; complete the permit with the response.
    Ready(Permit),
    /// Do not send before `until`; acquire again then.
    Wait {
        /// When the route may have room.
        until: Instant,
    },
}

/// Leave to send one request on a route, counted by the limiter when it was
/// granted. Completing it (by value, so exactly once) teaches the limiter
/// what the response said.
///
/// ```
/// use std::time::{Duration, Instant};
/// use disco_oauth2::{Acquire, RateLimitHeaders, RateLimiter};
/// use disco_oauth2::Route;
/// use http::{Method, StatusCode};
///
/// let mut limiter = RateLimiter::new();
/// let route = Route::new(Method::GET, "/users/@me");
/// let t0 = Instant::now();
/// let Acquire::Ready(permit) = limiter.acquire(&route, t0) else { unreachable!() };
/// // … send, then:
/// let headers = RateLimitHeaders {
///     bucket: Some("abcd".into()),
///     remaining: Some(0),
///     reset_after: Some(Duration::from_secs(2)),
///     ..RateLimitHeaders::default()
/// };
/// permit.complete(&mut limiter, StatusCode::OK, &headers, t0);
/// assert!(matches!(limiter.acquire(&route, t0), Acquire::Wait { until } if until == t0 + Duration::from_secs(2)));
/// ```
#[derive(Debug)]
#[must_use = "a permit must be completed with the response"]
pub struct Permit {
    route: Route,
}

impl Permit {
    pub(super) fn new(route: Route) -> Self {
        Self { route }
    }

    /// The route the permit is for.
    pub fn route(&self) -> &Route {
        &self.route
    }

    /// Learns from the response, received at `now`: the bucket's name,
    /// remaining count and reset, and — for a 429 — a block for the wait
    /// its headers ask (see [`RateLimitHeaders::retry_wait`]).
    ///
    /// When the 429's body was parsed, use
    /// [`complete_rate_limited`](Self::complete_rate_limited) instead: the
    /// body's wait is more precise.
    pub fn complete(
        self,
        limiter: &mut RateLimiter,
        status: StatusCode,
        headers: &RateLimitHeaders,
        now: Instant,
    ) {
        limiter.on_response(&self.route, headers, now);
        if status == StatusCode::TOO_MANY_REQUESTS {
            let limited = RateLimited {
                retry_after: headers.retry_wait(),
                global: headers.is_global(),
                scope: headers.scope.clone(),
                bucket: headers.bucket.clone(),
                message: None,
                code: None,
                predicted: false,
            };
            limiter.on_rate_limited(&self.route, &limited, now);
        }
    }

    /// Learns from a 429 response whose body was parsed into `limited`: its
    /// bucket headers, and a block of exactly `limited.retry_after` — of the
    /// bucket, or of everything the same identity sends when it is global.
    pub fn complete_rate_limited(
        self,
        limiter: &mut RateLimiter,
        headers: &RateLimitHeaders,
        limited: &RateLimited,
        now: Instant,
    ) {
        limiter.on_response(&self.route, headers, now);
        limiter.on_rate_limited(&self.route, limited, now);
    }
}
