//! [`LoginStart`]: the authorization URL and the cookie of a started login.

use std::fmt;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::DEFAULT_COOKIE_NAME;
use crate::authorize::AuthorizationUrl;

/// A started login: send the browser to [`url`](Self::url), and set
/// [`set_cookie_header`](Self::set_cookie_header) on that same response.
///
/// `Debug` shows neither the URL's state nor the cookie.
#[derive(Clone)]
pub struct LoginStart {
    url: AuthorizationUrl,
    cookie: String,
    expires_at: DateTime<Utc>,
    lifetime: Duration,
    secure: bool,
}

impl LoginStart {
    pub(super) fn new(
        url: AuthorizationUrl,
        cookie: String,
        expires_at: DateTime<Utc>,
        lifetime: Duration,
        secure: bool,
    ) -> Self {
        Self {
            url,
            cookie,
            expires_at,
            lifetime,
            secure,
        }
    }

    /// The authorization URL to redirect the browser to.
    pub fn url(&self) -> &AuthorizationUrl {
        &self.url
    }

    /// The sealed value to keep in a cookie until the callback: base64url
    /// text, safe in a cookie as it is.
    pub fn cookie_value(&self) -> &str {
        &self.cookie
    }

    /// When the login expires (the callback is refused from then on).
    pub fn expires_at(&self) -> DateTime<Utc> {
        self.expires_at
    }

    /// The `Set-Cookie` value for [`DEFAULT_COOKIE_NAME`]: `HttpOnly`,
    /// `SameSite=Lax` (so that the redirect back from Discord carries it),
    /// `Path=/`, a `Max-Age` of the login's lifetime, and `Secure` when the
    /// redirect URI is `https`.
    ///
    /// ```
    /// # use disco_oauth2::{Client, sealing::SealingKey};
    /// # let client = Client::builder(157730590492196864)
    /// #     .redirect_uri("http://127.0.0.1:3000/callback").scopes([disco_oauth2::Scope::Identify]).build()?;
    /// # let key = SealingKey::from_bytes([7; 32]);
    /// let start = client.login_flow(&key).start("2026-11-24T12:00:00Z".parse()?)?;
    /// let header = start.set_cookie_header();
    /// assert!(header.starts_with("discord_login="));
    /// assert!(header.ends_with("; Max-Age=600; Path=/; HttpOnly; SameSite=Lax"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn set_cookie_header(&self) -> String {
        let secure = if self.secure { "; Secure" } else { "" };
        format!(
            "{DEFAULT_COOKIE_NAME}={}; Max-Age={}; Path=/; HttpOnly; SameSite=Lax{secure}",
            self.cookie,
            self.lifetime.as_secs()
        )
    }
}

impl fmt::Debug for LoginStart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoginStart")
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}
