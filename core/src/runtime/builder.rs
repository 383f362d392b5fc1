//! [`RuntimeBuilder`]: the core's configuration plus what every runtime
//! adds (timeouts, proxy, your own HTTP stack, [`RuntimeLimits`]), written
//! once for all runtimes.

use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use super::RuntimeLimits;
use crate::client::{ClientAuth, ClientBuilder};
use crate::model::{ApplicationId, Scope};
use crate::secret::ClientSecret;

/// The default connect timeout: 10 s.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The default overall timeout of one request, body included: 30 s.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// A runtime's client, as [`RuntimeBuilder`] builds it: the runtime says
/// which HTTP stack a user may bring, what its errors are, and how it turns
/// checked [`RuntimeSettings`] into a client.
///
/// ```
/// use disco_oauth2::runtime::{RuntimeBuilder, RuntimeClient, RuntimeSettings};
///
/// /// A runtime whose "HTTP stack" is a name.
/// struct MyClient(RuntimeSettings<String>);
///
/// impl RuntimeClient for MyClient {
///     type Transport = String;
///     type Error = disco_oauth2::Error;
///     const TRANSPORT_NAME: &'static str = "name";
///     fn config_error(message: String) -> Self::Error {
///         disco_oauth2::InvalidInput::new("config", message).into()
///     }
///     fn from_settings(settings: RuntimeSettings<String>) -> Result<Self, Self::Error> {
///         Ok(MyClient(settings))
///     }
/// }
///
/// let client = RuntimeBuilder::<MyClient>::new(157730590492196864)
///     .redirect_uri("https://nicememe.website/callback")
///     .max_rate_limit_retries(1)
///     .build()?;
/// assert_eq!(client.0.limits.max_rate_limit_retries, 1);
/// assert!(RuntimeBuilder::<MyClient>::new(1).transport("mine".into()).proxy("http://p:3128").build().is_err());
/// # Ok::<(), disco_oauth2::Error>(())
/// ```
pub trait RuntimeClient: Sized {
    /// The HTTP stack a user may bring with [`RuntimeBuilder::transport`]
    /// (`ureq::Agent`, `reqwest::Client`…).
    type Transport;
    /// The runtime's error; the core's errors convert into it.
    type Error: From<crate::Error>;
    /// What the transport is called in error messages (`"agent"`, `"reqwest::Client"`).
    const TRANSPORT_NAME: &'static str;
    /// The runtime's error for a contradictory or invalid configuration.
    fn config_error(message: String) -> Self::Error;
    /// Builds the client from settings [`RuntimeBuilder::build`] has checked.
    ///
    /// # Errors
    /// Whatever the runtime cannot set up (a proxy URL its HTTP stack
    /// refuses, a TLS backend that does not start…).
    fn from_settings(settings: RuntimeSettings<Self::Transport>) -> Result<Self, Self::Error>;
}

/// What [`RuntimeBuilder::build`] hands the runtime: a built core client, the
/// transport to use or make, and the limits.
#[derive(Debug)]
#[non_exhaustive]
pub struct RuntimeSettings<T> {
    /// The core client every operation is built from.
    pub core: crate::Client,
    /// The user's HTTP stack, or how to make one.
    pub transport: Transport<T>,
    /// The overall timeout of each request, only when the user set one (to
    /// apply per request on a transport of their own too).
    pub request_timeout: Option<Duration>,
    /// Bounds on bodies and rate-limit waits.
    pub limits: RuntimeLimits,
}

/// The HTTP stack a runtime's client runs on.
pub enum Transport<T> {
    /// The user's own, used as it is configured.
    Yours(T),
    /// One the runtime makes with these settings.
    Make(TransportSettings),
}

impl<T> fmt::Debug for Transport<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Transport::Yours(_) => f.write_str("Yours(..)"),
            Transport::Make(settings) => f.debug_tuple("Make").field(settings).finish(),
        }
    }
}

/// How a runtime makes its HTTP stack. The default has the default timeouts
/// and no proxy.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TransportSettings {
    /// How long connecting (DNS, TCP, TLS, proxy) may take.
    pub connect_timeout: Duration,
    /// How long one request may take in all, body included.
    pub timeout: Duration,
    /// The proxy every request goes through, if any.
    pub proxy: Option<ProxySettings>,
}

impl Default for TransportSettings {
    fn default() -> Self {
        Self {
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            proxy: None,
        }
    }
}

