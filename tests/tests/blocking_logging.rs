//! What the client logs: one `discord.request` span per request, rate-limit
//! waits as warnings, and never a secret. Kept in its own test binary, with
//! one global subscriber.

#![allow(clippy::unwrap_used, missing_docs)]

#[path = "runtime_support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use disco_oauth2_blocking::authorize::AuthorizationCallback;
use disco_oauth2_blocking::{BearerToken, BotToken, Client, CsrfState, GuildId};
use disco_oauth2_fake::{FakeDiscord, Fault, GUILD_BOT_ONLY};
use support::{ALL_SCOPES, capture};

fn builder(fake: &FakeDiscord) -> disco_oauth2_blocking::ClientBuilder {
    support::builder(fake)
}

/// A fake, a client, and a live token with `identify` and `guilds`.
fn setup(
    configure: impl FnOnce(disco_oauth2_blocking::ClientBuilder) -> disco_oauth2_blocking::ClientBuilder,
) -> (FakeDiscord, Client, BearerToken) {
    support::setup(configure)
}

#[test]
fn rate_limited_then_success_waits_and_says_so() {
    let (fake, client, token) = setup(|b| b);
    let (_lock, capture) = capture();
    fake.inject(Fault::rate_limited(0.15), 1);
    let started = Instant::now();
    let user = client.fetch_user(&token).unwrap();
    let elapsed = started.elapsed();
    assert_eq!(user.id.get(), fake.user_id());
    assert!(elapsed >= Duration::from_millis(150), "waited {elapsed:?}");
    assert!(
        elapsed < Duration::from_secs(1),
        "waited {elapsed:?} (the whole-second Retry-After header was not used)"
    );
    assert_eq!(fake.requests().len(), 2);
    let warnings = capture.warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}\n{}", capture.text());
    assert!(
        warnings[0].contains("operation=current_user"),
        "{warnings:?}"
    );
    assert!(warnings[0].contains("wait_ms=150"), "{warnings:?}");
    let log = capture.text();
    assert!(log.contains("attempt=2"), "{log}");
    assert!(
        log.contains("status=429") && log.contains("status=200"),
        "{log}"
    );
}

#[test]
fn requests_are_traced_without_secrets() {
    let (_lock, capture) = capture();
    let fake = FakeDiscord::start();
    let client = builder(&fake).build().unwrap();
    let state = CsrfState::generate().unwrap();
    let code = fake.authorize_code(ALL_SCOPES, None);
    let callback = AuthorizationCallback::parse(&format!("code={code}&state={}", state.secret()))
        .unwrap()
        .verify_state(&state)
        .unwrap();
    let token = client.exchange_code(callback.code).unwrap();
    let first = token.clone();
    let mut user = client.user(token);
    user.fetch_all_guilds().unwrap();
    let bot = BotToken::new(fake.bot_token());
    user.add_to_guild(&bot, GuildId::new(GUILD_BOT_ONLY), |op| op.nick("N"))
        .unwrap();
    let refreshed = user.refresh().unwrap().clone();
    user.revoke().unwrap();
    let err = user.fetch_user().unwrap_err();
    let shown = format!("{err} {err:?} {client:?} {user:?}");

    support::assert_traced_without_secrets(&capture, &shown, &fake, &first, &refreshed, &code);
}
