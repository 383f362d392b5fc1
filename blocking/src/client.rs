//! [`Client`]: drives the core's calls over ureq.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use chrono::Utc;
use disco_oauth2::driver::{Call, Driver, Now, Received, Transmit};
use disco_oauth2::{Operation, RateLimiter, RequestBody, oidc::JwksCache};
use tracing::field::Empty;

use crate::builder::ClientBuilder;
use crate::error::Error;
use crate::session::UserSession;

/// A blocking Discord OAuth2 client: the core's configuration, one ureq
/// agent (one connection pool), and one rate limiter.
///
/// Cheap to clone: clones share the agent, its pool and the limiter. The
/// pool is closed when the last clone is dropped: there is nothing to call.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    core: disco_oauth2::Client,
    limiter: Mutex<RateLimiter>,
    shell: Shell,
    jwks: Mutex<JwksCache>,
}

/// The transport half of a client, as the builder made it.
pub(crate) struct Shell {
    pub(crate) agent: ureq::Agent,
    /// Whether the agent is the user's: then each request is configured.
    pub(crate) own_agent: bool,
    pub(crate) timeout: Duration,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("core", &self.inner.core)
            .field("timeout", &self.inner.shell.timeout)
            .field("own_agent", &self.inner.shell.own_agent)
            .finish_non_exhaustive()
    }
}

impl Client {
    pub(crate) fn new(core: disco_oauth2::Client, shell: Shell) -> Self {
        let limiter = Mutex::new(core.rate_limiter());
        Self {
            inner: Arc::new(Inner {
                core,
                limiter,
                shell,
                jwks: Mutex::default(),
            }),
        }
    }

    /// The core client: the configuration every operation is built from.
    pub fn core(&self) -> &disco_oauth2::Client {
        &self.inner.core
    }

    /// The cache of Discord's ID-token keys that
    /// [`verify_id_token`](Self::verify_id_token) uses: one per client, shared
    /// by its clones (replace it to change its ages).
    pub fn jwks_cache(&self) -> &Mutex<JwksCache> {
        &self.inner.jwks
    }

    /// The ureq agent requests run on.
    pub fn agent(&self) -> &ureq::Agent {
        &self.inner.shell.agent
    }

    /// Runs any core operation as one [`Call`]: limiter waits, the send, and
    /// the retries the client's policy allows.
    ///
    /// ```no_run
    /// use disco_oauth2_blocking::{BearerToken, Client};
    ///
    /// let client = Client::builder(157730590492196864).build()?;
    /// let token = BearerToken::new("…");
    /// // Any operation of the core, e.g. one page of 50 guilds with counts:
    /// let guilds = client.run(client.core().current_user_guilds(&token).limit(50).with_counts(true))?;
    /// # let _ = guilds;
    /// # Ok::<(), disco_oauth2_blocking::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Core`] for whatever Discord answered that is not a success
    /// (and for input the core refuses), [`Error::Transport`],
    /// [`Error::Timeout`] and [`Error::BodyTooLarge`] when no whole response
    /// was read.
    pub fn run<O: Operation>(&self, op: O) -> Result<O::Output, Error> {
        self.drive(Call::new(&self.inner.core, op))
    }

    /// Drives any [`Driver`] to its end: polls it, sends what it asks to
    /// send, sleeps while it waits, and returns its result.
    ///
    /// # Errors
    /// As [`run`](Self::run).
    pub fn drive<D: Driver>(&self, mut driver: D) -> Result<D::Output, Error> {
        disco_oauth2::__drive_loop!(self, driver, {})
    }

    fn limiter(&self) -> MutexGuard<'_, RateLimiter> {
        self.inner
            .limiter
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Sends one request and reads the whole response, within the bounds of
    /// the transmit.
    fn send(&self, transmit: Transmit) -> Result<Received, Error> {
        let (operation, limit, shell) = (
            transmit.operation,
            transmit.max_body_size,
            &self.inner.shell,
        );
        let timeout = transmit
            .timeout
            .map_or(shell.timeout, |t| t.min(shell.timeout));
        let request = transmit.request.map(RequestBody::into_bytes);
        let span = tracing::debug_span!("discord.request", operation, method = %request.method(),
            path = request.uri().path(), attempt = transmit.attempt, status = Empty);
        let _entered = span.enter();
        // The agent is ours and configured once; a user's agent, or a
        // shorter deadline, is configured per request.
        let sent = if shell.own_agent || timeout < shell.timeout {
            let request = shell
                .agent
                .configure_request(request)
                .http_status_as_error(false);
            let request = request
                .max_redirects(0)
                .timeout_global(Some(timeout))
                .build();
            shell.agent.run(request)
        } else {
            shell.agent.run(request)
        };
        let mut response = sent.map_err(|e| Error::from_ureq(operation, limit, e))?;
        let status = response.status();
        span.record("status", status.as_u16());
        let headers = std::mem::take(response.headers_mut());
        if disco_oauth2::api_table::__declared_too_large(&headers, limit) {
            return Err(Error::BodyTooLarge { operation, limit });
        }
        let body = response.body_mut().with_config().limit(limit).read_to_vec();
        let body = body.map_err(|e| Error::from_ureq(operation, limit, e))?;
        Ok(Received::new(status, headers, body))
    }

    disco_oauth2::__client_api!({} {});
}

/// The two clocks, read now.
pub(crate) fn now() -> Now {
    Now::new(Instant::now(), Utc::now())
}

/// Sleeps until `until` (at once when it passed).
pub(crate) fn sleep_until(until: Instant) {
    std::thread::sleep(until.saturating_duration_since(Instant::now()));
}
