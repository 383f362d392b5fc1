//! Benchmarks of the rate-limit bookkeeping: header parsing and the limiter's
//! hot paths.
#![allow(missing_docs)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use disco_oauth2::{Acquire, RateLimitHeaders, RateLimiter, Route};
use http::{HeaderMap, HeaderValue, Method, StatusCode};

/// The headers of the user-scope 429 fixture.
fn user_429_headers() -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in [
        ("content-type", "application/json"),
        ("retry-after", "65"),
        ("x-ratelimit-limit", "10"),
        ("x-ratelimit-remaining", "0"),
        ("x-ratelimit-reset", "1470173023.123"),
        ("x-ratelimit-reset-after", "64.57"),
        ("x-ratelimit-bucket", "abcd1234"),
        ("x-ratelimit-scope", "user"),
    ] {
        map.insert(name, HeaderValue::from_static(value));
    }
    map
}

fn headers(c: &mut Criterion) {
    let full = user_429_headers();
    let empty = HeaderMap::new();
    c.bench_function("from_headers/429 user", |b| {
        b.iter(|| RateLimitHeaders::from_headers(black_box(&full)))
    });
    c.bench_function("from_headers/none", |b| {
        b.iter(|| RateLimitHeaders::from_headers(black_box(&empty)))
    });
}

fn limiter(c: &mut Criterion) {
    let t0 = Instant::now();
    let template = "/guilds/{guild.id}/member";
    let routes: Vec<Route> = (0..1000)
        .map(|i| Route::new(Method::GET, template).with_major(i))
        .collect();
    let ok = RateLimitHeaders {
        limit: Some(5),
        remaining: Some(3),
        reset_after: Some(Duration::from_millis(1500)),
        bucket: Some("0123456789abcdef0123456789abcdef".to_owned()),
        ..RateLimitHeaders::default()
    };

    // A limiter that knows 1000 routes sharing one bucket id (1000 buckets).
    let mut known = RateLimiter::new();
    for route in &routes {
        complete(&mut known, route, &ok, t0);
    }
    let now = t0 + Duration::from_millis(10);

    c.bench_function("delay/known route", |b| {
        b.iter(|| known.delay(black_box(&routes[500]), black_box(now)))
    });
    let unknown = Route::new(Method::GET, "/users/@me");
    c.bench_function("delay/unknown route", |b| {
        b.iter(|| known.delay(black_box(&unknown), black_box(now)))
    });
    c.bench_function("acquire+complete/round trip", |b| {
        let mut limiter = known.clone();
        let mut i = 0usize;
        b.iter(|| {
            let route = &routes[i % routes.len()];
            i += 1;
            let at = now + Duration::from_micros(i as u64);
            complete(&mut limiter, black_box(route), black_box(&ok), at);
        })
    });
}

/// One send on `route` at `at`, answered 200 with `headers`.
fn complete(limiter: &mut RateLimiter, route: &Route, headers: &RateLimitHeaders, at: Instant) {
    match limiter.acquire(route, at) {
        Acquire::Ready(permit) => permit.complete(limiter, StatusCode::OK, headers, at),
        Acquire::Wait { .. } => {}
    }
}

criterion_group!(benches, headers, limiter);
criterion_main!(benches);
