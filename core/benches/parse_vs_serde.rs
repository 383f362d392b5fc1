//! The library's parser against plain `serde_json` into plain derive structs
//! with the same fields, on the same bytes. The ratio of the two medians is
//! the library's parsing speed relative to plain serde's (BENCHMARKS.md).
#![allow(missing_docs, clippy::unwrap_used)]

use std::hint::black_box;

use chrono::{DateTime, Utc};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use disco_oauth2::{BearerToken, Client, Operation, Scope};
use http::{HeaderMap, StatusCode};

// The same plain structs the loopback benchmark decodes into.
#[path = "../../bench/src/plain.rs"]
mod plain;
use plain::{PlainGuild, PlainToken, PlainUser};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// A full page of `/users/@me/guilds`: 200 partial guilds.
fn guild_page() -> Vec<u8> {
    let guild = String::from_utf8(fixture("partial_guild_example_1.json")).unwrap();
    format!("[{}]", vec![guild; 200].join(",")).into_bytes()
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

fn guilds(c: &mut Criterion) {
    let client = client();
    let token = BearerToken::new("t");
    let headers = HeaderMap::new();
    let now = now();
    let page = guild_page();
    let mut group = c.benchmark_group("guilds_200");
    group.bench_function("library", |b| {
        b.iter_batched(
            || client.current_user_guilds(&token).into_parts().unwrap().1,
            |pending| black_box(pending.parse_parts(StatusCode::OK, &headers, &page, now)),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("plain_serde", |b| {
        b.iter(|| black_box(serde_json::from_slice::<Vec<PlainGuild>>(&page).unwrap()))
    });
    group.finish();
}

fn user(c: &mut Criterion) {
    let client = client();
    let token = BearerToken::new("t");
    let headers = HeaderMap::new();
    let now = now();
    let body = fixture("user_example_1.json");
    let mut group = c.benchmark_group("user");
    group.bench_function("library", |b| {
        b.iter_batched(
            || client.current_user(&token).into_parts().unwrap().1,
            |pending| black_box(pending.parse_parts(StatusCode::OK, &headers, &body, now)),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("plain_serde", |b| {
        b.iter(|| black_box(serde_json::from_slice::<PlainUser>(&body).unwrap()))
    });
    group.finish();
}

fn token(c: &mut Criterion) {
    let client = client();
    let headers = HeaderMap::new();
    let now = now();
    let body = fixture("token_response_authorization_code_example_1.json");
    let mut group = c.benchmark_group("token");
    group.bench_function("library", |b| {
        b.iter_batched(
            || client.exchange_code("c").into_parts().unwrap().1,
            |pending| black_box(pending.parse_parts(StatusCode::OK, &headers, &body, now)),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("plain_serde", |b| {
        b.iter(|| black_box(serde_json::from_slice::<PlainToken>(&body).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, guilds, user, token);
criterion_main!(benches);
