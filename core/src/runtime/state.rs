//! [`ClientState`]: what a runtime's client holds and shares between its
//! clones, and the limiter bookkeeping around each send.

use std::fmt;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use http::{HeaderMap, StatusCode};

use super::{Retry, RuntimeLimits, RuntimeSettings, Transport, TransportSettings};
use crate::error::RateLimited;
use crate::rate_limit::{RateLimitHeaders, RateLimiter};
use crate::route::Route;

/// A runtime client's state: the core client, the HTTP stack `T`, one
/// [`RateLimiter`] (behind a mutex, for clones on other threads), and the
/// limits. A runtime keeps it in an `Arc` and does the IO; this does the
/// bookkeeping, given `now`.
///
/// ```
/// use std::time::Instant;
/// use disco_oauth2::runtime::{ClientState, Retry, RuntimeLimits};
/// use disco_oauth2::{Client, Route};
/// use http::{HeaderMap, Method, StatusCode};
///
/// let core = Client::builder(157730590492196864).build()?;
/// let state = ClientState::new(core, "my HTTP stack", None, RuntimeLimits::default());
/// let route = Route::new(Method::GET, "/users/@me");
/// assert_eq!(state.before_send(&route, Instant::now()), Ok(None)); // send now
/// // … send with `state.transport()`, then:
/// state.on_response(&route, StatusCode::OK, &HeaderMap::new(), Instant::now());
/// # Ok::<(), disco_oauth2::Error>(())
/// ```
pub struct ClientState<T> {
    core: crate::Client,
    transport: T,
    limiter: Mutex<RateLimiter>,
    request_timeout: Option<Duration>,
    limits: RuntimeLimits,
}

impl<T> fmt::Debug for ClientState<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("core", &self.core)
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

impl<T> ClientState<T> {
    /// A state over `core` and `transport`, with a new limiter;
    /// `request_timeout` is the per-request timeout the user set, if any.
    pub fn new(
        core: crate::Client,
        transport: T,
        request_timeout: Option<Duration>,
        limits: RuntimeLimits,
    ) -> Self {
        Self {
            core,
            transport,
            limiter: Mutex::new(RateLimiter::new()),
            request_timeout,
            limits,
        }
    }

    /// A state from what [`RuntimeBuilder::build`](super::RuntimeBuilder::build)
    /// checked, making the transport with `make` unless the user brought one.
    ///
    /// # Errors
    /// What `make` returns.
    pub fn from_settings<E>(
        settings: RuntimeSettings<T>,
        make: impl FnOnce(&TransportSettings) -> Result<T, E>,
    ) -> Result<Self, E> {
        let transport = match settings.transport {
            Transport::Yours(transport) => transport,
            Transport::Make(how) => make(&how)?,
        };
        Ok(Self::new(
            settings.core,
            transport,
            settings.request_timeout,
            settings.limits,
        ))
    }

    /// The core client every operation is built from.
    pub fn core(&self) -> &crate::Client {
        &self.core
    }

    /// The HTTP stack requests run on.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// The overall timeout of each request, when the user set one.
    pub fn request_timeout(&self) -> Option<Duration> {
        self.request_timeout
    }

    /// The bounds on bodies and rate-limit waits.
    pub fn limits(&self) -> RuntimeLimits {
        self.limits
    }

    /// The limiter, locked. A panic while it was held leaves bookkeeping
    /// that is still usable, so a poisoned lock is taken as it is.
    pub fn limiter(&self) -> MutexGuard<'_, RateLimiter> {
        self.limiter.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Before sending on `route`: see [`RuntimeLimits::before_send`].
    ///
    /// # Errors
    /// The predicted 429 when the wait is longer than the limits accept.
    pub fn before_send(
        &self,
        route: &Route,
        now: Instant,
    ) -> Result<Option<Duration>, RateLimited> {
        self.limits.before_send(&mut self.limiter(), route, now)
    }

    /// Feeds a response's status and rate-limit headers to the limiter.
    pub fn on_response(
        &self,
        route: &Route,
        status: StatusCode,
        headers: &HeaderMap,
        now: Instant,
    ) {
        self.limiter()
            .on_response(route, status, &RateLimitHeaders::from_headers(headers), now);
    }

    /// After a 429 on the `attempt`-th send: records it in the limiter and
    /// decides (see [`RuntimeLimits::after_rate_limit`]).
    pub fn after_rate_limit(
        &self,
        route: &Route,
        attempt: u32,
        limited: &RateLimited,
        now: Instant,
    ) -> Retry {
        self.limiter().on_rate_limited(route, limited, now);
        self.limits.after_rate_limit(attempt, limited)
    }
}
