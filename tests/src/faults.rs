//! Fault injection: canned misbehaviour that replaces the fake's normal answer.

use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// Which limit a simulated 429 claims to come from (`X-RateLimit-Scope`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RateLimitScope {
    /// A per-user (per-token) route limit.
    User,
    /// The global limit.
    Global,
    /// A shared per-resource limit.
    Shared,
}

impl RateLimitScope {
    /// The header value Discord uses.
    pub fn as_str(self) -> &'static str {
        match self {
            RateLimitScope::User => "user",
            RateLimitScope::Global => "global",
            RateLimitScope::Shared => "shared",
        }
    }
}

/// A misbehaviour that replaces (or, for [`Fault::Delay`], precedes) the normal answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Fault {
    /// 429 with Discord's body `{"message":"You are being rate limited.","retry_after":X,"global":B}`,
    /// `Retry-After` (whole seconds, rounded up), `X-RateLimit-Scope`, `X-RateLimit-Global: true`
    /// when `global`, and bucket headers with `X-RateLimit-Remaining: 0`.
    RateLimited {
        /// Seconds to wait, as in the body's `retry_after`.
        retry_after: f64,
        /// Whether this is the global limit.
        global: bool,
        /// The `X-RateLimit-Scope` header.
        scope: RateLimitScope,
    },
    /// Any status with the given body and `Content-Type`.
    Status {
        /// HTTP status code (invalid codes become 500).
        status: u16,
        /// Response body.
        body: String,
        /// `Content-Type` header value.
        content_type: String,
    },
    /// 200 `application/json` with a truncated document: `{"id": `.
    MalformedJson,
    /// 200 `application/json` that parses but has wrong types (ids as arrays, names as numbers…).
    WrongTypes,
    /// 200 `application/json` with an empty body.
    EmptyBody,
    /// Sleep this long (without blocking other requests), then answer normally.
    Delay(Duration),
    /// 200 `application/json` with a streamed body of this many bytes (no `Content-Length`).
    Huge(usize),
    /// 302 to this location.
    Redirect(String),
    /// 200 `application/json` streamed in these pieces, one chunk each (no
    /// `Content-Length`).
    Chunked(Vec<String>),
}

impl Fault {
    /// [`Fault::Chunked`] of `body` in pieces of about `size` bytes (split
    /// where characters start).
    ///
    /// ```
    /// use disco_oauth2_fake::Fault;
    ///
    /// assert_eq!(
    ///     Fault::chunked("{\"é\":1}", 3),
    ///     Fault::Chunked(vec!["{\"é".into(), "\":1".into(), "}".into()])
    /// );
    /// ```
    pub fn chunked(body: &str, size: usize) -> Fault {
        let mut pieces = Vec::new();
        let mut rest = body;
        while !rest.is_empty() {
            let mut end = size.max(1).min(rest.len());
            while !rest.is_char_boundary(end) {
                end += 1;
            }
            let (piece, tail) = rest.split_at(end);
            pieces.push(piece.to_owned());
            rest = tail;
        }
        Fault::Chunked(pieces)
    }

    /// A 502 with an HTML page, like a proxy in front of Discord would send.
    pub fn bad_gateway() -> Fault {
        Fault::Status {
            status: 502,
            body: "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>".to_owned(),
            content_type: "text/html".to_owned(),
        }
    }

    /// A 500 with Discord's JSON error shape.
    pub fn internal_error() -> Fault {
        Fault::Status {
            status: 500,
            body: r#"{"message": "500: Internal Server Error", "code": 0}"#.to_owned(),
            content_type: "application/json".to_owned(),
        }
    }

    /// A user-scope 429 (`global: false`).
    pub fn rate_limited(retry_after: f64) -> Fault {
        Fault::RateLimited {
            retry_after,
            global: false,
            scope: RateLimitScope::User,
        }
    }

    /// A global 429.
    pub fn global_rate_limited(retry_after: f64) -> Fault {
        Fault::RateLimited {
            retry_after,
            global: true,
            scope: RateLimitScope::Global,
        }
    }
}

/// A queued fault: applies to the next `remaining` requests whose path starts with `path_prefix`.
#[derive(Clone, Debug)]
pub(crate) struct FaultRule {
    pub fault: Fault,
    pub remaining: usize,
    pub path_prefix: String,
}

