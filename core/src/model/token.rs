//! [`AccessToken`]: what the token endpoint returns.

use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::{AuthorizedGuild, Scopes, Webhook};
use crate::error::{DecodeError, from_slice};
use crate::secret::{BearerToken, IdToken, RefreshToken, UndecodedJson};

/// The longest lifetime a token is given: one year. Discord's tokens live
/// seven days; a server that claims more (up to `u64::MAX` seconds, which
/// would make the token never expire by the caller's clock) is held to this.
pub const MAX_TOKEN_LIFETIME: Duration = Duration::from_secs(365 * 86_400);

/// An OAuth2 access token with its absolute expiry.
///
/// Build it from a token-endpoint response with
/// [`from_response_body`](Self::from_response_body), passing the time the
/// response arrived: the core never reads the clock. `expires_at` is
/// `now + expires_in`, with `expires_in` clamped to [`MAX_TOKEN_LIFETIME`].
///
/// A body whose `access_token` (or `refresh_token`) is empty or holds
/// anything but visible ASCII, or whose `scope` holds a name that is not a
/// valid scope (see [`Scope::parse`](super::Scope::parse)), is a
/// [`DecodeError`]: such a token could not be sent, or would print
/// control characters into logs.
///
/// - `refresh_token` is `None` for client-credentials and implicit grants.
/// - `scopes` is empty when Discord leaves `scope` out.
/// - `expires_in` is **required**: Discord always sends it, and a token whose
///   lifetime is unknown can not be refreshed on time, so a body without it,
///   or with a negative or fractional one, is a [`DecodeError`]; one above
///   [`MAX_TOKEN_LIFETIME`] is clamped to it.
/// - `guild` is set by the bot authorization flow, `webhook` by the
///   `webhook.incoming` flow. These extras never cost the token: when one does
///   not decode, it is `None` and its JSON is kept in `undecoded`.
///
/// `Serialize`/`Deserialize` use this type's own field names (`scopes` as an
/// array, `expires_in` in seconds, `expires_at` in RFC 3339) for persistence,
/// **secrets included** (the access and refresh tokens, the webhook's token):
/// store the result as you would a password. `Debug` redacts them.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use disco_oauth2::model::{AccessToken, Scope};
///
/// let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
/// let body = br#"{"access_token": "abc", "token_type": "Bearer", "expires_in": 604800,
///                 "refresh_token": "def", "scope": "identify guilds"}"#;
/// let token = AccessToken::from_response_body(body, now)?;
/// assert_eq!(token.bearer().secret(), "abc");
/// assert_eq!(token.expires_at, Utc.with_ymd_and_hms(2026, 1, 8, 0, 0, 0).unwrap());
/// assert!(token.scopes.contains(&Scope::Guilds));
/// assert!(!token.is_expired(now));
/// assert!(token.expires_within(now, std::time::Duration::from_secs(8 * 86400)));
/// # Ok::<(), disco_oauth2::DecodeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessToken {
    /// The token, sent as `Authorization: Bearer …`.
    pub access_token: BearerToken,
    /// The token type (`Bearer`).
    pub token_type: String,
    /// The lifetime Discord granted, at most [`MAX_TOKEN_LIFETIME`] (one
    /// year): a longer `expires_in` is clamped to it, so that a hostile or
    /// broken server can not hand out a token that never expires.
    #[serde(with = "seconds")]
    pub expires_in: Duration,
    /// When the token expires: the `now` given at parse time + `expires_in`
    /// (so at most [`MAX_TOKEN_LIFETIME`] after `now`).
    pub expires_at: DateTime<Utc>,
    /// The refresh token (`None` for client-credentials and implicit grants).
    #[serde(default)]
    pub refresh_token: Option<RefreshToken>,
    /// The scopes granted.
    #[serde(default)]
    pub scopes: Scopes,
    /// The guild the bot was added to (bot authorization flow).
    #[serde(default)]
    pub guild: Option<AuthorizedGuild>,
    /// The webhook created (`webhook.incoming` flow).
    #[serde(default)]
    pub webhook: Option<Webhook>,
    /// The extras (`guild`, `webhook`) that came but did not decode, as raw
    /// JSON by field name (redacted in `Debug`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub undecoded: BTreeMap<String, UndecodedJson>,
    /// The OpenID Connect ID token (`openid` scope), unverified: check it
    /// with [`IdTokenVerifier`](crate::oidc::IdTokenVerifier) before trusting it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_token: Option<IdToken>,
}

