//! [`ClientBuilder`]: the core's Discord settings plus ureq's, and the agent
//! this runtime makes once per client.

use std::fmt;
use std::time::Duration;

use disco_oauth2::InvalidInput;
use disco_oauth2::api_table::__check_timeout as checked;

use crate::client::{Client, Shell};
use crate::error::Error;

/// How long connecting may take by default.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one request may take by default, body included.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Configures a [`Client`]: the core's Discord settings (secret, redirect
/// URI, scopes, API base, retries, limits), and ureq's (timeouts, proxy, or
/// your own agent). Made by [`Client::builder`]; every value is checked in
/// [`build`](Self::build).
///
/// ```
/// use std::time::Duration;
/// use disco_oauth2_blocking::{Client, Scope};
///
/// let client = Client::builder(157730590492196864)
///     .client_secret("my-secret")
///     .redirect_uri("https://nicememe.website/callback")
///     .scopes([Scope::Identify, Scope::Guilds])
///     .timeout(Duration::from_secs(15))
///     .max_rate_limit_retries(1)
///     .build()?;
/// assert_eq!(client.core().redirect_uri(), Some("https://nicememe.website/callback"));
/// # Ok::<(), disco_oauth2_blocking::Error>(())
/// ```
#[must_use = "a builder does nothing until built"]
pub struct ClientBuilder {
    core: disco_oauth2::ClientBuilder,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    proxy: Option<(String, Option<(String, String)>)>,
    agent: Option<ureq::Agent>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The proxy URL and credentials may hold a password: not shown.
        f.debug_struct("ClientBuilder")
            .field("core", &self.core)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("proxy", &self.proxy.is_some())
            .field("own_agent", &self.agent.is_some())
            .finish()
    }
}

impl ClientBuilder {
    pub(crate) fn new(core: disco_oauth2::ClientBuilder) -> Self {
        Self {
            core,
            timeout: None,
            connect_timeout: None,
            proxy: None,
            agent: None,
        }
    }

    disco_oauth2::__core_builder_methods!();

    /// How long one request may take, connecting and body included (default
    /// [`DEFAULT_TIMEOUT`]; more than zero, at most one day, or `build`
    /// refuses it). With your own agent, applied to each request.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How long connecting may take (default [`DEFAULT_CONNECT_TIMEOUT`];
    /// more than zero, at most one day). Not with your own agent.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Sends every request through this proxy (`http://`, `socks5://`…).
    /// No proxy is ever taken from the environment. Not with your own agent.
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = Some((url.into(), None));
        self
    }

    /// Credentials for the [`proxy`](Self::proxy) (call it after `proxy`).
    pub fn proxy_auth(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
        let auth = Some((user.into(), password.into()));
        self.proxy = Some((
            self.proxy.take().map(|(url, _)| url).unwrap_or_default(),
            auth,
        ));
        self
    }

    /// Runs on your own ureq agent (its pool, TLS, resolver). Each request
    /// is still sent with `http_status_as_error(false)`, `max_redirects(0)`
    /// and the [`timeout`](Self::timeout) (its own global timeout, else
    /// [`DEFAULT_TIMEOUT`], when none is set here).
    pub fn agent(mut self, agent: ureq::Agent) -> Self {
        self.agent = Some(agent);
        self
    }

    /// Checks everything and builds the client.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidInput`](disco_oauth2::error::ErrorKind::InvalidInput)
    /// for what the core refuses, a zero timeout or one over a day, a bad
    /// proxy URL, `proxy_auth` without `proxy`, or `proxy` /
    /// `connect_timeout` given together with your own agent.
    pub fn build(self) -> Result<Client, Error> {
        let core = self.core.build()?;
        let timeout = self.timeout.map(|t| checked("timeout", t)).transpose()?;
        let connect = self.connect_timeout.map(|t| checked("connect_timeout", t));
        let connect = connect.transpose()?.unwrap_or(DEFAULT_CONNECT_TIMEOUT);
        let shell = match self.agent {
            Some(_) if self.proxy.is_some() || self.connect_timeout.is_some() => {
                return Err(InvalidInput::new(
                    "agent",
                    "set the proxy and connect timeout on your own agent",
                )
                .into());
            }
            Some(agent) => {
                let own = agent.config().timeouts().global;
                let timeout = timeout.or(own).unwrap_or(DEFAULT_TIMEOUT);
                Shell {
                    agent,
                    own_agent: true,
                    timeout: checked("timeout", timeout)?,
                }
            }
            None => {
                let timeout = timeout.unwrap_or(DEFAULT_TIMEOUT);
                let proxy = self.proxy.map(make_proxy).transpose()?;
                Shell {
                    agent: make_agent(timeout, connect, proxy),
                    own_agent: false,
                    timeout,
                }
            }
        };
        Ok(Client::new(core, shell))
    }
}

/// The agent a careful user would configure, once: timeouts, no redirects,
/// 4xx/5xx as responses, rustls (or native-tls with the `native-tls` feature).
pub(crate) fn make_agent(
    timeout: Duration,
    connect: Duration,
    proxy: Option<ureq::Proxy>,
) -> ureq::Agent {
    let builder = ureq::Agent::config_builder()
        .timeout_connect(Some(connect))
        .timeout_global(Some(timeout))
        .max_redirects(0)
        .http_status_as_error(false)
        .proxy(proxy);
    #[cfg(feature = "native-tls")]
    let builder = builder.tls_config(
        ureq::tls::TlsConfig::builder()
            .provider(ureq::tls::TlsProvider::NativeTls)
            .build(),
    );
    ureq::Agent::new_with_config(builder.build())
}

fn make_proxy((url, auth): (String, Option<(String, String)>)) -> Result<ureq::Proxy, Error> {
    // The URL may itself carry credentials: never echo it in an error.
    let refuse = |reason: &str| Error::from(InvalidInput::new("proxy", reason));
    if url.is_empty() {
        return Err(refuse("proxy_auth was given without a proxy URL"));
    }
    let parsed = ureq::Proxy::new(&url).map_err(|_| refuse("the proxy URL is not valid"))?;
    let Some((user, password)) = auth else {
        return Ok(parsed);
    };
    ureq::Proxy::builder(parsed.protocol())
        .host(parsed.host())
        .port(parsed.port())
        .username(&user)
        .password(&password)
        .build()
        .map_err(|_| refuse("the proxy URL and credentials do not form a valid proxy"))
}
