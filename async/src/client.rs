//! [`Client`]: runs core operations over reqwest on tokio, with rate limits honoured.

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
use tracing::Instrument as _;
use tracing::field::Empty;

use crate::builder::ClientBuilder;
use crate::error::Error;
use crate::session::UserSession;

/// An async Discord OAuth2 client: the core's configuration, one
/// `reqwest::Client` (one connection pool), and one rate limiter.
///
/// Cheap to clone, `Send` and `Sync`: clones share the HTTP client, its pool
/// and the limiter, so one client can serve a whole web app. The
/// pool is closed when the last clone is dropped (the seed's `close()`):
/// there is nothing to call.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<ClientState<reqwest::Client>>,
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

    /// A client over an already built core client, with the default HTTP
    /// client and limits.
    ///
    /// # Errors
    /// [`Error::Config`] when the TLS backend cannot be initialised.
    pub fn from_core(core: disco_oauth2::Client) -> Result<Self, Error> {
        Ok(Self::from_core_with_http_client(
            core,
            crate::builder::make_http_client(&TransportSettings::default())?,
        ))
    }

    /// A client over an already built core client and your own
    /// `reqwest::Client`, with the default limits (see
    /// [`ClientBuilder`] for what to configure on it).
    pub fn from_core_with_http_client(core: disco_oauth2::Client, http: reqwest::Client) -> Self {
        Self {
            inner: Arc::new(ClientState::new(core, http, None, RuntimeLimits::default())),
        }
    }

    /// The core client: the configuration every operation is built from.
    pub fn core(&self) -> &disco_oauth2::Client {
        self.inner.core()
    }

    /// The `reqwest::Client` requests run on.
    pub fn http_client(&self) -> &reqwest::Client {
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
    /// use disco_oauth2_async::{BearerToken, Client};
    ///
    /// # async fn example() -> Result<(), disco_oauth2_async::Error> {
    /// let client = Client::builder(157730590492196864).build()?;
    /// let token = BearerToken::new("…");
    /// // Any operation of the core, e.g. one page of 50 guilds with counts:
    /// let guilds = client.run(client.core().current_user_guilds(&token).limit(50).with_counts(true)).await?;
    /// # let _ = guilds;
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    /// [`Error::Core`] for whatever Discord answered that is not a success
    /// (and for input the core refuses), [`Error::Transport`],
    /// [`Error::Timeout`] and [`Error::BodyTooLarge`] when no whole response
    /// was read.
    pub async fn run<O>(&self, op: O) -> Result<O::Output, Error>
    where
        O: Operation + Clone + Send,
        O::Context: Send,
        O::Output: Send,
    {
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            let (request, pending) = op.clone().into_parts()?;
            let route = pending.route().clone();
            self.wait_for_limiter(O::NAME, &route).await?;
            let span = tracing::info_span!(
                "discord.request",
                operation = O::NAME,
                method = %route.method,
                route = %route,
                status = Empty,
                attempt,
            );
            let (status, headers, body) = self
                .send(O::NAME, &route, request)
                .instrument(span.clone())
                .await?;
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
                    tokio::time::sleep(wait).await;
                }
                result => return result.map_err(Error::from),
            }
        }
    }

    /// Waits until the limiter lets a request on `route` go, then records it as sent.
    async fn wait_for_limiter(&self, operation: &'static str, route: &Route) -> Result<(), Error> {
        loop {
            let decision = self.inner.before_send(route, Instant::now());
            let Some(delay) = log_limiter_wait(operation, route, decision)? else {
                return Ok(());
            };
            tokio::time::sleep(delay).await;
        }
    }

    /// Sends one request and reads the whole response, feeding the limiter.
    async fn send(
        &self,
        operation: &'static str,
        route: &Route,
        request: http::Request<Vec<u8>>,
    ) -> Result<(StatusCode, http::HeaderMap, Vec<u8>), Error> {
        let limit = self.inner.limits().max_body_size;
        let mut request =
            reqwest::Request::try_from(request).map_err(|e| Error::from_reqwest(operation, e))?;
        if let Some(timeout) = self.inner.request_timeout() {
            *request.timeout_mut() = Some(timeout);
        }
        let sent_to = request.url().clone();
        let mut response = self
            .inner
            .transport()
            .execute(request)
            .await
            .map_err(|e| Error::from_reqwest(operation, e))?;
        // reqwest has no per-request redirect policy: a user's own client may
        // have followed one. Its answer is not the one asked for.
        if response.url() != &sent_to {
            return Err(Error::Redirected { operation });
        }
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        self.inner
            .on_response(route, status, &headers, Instant::now());
        tracing::debug!(status = status.as_u16(), "response headers received");
        if response
            .content_length()
            .is_some_and(|len| self.inner.limits().body_too_large(len))
        {
            return Err(Error::BodyTooLarge { operation, limit });
        }
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| Error::from_reqwest(operation, e))?
        {
            if self
                .inner
                .limits()
                .body_too_large((body.len() + chunk.len()) as u64)
            {
                return Err(Error::BodyTooLarge { operation, limit });
            }
            body.extend_from_slice(&chunk);
        }
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
    pub async fn exchange_code(
        &self,
        code: impl Into<AuthorizationCode>,
    ) -> Result<AccessToken, Error> {
        self.run(self.inner.core().exchange_code(code)).await
    }

    /// Trades the `code` for a token, proving possession of the PKCE verifier
    /// whose challenge went into the authorization URL.
    ///
    /// # Errors
    /// As [`exchange_code`](Self::exchange_code).
    pub async fn exchange_code_with_pkce(
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
        .await
    }

    /// Trades a refresh token for a new token. Discord rotates refresh
    /// tokens: store the new one.
    ///
    /// # Errors
    /// As [`run`](Self::run); a dead refresh token is `invalid_grant`.
    pub async fn refresh_token(&self, refresh_token: &RefreshToken) -> Result<AccessToken, Error> {
        self.run(self.inner.core().refresh_token(refresh_token))
            .await
    }

    /// A client-credentials token for the application's owner, with these scopes.
    ///
    /// # Errors
    /// As [`run`](Self::run); a client without a secret, or no scopes, is refused before sending.
    pub async fn client_credentials<I>(&self, scopes: I) -> Result<AccessToken, Error>
    where
        I: IntoIterator,
        I::Item: Into<Scope>,
    {
        self.run(self.inner.core().client_credentials().scopes(scopes))
            .await
    }

    /// Revokes a token's whole authorization: by its refresh token when it
    /// has one, else by its access token. Revoking a dead token succeeds.
    ///
    /// # Errors
    /// As [`run`](Self::run).
    pub async fn revoke_token(&self, token: &AccessToken) -> Result<(), Error> {
        self.run(self.inner.core().revoke_authorization(token))
            .await
    }

    /// The user a token belongs to (`GET /users/@me`).
    ///
    /// # Errors
    /// As [`run`](Self::run).
    pub async fn fetch_user(&self, token: &BearerToken) -> Result<User, Error> {
        self.run(self.inner.core().current_user(token)).await
    }

    /// What a token is allowed to do, and until when (`GET /oauth2/@me`).
    ///
    /// # Errors
    /// As [`run`](Self::run).
    pub async fn fetch_authorization(&self, token: &BearerToken) -> Result<Authorization, Error> {
        self.run(self.inner.core().current_authorization(token))
            .await
    }

    /// The application whose bot token this is (`GET /oauth2/applications/@me`).
    ///
    /// # Errors
    /// As [`run`](Self::run).
    pub async fn fetch_application(&self, bot_token: &BotToken) -> Result<Application, Error> {
        self.run(self.inner.core().current_application(bot_token))
            .await
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
