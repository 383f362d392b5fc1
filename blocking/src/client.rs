//! [`Client`]: runs core operations over ureq, with rate limits honoured.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use disco_oauth2::authorize::AuthorizeUrlBuilder;
use disco_oauth2::model::{AccessToken, Application, ApplicationId, Authorization, Scope, User};
use disco_oauth2::runtime::{ClientState, Retry, RuntimeLimits, TransportSettings};
use disco_oauth2::{
    AuthorizationCode, BearerToken, BotToken, Operation, PkceVerifier, RateLimited, RefreshToken,
    Route,
};
use http::StatusCode;
use tracing::field::Empty;

use crate::builder::ClientBuilder;
use crate::error::Error;
use crate::session::UserSession;

/// A blocking Discord OAuth2 client: the core's configuration, one ureq
/// agent (one connection pool), and one rate limiter.
///
/// Cheap to clone: clones share the agent, its pool and the limiter. The
/// pool is closed when the last clone is dropped (the seed's `close()`):
/// there is nothing to call.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<ClientState<ureq::Agent>>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.fmt(f)
    }
}

impl Client {
    /// Starts configuring a client for the application `client_id`.
    pub fn builder(client_id: impl Into<ApplicationId>) -> ClientBuilder {
        ClientBuilder::new(client_id)
    }

    /// A client over an already built core client, with the default agent
    /// and limits.
    pub fn from_core(core: disco_oauth2::Client) -> Self {
        Self::from_core_with_agent(
            core,
            crate::builder::agent_with(&TransportSettings::default(), None),
        )
    }

    /// A client over an already built core client and your own agent, with
    /// the default limits (see [`ClientBuilder`] for what is enforced
    /// per request).
    pub fn from_core_with_agent(core: disco_oauth2::Client, agent: ureq::Agent) -> Self {
        Self {
            inner: Arc::new(ClientState::new(
                core,
                agent,
                None,
                RuntimeLimits::default(),
            )),
        }
    }

    /// The core client: the configuration every operation is built from.
    pub fn core(&self) -> &disco_oauth2::Client {
        self.inner.core()
    }

    /// The ureq agent requests run on.
    pub fn agent(&self) -> &ureq::Agent {
        self.inner.transport()
    }

