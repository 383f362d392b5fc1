//! A compact JWS (RFC 7515 §7.1) split into its parts, unverified.

use base64::Engine as _;
use serde::Deserialize;

use super::error::{IdTokenError, bounded};

/// The longest ID token accepted, in bytes.
pub const MAX_ID_TOKEN_LEN: usize = 16 * 1024;

/// The JOSE header fields the verifier reads.
#[derive(Deserialize)]
struct Header {
    alg: String,
    #[serde(default)]
    kid: Option<String>,
    /// Extensions that must be understood (RFC 7515 §4.1.11): none are.
    #[serde(default)]
    crit: Option<serde_json::Value>,
}

/// A parsed, not yet verified, compact JWS signed with RS256.
pub(super) struct Jws<'a> {
    /// The key id of the header, if any.
    pub(super) kid: Option<String>,
    /// `base64url(header) . base64url(payload)`: what the signature covers.
    pub(super) signing_input: &'a [u8],
    /// The decoded payload (the claims JSON).
    pub(super) payload: Vec<u8>,
    /// The decoded signature.
    pub(super) signature: Vec<u8>,
}

fn decode(part: &str, what: &'static str) -> Result<Vec<u8>, IdTokenError> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|_| IdTokenError::Malformed(what))
}

impl<'a> Jws<'a> {
    /// Splits `token` and reads its header. Only `alg: RS256` passes: the
    /// algorithm is never taken from the token to choose how to verify.
    pub(super) fn parse(token: &'a str) -> Result<Self, IdTokenError> {
        if token.len() > MAX_ID_TOKEN_LEN {
            return Err(IdTokenError::TooLarge {
                len: token.len(),
                max: MAX_ID_TOKEN_LEN,
            });
        }
        let mut parts = token.split('.');
        let (Some(header), Some(payload), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(IdTokenError::Malformed("not three dot-separated parts"));
        };
        if header.is_empty() || payload.is_empty() || signature.is_empty() {
            return Err(IdTokenError::Malformed("a part is empty"));
        }
        let header_json = decode(header, "the header is not base64url")?;
        let header_fields: Header = serde_json::from_slice(&header_json)
            .map_err(|_| IdTokenError::Malformed("the header is not a JOSE header"))?;
        if header_fields.alg != "RS256" {
            return Err(IdTokenError::UnsupportedAlgorithm(bounded(
                &header_fields.alg,
            )));
        }
        if header_fields.crit.is_some() {
            return Err(IdTokenError::Malformed(
                "the header names critical extensions",
            ));
        }
        let payload_bytes = decode(payload, "the payload is not base64url")?;
        let signature_bytes = decode(signature, "the signature is not base64url")?;
        Ok(Self {
            kid: header_fields.kid,
            signing_input: &token.as_bytes()[..header.len() + 1 + payload.len()],
            payload: payload_bytes,
            signature: signature_bytes,
        })
    }
}
