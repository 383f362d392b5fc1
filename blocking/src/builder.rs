//! [`ClientBuilder`]: the core's [`RuntimeBuilder`] over ureq, and the agent
//! this runtime makes.

use std::sync::Arc;

use disco_oauth2::runtime::{
    ClientState, ProxySettings, RuntimeBuilder, RuntimeClient, RuntimeSettings, TransportSettings,
};

use crate::client::Client;
use crate::error::Error;

/// Configures a [`Client`]: everything of the core's
/// [`ClientBuilder`](disco_oauth2::ClientBuilder), plus timeouts, proxy,
/// your own `ureq::Agent` ([`transport`](RuntimeBuilder::transport)), body
/// cap and rate-limit retries. Made by [`Client::builder`].
///
/// With your own agent, whatever its configuration, each request is sent
/// with `http_status_as_error(false)` (so 4xx/5xx bodies reach the core) and
/// `max_redirects(0)` (a 3xx becomes
/// [`UnexpectedStatus`](disco_oauth2::Error::UnexpectedStatus)).
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
///
/// # Errors of `build`
/// [`Error::Core`] with [`InvalidInput`](disco_oauth2::Error::InvalidInput)
/// for what the core refuses; [`Error::Config`] for a bad proxy URL,
/// `proxy_auth` without `proxy`, or `proxy` / `connect_timeout` given
/// together with your own agent.
pub type ClientBuilder = RuntimeBuilder<Client>;

impl RuntimeClient for Client {
    type Transport = ureq::Agent;
    type Error = Error;
    const TRANSPORT_NAME: &'static str = "agent";

    fn config_error(message: String) -> Error {
        Error::Config(message)
    }

    fn from_settings(settings: RuntimeSettings<ureq::Agent>) -> Result<Self, Error> {
        Ok(Client {
            inner: Arc::new(ClientState::from_settings(settings, make_agent)?),
        })
    }
}

/// The agent a careful user would configure: timeouts, no redirects, 4xx/5xx
/// as responses, rustls (or native-tls with the `native-tls` feature).
pub(crate) fn make_agent(settings: &TransportSettings) -> Result<ureq::Agent, Error> {
    let proxy = settings.proxy.as_ref().map(make_proxy).transpose()?;
    Ok(agent_with(settings, proxy))
}

/// An agent with these settings and this proxy.
pub(crate) fn agent_with(settings: &TransportSettings, proxy: Option<ureq::Proxy>) -> ureq::Agent {
    let builder = ureq::Agent::config_builder()
        .timeout_connect(Some(settings.connect_timeout))
        .timeout_global(Some(settings.timeout))
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

fn make_proxy(settings: &ProxySettings) -> Result<ureq::Proxy, Error> {
    // The URL may itself carry credentials: never echo it in an error.
    let parsed = ureq::Proxy::new(&settings.url)
        .map_err(|_| Error::Config("the proxy URL is not valid".into()))?;
    let Some((user, password)) = &settings.auth else {
        return Ok(parsed);
    };
    ureq::Proxy::builder(parsed.protocol())
        .host(parsed.host())
        .port(parsed.port())
        .username(user)
        .password(password)
        .build()
        .map_err(|_| {
            Error::Config("the proxy URL and credentials do not form a valid proxy".into())
        })
}
