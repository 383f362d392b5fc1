use serde::Deserialize;

use crate::error::{Error, InvalidInput, OAuth2Error, OAuth2ErrorCode, Result};
use crate::model::{GuildId, Permissions};
use crate::secret::{AuthorizationCode, CsrfState};

/// Discord's issuer identifier (RFC 8414 `issuer`, RFC 9207 `iss`), as its
/// `/.well-known/oauth-authorization-server` document names it.
pub const DISCORD_ISSUER: &str = "https://discord.com";

/// The authorization redirect's query, for the code grant: the code, and
/// for bot flows the guild and permissions chosen.
///
/// Get one with [`parse_verified`](Self::parse_verified) (from the redirect
/// URL or its query string) or [`CallbackQuery::verify`] (from a web
/// framework's query extractor): both check the CSRF state *before* anything
/// else, so a forged redirect — even a forged `error=access_denied` — is
/// refused. They are the paths to use in a callback handler.
///
/// ```
/// use disco_oauth2::authorize::AuthorizationCallback;
/// use disco_oauth2::{CsrfState, Error, OAuth2ErrorCode};
///
/// let state = CsrfState::new("15773059ghq9183habn");
/// let callback = AuthorizationCallback::parse_verified(
///     "https://nicememe.website/?code=NhhvTDYsFcdgNLnnLijcl7Ku7bEEeee&state=15773059ghq9183habn",
///     &state,
/// )?;
/// assert_eq!(callback.code.secret(), "NhhvTDYsFcdgNLnnLijcl7Ku7bEEeee");
/// assert_eq!(callback.issuer, None); // no `iss` was sent
///
/// // A denied authorization is an OAuth2 error…
/// let denied = AuthorizationCallback::parse_verified("error=access_denied&state=15773059ghq9183habn", &state);
/// assert!(matches!(denied, Err(Error::OAuth2(e)) if e.code == OAuth2ErrorCode::AccessDenied));
/// // …and a forged state is refused, whatever else the redirect says.
/// let forged = AuthorizationCallback::parse_verified("error=access_denied&state=other", &state);
/// assert!(matches!(forged, Err(Error::StateMismatch)));
/// # Ok::<(), disco_oauth2::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct AuthorizationCallback {
    /// The code to exchange.
    pub code: AuthorizationCode,
    /// The `state` Discord echoed back (redacted in `Debug`, like the one sent).
    pub state: Option<CsrfState>,
    /// The guild a bot was added to (bot flows).
    pub guild_id: Option<GuildId>,
    /// The permissions granted to the bot (bot flows).
    pub permissions: Option<Permissions>,
    /// The `iss` parameter (RFC 9207), when the server sent one: `None` says
    /// it was absent. [`parse_verified_with_issuer`](Self::parse_verified_with_issuer)
    /// and [`CallbackQuery::verify_with_issuer`] compare it with the issuer
    /// the authorization request went to.
    pub issuer: Option<String>,
}

/// The authorization redirect's query exactly as it comes, before any check:
/// the type to take with a web framework's query extractor (axum's
/// `Query<CallbackQuery>`, actix's `web::Query<CallbackQuery>`). The code and
/// state are secret types, redacted in `Debug`.
///
/// The only way on is [`verify`](Self::verify) (or
/// [`verify_with_issuer`](Self::verify_with_issuer)), which checks the state
/// first and gives an [`AuthorizationCallback`].
///
/// ```
/// use disco_oauth2::authorize::CallbackQuery;
/// use disco_oauth2::{CsrfState, Error};
///
/// // What a framework's extractor does with `?code=…&state=…`:
/// let query: CallbackQuery = serde_urlencoded::from_str("code=NhhvTDYsFcdgNLnnLijcl7Ku7bEEeee&state=s1")?;
/// assert!(!format!("{query:?}").contains("NhhvTDYs"));
///
/// let callback = query.clone().verify(&CsrfState::new("s1"))?;
/// assert_eq!(callback.code.secret(), "NhhvTDYsFcdgNLnnLijcl7Ku7bEEeee");
/// assert!(matches!(query.verify(&CsrfState::new("s2")), Err(Error::StateMismatch)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct CallbackQuery {
    code: Option<AuthorizationCode>,
    state: Option<CsrfState>,
    guild_id: Option<String>,
    permissions: Option<String>,
    iss: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
    error_uri: Option<String>,
}

/// What every redirect (query or fragment) may carry besides its payload.
pub(super) struct RedirectCommon {
    pub(super) state: Option<CsrfState>,
    pub(super) issuer: Option<String>,
    pub(super) error: Option<String>,
    pub(super) error_description: Option<String>,
    pub(super) error_uri: Option<String>,
}

