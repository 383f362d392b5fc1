use std::time::Duration;

use http::HeaderValue;

use super::{
    AbsoluteUrl, Client, ClientAuth, Config, DEFAULT_API_BASE, DEFAULT_AUTHORIZE_URL, Policy,
    REPOSITORY_URL,
};
use crate::error::{Error, InvalidInput};
use crate::model::{ApplicationId, Scope, Scopes};
use crate::secret::ClientSecret;

/// Configures a [`Client`]. Every argument is checked in [`build`](Self::build).
#[derive(Debug)]
#[must_use = "a builder does nothing until built"]
pub struct ClientBuilder {
    client_id: ApplicationId,
    client_secret: Option<ClientSecret>,
    redirect_uri: Option<String>,
    scopes: Scopes,
    api_base: String,
    authorize_url: String,
    user_agent_suffix: Option<String>,
    client_auth: ClientAuth,
    policy: Policy,
    cdn_base: String,
}

impl ClientBuilder {
    pub(super) fn new(client_id: ApplicationId) -> Self {
        Self {
            client_id,
            client_secret: None,
            redirect_uri: None,
            scopes: Scopes::default(),
            api_base: DEFAULT_API_BASE.to_owned(),
            authorize_url: DEFAULT_AUTHORIZE_URL.to_owned(),
            user_agent_suffix: None,
            client_auth: ClientAuth::default(),
            policy: Policy::default(),
            cdn_base: crate::cdn::CDN_BASE.to_owned(),
        }
    }

    /// The largest response body read, in bytes (default
    /// [`DEFAULT_MAX_BODY_SIZE`](super::DEFAULT_MAX_BODY_SIZE), 4 MiB). A
    /// runtime refuses a larger body without reading past the cap. `0` is
    /// refused by [`build`](Self::build).
    pub fn max_body_size(mut self, bytes: u64) -> Self {
        self.policy.max_body_size = bytes;
        self
    }

    /// How many times a 429 is retried after its wait (default
    /// [`DEFAULT_MAX_RATE_LIMIT_RETRIES`](super::DEFAULT_MAX_RATE_LIMIT_RETRIES),
    /// 3; `0` returns every 429 at once — the limiter still remembers it, so
    /// the next call on that route waits).
    pub fn max_rate_limit_retries(mut self, retries: u32) -> Self {
        self.policy.max_rate_limit_retries = retries;
        self
    }

    /// The longest wait taken before a request, whether a 429 asks for it
    /// or the rate limiter's bookkeeping does (default
    /// [`DEFAULT_MAX_RETRY_WAIT`](super::DEFAULT_MAX_RETRY_WAIT), 60 s). A
    /// longer one ends the call at once with
    /// [`Error::RateLimited`](crate::Error::RateLimited), nothing slept.
    pub fn max_retry_wait(mut self, wait: Duration) -> Self {
        self.policy.max_retry_wait = wait;
        self
    }

    /// How many times a 502, 503 or 504 is retried, after a backoff of 0.5 s,
    /// 1 s, 2 s … (at most 8 s), for requests safe to repeat: GET, PUT,
    /// DELETE and token revocation — never a code exchange or refresh, whose
    /// grant is used up by the first send (default
    /// [`DEFAULT_MAX_SERVER_ERROR_RETRIES`](super::DEFAULT_MAX_SERVER_ERROR_RETRIES), 2).
    pub fn max_server_error_retries(mut self, retries: u32) -> Self {
        self.policy.max_server_error_retries = retries;
        self
    }

    /// A deadline for a whole call, rate-limit waits and retries included
    /// (default none). A wait that would end past it ends the call at once
    /// with [`Error::DeadlineExceeded`](crate::Error::DeadlineExceeded), and
    /// each send is given the time left as its timeout
    /// ([`Transmit::timeout`](crate::driver::Transmit::timeout)). For a walk
    /// over pages, it bounds the whole walk.
    ///
    /// Without it, a call's worst case is its sends (each bounded by the
    /// runtime's request timeout) plus up to `max_rate_limit_retries` waits
    /// of at most `max_retry_wait` each, plus the server-error backoffs.
    pub fn call_timeout(mut self, timeout: Duration) -> Self {
        self.policy.call_timeout = Some(timeout);
        self
    }

    /// Requests per second the client paces bot requests
    /// (`Authorization: Bot`) to, ahead of any 429: default
    /// [`DEFAULT_GLOBAL_RATE_LIMIT`](super::DEFAULT_GLOBAL_RATE_LIMIT), 50,
    /// Discord's documented global limit per bot; `None` turns the window
    /// off. Token requests (code exchange, refresh) and requests with a
    /// user's bearer token are never paced by it: Discord documents no such
    /// limit for them, so they wait only when Discord answers 429. `Some(0)`
    /// is refused by [`build`](Self::build).
    pub fn global_rate_limit(mut self, per_second: Option<u32>) -> Self {
        self.policy.global_rate_limit = per_second;
        self
    }

    /// The client secret, for a confidential client (a server). A public
    /// client has none: see [`public_client`](Self::public_client).
    pub fn client_secret(mut self, secret: impl Into<ClientSecret>) -> Self {
        self.client_secret = Some(secret.into());
        self
    }