/// Takes the first matching rule's fault, consuming one use.
pub(crate) fn take_fault(rules: &mut Vec<FaultRule>, path: &str) -> Option<Fault> {
    let idx = rules
        .iter()
        .position(|r| r.remaining > 0 && path.starts_with(&r.path_prefix))?;
    let rule = &mut rules[idx];
    rule.remaining -= 1;
    let fault = rule.fault.clone();
    if rule.remaining == 0 {
        rules.remove(idx);
    }
    Some(fault)
}

fn json_response(status: StatusCode, body: impl Into<Body>) -> Response {
    let mut resp = (status, body.into()).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp
}

/// The response for a fault other than [`Fault::Delay`]; `bucket` is the route's bucket id.
pub(crate) fn fault_response(fault: &Fault, bucket: &str, limit: u32) -> Option<Response> {
    Some(match fault {
        Fault::Delay(_) => return None,
        Fault::RateLimited {
            retry_after,
            global,
            scope,
        } => {
            let retry_after = if retry_after.is_finite() && *retry_after >= 0.0 {
                *retry_after
            } else {
                0.0
            };
            let body = serde_json::json!({
                "message": "You are being rate limited.",
                "retry_after": retry_after,
                "global": global,
            });
            let mut resp = json_response(StatusCode::TOO_MANY_REQUESTS, body.to_string());
            let h = resp.headers_mut();
            let ceil = retry_after.ceil() as u64;
            h.insert(header::RETRY_AFTER, HeaderValue::from(ceil));
            h.insert(
                "x-ratelimit-scope",
                HeaderValue::from_static(scope.as_str()),
            );
            if *global {
                h.insert("x-ratelimit-global", HeaderValue::from_static("true"));
            } else {
                crate::ratelimit_headers::insert_bucket_headers(h, bucket, limit, 0, retry_after);
            }
            resp
        }
        Fault::Status {
            status,
            body,
            content_type,
        } => {
            let status = StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let mut resp = (status, body.clone()).into_response();
            if let Ok(v) = HeaderValue::from_str(content_type) {
                resp.headers_mut().insert(header::CONTENT_TYPE, v);
            }
            resp
        }
        Fault::MalformedJson => json_response(StatusCode::OK, r#"{"id": "#),
        Fault::WrongTypes => json_response(
            StatusCode::OK,
            r#"{"id": ["80351110224678912"], "username": 42, "discriminator": false, "access_token": 7, "token_type": [], "expires_in": "soon", "scope": {"identify": true}, "permissions": 36953089, "name": null}"#,
        ),
        Fault::EmptyBody => json_response(StatusCode::OK, ""),
        Fault::Huge(len) => {
            json_response(StatusCode::OK, Body::from_stream(HugeBody { left: *len }))
        }
        Fault::Chunked(pieces) => {
            let pieces = pieces.iter().map(|p| Bytes::from(p.clone())).collect();
            json_response(StatusCode::OK, Body::from_stream(Pieces(pieces)))
        }
        Fault::Redirect(location) => {
            let mut resp = StatusCode::FOUND.into_response();
            if let Ok(v) = HeaderValue::from_str(location) {
                resp.headers_mut().insert(header::LOCATION, v);
            }
            resp
        }
    })
}

/// A body streamed piece by piece.
struct Pieces(std::collections::VecDeque<Bytes>);

impl futures_core::Stream for Pieces {
    type Item = Result<Bytes, Infallible>;

    fn poll_next(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Poll::Ready(self.0.pop_front().map(Ok))
    }
}

/// A body of `left` ASCII spaces (JSON whitespace that never becomes a value),
/// produced lazily in 16 KiB chunks.
struct HugeBody {
    left: usize,
}

const CHUNK: usize = 16 * 1024;

impl futures_core::Stream for HugeBody {
    type Item = Result<Bytes, Infallible>;

    fn poll_next(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.left == 0 {
            return Poll::Ready(None);
        }
        let n = self.left.min(CHUNK);
        self.left -= n;
        Poll::Ready(Some(Ok(Bytes::from(vec![b' '; n]))))
    }
}
