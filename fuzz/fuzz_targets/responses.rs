//! Shared by the response targets: run one operation's pending half on an
//! arbitrary response. The first byte picks the status; the rest is the body.
//! Whatever comes in, the parser returns a value or an error, never a panic.

use disco_oauth2::{Client, Operation};
use http::{HeaderMap, HeaderValue, StatusCode};

const STATUSES: [u16; 12] = [200, 201, 204, 302, 400, 401, 403, 404, 429, 500, 502, 503];

pub fn client() -> Client {
    Client::builder(157730590492196864)
        .client_secret("secret")
        .redirect_uri("https://nicememe.website")
        .build()
        .expect("a valid client")
}

pub fn respond<O: Operation>(op: O, data: &[u8]) {
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    let status = StatusCode::from_u16(STATUSES[usize::from(selector) % STATUSES.len()])
        .expect("a valid status");
    let mut headers = HeaderMap::new();
    // Odd selectors also send rate-limit headers made of the body's first bytes.
    if selector & 0x80 != 0 {
        let text = String::from_utf8_lossy(&body[..body.len().min(16)]).into_owned();
        if let Ok(value) = HeaderValue::from_str(&text) {
            for name in [
                "retry-after",
                "x-ratelimit-reset-after",
                "x-ratelimit-bucket",
                "x-ratelimit-scope",
            ] {
                headers.insert(name, value.clone());
            }
        }
    }
    let (_, pending) = op.into_parts().expect("a valid operation");
    let now = chrono::DateTime::UNIX_EPOCH;
    let _ = pending.parse_parts(status, &headers, body, now);
}
