//! [`Client`]: drives the core's calls over reqwest.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use chrono::Utc;
use disco_oauth2::driver::{BodyChunks, Call, Driver, Now, Received, Transmit};
use disco_oauth2::{InvalidInput, Operation, RateLimiter, RequestBody, oidc::JwksCache};
use http::Uri;
use tracing::Instrument;
use tracing::field::Empty;

use crate::api_urls::ApiUrls;
use crate::builder::ClientBuilder;
use crate::error::Error;
use crate::session::UserSession;

/// An async Discord OAuth2 client: the core's configuration, one
/// `reqwest::Client` (one connection pool), and one rate limiter.
///
/// Cheap to clone, and shareable across tasks: clones share the pool and
/// the limiter. Every future it returns is `Send` and cancellable by
/// dropping it.
#[derive(Clone)]
pub struct Client {
    inner: Arc<(disco_oauth2::Client, Mutex<RateLimiter>, Shell, Keys)>,
}

/// The client's key-set cache.
type Keys = Mutex<JwksCache>;

/// The transport half of a client, as the builder made it.
pub(crate) struct Shell {
    pub(crate) http: reqwest::Client,
    /// Whether the `reqwest::Client` is the user's (it may follow redirects).
    pub(crate) own: bool,
    /// The request timeout: our own client applies it itself, a user's gets it per request.
    pub(crate) timeout: Option<Duration>,
    /// The API base, parsed once: the URLs of requests to its origin are
    /// made from it.
    pub(crate) base: Option<ApiUrls>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shell = &self.inner.2;
        write!(
            f,
            "Client {{ core: {:?}, timeout: {:?}, ",
            self.inner.0, shell.timeout
        )?;
        write!(f, "own_http_client: {} }}", shell.own)
    }
}

impl Client {
    pub(crate) fn new(core: disco_oauth2::Client, shell: Shell) -> Self {
        let limiter = Mutex::new(core.rate_limiter());
        Self {
            inner: Arc::new((core, limiter, shell, Mutex::default())),
        }
    }

    /// The core client: the configuration every operation is built from.
    pub fn core(&self) -> &disco_oauth2::Client {
        &self.inner.0
    }

    /// The cache of Discord's ID-token keys that
    /// [`verify_id_token`](Self::verify_id_token) uses: one per client, shared
    /// by its clones (replace it to change its ages).
    pub fn jwks_cache(&self) -> &Mutex<JwksCache> {
        &self.inner.3
    }

    /// The `reqwest::Client` requests run on.
    pub fn http_client(&self) -> &reqwest::Client {
        &self.inner.2.http
    }

    /// Runs any core operation as one [`Call`]: limiter waits, the send, and
    /// the retries the client's policy allows.
    ///
    /// ```no_run
    /// use disco_oauth2_async::{BearerToken, Client};
    ///
    /// # async fn example() -> Result<(), disco_oauth2_async::Error> {
    /// let client = Client::builder(157730590492196864).build()?;
    /// let token = BearerToken::new("…");
    /// // Any operation of the core, e.g. one page of 50 guilds with counts:
    /// let op = client.core().current_user_guilds(&token).limit(50).with_counts(true);
    /// let guilds = client.run(op).await?;
    /// # let _ = guilds;
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    /// [`Error::Core`] for whatever Discord answered that is not a success
    /// (and for input the core refuses), [`Error::Transport`],
    /// [`Error::Timeout`], [`Error::BodyTooLarge`] and [`Error::Redirected`]
    /// when no whole answer to the request itself was read.
    pub async fn run<O>(&self, op: O) -> Result<O::Output, Error>
    where
        O: Operation + Send,
        O::Context: Send,
        O::Output: Send,
    {
        self.drive(Call::new(self.core(), op)).await
    }

