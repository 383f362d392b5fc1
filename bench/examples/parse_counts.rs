//! A callgrind target for parsing: the library's parser and plain
//! `serde_json` on the same bodies, each in its own never-inlined function so
//! their instruction counts can be read side by side.
//!
//! ```text
//! cargo build -p disco-oauth2-bench --release --example parse_counts
//! valgrind --tool=callgrind --callgrind-out-file=parse.out \
//!     target/release/examples/parse_counts 200
//! callgrind_annotate --inclusive=yes parse.out | grep parse_counts::
//! ```

use std::hint::black_box;

use chrono::{DateTime, Utc};
use disco_oauth2::api::oauth2::ExchangeCode;
use disco_oauth2::api::users::{GetCurrentUser, GetCurrentUserGuilds};
use disco_oauth2::{BearerToken, Client, Operation, Pending};
use disco_oauth2_bench::bodies;
use disco_oauth2_bench::plain::{PlainGuild, PlainToken, PlainUser};
use http::{HeaderMap, StatusCode};

#[inline(never)]
fn library_guilds(pending: Pending<GetCurrentUserGuilds>, body: &[u8], now: DateTime<Utc>) {
    black_box(
        pending
            .parse_parts(StatusCode::OK, &HeaderMap::new(), body, now)
            .is_ok(),
    );
}

#[inline(never)]
fn plain_guilds(body: &[u8]) {
    black_box(serde_json::from_slice::<Vec<PlainGuild>>(body).is_ok());
}

#[inline(never)]
fn library_user(pending: Pending<GetCurrentUser>, body: &[u8], now: DateTime<Utc>) {
    black_box(
        pending
            .parse_parts(StatusCode::OK, &HeaderMap::new(), body, now)
            .is_ok(),
    );
}

#[inline(never)]
fn plain_user(body: &[u8]) {
    black_box(serde_json::from_slice::<PlainUser>(body).is_ok());
}

#[inline(never)]
fn library_token(pending: Pending<ExchangeCode>, body: &[u8], now: DateTime<Utc>) {
    black_box(
        pending
            .parse_parts(StatusCode::OK, &HeaderMap::new(), body, now)
            .is_ok(),
    );
}

#[inline(never)]
fn plain_token(body: &[u8]) {
    black_box(serde_json::from_slice::<PlainToken>(body).is_ok());
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    let client = Client::builder(157730590492196864u64)
        .client_secret("secret")
        .redirect_uri("https://nicememe.website")
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let token = BearerToken::new("t");
    let now = DateTime::<Utc>::UNIX_EPOCH;
    let page = bodies::guild_page();
    for _ in 0..n {
        let (_, pending) = client
            .current_user_guilds(&token)
            .into_parts()
            .unwrap_or_else(|e| panic!("{e}"));
        library_guilds(pending, page.as_bytes(), now);
        plain_guilds(page.as_bytes());
        for _ in 0..10 {
            let (_, pending) = client
                .current_user(&token)
                .into_parts()
                .unwrap_or_else(|e| panic!("{e}"));
            library_user(pending, bodies::USER.as_bytes(), now);
            plain_user(bodies::USER.as_bytes());
            let (_, pending) = client
                .exchange_code("c")
                .into_parts()
                .unwrap_or_else(|e| panic!("{e}"));
            library_token(pending, bodies::TOKEN.as_bytes(), now);
            plain_token(bodies::TOKEN.as_bytes());
        }
    }
}
