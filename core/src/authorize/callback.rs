use serde::Deserialize;

use crate::error::{Error, InvalidInput, OAuth2Error, OAuth2ErrorCode, Result};
use crate::model::{GuildId, Permissions};
use crate::secret::{AuthorizationCode, CsrfState};

/// The authorization redirect's query, for the code grant: the code, and
/// for bot flows the guild and permissions chosen.
///
/// ```
/// use disco_oauth2::authorize::AuthorizationCallback;
/// use disco_oauth2::{CsrfState, Error, OAuth2ErrorCode};
///
/// let state = CsrfState::new("15773059ghq9183habn");
/// let callback = AuthorizationCallback::parse(
///     "https://nicememe.website/?code=NhhvTDYsFcdgNLnnLijcl7Ku7bEEeee&state=15773059ghq9183habn",
/// )?
/// .verify_state(&state)?;
/// assert_eq!(callback.code.secret(), "NhhvTDYsFcdgNLnnLijcl7Ku7bEEeee");
///
/// // A denied authorization is an OAuth2 error…
/// let denied = AuthorizationCallback::parse("error=access_denied&state=15773059ghq9183habn");
/// assert!(matches!(denied, Err(Error::OAuth2(e)) if e.code == OAuth2ErrorCode::AccessDenied));
/// // …and a forged state is refused.
/// let forged = AuthorizationCallback::parse("code=abc&state=other")?.verify_state(&state);
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
}

#[derive(Deserialize)]
struct RawCallback {
    code: Option<String>,
    state: Option<String>,
    guild_id: Option<String>,
    permissions: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
    error_uri: Option<String>,
}

/// What every redirect (query or fragment) may carry besides its payload.
pub(super) struct RedirectCommon {
    pub(super) state: Option<String>,
    pub(super) error: Option<String>,
    pub(super) error_description: Option<String>,
    pub(super) error_uri: Option<String>,
}

impl RedirectCommon {
    /// Checks the returned state against `expected` (when given) in constant
    /// time, then turns an `error` into [`Error::OAuth2`]; else gives the state.
    pub(super) fn resolve(self, expected: Option<&CsrfState>) -> Result<Option<CsrfState>> {
        let state = self.state.map(CsrfState::new);
        if let Some(expected) = expected {
            check_state(state.as_ref(), expected)?;
        }
        match self.error {
            Some(code) => Err(Error::OAuth2(OAuth2Error {
                status: None,
                code: OAuth2ErrorCode::from(code.as_str()),
                description: self.error_description,
                uri: self.error_uri,
            })),
            None => Ok(state),
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

/// The query of a redirect URL, or the whole string when it has no `?`;
/// a fragment is dropped.
pub(super) fn query_of(input: &str) -> &str {
    let input = input.split_once('#').map_or(input, |(before, _)| before);
    input.split_once('?').map_or(input, |(_, query)| query)
}

impl AuthorizationCallback {
    /// Parses the redirect: a whole URL, or its query string.
    ///
    /// # Errors
    /// [`Error::OAuth2`] when the redirect carries `error` (e.g.
    /// `access_denied`); [`Error::InvalidInput`] when it has no code, a
    /// parameter twice, or a `guild_id` / `permissions` that is not a number.
    pub fn parse(input: &str) -> Result<Self> {
        Self::parse_checked(input, None)
    }

    /// Parses the redirect and checks its state first — for an error redirect
    /// too, so that a forged `error=access_denied` is refused as well. This is
    /// the one to use in a callback handler.
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
        Self::parse_checked(input, Some(expected))
    }

    fn parse_checked(input: &str, expected: Option<&CsrfState>) -> Result<Self> {
        let raw: RawCallback = serde_urlencoded::from_str(query_of(input)).map_err(|e| {
            InvalidInput::new("callback", format!("is not a valid query string ({e})"))
        })?;
        let state = RedirectCommon {
            state: raw.state,
            error: raw.error,
            error_description: raw.error_description,
            error_uri: raw.error_uri,
        }
        .resolve(expected)?;
        let code = raw
            .code
            .filter(|c| !c.is_empty())
            .ok_or_else(|| InvalidInput::new("callback", "has neither a code nor an error"))?;
        let guild_id = raw
            .guild_id
            .map(|g| g.parse::<GuildId>())
            .transpose()
            .map_err(|_| InvalidInput::new("guild_id", "is not a snowflake"))?;
        let permissions = raw
            .permissions
            .map(|p| p.parse::<Permissions>())
            .transpose()
            .map_err(|_| InvalidInput::new("permissions", "is not a permission integer"))?;
        Ok(Self {
            code: AuthorizationCode::new(code),
            state,
            guild_id,
            permissions,
        })
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
