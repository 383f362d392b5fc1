//! [`IdTokenClaims`]: what a verified OpenID Connect ID token says.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};

use super::UserId;
use crate::secret::Nonce;

/// The claims of an ID token, as [`IdTokenVerifier`](crate::oidc::IdTokenVerifier)
/// returns them once the signature, issuer, audience, times and nonce are checked.
///
/// The registered claims of OpenID Connect Core §2 are typed (`sub` as the
/// Discord user's id); the profile claims of §5.1 that Discord may add are
/// in [`profile`](Self::profile), and every other claim is kept in
/// [`extra`](Self::extra).
/// Discord's documentation does not list the claims it sends, so nothing
/// beyond §2 is required.
///
/// ```
/// use disco_oauth2::model::IdTokenClaims;
///
/// let claims: IdTokenClaims = serde_json::from_str(r#"{
///     "iss": "https://discord.com", "sub": "80351110224678912", "aud": "157730590492196864",
///     "exp": 1767229200, "iat": 1767225600, "preferred_username": "nelly", "custom": 1
/// }"#)?;
/// assert_eq!(claims.sub.get(), 80351110224678912);
/// assert_eq!(claims.aud, ["157730590492196864"]);
/// assert_eq!(claims.profile.preferred_username.as_deref(), Some("nelly"));
/// assert_eq!(claims.extra["custom"], 1);
/// assert!(!claims.extra.contains_key("preferred_username"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdTokenClaims {
    /// The issuer (`https://discord.com`).
    pub iss: String,
    /// The user.
    pub sub: UserId,
    /// The audiences: the client id (a single string on the wire is one audience).
    #[serde(deserialize_with = "one_or_many")]
    pub aud: Vec<String>,
    /// When the token expires.
    #[serde(with = "chrono::serde::ts_seconds")]
    pub exp: DateTime<Utc>,
    /// When the token was issued.
    #[serde(with = "chrono::serde::ts_seconds")]
    pub iat: DateTime<Utc>,
    /// When the user authenticated.
    #[serde(
        default,
        with = "chrono::serde::ts_seconds_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub auth_time: Option<DateTime<Utc>>,
    /// The `nonce` of the authorization request, echoed back (redacted in `Debug`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<Nonce>,
    /// The hash of the access token issued with this ID token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_hash: Option<String>,
    /// The authorized party.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub azp: Option<String>,
    /// The profile claims.
    #[serde(flatten)]
    pub profile: ProfileClaims,
    /// Every other claim, by name.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// The profile claims of OpenID Connect Core §5.1 that Discord may send,
/// in ID tokens and from the userinfo endpoint. Discord's documentation does
/// not list them, so each is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileClaims {
    /// The user's name (Discord's username).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_username: Option<String>,
    /// The user's casual name (Discord's display name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nickname: Option<String>,
    /// The user's avatar URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picture: Option<String>,
    /// The user's email (with the `email` scope).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Whether the email is verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_verified: Option<bool>,
    /// The user's locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
}

/// `"x"` or `["x", "y"]`.
fn one_or_many<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(one) => vec![one],
        OneOrMany::Many(many) => many,
    })
}
