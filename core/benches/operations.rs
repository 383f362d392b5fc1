//! Benchmarks of the operations' hot paths: building a request, and parsing
//! Discord's responses straight from bytes.
#![allow(missing_docs, clippy::unwrap_used)]

use std::hint::black_box;

use chrono::{DateTime, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use disco_oauth2::{BearerToken, Client, CsrfState, Operation, Scope};
use http::{HeaderMap, StatusCode};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn client() -> Client {
    Client::builder(157730590492196864)
        .client_secret("secret")
        .redirect_uri("https://nicememe.website")
        .scopes([Scope::Identify, Scope::Guilds])
        .build()
        .unwrap()
}

fn now() -> DateTime<Utc> {
    "2026-11-24T12:00:00Z".parse().unwrap()
}

fn build(c: &mut Criterion) {
    let client = client();
    let token = BearerToken::new("6qrZcUqja7812RVdnEKjpzOL4CvHBFG");
    c.bench_function("build/exchange_code", |b| {
        b.iter(|| {
            black_box(
                client
                    .exchange_code("NhhvTDYsFcdgNLnnLijcl7Ku7bEEeee")
                    .into_parts()
                    .unwrap(),
            )
        })
    });
    c.bench_function("build/current_user", |b| {
        b.iter(|| black_box(client.current_user(&token).into_parts().unwrap()))
    });
    let state = CsrfState::new("15773059ghq9183habn");
    c.bench_function("build/authorize_url", |b| {
        b.iter(|| black_box(client.authorize_url().state(&state).build().unwrap()))
    });
}

fn parse(c: &mut Criterion) {
    let client = client();
    let token = BearerToken::new("t");
    let headers = HeaderMap::new();

    let body = fixture("token_response_authorization_code_example_1.json");
    c.bench_function("parse/token", |b| {
        b.iter(|| {
            let (_, pending) = client.exchange_code("c").into_parts().unwrap();
            black_box(
                pending
                    .parse_parts(StatusCode::OK, &headers, &body, now())
                    .unwrap(),
            )
        })
    });

    let body = fixture("user_example_1.json");
    c.bench_function("parse/user", |b| {
        b.iter(|| {
            let (_, pending) = client.current_user(&token).into_parts().unwrap();
            black_box(
                pending
                    .parse_parts(StatusCode::OK, &headers, &body, now())
                    .unwrap(),
            )
        })
    });

    // A full page: 200 partial guilds.
    let guild = String::from_utf8(fixture("partial_guild_example_1.json")).unwrap();
    let page = format!("[{}]", vec![guild; 200].join(","));
    c.bench_function("parse/guilds_200", |b| {
        b.iter(|| {
            let (_, pending) = client.current_user_guilds(&token).into_parts().unwrap();
            black_box(
                pending
                    .parse_parts(StatusCode::OK, &headers, page.as_bytes(), now())
                    .unwrap(),
            )
        })
    });

    let body = fixture("error_form_array_example_1.json");
    c.bench_function("parse/error_50035", |b| {
        b.iter(|| {
            let (_, pending) = client.current_user(&token).into_parts().unwrap();
            black_box(
                pending
                    .parse_parts(StatusCode::BAD_REQUEST, &headers, &body, now())
                    .unwrap_err(),
            )
        })
    });
}

criterion_group!(benches, build, parse);
criterion_main!(benches);
