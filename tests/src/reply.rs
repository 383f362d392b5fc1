//! Response builders for Discord's error and success shapes.

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::state::OAuthError;

/// A JSON response.
pub(crate) fn json(status: StatusCode, value: &Value) -> Response {
    let mut resp = (status, Body::from(value.to_string())).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp
}

/// 200 with a JSON body.
pub(crate) fn ok(value: &Value) -> Response {
    json(StatusCode::OK, value)
}

/// Discord's generic error `{"message": ..., "code": ...}`.
pub(crate) fn api_error(status: StatusCode, code: u64, message: &str) -> Response {
    json(status, &json!({"message": message, "code": code}))
}

/// 401 `{"message": "401: Unauthorized", "code": 0}`.
pub(crate) fn unauthorized() -> Response {
    api_error(StatusCode::UNAUTHORIZED, 0, "401: Unauthorized")
}

/// 403 `{"message": "Missing required OAuth2 scope", "code": 50026}`.
pub(crate) fn missing_scope() -> Response {
    api_error(
        StatusCode::FORBIDDEN,
        50026,
        "Missing required OAuth2 scope",
    )
}

/// 404 `{"message": "Unknown Guild", "code": 10004}`.
pub(crate) fn unknown_guild() -> Response {
    api_error(StatusCode::NOT_FOUND, 10004, "Unknown Guild")
}

/// 404 `{"message": "404: Not Found", "code": 0}`.
pub(crate) fn not_found() -> Response {
    api_error(StatusCode::NOT_FOUND, 0, "404: Not Found")
}

/// 405 `{"message": "405: Method Not Allowed", "code": 0}`.
pub(crate) fn method_not_allowed() -> Response {
    api_error(StatusCode::METHOD_NOT_ALLOWED, 0, "405: Method Not Allowed")
}

/// 413 for request bodies over the cap.
pub(crate) fn payload_too_large() -> Response {
    api_error(
        StatusCode::PAYLOAD_TOO_LARGE,
        0,
        "413: Request Entity Too Large",
    )
}

/// 400 `{"message": "The request body contains invalid JSON.", "code": 50109}`.
pub(crate) fn invalid_json() -> Response {
    api_error(
        StatusCode::BAD_REQUEST,
        50109,
        "The request body contains invalid JSON.",
    )
}

/// 204 with no body.
pub(crate) fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}

/// One `_errors` leaf.
pub(crate) fn leaf(code: &str, message: &str) -> Value {
    json!({"_errors": [{"code": code, "message": message}]})
}

/// 400 Invalid Form Body (50035) with an `errors` tree.
pub(crate) fn form_error(errors: Value) -> Response {
    json(
        StatusCode::BAD_REQUEST,
        &json!({"code": 50035, "errors": errors, "message": "Invalid Form Body"}),
    )
}

/// 400 Invalid Form Body for one field.
pub(crate) fn field_error(field: &str, code: &str, message: &str) -> Response {
    let mut errors = serde_json::Map::new();
    errors.insert(field.to_owned(), leaf(code, message));
    form_error(Value::Object(errors))
}

/// 400 Invalid Form Body for a wrong `Content-Type`.
pub(crate) fn content_type_invalid(expected: &str) -> Response {
    form_error(json!({"_errors": [{
        "code": "CONTENT_TYPE_INVALID",
        "message": format!("Expected \"Content-Type\" header to be one of {{'{expected}'}}."),
    }]}))
}

/// An OAuth2 (RFC 6749 §5.2) error body.
pub(crate) fn oauth_error(err: &OAuthError) -> Response {
    let status = StatusCode::from_u16(err.status).unwrap_or(StatusCode::BAD_REQUEST);
    let body = match err.description {
        Some(d) => json!({"error": err.error, "error_description": d}),
        None => json!({"error": err.error}),
    };
    let mut resp = json(status, &body);
    if err.status == 401 {
        resp.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"discord\""),
        );
    }
    resp
}

/// A small plain-text error page (used by `/oauth2/authorize`, which never redirects to an
/// unvalidated URI).
pub(crate) fn text(status: StatusCode, message: &str) -> Response {
    let mut resp = (status, message.to_owned()).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    resp
}
