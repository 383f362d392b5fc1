//! [`IdTokenError`]: why an ID token was refused.

use chrono::{DateTime, Utc};

/// Why an ID token was refused. Never holds the token or any secret; texts
/// from the token are cut to a few dozen characters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IdTokenError {
    /// The token is longer than [`MAX_ID_TOKEN_LEN`](super::MAX_ID_TOKEN_LEN) bytes.
    #[error("the ID token is {len} bytes long, over the {max} accepted")]
    TooLarge {
        /// Its length.
        len: usize,
        /// The most accepted.
        max: usize,
    },
    /// The token is not a compact JWS (three base64url parts, a JSON header).
    #[error("the ID token is malformed: {0}")]
    Malformed(&'static str),
    /// The header names an algorithm other than RS256 (`none`, `HS256`, …).
    #[error("the ID token is signed with {0:?}; only RS256 is accepted")]
    UnsupportedAlgorithm(String),
    /// No key of the key set matches the token's `kid` (or the token names
    /// none and the set holds several keys).
    #[error("no key of the key set matches the ID token's key id {0:?}")]
    UnknownKey(Option<String>),
    /// The signature does not verify with the selected key.
    #[error("the ID token's signature does not verify: it was not signed by Discord's key")]
    BadSignature,
    /// The signed claims are not the claims of an ID token.
    #[error("the ID token's claims do not decode: {0}")]
    InvalidClaims(String),
    /// `iss` is not the expected issuer.
    #[error("the ID token was issued by {found:?}, not {expected:?}")]
    WrongIssuer {
        /// The issuer expected.
        expected: String,
        /// The issuer in the token.
        found: String,
    },
    /// `aud` does not hold the client id (or another party is authorized).
    #[error("the ID token is for audience {found:?}, not this client ({expected})")]
    WrongAudience {
        /// The client id.
        expected: String,
        /// The audiences in the token.
        found: Vec<String>,
    },
    /// `exp` has passed (beyond the leeway).
    #[error("the ID token expired at {0}")]
    Expired(DateTime<Utc>),
    /// `iat` lies in the future (beyond the leeway).
    #[error("the ID token claims to be issued at {0}, in the future")]
    IssuedInFuture(DateTime<Utc>),
    /// The authorization sent a nonce and the token carries none.
    #[error("the ID token carries no nonce, but the authorization sent one")]
    MissingNonce,
    /// The token's nonce is not the one this authorization sent: it belongs
    /// to another authorization (replayed) or was forged.
    #[error("the ID token's nonce is not the one sent (a replayed or forged token)")]
    NonceMismatch,
}

/// Text from a token, cut so that a hostile one cannot make a long error.
pub(super) fn bounded(text: &str) -> String {
    const MAX: usize = 64;
    if text.len() <= MAX {
        return text.to_owned();
    }
    let mut end = MAX;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}
