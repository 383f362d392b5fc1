//! [`ClientBuilder`]: the core's configuration plus the runtime's options.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use disco_oauth2::{ApplicationId, ClientAuth, ClientSecret, RateLimiter, Scope};

use crate::client::{Client, Inner, Limits};
use crate::error::Error;

/// The default connect timeout: 10 s.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The default overall timeout of one request, body included: 30 s.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The default cap on a response body: 4 MiB (Discord's largest answers, a
/// page of 200 guilds, are well under 1 MiB).
pub const DEFAULT_MAX_BODY_SIZE: u64 = 4 * 1024 * 1024;
/// How many times a 429 is retried by default.
pub const DEFAULT_MAX_RATE_LIMIT_RETRIES: u32 = 3;
/// The longest wait a 429 may ask for and still be retried by default: 60 s.
pub const DEFAULT_MAX_RETRY_WAIT: Duration = Duration::from_secs(60);

/// Configures a [`Client`]: everything of the core's
/// [`ClientBuilder`](disco_oauth2::ClientBuilder), plus timeouts, proxy,
/// body cap and rate-limit retries. Made by [`Client::builder`].
///
/// ```
/// use std::time::Duration;
/// use disco_oauth2_async::{Client, Scope};
///
/// let client = Client::builder(157730590492196864)
///     .client_secret("my-secret")
///     .redirect_uri("https://nicememe.website/callback")
///     .scopes([Scope::Identify, Scope::Guilds])
///     .timeout(Duration::from_secs(15))
///     .max_rate_limit_retries(1)
///     .build()?;
/// assert_eq!(client.core().redirect_uri(), Some("https://nicememe.website/callback"));
/// # Ok::<(), disco_oauth2_async::Error>(())
/// ```
#[must_use = "a builder does nothing until built"]
pub struct ClientBuilder {
    core: disco_oauth2::ClientBuilder,
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
    proxy: Option<String>,
    proxy_auth: Option<(String, String)>,
    http_client: Option<reqwest::Client>,
    limits: Limits,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("core", &self.core)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("proxy", &self.proxy.as_ref().map(|_| "[set]"))
            .field(
                "proxy_auth",
                &self.proxy_auth.as_ref().map(|_| "[redacted]"),
            )
            .field("http_client", &self.http_client.as_ref().map(|_| "[yours]"))
            .field("limits", &self.limits)
            .finish()
    }
}

impl ClientBuilder {
    pub(crate) fn new(client_id: ApplicationId) -> Self {
        Self {
            core: disco_oauth2::Client::builder(client_id),
            connect_timeout: None,
            timeout: None,
            proxy: None,
            proxy_auth: None,
            http_client: None,
            limits: Limits::default(),
        }
    }

    /// The client secret. Leave it unset for a public client (PKCE only).
    pub fn client_secret(mut self, secret: impl Into<ClientSecret>) -> Self {
        self.core = self.core.client_secret(secret);
        self
    }

    /// The default redirect URI (registered in the Developer Portal).
    pub fn redirect_uri(mut self, uri: impl Into<String>) -> Self {
        self.core = self.core.redirect_uri(uri);
        self
    }

    /// The default scopes of authorization URLs and client-credentials grants.
    pub fn scopes<I>(mut self, scopes: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<Scope>,
    {
        self.core = self.core.scopes(scopes);
        self
    }

    /// Another API base, e.g. a fake Discord's `http://127.0.0.1:PORT/api/v10`.
    pub fn api_base(mut self, base: impl Into<String>) -> Self {
        self.core = self.core.api_base(base);
        self
    }

    /// Another authorization page.
    pub fn authorize_url(mut self, url: impl Into<String>) -> Self {
        self.core = self.core.authorize_url(url);
        self
    }

    /// Extra text after `DiscordBot (url, version)` in the `User-Agent`.
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.core = self.core.user_agent_suffix(suffix);
        self
    }

    /// How to authenticate at the token endpoints (default HTTP Basic).
    pub fn client_auth(mut self, auth: ClientAuth) -> Self {
        self.core = self.core.client_auth(auth);
        self
    }