/// The token endpoint's JSON.
#[derive(Deserialize)]
struct TokenResponse {
    access_token: BearerToken,
    #[serde(default = "bearer")]
    token_type: String,
    expires_in: u64,
    #[serde(default)]
    refresh_token: Option<RefreshToken>,
    #[serde(default)]
    scope: Option<Scopes>,
    #[serde(default)]
    guild: Option<Box<RawValue>>,
    #[serde(default)]
    webhook: Option<Box<RawValue>>,
    #[serde(default)]
    id_token: Option<IdToken>,
}

/// Decodes an optional extra of the token response; one that does not decode
/// is kept as raw JSON under its name instead of failing the token.
fn extra<T: DeserializeOwned>(
    name: &str,
    raw: Option<Box<RawValue>>,
    undecoded: &mut BTreeMap<String, UndecodedJson>,
) -> Option<T> {
    let raw = raw?;
    match serde_json::from_str::<Option<T>>(raw.get()) {
        Ok(value) => value,
        Err(_) => {
            undecoded.insert(name.to_owned(), UndecodedJson::new(raw.get()));
            None
        }
    }
}

fn bearer() -> String {
    "Bearer".to_owned()
}

impl AccessToken {
    /// Parses the token endpoint's response body (authorization code,
    /// refresh, client credentials, bot and webhook flows). `now` is when the
    /// response arrived; it anchors `expires_at`.
    pub fn from_response_body(body: &[u8], now: DateTime<Utc>) -> Result<AccessToken, DecodeError> {
        let wire: TokenResponse = from_slice("token", body)?;
        check_token("access_token", wire.access_token.secret())?;
        if let Some(refresh) = &wire.refresh_token {
            check_token("refresh_token", refresh.secret())?;
        }
        Ok(AccessToken::from_parts(wire, now))
    }

    /// Builds the token from the implicit grant's redirect fragment values
    /// (`access_token`, `token_type`, `expires_in`, `scope`), received at `now`.
    /// `expires_in` is clamped to [`MAX_TOKEN_LIFETIME`].
    pub fn from_implicit_grant(
        access_token: BearerToken,
        token_type: impl Into<String>,
        expires_in: Duration,
        scopes: Scopes,
        now: DateTime<Utc>,
    ) -> AccessToken {
        let expires_in = expires_in.min(MAX_TOKEN_LIFETIME);
        AccessToken {
            access_token,
            token_type: token_type.into(),
            expires_in,
            expires_at: add(now, expires_in),
            refresh_token: None,
            scopes,
            guild: None,
            webhook: None,
            undecoded: BTreeMap::new(),
            id_token: None,
        }
    }

    fn from_parts(wire: TokenResponse, now: DateTime<Utc>) -> AccessToken {
        let expires_in = Duration::from_secs(wire.expires_in).min(MAX_TOKEN_LIFETIME);
        let mut undecoded = BTreeMap::new();
        let guild = extra("guild", wire.guild, &mut undecoded);
        let webhook = extra("webhook", wire.webhook, &mut undecoded);
        AccessToken {
            access_token: wire.access_token,
            token_type: wire.token_type,
            expires_in,
            expires_at: add(now, expires_in),
            refresh_token: wire.refresh_token,
            scopes: wire.scope.unwrap_or_default(),
            guild,
            webhook,
            undecoded,
            id_token: wire.id_token,
        }
    }

    /// The access token.
    pub fn bearer(&self) -> &BearerToken {
        &self.access_token
    }

    /// Whether the token has expired at `now` (`now >= expires_at`).
    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        now >= self.expires_at
    }

    /// Whether the token expires within `margin` of `now` (or already has):
    /// the moment to refresh it.
    pub fn expires_within(&self, now: DateTime<Utc>, margin: Duration) -> bool {
        add(now, margin) >= self.expires_at
    }

    /// The time left at `now` (zero once expired).
    pub fn remaining(&self, now: DateTime<Utc>) -> Duration {
        (self.expires_at - now).to_std().unwrap_or(Duration::ZERO)
    }
}

