//! What a stored session logs while it refreshes: the refresh, and never a
//! token, a secret or the application's key — every target captured at
//! TRACE. Kept in its own test binary, with one global subscriber.
#![allow(clippy::unwrap_used, missing_docs)]

#[macro_use]
#[path = "../../tests/tests/runtime_support/mod.rs"]
mod support;
#[macro_use]
#[path = "store_support/mod.rs"]
mod store_support;

use std::sync::Arc;

use disco_oauth2_blocking::disco_oauth2::token_store::PlainJson;
use disco_oauth2_blocking::{Client, MemoryStore};
use store_support::{KEY, fake, token};
use support::{Secrets, capture};

#[test]
fn a_refresh_is_logged_without_a_secret_or_the_key() {
    let (_lock, capture) = capture();
    let fake = fake();
    let client = fake_builder!(Client, &fake).build().unwrap();
    let tokens = fake.grant(&["identify", "guilds"]);
    let session = client.stored_session(KEY, MemoryStore::new(), Arc::new(PlainJson));
    session.login(&token(&tokens, 30, true)).unwrap();
    fake.expire_access_token(&tokens.access_token);
    session.fetch_user().unwrap();
    let stored = session.stored_token().unwrap().unwrap();

    let log = capture.text();
    assert!(log.contains("stored a refreshed token"), "{log}");
    assert!(log.contains("version=2"), "{log}");
    let mut secrets = Secrets::of_fake(&fake);
    secrets.add("old access token", tokens.access_token.clone());
    secrets.add("old refresh token", tokens.refresh_token.clone());
    secrets.add("new access token", stored.access_token.secret());
    secrets.add(
        "new refresh token",
        stored.refresh_token.as_ref().unwrap().secret(),
    );
    secrets.assert_absent(&capture, &format!("{session:?} {stored:?}"));
    // The key may be a session id: it is not logged (`Debug` shows it).
    assert!(!log.contains(KEY), "{log}");
}