    /// Drives any [`Driver`] to its end: polls it, sends what it asks to
    /// send, sleeps while it waits, and returns its result. Dropping the
    /// future cancels the call.
    ///
    /// # Errors
    /// As [`run`](Self::run).
    #[expect(
        clippy::manual_async_fn,
        reason = "an async fn's future would keep the driver twice"
    )]
    pub fn drive<D>(&self, mut driver: D) -> impl Future<Output = Result<D::Output, Error>> + Send
    where
        D: Driver + Send,
        D::Output: Send,
    {
        // A block, not an `async fn`: its future holds the driver once, where
        // an `async fn` would keep its argument and a moved copy of it.
        async move { disco_oauth2::__drive_loop!(self, driver, {.await}) }
    }

    fn limiter(&self) -> MutexGuard<'_, RateLimiter> {
        self.inner.1.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Sends one request and reads the whole response, within the bounds of
    /// the transmit. The request and reqwest's future for it are made before
    /// this future is: only what the send needs across its awaits is kept in
    /// it. The whole send runs in the request's span (one wrapper, entered at
    /// each poll).
    fn send(&self, transmit: Transmit) -> impl Future<Output = Result<Received, Error>> + Send {
        let (operation, limit, shell) = (transmit.operation, transmit.max_body_size, &self.inner.2);
        let span = tracing::debug_span!("discord.request", operation,
            method = %transmit.request.method(), path = transmit.request.uri().path(),
            attempt = transmit.attempt, status = Empty);
        // reqwest makes its future at once (it sends nothing before a poll),
        // so the send's future keeps that future, not the request; a failed
        // conversion is boxed, so it keeps room for a pointer, not an error.
        let recorder = span.clone();
        let (pending, sent) = match self.request(transmit) {
            Ok((request, sent)) => (Ok(shell.http.execute(request)), sent),
            Err(error) => (Err(Box::new(error)), None),
        };
        async move {
            let pending = pending.map_err(|error| *error)?;
            let fail = |e| Error::from_reqwest(operation, e);
            let mut response = pending.await.map_err(fail)?;
            // A user's own client may have followed a redirect: refuse its answer.
            let url = response.url();
            if sent.as_ref().is_some_and(|uri| {
                url.path() != uri.path()
                    || url.host_str() != uri.host()
                    || url.query() != uri.query()
            }) {
                return Err(Error::Redirected { operation });
            }
            let status = response.status();
            recorder.record("status", status.as_u16());
            let headers = std::mem::take(response.headers_mut());
            // hyper has read the declared length already: refuse it unread.
            let too_large = |_| Error::BodyTooLarge { operation, limit };
            let mut body = BodyChunks::new(limit, response.content_length()).map_err(too_large)?;
            while let Some(chunk) = response.chunk().await.map_err(fail)? {
                body.push(chunk).map_err(too_large)?;
            }
            let body = body.finish();
            Ok(Received::new(status, headers, body))
        }
        .instrument(span)
    }

    /// The transmit's request for reqwest and (for a user's own client) its
    /// URI, to check the answer's against.
    fn request(&self, transmit: Transmit) -> Result<(reqwest::Request, Option<Uri>), Error> {
        let shell = &self.inner.2;
        let request = transmit.request.map(RequestBody::into_bytes);
        // Kept only to check a user's own client for a followed redirect.
        let sent = shell.own.then(|| request.uri().clone());
        // As `reqwest::Request::try_from`, without formatting the URI.
        let (parts, body) = request.into_parts();
        let url = match &shell.base {
            // A whole parse (the host through IDNA and all) costs more than
            // the rest of the request: the origin is parsed once.
            Some(base) if disco_oauth2::api_table::__on_api_origin(self.core(), &parts.uri) => {
                base.url(&parts.uri)
            }
            _ => reqwest::Url::parse(&disco_oauth2::api_table::__uri_text(&parts.uri))
                .map_err(|_| InvalidInput::new("api_base", "is not a URL reqwest takes"))?,
        };
        let mut request = reqwest::Request::new(parts.method, url);
        *request.headers_mut() = parts.headers;
        *request.body_mut() = Some(body.into());
        // The shorter of the two, set only when it changes something: our
        // own client applies its timeout already (the slot is an extension
        // map, allocated when first written).
        let timeout = shell.timeout.into_iter().chain(transmit.timeout).min();
        if timeout.is_some() && (shell.own || timeout != shell.timeout) {
            *request.timeout_mut() = timeout;
        }
        Ok((request, sent))
    }

    disco_oauth2::__client_api!({async} {.await});
}

/// The two clocks, read now.
pub(crate) fn now() -> Now {
    Now::new(Instant::now(), Utc::now())
}

/// Sleeps until `until` (at once when it passed).
pub(crate) async fn sleep_until(until: Instant) {
    tokio::time::sleep_until(until.into()).await;
}
