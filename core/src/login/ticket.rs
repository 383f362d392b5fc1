//! The login ticket: what the sealed login cookie holds, and its encoding.

use base64::Engine as _;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::LoginError;
use crate::secret::{CsrfState, PkceVerifier};

/// The associated data every login ticket is sealed under, so that no other
/// value sealed with the same key (a stored token) opens as a login.
pub(super) const PURPOSE: &[u8] = b"disco-oauth2 login v1";

/// What the login cookie carries between the start and the callback.
#[derive(Serialize, Deserialize)]
pub(super) struct Ticket {
    /// The CSRF state sent in the authorization URL.
    #[serde(rename = "s")]
    pub(super) state: String,
    /// The PKCE verifier whose challenge went into the URL.
    #[serde(rename = "v")]
    pub(super) verifier: String,
    /// The redirect URI of the URL (the code exchange must repeat it).
    #[serde(rename = "r")]
    pub(super) redirect_uri: String,
    /// The scopes asked for, space separated.
    #[serde(rename = "c")]
    pub(super) scopes: String,
    /// When the login expires, in Unix seconds.
    #[serde(rename = "e")]
    pub(super) expires: i64,
    /// The OpenID Connect nonce, when one was asked for.
    #[serde(rename = "n", default, skip_serializing_if = "Option::is_none")]
    pub(super) nonce: Option<String>,
}

impl Ticket {
    pub(super) fn state(&self) -> CsrfState {
        CsrfState::new(self.state.clone())
    }

    pub(super) fn verifier(&self) -> Result<PkceVerifier, LoginError> {
        PkceVerifier::parse(&self.verifier).map_err(|_| LoginError::Malformed)
    }

    pub(super) fn expires_at(&self) -> Result<DateTime<Utc>, LoginError> {
        DateTime::from_timestamp(self.expires, 0).ok_or(LoginError::Malformed)
    }

    pub(super) fn to_json(&self) -> Vec<u8> {
        // Strings and integers only: serializing cannot fail.
        serde_json::to_vec(self).unwrap_or_default()
    }

    pub(super) fn from_json(bytes: &[u8]) -> Result<Self, LoginError> {
        serde_json::from_slice(bytes).map_err(|_| LoginError::Malformed)
    }
}

/// A sealed ticket as cookie-safe text (base64url, no padding).
pub(super) fn encode(sealed: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sealed)
}

/// The longest cookie value accepted, far above what a ticket takes: a
/// bigger one is refused before decoding.
pub(super) const MAX_COOKIE_LEN: usize = 4096;

pub(super) fn decode(cookie: &str) -> Result<Vec<u8>, LoginError> {
    if cookie.is_empty() {
        return Err(LoginError::Missing);
    }
    if cookie.len() > MAX_COOKIE_LEN {
        return Err(LoginError::Malformed);
    }
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(cookie)
        .map_err(|_| LoginError::Malformed)
}