impl RedirectCommon {
    /// Checks the returned state against `expected` (when given) in constant
    /// time, then the returned `iss` (when both it and an expected issuer
    /// are there), then turns an `error` into [`Error::OAuth2`]; else gives
    /// the state.
    pub(super) fn resolve(
        self,
        expected: Option<&CsrfState>,
        expected_issuer: Option<&str>,
    ) -> Result<Option<CsrfState>> {
        if let Some(expected) = expected {
            check_state(self.state.as_ref(), expected)?;
        }
        if let (Some(issuer), Some(expected_issuer)) = (&self.issuer, expected_issuer) {
            check_issuer(issuer, expected_issuer)?;
        }
        match self.error {
            Some(code) => Err(Error::OAuth2(OAuth2Error {
                status: None,
                code: OAuth2ErrorCode::from(code.as_str()),
                description: self.error_description,
                uri: self.error_uri,
            })),
            None => Ok(self.state),
        }
    }
}

/// Checks a redirect's returned `state` against the one sent, in constant time.
pub(super) fn check_state(returned: Option<&CsrfState>, expected: &CsrfState) -> Result<()> {
    match returned {
        Some(returned) if expected.matches(returned.secret()) => Ok(()),
        _ => Err(Error::StateMismatch),
    }
}

/// RFC 9207 §2.4: the `iss` received must be the issuer the request was
/// sent to, compared as plain strings. The value is not quoted in the error.
fn check_issuer(returned: &str, expected: &str) -> Result<()> {
    if returned == expected {
        Ok(())
    } else {
        Err(InvalidInput::new(
            "iss",
            "is not the issuer the authorization request was sent to (RFC 9207 mix-up defence)",
        )
        .into())
    }
}

/// The query of a redirect URL, or the whole string when it has no `?`;
/// a fragment is dropped.
pub(super) fn query_of(input: &str) -> &str {
    let input = input.split_once('#').map_or(input, |(before, _)| before);
    input.split_once('?').map_or(input, |(_, query)| query)
}

impl CallbackQuery {
    /// Reads a redirect: a whole URL, or its query string. Nothing is
    /// checked yet.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when it is not a query string or has a
    /// parameter twice.
    pub fn parse(input: &str) -> Result<Self> {
        serde_urlencoded::from_str(query_of(input)).map_err(|e| {
            InvalidInput::new("callback", format!("is not a valid query string ({e})")).into()
        })
    }

    /// Checks the state, then reads the redirect. The one to use in a
    /// callback handler when the server sends no `iss` (Discord today).
    ///
    /// # Errors
    /// [`Error::StateMismatch`] first (for an error redirect too); then
    /// [`Error::OAuth2`] when the redirect carries `error` (e.g.
    /// `access_denied`); [`Error::InvalidInput`] when it has no code, or a
    /// `guild_id` / `permissions` that is not a number.
    pub fn verify(self, expected_state: &CsrfState) -> Result<AuthorizationCallback> {
        self.resolve(Some(expected_state), None)
    }

    /// As [`verify`](Self::verify), and when the redirect carries `iss`
    /// (RFC 9207), checks it is `issuer` (for Discord, [`DISCORD_ISSUER`]).
    /// A redirect without `iss` passes; [`AuthorizationCallback::issuer`]
    /// says which it was.
    ///
    /// ```
    /// use disco_oauth2::authorize::{CallbackQuery, DISCORD_ISSUER};
    /// use disco_oauth2::{CsrfState, Error};
    ///
    /// let state = CsrfState::new("s1");
    /// let good = CallbackQuery::parse("code=c&state=s1&iss=https%3A%2F%2Fdiscord.com")?
    ///     .verify_with_issuer(&state, DISCORD_ISSUER)?;
    /// assert_eq!(good.issuer.as_deref(), Some("https://discord.com"));
    /// let mixed_up = CallbackQuery::parse("code=c&state=s1&iss=https%3A%2F%2Fevil.example")?
    ///     .verify_with_issuer(&state, DISCORD_ISSUER);
    /// assert!(matches!(mixed_up, Err(Error::InvalidInput(e)) if e.field == "iss"));
    /// # Ok::<(), disco_oauth2::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`verify`](Self::verify), and [`Error::InvalidInput`] (field
    /// `iss`) for another issuer, checked right after the state.
    pub fn verify_with_issuer(
        self,
        expected_state: &CsrfState,
        issuer: &str,
    ) -> Result<AuthorizationCallback> {
        self.resolve(Some(expected_state), Some(issuer))
    }