/// Refuses a token the server sent that could never be used: an empty one, or
/// one with a character that is not visible ASCII (RFC 6750's `b64token` and
/// Discord's tokens are visible ASCII; anything else could not go into an
/// `Authorization` header). The value itself is never quoted.
fn check_token(field: &'static str, token: &str) -> Result<(), DecodeError> {
    if token.is_empty() {
        return Err(DecodeError::new("token", field, "is empty"));
    }
    if !token.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(DecodeError::new(
            "token",
            field,
            "holds a character that is not visible ASCII",
        ));
    }
    Ok(())
}

/// `time + duration`, saturating at chrono's maximum.
fn add(time: DateTime<Utc>, duration: Duration) -> DateTime<Utc> {
    TimeDelta::from_std(duration)
        .ok()
        .and_then(|delta| time.checked_add_signed(delta))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// A `Duration` as whole seconds.
mod seconds {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(
        duration: &Duration,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(duration.as_secs())
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Duration, D::Error> {
        u64::deserialize(deserializer)
            .map(|secs| Duration::from_secs(secs).min(super::MAX_TOKEN_LIFETIME))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use chrono::TimeZone;

    use super::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap()
    }

    #[test]
    fn expiry_is_in_the_future() {
        let token =
            AccessToken::from_response_body(br#"{"access_token": "a", "expires_in": 60}"#, now())
                .unwrap();
        assert_eq!(token.expires_at, now() + TimeDelta::seconds(60));
        assert_eq!(token.token_type, "Bearer");
        assert!(token.scopes.is_empty());
        assert!(token.refresh_token.is_none());
        assert!(!token.is_expired(now()));
        assert!(!token.is_expired(now() + TimeDelta::seconds(59)));
        assert!(token.is_expired(now() + TimeDelta::seconds(60)));
        assert!(!token.expires_within(now(), Duration::from_secs(59)));
        assert!(token.expires_within(now(), Duration::from_secs(60)));
        assert_eq!(token.remaining(now()), Duration::from_secs(60));
        assert_eq!(token.remaining(now() + TimeDelta::days(1)), Duration::ZERO);
    }

    #[test]
    fn missing_expires_in_is_an_error() {
        let err = AccessToken::from_response_body(br#"{"access_token": "a"}"#, now()).unwrap_err();
        assert_eq!(err.what, "token");
        assert!(err.reason.contains("expires_in"), "{}", err.reason);
        let err =
            AccessToken::from_response_body(br#"{"access_token": "a", "expires_in": -1}"#, now())
                .unwrap_err();
        assert_eq!(err.path, "expires_in");
    }

    #[test]
    fn huge_lifetimes_are_clamped_to_a_year() {
        let body = format!(r#"{{"access_token": "a", "expires_in": {}}}"#, u64::MAX);
        let token = AccessToken::from_response_body(body.as_bytes(), now()).unwrap();
        assert_eq!(token.expires_in, MAX_TOKEN_LIFETIME);
        assert_eq!(token.expires_at, now() + TimeDelta::days(365));
        assert!(!token.is_expired(now()));
        assert!(token.is_expired(now() + TimeDelta::days(365)));
        assert!(token.expires_within(now(), Duration::MAX));
    }

    #[test]
    fn debug_hides_secrets() {
        let token = AccessToken::from_response_body(
            br#"{"access_token": "s3cr3t-access", "expires_in": 1, "refresh_token": "s3cr3t-refresh"}"#,
            now(),
        )
        .unwrap();
        let debug = format!("{token:?}");
        assert!(!debug.contains("s3cr3t"), "{debug}");
    }

    #[test]
    fn implicit_grant() {
        let token = AccessToken::from_implicit_grant(
            BearerToken::new("x"),
            "Bearer",
            Duration::from_secs(10),
            Scopes::parse("identify").unwrap(),
            now(),
        );
        assert_eq!(token.expires_at, now() + TimeDelta::seconds(10));
        assert!(token.refresh_token.is_none());
    }
}
