//! The core [`Client`]: an application's OAuth2 configuration, from which
//! every operation and authorization URL is built.
//!
//! It does no IO. Each method returns an operation value (see
//! [`Operation`](crate::Operation)) that a runtime — or your own HTTP stack —
//! turns into an `http::Request` and back into a typed result.

mod builder;
mod config;
mod policy;
mod token_auth;
mod url;

pub use builder::ClientBuilder;
pub use policy::{
    DEFAULT_GLOBAL_RATE_LIMIT, DEFAULT_MAX_BODY_SIZE, DEFAULT_MAX_RATE_LIMIT_RETRIES,
    DEFAULT_MAX_RETRY_WAIT, DEFAULT_MAX_SERVER_ERROR_RETRIES, Policy,
};
pub use token_auth::ClientAuth;
pub(crate) use token_auth::missing_client_secret;
pub(crate) use url::{AbsoluteUrl, encode_component};

use std::fmt;
use std::sync::Arc;

use crate::model::{ApplicationId, Scopes};
use crate::secret::ClientSecret;
use config::Config;

/// Discord's API base, version 10.
pub const DEFAULT_API_BASE: &str = "https://discord.com/api/v10";
/// Discord's authorization page.
pub const DEFAULT_AUTHORIZE_URL: &str = "https://discord.com/oauth2/authorize";
/// The repository named in the default `User-Agent`.
pub const REPOSITORY_URL: &str = "https://github.com/disco-oauth2/disco-oauth2";

/// An application's OAuth2 configuration: client id and secret, redirect URI,
/// default scopes, API base and User-Agent. Cheap to clone (one `Arc`).
///
/// ```
/// use disco_oauth2::{Client, Scope};
///
/// let client = Client::builder(157730590492196864)
///     .client_secret("my-secret")
///     .redirect_uri("https://nicememe.website/callback")
///     .scopes([Scope::Identify, Scope::Guilds])
///     .build()?;
/// assert_eq!(client.api_base(), "https://discord.com/api/v10");
/// // The secret never shows in Debug output.
/// assert!(!format!("{client:?}").contains("my-secret"));
/// # Ok::<(), disco_oauth2::Error>(())
/// ```
#[derive(Clone)]
pub struct Client {
    config: Arc<Config>,
}

impl Client {
    /// Starts configuring a client for the application `client_id`.
    pub fn builder(client_id: impl Into<ApplicationId>) -> ClientBuilder {
        ClientBuilder::new(client_id.into())
    }

    /// The application (client) id.
    pub fn client_id(&self) -> ApplicationId {
        self.config.client_id
    }

    /// The client secret, when this is a confidential client.
    pub fn client_secret(&self) -> Option<&ClientSecret> {
        self.config.client_secret.as_ref()
    }

    /// The default redirect URI, when one is configured.
    pub fn redirect_uri(&self) -> Option<&str> {
        self.config.redirect_uri.as_ref().map(AbsoluteUrl::as_str)
    }

    /// The default scopes of authorization URLs and client-credentials grants.
    pub fn scopes(&self) -> &Scopes {
        &self.config.scopes
    }

    /// The API base, without a trailing slash (default [`DEFAULT_API_BASE`]).
    pub fn api_base(&self) -> &str {
        self.config.api_base.as_str()
    }

    /// The authorization page (default [`DEFAULT_AUTHORIZE_URL`]).
    pub fn authorize_endpoint(&self) -> &str {
        self.config.authorize_url.as_str()
    }

    /// The `User-Agent` sent with every request.
    pub fn user_agent(&self) -> &str {
        // Built from validated visible ASCII, so it is always a valid str.
        self.config.user_agent.to_str().unwrap_or_default()
    }

    /// How the client authenticates at the token endpoints.
    pub fn client_auth(&self) -> ClientAuth {
        self.config.client_auth
    }

    /// How every call is bounded (body size, retries, waits, deadline).
    pub fn policy(&self) -> Policy {
        self.config.policy
    }

    /// A new rate limiter configured by this client's policy: bot requests
    /// paced to [`Policy::global_rate_limit`] (or not at all). A runtime
    /// keeps one per client, behind its own lock, and passes it to every
    /// [`Driver`](crate::driver::Driver).
    ///
    /// ```
    /// use std::num::NonZeroU32;
    /// use disco_oauth2::Client;
    ///
    /// let client = Client::builder(1234).global_rate_limit(Some(40)).build()?;
    /// assert_eq!(client.rate_limiter().global_limit(), NonZeroU32::new(40));
    /// let client = Client::builder(1234).global_rate_limit(None).build()?;
    /// assert_eq!(client.rate_limiter().global_limit(), None);
    /// # Ok::<(), disco_oauth2::Error>(())
    /// ```
    pub fn rate_limiter(&self) -> crate::RateLimiter {
        crate::RateLimiter::new().with_global_limit(
            self.config
                .policy
                .global_rate_limit
                .and_then(std::num::NonZeroU32::new),
        )
    }

    /// Image URLs on this client's CDN base (default Discord's,
    /// [`CDN_BASE`](crate::cdn::CDN_BASE); set with
    /// [`ClientBuilder::cdn_base`]). Use it, or its
    /// [`rebase`](crate::cdn::Cdn::rebase) on a model's `…_url` helper, to
    /// load avatars from a fake Discord.
    pub fn cdn(&self) -> crate::cdn::Cdn<'_> {
        crate::cdn::Cdn::checked(self.config.cdn_base.as_str())
    }

    pub(crate) fn config(&self) -> &Config {
        &self.config
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("client_id", &self.config.client_id)
            .field("client_secret", &self.config.client_secret)
            .field("redirect_uri", &self.redirect_uri())
            .field("scopes", &self.config.scopes)
            .field("api_base", &self.api_base())
            .field("authorize_url", &self.authorize_endpoint())
            .field("client_auth", &self.config.client_auth)
            .field("policy", &self.config.policy)
            .finish()
    }
}