    fn resolve(
        self,
        expected: Option<&CsrfState>,
        expected_issuer: Option<&str>,
    ) -> Result<AuthorizationCallback> {
        let issuer = self.iss.clone();
        let state = RedirectCommon {
            state: self.state,
            issuer: self.iss,
            error: self.error,
            error_description: self.error_description,
            error_uri: self.error_uri,
        }
        .resolve(expected, expected_issuer)?;
        let code = self
            .code
            .filter(|c| !c.secret().is_empty())
            .ok_or_else(|| InvalidInput::new("callback", "has neither a code nor an error"))?;
        let guild_id = self
            .guild_id
            .map(|g| g.parse::<GuildId>())
            .transpose()
            .map_err(|_| InvalidInput::new("guild_id", "is not a snowflake"))?;
        let permissions = self
            .permissions
            .map(|p| p.parse::<Permissions>())
            .transpose()
            .map_err(|_| InvalidInput::new("permissions", "is not a permission integer"))?;
        Ok(AuthorizationCallback {
            code,
            state,
            guild_id,
            permissions,
            issuer,
        })
    }
}

impl AuthorizationCallback {
    /// Parses the redirect (a whole URL, or its query string) **without**
    /// checking its state. Prefer [`parse_verified`](Self::parse_verified):
    /// this one reports a forged `error=…` redirect as that error, before
    /// any state could be checked.
    ///
    /// # Errors
    /// [`Error::OAuth2`] when the redirect carries `error` (e.g.
    /// `access_denied`); [`Error::InvalidInput`] when it has no code, a
    /// parameter twice, or a `guild_id` / `permissions` that is not a number.
    pub fn parse(input: &str) -> Result<Self> {
        CallbackQuery::parse(input)?.resolve(None, None)
    }

    /// Parses the redirect and checks its state first — for an error redirect
    /// too, so that a forged `error=access_denied` is refused as well. This is
    /// the one to use in a callback handler (or, with a framework's query
    /// extractor, [`CallbackQuery::verify`]).
    ///
    /// ```
    /// use disco_oauth2::authorize::AuthorizationCallback;
    /// use disco_oauth2::{CsrfState, Error};
    ///
    /// let state = CsrfState::new("15773059ghq9183habn");
    /// let forged = AuthorizationCallback::parse_verified("error=access_denied&state=forged", &state);
    /// assert!(matches!(forged, Err(Error::StateMismatch)));
    /// let callback = AuthorizationCallback::parse_verified("code=abc&state=15773059ghq9183habn", &state)?;
    /// assert_eq!(callback.code.secret(), "abc");
    /// # Ok::<(), disco_oauth2::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::StateMismatch`] first, then as [`parse`](Self::parse).
    pub fn parse_verified(input: &str, expected: &CsrfState) -> Result<Self> {
        CallbackQuery::parse(input)?.verify(expected)
    }

    /// As [`parse_verified`](Self::parse_verified), and checks a present
    /// `iss` against `issuer` (see [`CallbackQuery::verify_with_issuer`]).
    ///
    /// # Errors
    /// As [`CallbackQuery::verify_with_issuer`].
    pub fn parse_verified_with_issuer(
        input: &str,
        expected: &CsrfState,
        issuer: &str,
    ) -> Result<Self> {
        CallbackQuery::parse(input)?.verify_with_issuer(expected, issuer)
    }

    /// Checks the returned state against the one sent, in constant time.
    ///
    /// # Errors
    /// [`Error::StateMismatch`] when it is missing or different.
    pub fn verify_state(self, expected: &CsrfState) -> Result<Self> {
        check_state(self.state.as_ref(), expected).map(|()| self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bot_flow_fields() {
        let cb = AuthorizationCallback::parse(
            "?code=abc&state=s%20t&guild_id=290926798626357250&permissions=8",
        )
        .unwrap();
        assert_eq!(cb.code.secret(), "abc");
        assert_eq!(cb.state.as_ref().map(CsrfState::secret), Some("s t"));
        assert!(!format!("{cb:?}").contains("s t"));
        assert_eq!(cb.guild_id, Some(GuildId::new(290926798626357250)));
        assert_eq!(cb.permissions, Some(Permissions::ADMINISTRATOR));
    }

    #[test]
    fn errors() {
        let err = AuthorizationCallback::parse(
            "error=access_denied&error_description=The+resource+owner+denied",
        )
        .unwrap_err();
        assert_eq!(
            err,
            Error::OAuth2(OAuth2Error {
                status: None,
                code: OAuth2ErrorCode::AccessDenied,
                description: Some("The resource owner denied".into()),
                uri: None,
            })
        );
        assert_eq!(
            AuthorizationCallback::parse("state=x")
                .unwrap_err()
                .to_string(),
            "invalid callback: has neither a code nor an error"
        );
        assert!(AuthorizationCallback::parse("code=").is_err());
        assert!(matches!(
            AuthorizationCallback::parse("code=a&code=b"),
            Err(Error::InvalidInput(_))
        ));
        assert_eq!(
            AuthorizationCallback::parse("code=a&guild_id=x")
                .unwrap_err()
                .to_string(),
            "invalid guild_id: is not a snowflake"
        );
        let state = CsrfState::new("abc");
        assert_eq!(
            AuthorizationCallback::parse("code=a")
                .unwrap()
                .verify_state(&state)
                .unwrap_err(),
            Error::StateMismatch
        );
    }
}
