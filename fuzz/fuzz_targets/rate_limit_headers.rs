//! The rate-limit header parser and the limiter, on arbitrary header values.
#![no_main]

use std::time::{Duration, Instant};

use disco_oauth2::{Acquire, RateLimitHeaders, RateLimiter, Route};
use http::{HeaderMap, HeaderValue, Method, StatusCode};
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 9] = [
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    "x-ratelimit-reset-after",
    "x-ratelimit-bucket",
    "x-ratelimit-global",
    "x-ratelimit-scope",
    "retry-after",
    "content-type",
];

fuzz_target!(|data: &[u8]| {
    let mut headers = HeaderMap::new();
    for (name, value) in NAMES.iter().zip(data.split(|b| *b == b'\n')) {
        if let Ok(value) = HeaderValue::from_bytes(value) {
            headers.insert(*name, value);
        }
    }
    let parsed = RateLimitHeaders::from_headers(&headers);
    let now = Instant::now();
    let route = Route::new(Method::GET, "/users/@me");
    let mut limiter = RateLimiter::new();
    if let Acquire::Ready(permit) = limiter.acquire(&route, now) {
        permit.complete(&mut limiter, StatusCode::TOO_MANY_REQUESTS, &parsed, now);
    }
    if let Some(delay) = limiter.delay(&route, now) {
        assert!(delay <= Duration::from_secs(86_400 * 2));
    }
});
