use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::callback::{RedirectCommon, check_state, query_of};
use crate::error::{InvalidInput, Result};
use crate::model::{AccessToken, Scopes};
use crate::secret::{BearerToken, CsrfState};

/// The implicit grant's redirect: the token comes in the URL fragment
/// (`#access_token=…&token_type=Bearer&expires_in=604800&scope=identify&state=…`).
///
/// The fragment never reaches a server: the page's script reads
/// `location.hash` and hands it over. The implicit grant has no refresh
/// token; prefer the code grant with PKCE.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use disco_oauth2::CsrfState;
/// use disco_oauth2::authorize::ImplicitGrant;
///
/// let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
/// let grant = ImplicitGrant::parse(
///     "https://findingfakeurlsisprettyhard.tv/#access_token=RTfP0OK99U3kbRtHOoKLmJbOn45PjL&token_type=Bearer&expires_in=604800&scope=identify&state=15773059ghq9183habn",
///     now,
/// )?
/// .verify_state(&CsrfState::new("15773059ghq9183habn"))?;
/// assert_eq!(grant.token.access_token.secret(), "RTfP0OK99U3kbRtHOoKLmJbOn45PjL");
/// assert_eq!(grant.token.expires_at, Utc.with_ymd_and_hms(2026, 1, 8, 0, 0, 0).unwrap());
/// assert!(grant.token.refresh_token.is_none());
/// # Ok::<(), disco_oauth2::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ImplicitGrant {
    /// The token.
    pub token: AccessToken,
    /// The `state` Discord echoed back (redacted in `Debug`, like the one sent).
    pub state: Option<CsrfState>,
}

#[derive(Deserialize)]
struct RawFragment {
    access_token: Option<String>,
    token_type: Option<String>,
    expires_in: Option<u64>,
    scope: Option<String>,
    state: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
    error_uri: Option<String>,
}

impl ImplicitGrant {
    /// Parses the fragment (a whole URL, `#…`, or the bare fragment); the
    /// expiry is counted from `now`.
    ///
    /// # Errors
    /// [`Error::OAuth2`](crate::Error::OAuth2) when the fragment carries `error`;
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) when it has no token, or no `expires_in` or one that is not a number.
    pub fn parse(input: &str, now: DateTime<Utc>) -> Result<Self> {
        Self::parse_checked(input, now, None)
    }

    /// Parses the fragment and checks its state first — for an error too.
    ///
    /// # Errors
    /// [`Error::StateMismatch`](crate::Error::StateMismatch) first, then as [`parse`](Self::parse).
    pub fn parse_verified(input: &str, now: DateTime<Utc>, expected: &CsrfState) -> Result<Self> {
        Self::parse_checked(input, now, Some(expected))
    }

    fn parse_checked(
        input: &str,
        now: DateTime<Utc>,
        expected: Option<&CsrfState>,
    ) -> Result<Self> {
        let fragment = input
            .split_once('#')
            .map_or_else(|| query_of(input), |(_, fragment)| fragment);
        let raw: RawFragment = serde_urlencoded::from_str(fragment).map_err(|e| {
            InvalidInput::new("fragment", format!("is not a valid token fragment ({e})"))
        })?;
        let state = RedirectCommon {
            state: raw.state.map(CsrfState::new),
            issuer: None,
            error: raw.error,
            error_description: raw.error_description,
            error_uri: raw.error_uri,
        }
        .resolve(expected, None)?;
        let access_token = raw
            .access_token
            .filter(|t| !t.is_empty())
            .ok_or_else(|| InvalidInput::new("fragment", "has no access_token"))?;
        if !access_token.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(InvalidInput::new(
                "fragment",
                "has an access_token that is not visible ASCII",
            )
            .into());
        }
        let scopes = raw
            .scope
            .as_deref()
            .map(Scopes::parse)
            .transpose()?
            .unwrap_or_default();
        let token = AccessToken::from_implicit_grant(
            BearerToken::new(access_token),
            raw.token_type.unwrap_or_else(|| "Bearer".to_owned()),
            Duration::from_secs(
                raw.expires_in
                    .ok_or_else(|| InvalidInput::new("fragment", "has no expires_in"))?,
            ),
            scopes,
            now,
        );
        Ok(Self { token, state })
    }

    /// Checks the returned state against the one sent, in constant time.
    ///
    /// # Errors
    /// [`Error::StateMismatch`](crate::Error::StateMismatch) when it is missing or different.
    pub fn verify_state(self, expected: &CsrfState) -> Result<Self> {
        check_state(self.state.as_ref(), expected).map(|()| self)
    }
}
