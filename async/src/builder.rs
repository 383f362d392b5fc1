//! [`ClientBuilder`]: the core's Discord settings plus reqwest's, and the
//! `reqwest::Client` this runtime makes.

use std::fmt;
use std::time::Duration;

use disco_oauth2::InvalidInput;
use disco_oauth2::api_table::__check_timeout as checked;

use crate::api_urls::ApiUrls;
use crate::client::{Client, Shell};
use crate::error::Error;

/// How long connecting may take by default.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one request may take by default, body included.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Configures a [`Client`]: the core's Discord settings (secret, redirect
/// URI, scopes, API base, retries, limits), and reqwest's (timeouts, proxy,
/// or your own `reqwest::Client`). Made by [`Client::builder`]; every value
/// is checked in [`build`](Self::build).
///
/// ```
/// use std::time::Duration;
/// use disco_oauth2_async::{Client, Scope};
///
/// let client = Client::builder(157730590492196864)
///     .client_secret("my-secret")
///     .scopes([Scope::Identify])
///     .timeout(Duration::from_secs(15))
///     .build()?;
/// assert_eq!(client.core().scopes().to_string(), "identify");
/// # Ok::<(), disco_oauth2_async::Error>(())
/// ```
#[must_use = "a builder does nothing until built"]
pub struct ClientBuilder {
    core: disco_oauth2::ClientBuilder,
    /// `timeout`, `connect_timeout`, as given.
    times: [Option<Duration>; 2],
    proxy: Option<String>,
    proxy_auth: Option<(String, String)>,
    http: Option<reqwest::Client>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The proxy URL and credentials may hold a password: not shown.
        let [timeout, connect] = self.times;
        write!(
            f,
            "ClientBuilder {{ core: {:?}, timeout: {timeout:?}, ",
            self.core
        )?;
        write!(
            f,
            "connect_timeout: {connect:?}, own_http_client: {} }}",
            self.http.is_some()
        )
    }
}

impl ClientBuilder {
    pub(crate) fn new(core: disco_oauth2::ClientBuilder) -> Self {
        let (proxy, proxy_auth, http) = (None, None, None);
        Self {
            core,
            times: [None; 2],
            proxy,
            proxy_auth,
            http,
        }
    }

    disco_oauth2::__core_builder_methods!();

    /// How long one request may take, connecting and body included (default
    /// [`DEFAULT_TIMEOUT`]; more than zero, at most one day, or `build`
    /// refuses it). With your own `reqwest::Client`, applied to each request.
    pub fn timeout(self, timeout: Duration) -> Self {
        self.time(0, timeout)
    }

    /// How long connecting may take (default [`DEFAULT_CONNECT_TIMEOUT`];
    /// more than zero, at most one day). Not with your own `reqwest::Client`.
    pub fn connect_timeout(self, timeout: Duration) -> Self {
        self.time(1, timeout)
    }

    fn time(mut self, which: usize, timeout: Duration) -> Self {
        self.times[which] = Some(timeout);
        self
    }

    /// Sends every request through this proxy (`http://`, `socks5://`…).
    /// No proxy is ever taken from the environment (`HTTP_PROXY` and
    /// friends). Not with your own `reqwest::Client`.
    pub fn proxy(self, url: impl Into<String>) -> Self {
        Self {
            proxy: Some(url.into()),
            ..self
        }
    }

    /// Basic credentials for the [`proxy`](Self::proxy).
    pub fn proxy_auth(self, user: impl Into<String>, password: impl Into<String>) -> Self {
        Self {
            proxy_auth: Some((user.into(), password.into())),
            ..self
        }
    }

    /// Runs on your own `reqwest::Client` (its pool, TLS, resolver). Call
    /// [`install_crypto_provider`](crate::install_crypto_provider) before
    /// building it with rustls.
    ///
    /// # Security
    /// reqwest cannot tell which redirect policy a client has, and its
    /// default follows up to ten redirects, re-sending a `POST`'s body
    /// (authorization code, PKCE verifier, refresh token, a user's access
    /// token) to wherever Discord's answer — or a hostile proxy — points.
    /// This crate refuses such an answer ([`Error::Redirected`]), but only
    /// after the redirect was followed. Build yours with
    /// `.redirect(reqwest::redirect::Policy::none())`.
    pub fn http_client(self, client: reqwest::Client) -> Self {
        Self {
            http: Some(client),
            ..self
        }
    }

    /// Checks everything and builds the client.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidInput`](disco_oauth2::error::ErrorKind::InvalidInput)
    /// for what the core refuses, a zero timeout or one over a day, a bad
    /// proxy URL, `proxy_auth` without `proxy`, or `proxy` /
    /// `connect_timeout` given together with your own `reqwest::Client`.
    pub fn build(self) -> Result<Client, Error> {
        let core = self.core.build()?;
        let [timeout, connect] = self.times;
        let timeout = timeout.map(|t| checked("timeout", t)).transpose()?;
        let connect = connect.map(|t| checked("connect_timeout", t)).transpose()?;
        if self.proxy_auth.is_some() && self.proxy.is_none() {
            return Err(InvalidInput::new("proxy_auth", "was given without a proxy").into());
        }
        let own = self.http.is_some();
        if own && (self.proxy.is_some() || connect.is_some()) {
            return Err(InvalidInput::new(
                "http_client",
                "set the proxy and connect timeout on your own reqwest::Client",
            )
            .into());
        }
        let http = match self.http {
            Some(http) => http,
            None => {
                let connect = connect.unwrap_or(DEFAULT_CONNECT_TIMEOUT);
                make_http_client(
                    timeout.unwrap_or(DEFAULT_TIMEOUT),
                    connect,
                    self.proxy,
                    self.proxy_auth,
                )?
            }
        };
        // Our client has its timeout; a user's keeps its own unless one is given.
        let timeout = if own {
            timeout
        } else {
            Some(timeout.unwrap_or(DEFAULT_TIMEOUT))
        };
        let base = reqwest::Url::parse(core.api_base()).ok().map(ApiUrls::new);
        let shell = Shell {
            http,
            own,
            timeout,
            base,
        };
        Ok(Client::new(core, shell))
    }
}

/// The client a careful user would configure: timeouts, no redirects, no
/// proxy from the environment, rustls with ring (or native-tls).
fn make_http_client(
    timeout: Duration,
    connect: Duration,
    proxy: Option<String>,
    auth: Option<(String, String)>,
) -> Result<reqwest::Client, Error> {
    crate::install_crypto_provider();
    let mut builder = reqwest::Client::builder()
        .connect_timeout(connect)
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy();
    if let Some(url) = proxy {
        // The URL may itself carry credentials: never echo it in an error.
        let mut parsed = reqwest::Proxy::all(&url)
            .map_err(|_| InvalidInput::new("proxy", "the proxy URL is not valid"))?;
        if let Some((user, password)) = &auth {
            parsed = parsed.basic_auth(user, password);
        }
        builder = builder.proxy(parsed);
    }
    #[cfg(feature = "native-tls")]
    {
        builder = builder.tls_backend_native();
    }
    builder
        .build()
        .map_err(|_| InvalidInput::new("http_client", "reqwest could not build its client").into())
}
