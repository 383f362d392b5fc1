//! [`LoginFlow`]: starting a login and finishing it at the callback.

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::ticket::{self, PURPOSE, Ticket};
use super::{FinishedLogin, LoginError, LoginStart};
use crate::authorize::CallbackQuery;
use crate::authorize::PkceChallenge;
use crate::client::Client;
use crate::error::{Error, InvalidInput, Result};
use crate::model::{Scope, Scopes};
use crate::sealing::{NONCE_LEN, SealError, SealingKey};
use crate::secret::{CsrfState, PkceVerifier};

/// How long a login may take by default, from the start to the callback.
pub const DEFAULT_LOGIN_LIFETIME: Duration = Duration::from_secs(10 * 60);

/// The longest lifetime a login accepts: one day.
pub const MAX_LOGIN_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

/// "Login with Discord" without server-side state: [`start`](Self::start)
/// gives the authorization URL and a sealed value for a cookie,
/// [`finish`](Self::finish) takes that value back with the callback's query
/// and gives the code exchange. Made by [`Client::login_flow`].
///
/// The sealed value holds the CSRF state, the PKCE verifier, the redirect
/// URI, the scopes and an expiry, encrypted and authenticated (AES-256-GCM)
/// with the application's [`SealingKey`]: the browser keeps it but can
/// neither read the verifier nor change anything.
#[derive(Debug)]
#[must_use = "a login flow does nothing until started or finished"]
pub struct LoginFlow<'a> {
    client: &'a Client,
    key: &'a SealingKey,
    scopes: Option<Scopes>,
    redirect_uri: Option<String>,
    lifetime: Duration,
    nonce: Option<String>,
}

/// The random values of one login start.
pub(super) struct Randomness {
    pub(super) state: CsrfState,
    pub(super) verifier: PkceVerifier,
    pub(super) nonce: [u8; NONCE_LEN],
}

impl Randomness {
    fn generate() -> Result<Self> {
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::fill(&mut nonce).map_err(|e| Error::RandomUnavailable(e.to_string()))?;
        let (_, verifier) = PkceChallenge::generate()?;
        Ok(Self {
            state: CsrfState::generate()?,
            verifier,
            nonce,
        })
    }
}

impl Client {
    /// A login flow sealed with `key` (see [`LoginFlow`]); the client's
    /// scopes and redirect URI unless changed on the flow.
    pub fn login_flow<'a>(&'a self, key: &'a SealingKey) -> LoginFlow<'a> {
        LoginFlow {
            client: self,
            key,
            scopes: None,
            redirect_uri: None,
            lifetime: DEFAULT_LOGIN_LIFETIME,
            nonce: None,
        }
    }
}