/// A proxy and its credentials. `Debug` shows neither: the URL may carry
/// credentials too.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProxySettings {
    /// The proxy's URL, e.g. `http://proxy.local:3128` or `socks5://127.0.0.1:1080`.
    pub url: String,
    /// User and password (HTTP Basic for HTTP proxies).
    pub auth: Option<(String, String)>,
}

impl fmt::Debug for ProxySettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProxySettings")
            .field("url", &"[set]")
            .field("auth", &self.auth.as_ref().map(|_| "[redacted]"))
            .finish()
    }
}

/// Configures a runtime's client `C`: everything of the core's
/// [`ClientBuilder`], plus timeouts, proxy, your own HTTP stack, body cap
/// and rate-limit retries. Each runtime names it `ClientBuilder` and makes
/// it with `Client::builder`.
#[must_use = "a builder does nothing until built"]
pub struct RuntimeBuilder<C: RuntimeClient> {
    core: ClientBuilder,
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
    proxy: Option<String>,
    proxy_auth: Option<(String, String)>,
    transport: Option<C::Transport>,
    limits: RuntimeLimits,
    client: PhantomData<fn() -> C>,
}

impl<C: RuntimeClient> fmt::Debug for RuntimeBuilder<C> {
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
            .field("transport", &self.transport.as_ref().map(|_| "[yours]"))
            .field("limits", &self.limits)
            .finish()
    }
}

impl<C: RuntimeClient> RuntimeBuilder<C> {
    /// Starts configuring a client for the application `client_id`.
    pub fn new(client_id: impl Into<ApplicationId>) -> Self {
        Self {
            core: crate::Client::builder(client_id),
            connect_timeout: None,
            timeout: None,
            proxy: None,
            proxy_auth: None,
            transport: None,
            limits: RuntimeLimits::default(),
            client: PhantomData,
        }
    }

    /// Sets the core's configuration through its own builder, e.g. a
    /// setting no method here repeats.
    pub fn core(mut self, configure: impl FnOnce(ClientBuilder) -> ClientBuilder) -> Self {
        self.core = configure(self.core);
        self
    }

    /// The client secret. Leave it unset for a public client (PKCE only).
    pub fn client_secret(self, secret: impl Into<ClientSecret>) -> Self {
        self.core(|core| core.client_secret(secret))
    }

    /// The default redirect URI (registered in the Developer Portal).
    pub fn redirect_uri(self, uri: impl Into<String>) -> Self {
        self.core(|core| core.redirect_uri(uri))
    }

    /// The default scopes of authorization URLs and client-credentials grants.
    pub fn scopes<I>(self, scopes: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<Scope>,
    {
        self.core(|core| core.scopes(scopes))
    }

    /// Another API base, e.g. a fake Discord's `http://127.0.0.1:PORT/api/v10`.
    pub fn api_base(self, base: impl Into<String>) -> Self {
        self.core(|core| core.api_base(base))
    }

    /// Another authorization page.
    pub fn authorize_url(self, url: impl Into<String>) -> Self {
        self.core(|core| core.authorize_url(url))
    }

    /// Extra text after `DiscordBot (url, version)` in the `User-Agent`.
    pub fn user_agent_suffix(self, suffix: impl Into<String>) -> Self {
        self.core(|core| core.user_agent_suffix(suffix))
    }

    /// How to authenticate at the token endpoints (default HTTP Basic).
    pub fn client_auth(self, auth: ClientAuth) -> Self {
        self.core(|core| core.client_auth(auth))
    }

    /// How long connecting (DNS, TCP, TLS, proxy) may take; default
    /// [`DEFAULT_CONNECT_TIMEOUT`]. Configures the HTTP stack this builder
    /// makes: it cannot be combined with [`transport`](Self::transport).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// How long one attempt may take in all, reading the body included;
    /// default [`DEFAULT_TIMEOUT`]. With your own
    /// [`transport`](Self::transport) it is applied to each request when set
    /// here (the blocking runtime also applies the default when your agent
    /// has no overall timeout; a `reqwest::Client` can't be asked, so set one).
    ///
    /// It bounds one attempt, not a whole call: with rate-limit retries a call
    /// may take up to `(max_rate_limit_retries + 1) × timeout` plus the waits,
    /// each at most [`max_retry_wait`](Self::max_retry_wait). For a hard
    /// deadline (in a web handler, say), lower those or wrap the call in your
    /// own timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sends every request through this proxy, e.g. `http://proxy.local:3128`
    /// or `socks5://127.0.0.1:1080` (what the runtime's HTTP stack accepts).
    /// Cannot be combined with [`transport`](Self::transport). Without it,
    /// neither runtime uses a proxy: `HTTP_PROXY`, `HTTPS_PROXY` and
    /// `ALL_PROXY` are not read.
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = Some(url.into());
        self
    }