    /// How long connecting (DNS, TCP, TLS, proxy) may take; default
    /// [`DEFAULT_CONNECT_TIMEOUT`]. Configures the HTTP client this builder makes:
    /// it cannot be combined with [`http_client`](Self::http_client).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// How long one request may take in all, reading the body included;
    /// default [`DEFAULT_TIMEOUT`]. With your own [`http_client`](Self::http_client) it is
    /// applied to each request only when set here.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sends every request through this proxy, e.g. `http://proxy.local:3128`
    /// (what `reqwest::Proxy::all` accepts).
    /// Cannot be combined with [`http_client`](Self::http_client).
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = Some(url.into());
        self
    }

    /// Credentials for the [`proxy`](Self::proxy) (HTTP Basic for HTTP proxies).
    pub fn proxy_auth(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
        self.proxy_auth = Some((user.into(), password.into()));
        self
    }

    /// Runs requests on your own `reqwest::Client` (custom TLS roots,
    /// middleware-free tracing, connection limits…) instead of one this
    /// builder makes. Configure it as you need, remembering what the default
    /// one does: `redirect(Policy::none())` (so a 3xx reaches the core as
    /// [`UnexpectedStatus`](disco_oauth2::Error::UnexpectedStatus)), and
    /// timeouts. 4xx/5xx bodies always reach the core (reqwest never turns
    /// them into errors); the body cap and rate-limit retries apply as usual.
    /// Building a `reqwest::Client` with rustls needs a crypto provider:
    /// call [`install_crypto_provider`](crate::install_crypto_provider) first.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// The largest response body read, in bytes; default
    /// [`DEFAULT_MAX_BODY_SIZE`]. A larger one is
    /// [`Error::BodyTooLarge`], and is not read past the limit.
    pub fn max_body_size(mut self, bytes: u64) -> Self {
        self.limits.max_body_size = bytes;
        self
    }

    /// How many times a 429 is retried after its `retry_after`; default
    /// [`DEFAULT_MAX_RATE_LIMIT_RETRIES`]. `0` returns every 429 at once.
    pub fn max_rate_limit_retries(mut self, retries: u32) -> Self {
        self.limits.max_rate_limit_retries = retries;
        self
    }

    /// The longest wait the client accepts before a request, whether a 429
    /// asks for it or the rate limiter's bookkeeping does; default
    /// [`DEFAULT_MAX_RETRY_WAIT`]. A longer one is returned at once as
    /// [`RateLimited`](disco_oauth2::Error::RateLimited).
    pub fn max_retry_wait(mut self, wait: Duration) -> Self {
        self.limits.max_retry_wait = wait;
        self
    }

    /// Checks everything and builds the client.
    ///
    /// # Errors
    /// [`Error::Core`] with [`InvalidInput`](disco_oauth2::Error::InvalidInput)
    /// for what the core refuses (see
    /// [`disco_oauth2::ClientBuilder::build`]); [`Error::Config`] for a bad
    /// proxy URL, `proxy_auth` without `proxy`, or `proxy` / `connect_timeout`
    /// given together with your own `reqwest::Client`.
    pub fn build(self) -> Result<Client, Error> {
        let core = self.core.build()?;
        let http = match self.http_client {
            Some(http) => {
                if self.proxy.is_some() || self.proxy_auth.is_some() {
                    return Err(Error::Config(
                        "a proxy cannot be set together with your own reqwest::Client; configure it on the client".into(),
                    ));
                }
                if self.connect_timeout.is_some() {
                    return Err(Error::Config(
                        "a connect timeout cannot be set together with your own reqwest::Client; configure it on the client"
                            .into(),
                    ));
                }
                http
            }
            None => make_http_client(
                self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT),
                self.timeout.unwrap_or(DEFAULT_TIMEOUT),
                self.proxy.as_deref(),
                self.proxy_auth.as_ref(),
            )?,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                core,
                http,
                limiter: Mutex::new(RateLimiter::new()),
                request_timeout: self.timeout,
                limits: self.limits,
            }),
        })
    }
}

/// The `reqwest::Client` a careful user would configure: timeouts, no
/// redirects, rustls with ring (or native-tls with the `native-tls` feature).
fn make_http_client(
    connect_timeout: Duration,
    timeout: Duration,
    proxy: Option<&str>,
    proxy_auth: Option<&(String, String)>,
) -> Result<reqwest::Client, Error> {
    let proxy = match (proxy, proxy_auth) {
        (None, None) => None,
        (None, Some(_)) => return Err(Error::Config("proxy_auth needs a proxy".into())),
        (Some(url), auth) => {
            // The URL may itself carry credentials: never echo it in an error.
            let proxy = reqwest::Proxy::all(url)
                .map_err(|_| Error::Config("the proxy URL is not valid".into()))?;
            Some(match auth {
                Some((user, password)) => proxy.basic_auth(user, password),
                None => proxy,
            })
        }
    };
    http_client_with(connect_timeout, timeout, proxy)
}

/// A `reqwest::Client` with the defaults, for [`Client::from_core`].
pub(crate) fn default_http_client() -> Result<reqwest::Client, Error> {
    http_client_with(DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, None)
}

fn http_client_with(
    connect_timeout: Duration,
    timeout: Duration,
    proxy: Option<reqwest::Proxy>,
) -> Result<reqwest::Client, Error> {
    crate::install_crypto_provider();
    let mut builder = reqwest::Client::builder()
        .connect_timeout(connect_timeout)
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none());
    if let Some(proxy) = proxy {
        builder = builder.proxy(proxy);
    }
    #[cfg(feature = "native-tls")]
    {
        builder = builder.tls_backend_native();
    }
    builder.build().map_err(|e| {
        Error::Config(format!(
            "the HTTP client could not be built: {}",
            e.without_url()
        ))
    })
}