impl LoginFlow<'_> {
    /// The scopes to ask for, instead of the client's.
    pub fn scopes<I>(mut self, scopes: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<Scope>,
    {
        self.scopes = Some(scopes.into_iter().map(Into::into).collect());
        self
    }

    /// The redirect URI, instead of the client's.
    pub fn redirect_uri(mut self, uri: impl Into<String>) -> Self {
        self.redirect_uri = Some(uri.into());
        self
    }

    /// How long the user has from the start to the callback (default 10
    /// minutes, at most a day).
    pub fn lifetime(mut self, lifetime: Duration) -> Self {
        self.lifetime = lifetime;
        self
    }

    /// An OpenID Connect nonce, kept in the sealed value and handed back by
    /// [`finish`](Self::finish) to check the ID token against.
    pub fn nonce(mut self, nonce: impl Into<String>) -> Self {
        self.nonce = Some(nonce.into());
        self
    }

    /// Starts a login at `now`: a fresh state and PKCE verifier, the
    /// authorization URL, and the sealed value to set as a cookie.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] without a redirect URI or scopes, or for a
    /// lifetime of zero or over a day; [`Error::RandomUnavailable`] when the
    /// operating system has no randomness.
    pub fn start(self, now: DateTime<Utc>) -> Result<LoginStart> {
        let randomness = Randomness::generate()?;
        self.start_with(now, randomness)
    }

    pub(super) fn start_with(self, now: DateTime<Utc>, random: Randomness) -> Result<LoginStart> {
        if self.lifetime.is_zero() || self.lifetime > MAX_LOGIN_LIFETIME {
            return Err(InvalidInput::new(
                "lifetime",
                "must be longer than zero and at most one day",
            )
            .into());
        }
        let redirect_uri = match self.redirect_uri.as_deref().or(self.client.redirect_uri()) {
            Some(uri) => uri.to_owned(),
            None => {
                return Err(InvalidInput::new(
                    "redirect_uri",
                    "is required for a login; set one on the client or the flow",
                )
                .into());
            }
        };
        let scopes = self.scopes.unwrap_or_else(|| self.client.scopes().clone());
        let challenge = PkceChallenge::from_verifier(&random.verifier);
        let url = self
            .client
            .authorize_url()
            .scopes(scopes.iter().cloned())
            .redirect_uri(redirect_uri.clone())
            .state(&random.state)
            .pkce_challenge(&challenge)
            .build()?;
        let secure = redirect_uri.starts_with("https://");
        let lifetime = chrono::Duration::seconds(self.lifetime.as_secs() as i64);
        let expires_at = now + lifetime;
        let ticket = Ticket {
            state: random.state.into_secret(),
            verifier: random.verifier.into_secret(),
            redirect_uri,
            scopes: scopes.to_space_separated(),
            expires: expires_at.timestamp(),
            nonce: self.nonce,
        };
        let sealed = self
            .key
            .seal_with_nonce(random.nonce, PURPOSE, &ticket.to_json())
            .map_err(|e| match e {
                SealError::RandomUnavailable(why) => Error::RandomUnavailable(why),
                _ => Error::Login(LoginError::Unauthentic),
            })?;
        Ok(LoginStart::new(
            url,
            ticket::encode(&sealed),
            expires_at,
            self.lifetime,
            secure,
        ))
    }

    /// Finishes a login at `now`: opens the sealed `cookie` value, checks
    /// the callback's state against it (in constant time), and gives the
    /// code exchange with the verifier and redirect URI of the start.
    ///
    /// ```
    /// use disco_oauth2::authorize::CallbackQuery;
    /// use disco_oauth2::sealing::SealingKey;
    /// use disco_oauth2::{Client, Error, Scope};
    ///
    /// let client = Client::builder(157730590492196864)
    ///     .redirect_uri("https://nicememe.website/callback")
    ///     .scopes([Scope::Identify])
    ///     .build()?;
    /// let key = SealingKey::from_bytes([7; 32]);
    /// let now = "2026-11-24T12:00:00Z".parse()?;
    /// let start = client.login_flow(&key).start(now)?;
    ///
    /// // A callback whose state is not the one sent is refused.
    /// let forged = CallbackQuery::parse("code=abc&state=forged")?;
    /// let refused = client.login_flow(&key).finish(start.cookie_value(), &forged, now);
    /// assert!(matches!(refused, Err(Error::StateMismatch)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Login`] when the value is missing, malformed, altered,
    /// sealed with another key or expired; [`Error::StateMismatch`] when the
    /// callback's state is not the one sent; [`Error::OAuth2`] when the user
    /// denied the authorization; [`Error::InvalidInput`] for a callback
    /// without a code.
    pub fn finish(
        self,
        cookie: &str,
        query: &CallbackQuery,
        now: DateTime<Utc>,
    ) -> Result<FinishedLogin> {
        let ticket = open(self.key, cookie)?;
        let expired_at = ticket.expires_at()?;
        if now >= expired_at {
            return Err(LoginError::Expired { expired_at }.into());
        }
        let callback = query.clone().verify(&ticket.state())?;
        let verifier = ticket.verifier()?;
        let exchange = self
            .client
            .exchange_code(callback.code)
            .pkce_verifier(verifier)
            .redirect_uri(ticket.redirect_uri.clone());
        Ok(FinishedLogin {
            exchange,
            scopes: Scopes::parse(&ticket.scopes)?,
            nonce: ticket.nonce,
            guild_id: callback.guild_id,
            permissions: callback.permissions,
        })
    }
}

/// Opens a login cookie's value into its ticket.
fn open(key: &SealingKey, cookie: &str) -> Result<Ticket, LoginError> {
    let sealed = ticket::decode(cookie)?;
    let plain = key.open(PURPOSE, &sealed).map_err(|e| match e {
        SealError::Unauthentic => LoginError::Unauthentic,
        _ => LoginError::Malformed,
    })?;
    Ticket::from_json(&plain)
}
