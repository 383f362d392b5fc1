//! Classifies every non-2xx response into one [`Error`] variant.

use http::{HeaderMap, StatusCode};

use crate::error::{
    ApiError, BodyExcerpt, Error, FormErrors, JsonErrorCode, OAuth2Error, OAuth2ErrorCode,
    RateLimited,
};
use crate::rate_limit::RateLimitHeaders;

/// Every field any of Discord's error bodies may carry. Decoded straight from
/// the bytes; a body that is not JSON (a proxy's HTML page) decodes to nothing.
#[derive(Debug, Default, serde::Deserialize)]
struct ErrorBody {
    error: Option<OAuth2ErrorCode>,
    error_description: Option<String>,
    error_uri: Option<String>,
    code: Option<i64>,
    message: Option<String>,
    errors: Option<FormErrors>,
    retry_after: Option<f64>,
    global: Option<bool>,
}

/// Text from the server, cut to [`BodyExcerpt::MAX_LEN`] bytes so that a
/// hostile server cannot make a megabyte-long error message.
fn bounded(text: String) -> String {
    if text.len() <= BodyExcerpt::MAX_LEN {
        return text;
    }
    format!("{} …", BodyExcerpt::new(text.as_bytes()).as_str())
}

/// Turns a non-2xx response into the error a caller can act on:
///
/// 1. 429 → [`Error::RateLimited`], the wait taken from the body's
///    `retry_after`, else `Retry-After`, else `X-RateLimit-Reset-After`;
/// 2. an RFC 6749 body (`error`, `error_description`) → [`Error::OAuth2`];
/// 3. 401 → [`Error::Unauthorized`];
/// 4. a Discord JSON error (`code`, `message`, `errors`) → [`Error::Api`];
/// 5. anything else → [`Error::UnexpectedStatus`] with a bounded excerpt.
pub(crate) fn classify_error(
    operation: &'static str,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Error {
    let parsed: Option<ErrorBody> = serde_json::from_slice(body).ok();

    if status == StatusCode::TOO_MANY_REQUESTS {
        let limits = RateLimitHeaders::from_headers(headers);
        let parsed = parsed.unwrap_or_default();
        // One rule for a hostile wait, from the body or the headers: clamped
        // to a day; a malformed one is skipped; none at all waits a second.
        let body_wait = parsed.retry_after.and_then(RateLimitHeaders::clamp_wait);
        return Error::RateLimited(RateLimited {
            retry_after: body_wait.unwrap_or_else(|| limits.retry_wait()),
            global: parsed.global.unwrap_or(false) || limits.global,
            scope: limits.scope,
            bucket: limits.bucket,
            message: parsed.message.map(bounded),
            code: parsed.code,
            predicted: false,
        });
    }

    match parsed {
        Some(ErrorBody {
            error: Some(code),
            error_description,
            error_uri,
            ..
        }) => Error::OAuth2(OAuth2Error {
            status: Some(status),
            code,
            description: error_description.map(bounded),
            uri: error_uri.map(bounded),
        }),
        Some(body) if status == StatusCode::UNAUTHORIZED => Error::Unauthorized {
            message: body.message.map(bounded),
            code: body.code.map(JsonErrorCode),
        },
        None if status == StatusCode::UNAUTHORIZED => Error::Unauthorized {
            message: None,
            code: None,
        },
        Some(ErrorBody {
            code: Some(code),
            message,
            errors,
            ..
        }) => Error::Api(ApiError {
            status,
            code: JsonErrorCode(code),
            message: message.map(bounded).unwrap_or_default(),
            errors: errors.map(FormErrors::bounded),
        }),
        _ => Error::UnexpectedStatus {
            operation,
            status,
            excerpt: BodyExcerpt::new(body),
        },
    }
}