    /// Credentials for the [`proxy`](Self::proxy) (HTTP Basic for HTTP proxies).
    pub fn proxy_auth(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
        self.proxy_auth = Some((user.into(), password.into()));
        self
    }

    /// Runs requests on your own HTTP stack (custom TLS roots, connection
    /// limits…) instead of one this builder makes: a `ureq::Agent` for the
    /// blocking runtime, a `reqwest::Client` for the async one. The body cap
    /// and rate-limit retries apply as usual; each runtime's `Client` docs
    /// say what else it enforces per request.
    pub fn transport(mut self, transport: C::Transport) -> Self {
        self.transport = Some(transport);
        self
    }

    /// The largest response body read, in bytes; default
    /// [`DEFAULT_MAX_BODY_SIZE`](super::DEFAULT_MAX_BODY_SIZE). A larger one
    /// is the runtime's body-too-large error, and is not read past the limit.
    pub fn max_body_size(mut self, bytes: u64) -> Self {
        self.limits.max_body_size = bytes;
        self
    }

    /// How many times a 429 is retried after its `retry_after`; default
    /// [`DEFAULT_MAX_RATE_LIMIT_RETRIES`](super::DEFAULT_MAX_RATE_LIMIT_RETRIES).
    /// `0` returns every 429 at once — but the limiter still remembers it, so
    /// the next call on that route waits (up to
    /// [`max_retry_wait`](Self::max_retry_wait)); with a zero `max_retry_wait`
    /// too, nothing ever waits and a blocked route's call returns a
    /// [`RateLimited`](crate::Error::RateLimited) at once, without sending.
    pub fn max_rate_limit_retries(mut self, retries: u32) -> Self {
        self.limits.max_rate_limit_retries = retries;
        self
    }

    /// The longest wait the client accepts before a request, whether a 429
    /// asks for it or the rate limiter's bookkeeping does; default
    /// [`DEFAULT_MAX_RETRY_WAIT`](super::DEFAULT_MAX_RETRY_WAIT). A longer one
    /// is returned at once as
    /// [`RateLimited`](crate::Error::RateLimited).
    pub fn max_retry_wait(mut self, wait: Duration) -> Self {
        self.limits.max_retry_wait = wait;
        self
    }

    /// Checks everything and builds the client.
    ///
    /// # Errors
    /// The core's [`InvalidInput`](crate::Error::InvalidInput) for what it
    /// refuses (see [`ClientBuilder::build`]); the runtime's configuration
    /// error for `proxy_auth` without `proxy`, or `proxy` /
    /// `connect_timeout` given together with your own transport, and for what
    /// the runtime cannot set up (e.g. a bad proxy URL).
    pub fn build(self) -> Result<C, C::Error> {
        let core = self.core.build()?;
        let transport = match self.transport {
            Some(transport) => {
                let name = C::TRANSPORT_NAME;
                if self.proxy.is_some() || self.proxy_auth.is_some() {
                    return Err(C::config_error(format!(
                        "a proxy cannot be set together with your own {name}; configure it on the {name}"
                    )));
                }
                if self.connect_timeout.is_some() {
                    return Err(C::config_error(format!(
                        "a connect timeout cannot be set together with your own {name}; configure it on the {name}"
                    )));
                }
                Transport::Yours(transport)
            }
            None => {
                let proxy = match (self.proxy, self.proxy_auth) {
                    (None, None) => None,
                    (None, Some(_)) => {
                        return Err(C::config_error("proxy_auth needs a proxy".into()));
                    }
                    (Some(url), auth) => Some(ProxySettings { url, auth }),
                };
                Transport::Make(TransportSettings {
                    connect_timeout: self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT),
                    timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
                    proxy,
                })
            }
        };
        C::from_settings(RuntimeSettings {
            core,
            transport,
            request_timeout: self.timeout,
            limits: self.limits,
        })
    }
}
