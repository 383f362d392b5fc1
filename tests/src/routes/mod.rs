//! HTTP handlers, one module per Discord resource, and the helpers they share.

pub(crate) mod authorize;
pub(crate) mod cdn;
pub(crate) mod device;
pub(crate) mod guilds;
pub(crate) mod metadata;
pub(crate) mod oauth2_me;
pub(crate) mod oidc;
pub(crate) mod revoke;
pub(crate) mod role_connection;
pub(crate) mod token;
pub(crate) mod users;

use std::sync::Arc;

use axum::http::{HeaderMap, header};
use axum::response::Response;

use crate::reply;
use crate::state::{Bearer, Shared};

/// The state every handler receives.
pub(crate) type AppState = Arc<Shared>;

/// A header as UTF-8 text, if present and valid.
pub(crate) fn header_str(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// The lower-cased media type of `Content-Type`, without parameters.
pub(crate) fn media_type(headers: &HeaderMap) -> Option<String> {
    let ct = header_str(headers, header::CONTENT_TYPE)?;
    Some(
        ct.split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase(),
    )
}

/// `application/x-www-form-urlencoded` pairs (decoded lossily; never fails).
pub(crate) fn pairs(bytes: &[u8]) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes(bytes).unwrap_or_default()
}

/// The first value of `key`.
pub(crate) fn param<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// A snowflake id: decimal digits fitting in a `u64`.
pub(crate) fn snowflake(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A snowflake, or Discord's form error for `field`.
pub(crate) fn snowflake_field(field: &str, s: &str) -> Result<u64, Response> {
    snowflake(s).ok_or_else(|| {
        reply::field_error(
            field,
            "NUMBER_TYPE_COERCE",
            &format!("Value \"{s}\" is not snowflake."),
        )
    })
}

/// The token of `Authorization: <scheme> <token>` (scheme case-insensitive).
pub(crate) fn auth_token<'a>(headers: &'a HeaderMap, scheme: &str) -> Option<&'a str> {
    let value = header_str(headers, header::AUTHORIZATION)?.trim();
    let (s, token) = value.split_once(' ')?;
    (s.eq_ignore_ascii_case(scheme) && !token.trim().is_empty()).then(|| token.trim())
}

/// The live grant behind `Authorization: Bearer …`, or 401.
pub(crate) fn bearer(state: &AppState, headers: &HeaderMap) -> Result<Bearer, Response> {
    let token = auth_token(headers, "Bearer").ok_or_else(reply::unauthorized)?;
    state.lock().bearer(token).ok_or_else(reply::unauthorized)
}

/// The bearer's grant must include `scope`, or 403 50026.
pub(crate) fn need(bearer: &Bearer, scope: &str) -> Result<(), Response> {
    if bearer.has(scope) {
        Ok(())
    } else {
        Err(reply::missing_scope())
    }
}

/// Turns `Result<Response, Response>` into a response.
pub(crate) fn either(r: Result<Response, Response>) -> Response {
    r.unwrap_or_else(|e| e)
}
