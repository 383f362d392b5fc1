//! [`CallbackQuery`]: the redirect's query, as a web framework extracts it.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::authorize::AuthorizationCallback;
use crate::error::{InvalidInput, Result};

/// The query string of the authorization redirect, unchecked: what a web
/// framework's query extractor gives (it is `Deserialize`, e.g. axum's
/// `Query<CallbackQuery>`), or [`parse`](Self::parse) of the raw query.
/// [`LoginFlow::finish`](super::LoginFlow::finish) checks it.
///
/// `Debug` shows neither the code nor the state.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallbackQuery {
    /// The code to exchange.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The CSRF state echoed back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// The guild a bot was added to (bot flows).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guild_id: Option<String>,
    /// The permissions granted to the bot (bot flows).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<String>,
    /// An OAuth2 error code, e.g. `access_denied`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The error's description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_description: Option<String>,
    /// The error's documentation link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_uri: Option<String>,
}

impl CallbackQuery {
    /// Parses a redirect: a whole URL, or its query string.
    ///
    /// ```
    /// use disco_oauth2::login::CallbackQuery;
    ///
    /// let query = CallbackQuery::parse("http://127.0.0.1:3000/callback?code=abc&state=xyz")?;
    /// assert_eq!(query.code.as_deref(), Some("abc"));
    /// assert_eq!(format!("{query:?}"), "CallbackQuery { code: Some([redacted]), state: Some([redacted]), error: None, .. }");
    /// # Ok::<(), disco_oauth2::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) for a query that
    /// does not parse (a parameter twice, bad escapes).
    pub fn parse(input: &str) -> Result<Self> {
        let input = input.split_once('#').map_or(input, |(before, _)| before);
        let query = input.split_once('?').map_or(input, |(_, query)| query);
        serde_urlencoded::from_str(query).map_err(|e| {
            InvalidInput::new("callback", format!("is not a valid query string ({e})")).into()
        })
    }

    /// The query again, for [`AuthorizationCallback`]'s checks.
    pub(super) fn to_query(&self) -> String {
        serde_urlencoded::to_string(self).unwrap_or_default()
    }

    /// Checks the state against `expected` and parses the rest, as
    /// [`AuthorizationCallback::parse_verified`].
    ///
    /// # Errors
    /// As [`AuthorizationCallback::parse_verified`].
    pub fn verify(&self, expected: &crate::CsrfState) -> Result<AuthorizationCallback> {
        AuthorizationCallback::parse_verified(&self.to_query(), expected)
    }
}

impl fmt::Debug for CallbackQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redacted = |v: &Option<String>| v.as_ref().map(|_| Redacted);
        f.debug_struct("CallbackQuery")
            .field("code", &redacted(&self.code))
            .field("state", &redacted(&self.state))
            .field("error", &self.error)
            .finish_non_exhaustive()
    }
}

struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}
