//! [`ClientBuilder`]: the core's [`RuntimeBuilder`] over reqwest, and the
//! `reqwest::Client` this runtime makes.

use std::sync::Arc;

use disco_oauth2::runtime::{
    ClientState, RuntimeBuilder, RuntimeClient, RuntimeSettings, TransportSettings,
};

use crate::client::Client;
use crate::error::Error;

/// Configures a [`Client`]: everything of the core's
/// [`ClientBuilder`](disco_oauth2::ClientBuilder), plus timeouts, proxy,
/// your own `reqwest::Client` ([`transport`](RuntimeBuilder::transport)),
/// body cap and rate-limit retries. Made by [`Client::builder`].
///
/// Configure your own `reqwest::Client` as you need, remembering what the
/// default one does: `redirect(Policy::none())` (so a 3xx reaches the core as
/// [`UnexpectedStatus`](disco_oauth2::Error::UnexpectedStatus)), and
/// timeouts. reqwest has no per-request redirect policy: if yours follows a
/// redirect, the answer is refused as [`Error::Redirected`](crate::Error::Redirected)
/// — but the request (a token request's body included) has then already
/// been replayed, so do set `Policy::none()`. 4xx/5xx bodies always reach the core (reqwest never turns them
/// into errors). Building a `reqwest::Client` with rustls needs a crypto
/// provider: call [`install_crypto_provider`](crate::install_crypto_provider)
/// first.
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
///
/// # Errors of `build`
/// [`Error::Core`] with [`InvalidInput`](disco_oauth2::Error::InvalidInput)
/// for what the core refuses; [`Error::Config`] for a bad proxy URL,
/// `proxy_auth` without `proxy`, `proxy` / `connect_timeout` given together
/// with your own `reqwest::Client`, or a TLS backend that does not start.
pub type ClientBuilder = RuntimeBuilder<Client>;

impl RuntimeClient for Client {
    type Transport = reqwest::Client;
    type Error = Error;
    const TRANSPORT_NAME: &'static str = "reqwest::Client";

    fn config_error(message: String) -> Error {
        Error::Config(message)
    }

    fn from_settings(settings: RuntimeSettings<reqwest::Client>) -> Result<Self, Error> {
        Ok(Client {
            inner: Arc::new(ClientState::from_settings(settings, make_http_client)?),
        })
    }
}

/// The `reqwest::Client` a careful user would configure: timeouts, no
/// redirects, rustls with ring (or native-tls with the `native-tls` feature).
pub(crate) fn make_http_client(settings: &TransportSettings) -> Result<reqwest::Client, Error> {
    crate::install_crypto_provider();
    let mut builder = reqwest::Client::builder()
        .connect_timeout(settings.connect_timeout)
        .timeout(settings.timeout)
        .redirect(reqwest::redirect::Policy::none());
    if let Some(proxy) = &settings.proxy {
        // The URL may itself carry credentials: never echo it in an error.
        let mut parsed = reqwest::Proxy::all(&proxy.url)
            .map_err(|_| Error::Config("the proxy URL is not valid".into()))?;
        if let Some((user, password)) = &proxy.auth {
            parsed = parsed.basic_auth(user, password);
        }
        builder = builder.proxy(parsed);
    } else {
        // As in the blocking runtime: a proxy only when configured, never
        // one picked up from HTTP_PROXY and friends behind the user's back.
        builder = builder.no_proxy();
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