    /// The default redirect URI (registered in the Developer Portal).
    pub fn redirect_uri(mut self, uri: impl Into<String>) -> Self {
        self.redirect_uri = Some(uri.into());
        self
    }

    /// The default scopes.
    pub fn scopes<I>(mut self, scopes: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<Scope>,
    {
        self.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// Another API base, e.g. a fake Discord's `http://127.0.0.1:PORT/api/v10`.
    pub fn api_base(mut self, base: impl Into<String>) -> Self {
        self.api_base = base.into();
        self
    }

    /// Another authorization page.
    pub fn authorize_url(mut self, url: impl Into<String>) -> Self {
        self.authorize_url = url.into();
        self
    }

    /// Extra text after `DiscordBot (url, version)` in the `User-Agent`
    /// (Discord allows appending information).
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    /// How to authenticate at the token endpoints (default HTTP Basic).
    pub fn client_auth(mut self, auth: ClientAuth) -> Self {
        self.client_auth = auth;
        self
    }

    /// Makes this a public client (no secret; [`ClientAuth::None`]): token
    /// requests carry the `client_id` in the form and no `Authorization`
    /// header, and the code exchange needs PKCE. For apps that cannot keep a
    /// secret: on a device, in a CLI, in a browser.
    ///
    /// ```
    /// use disco_oauth2::{Client, ClientAuth};
    ///
    /// let client = Client::builder(1234).public_client().build()?;
    /// assert_eq!(client.client_auth(), ClientAuth::None);
    /// // A secret and the public setting contradict each other:
    /// assert!(Client::builder(1234).client_secret("s").public_client().build().is_err());
    /// # Ok::<(), disco_oauth2::Error>(())
    /// ```
    pub fn public_client(self) -> Self {
        self.client_auth(ClientAuth::None)
    }

    /// Another CDN base for [`Client::cdn`], e.g. a fake Discord's
    /// `http://127.0.0.1:PORT/cdn` (default [`CDN_BASE`](crate::cdn::CDN_BASE)).
    ///
    /// ```
    /// use disco_oauth2::Client;
    /// use disco_oauth2::model::UserId;
    ///
    /// let client = Client::builder(157730590492196864)
    ///     .cdn_base("http://127.0.0.1:8080/cdn")
    ///     .build()?;
    /// assert_eq!(
    ///     client.cdn().default_avatar(1),
    ///     "http://127.0.0.1:8080/cdn/embed/avatars/1.png"
    /// );
    /// # Ok::<(), disco_oauth2::Error>(())
    /// ```
    pub fn cdn_base(mut self, base: impl Into<String>) -> Self {
        self.cdn_base = base.into();
        self
    }

    /// Checks everything and builds the client.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for a redirect URI that is not an absolute URL
    /// without fragment, an API base or authorize URL that is not http(s),
    /// a CDN base that is not http(s), a User-Agent suffix that is not
    /// visible ASCII, a `max_body_size` of 0, a `global_rate_limit` of
    /// `Some(0)`, or a client secret on a [public client](Self::public_client).
    pub fn build(self) -> Result<Client, Error> {
        if self.policy.max_body_size == 0 {
            return Err(InvalidInput::new("max_body_size", "must be at least 1 byte").into());
        }
        if self.policy.global_rate_limit == Some(0) {
            return Err(InvalidInput::new(
                "global_rate_limit",
                "must be at least 1 request per second, or None to turn the window off",
            )
            .into());
        }
        let redirect_uri = self
            .redirect_uri
            .as_deref()
            .map(AbsoluteUrl::redirect_uri)
            .transpose()?;
        let api_base = AbsoluteUrl::base("api_base", &self.api_base)?;
        let authorize_url = AbsoluteUrl::base("authorize_url", &self.authorize_url)?;
        let cdn_base = AbsoluteUrl::base("cdn_base", &self.cdn_base)?;
        if self
            .client_secret
            .as_ref()
            .is_some_and(|s| s.secret().is_empty())
        {
            return Err(InvalidInput::new("client_secret", "is empty").into());
        }
        if self.client_secret.is_some() && self.client_auth == ClientAuth::None {
            return Err(InvalidInput::new(
                "client_secret",
                "is set on a public client (ClientAuth::None); a public client has no secret",
            )
            .into());
        }
        let mut user_agent = format!(
            "DiscordBot ({REPOSITORY_URL}, {})",
            env!("CARGO_PKG_VERSION")
        );
        if let Some(suffix) = &self.user_agent_suffix {
            user_agent.push(' ');
            user_agent.push_str(suffix);
        }
        let user_agent = HeaderValue::from_str(&user_agent)
            .ok()
            .filter(|_| user_agent.bytes().all(|b| (0x20..0x7f).contains(&b)))
            .ok_or_else(|| InvalidInput::new("user_agent_suffix", "must be visible ASCII"))?;
        Ok(Client {
            config: std::sync::Arc::new(Config {
                client_id: self.client_id,
                client_secret: self.client_secret,
                redirect_uri,
                scopes: self.scopes,
                api_base,
                authorize_url,
                user_agent,
                client_auth: self.client_auth,
                policy: self.policy,
                cdn_base,
            }),
        })
    }
}