    /// Runs any core operation: waits if the rate limiter says so, sends the
    /// request, reads the response (at most
    /// [`max_body_size`](ClientBuilder::max_body_size) bytes), and parses it.
    /// A 429 is retried after its `retry_after`, up to
    /// [`max_rate_limit_retries`](ClientBuilder::max_rate_limit_retries)
    /// times, each wait logged with `tracing::warn!`.
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
    pub fn run<O: Operation + Clone>(&self, op: O) -> Result<O::Output, Error> {
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            let (request, pending) = op.clone().into_parts()?;
            let route = pending.route().clone();
            self.wait_for_limiter(O::NAME, &route)?;
            let span = tracing::info_span!(
                "discord.request",
                operation = O::NAME,
                method = %route.method,
                route = %route,
                status = Empty,
                attempt,
            );
            let (status, headers, body) = {
                let _entered = span.enter();
                self.send(O::NAME, &route, request)?
            };
            span.record("status", status.as_u16());
            match pending.parse_parts(status, &headers, &body, Utc::now()) {
                Err(disco_oauth2::Error::RateLimited(limited)) => {
                    let wait_ms = limited.retry_after.as_millis() as u64;
                    let wait = match self.inner.after_rate_limit(
                        &route,
                        attempt,
                        &limited,
                        Instant::now(),
                    ) {
                        Retry::After(wait) => wait,
                        Retry::GiveUp(reason) => {
                            tracing::warn!(operation = O::NAME, route = %route, attempt, wait_ms, "rate limited by Discord; not retrying ({reason})");
                            return Err(disco_oauth2::Error::RateLimited(limited).into());
                        }
                    };
                    tracing::warn!(operation = O::NAME, route = %route, attempt, wait_ms, global = limited.global, "rate limited by Discord; retrying {} after {:.3} s", O::NAME, wait.as_secs_f64());
                    std::thread::sleep(wait);
                }
                result => return result.map_err(Error::from),
            }
        }
    }

    /// Waits until the limiter lets a request on `route` go, then records it as sent.
    fn wait_for_limiter(&self, operation: &'static str, route: &Route) -> Result<(), Error> {
        loop {
            let decision = self.inner.before_send(route, Instant::now());
            let Some(delay) = log_limiter_wait(operation, route, decision)? else {
                return Ok(());
            };
            std::thread::sleep(delay);
        }
    }

    /// Sends one request and reads the whole response, feeding the limiter.
    fn send(
        &self,
        operation: &'static str,
        route: &Route,
        request: http::Request<Vec<u8>>,
    ) -> Result<(StatusCode, http::HeaderMap, Vec<u8>), Error> {
        let limit = self.inner.limits().max_body_size;
        let agent = self.inner.transport();
        // Per request, so that a user's own agent behaves too.
        let mut config = agent
            .configure_request(request)
            .http_status_as_error(false)
            .max_redirects(0);
        // A user's own agent may have no timeout at all: then the default applies.
        let timeout = self.inner.request_timeout().or_else(|| {
            agent
                .config()
                .timeouts()
                .global
                .is_none()
                .then_some(disco_oauth2::runtime::DEFAULT_TIMEOUT)
        });
        if let Some(timeout) = timeout {
            config = config.timeout_global(Some(timeout));
        }
        let mut response = agent
            .run(config.build())
            .map_err(|e| Error::from_ureq(operation, limit, e))?;
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        self.inner
            .on_response(route, status, &headers, Instant::now());
        tracing::debug!(status = status.as_u16(), "response headers received");
        let declared = headers
            .get(http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if declared.is_some_and(|len| self.inner.limits().body_too_large(len)) {
            return Err(Error::BodyTooLarge { operation, limit });
        }
        let body = response
            .body_mut()
            .with_config()
            .limit(limit)
            .read_to_vec()
            .map_err(|e| Error::from_ureq(operation, limit, e))?;
        Ok((status, headers, body))
    }

    // ---- the seed's API -------------------------------------------------

    /// Starts an authorization URL with the client's id, scopes and redirect
    /// URI (the seed's `get_oauth_url`); no request is made.
    pub fn authorize_url(&self) -> AuthorizeUrlBuilder {
        self.inner.core().authorize_url()
    }

    /// Trades the `code` from the authorization redirect for a token.
    ///
    /// # Errors
    /// As [`run`](Self::run); an expired or reused code is
    /// [`OAuth2`](disco_oauth2::Error::OAuth2) `invalid_grant`.
    pub fn exchange_code(&self, code: impl Into<AuthorizationCode>) -> Result<AccessToken, Error> {
        self.run(self.inner.core().exchange_code(code))
    }

    /// Trades the `code` for a token, proving possession of the PKCE verifier
    /// whose challenge went into the authorization URL.
    ///
    /// # Errors
    /// As [`exchange_code`](Self::exchange_code).
    pub fn exchange_code_with_pkce(
        &self,
        code: impl Into<AuthorizationCode>,
        verifier: PkceVerifier,
    ) -> Result<AccessToken, Error> {
        self.run(
            self.inner
                .core()
                .exchange_code(code)
                .pkce_verifier(verifier),
        )
    }

    /// Trades a refresh token for a new token. Discord rotates refresh
    /// tokens: store the new one.
    ///
    /// # Errors
    /// As [`run`](Self::run); a dead refresh token is `invalid_grant`.
    pub fn refresh_token(&self, refresh_token: &RefreshToken) -> Result<AccessToken, Error> {
        self.run(self.inner.core().refresh_token(refresh_token))
    }

    /// A client-credentials token for the application's owner, with these scopes.
    ///
    /// # Errors
    /// As [`run`](Self::run); a client without a secret, or no scopes, is refused before sending.
    pub fn client_credentials<I>(&self, scopes: I) -> Result<AccessToken, Error>
    where
        I: IntoIterator,
        I::Item: Into<Scope>,
    {
        self.run(self.inner.core().client_credentials().scopes(scopes))
    }

    /// Revokes a token's whole authorization: by its refresh token when it
    /// has one, else by its access token. Revoking a dead token succeeds.
    ///
    /// # Errors
    /// As [`run`](Self::run).
    pub fn revoke_token(&self, token: &AccessToken) -> Result<(), Error> {
        self.run(self.inner.core().revoke_authorization(token))
    }

    /// The user a token belongs to (`GET /users/@me`).
    ///
    /// # Errors
    /// As [`run`](Self::run).
    pub fn fetch_user(&self, token: &BearerToken) -> Result<User, Error> {
        self.run(self.inner.core().current_user(token))
    }

    /// What a token is allowed to do, and until when (`GET /oauth2/@me`).
    ///
    /// # Errors
    /// As [`run`](Self::run).
    pub fn fetch_authorization(&self, token: &BearerToken) -> Result<Authorization, Error> {
        self.run(self.inner.core().current_authorization(token))
    }

    /// The application whose bot token this is (`GET /oauth2/applications/@me`).
    ///
    /// # Errors
    /// As [`run`](Self::run).
    pub fn fetch_application(&self, bot_token: &BotToken) -> Result<Application, Error> {
        self.run(self.inner.core().current_application(bot_token))
    }

    /// A handle on the user a token belongs to (the seed's
    /// `get_partial_user`); no request is made.
    pub fn user(&self, token: AccessToken) -> UserSession {
        UserSession::new(self.clone(), token)
    }
}

/// Logs what the limiter decided before a send (a refusal, a long or a short
/// wait) and turns a refusal into the error returned.
fn log_limiter_wait(
    operation: &'static str,
    route: &Route,
    decision: Result<Option<Duration>, RateLimited>,
) -> Result<Option<Duration>, Error> {
    match decision {
        Err(limited) => {
            tracing::warn!(operation, route = %route, wait_ms = limited.retry_after.as_millis() as u64, "rate limit bucket exhausted; the wait is longer than max_retry_wait, not sending");
            Err(disco_oauth2::Error::RateLimited(limited).into())
        }
        Ok(Some(delay)) if delay >= Duration::from_secs(1) => {
            tracing::warn!(operation, route = %route, wait_ms = delay.as_millis() as u64, "waiting {:.3} s for the rate limit before sending {operation}", delay.as_secs_f64());
            Ok(Some(delay))
        }
        Ok(Some(delay)) => {
            tracing::debug!(operation, route = %route, wait_ms = delay.as_millis() as u64, "waiting for the rate limit");
            Ok(Some(delay))
        }
        Ok(None) => Ok(None),
    }
}
