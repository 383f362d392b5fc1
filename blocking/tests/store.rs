//! Stored sessions against the fake Discord over loopback: one refresh for
//! 200 concurrent callers across a real expiry (in memory, and on Redis), a
//! refresh cut at its lease's end, a refresh after a 401, logout, and a
//! token that cannot be renewed.

#![allow(clippy::unwrap_used, missing_docs)]

#[macro_use]
#[path = "store_support/mod.rs"]
mod store_support;

use std::sync::{Arc, Barrier};
use std::time::Instant;
use store_support::{
    KEY, PAUSE, TOKEN_PATH, USER_PATH, assert_one_refresh, count, due, expiring_fake,
    expiring_policy, fake, fresh_token, token,
};

use chrono::Utc;
use disco_oauth2_blocking::disco_oauth2::token_store::{PlainJson, SessionError, StoreError};
use disco_oauth2_blocking::{Client, Error, MemoryStore, StoredSession, TokenStore};
use disco_oauth2_fake::FakeDiscord;

fn client(fake: &FakeDiscord) -> Client {
    Client::builder(fake.application_id())
        .client_secret(fake.client_secret())
        .api_base(fake.api_base())
        .global_rate_limit(None)
        .build()
        .unwrap()
}

fn session(client: &Client) -> StoredSession<MemoryStore> {
    client.stored_session(KEY, MemoryStore::new(), Arc::new(PlainJson))
}

/// 200 threads on one session, each calling at once and again just after
/// the token really expired (into its margin): returns how many calls were
/// made.
fn two_hundred_callers_across_an_expiry<S: TokenStore + 'static>(
    fake: &FakeDiscord,
    session: StoredSession<S>,
) -> usize {
    let (tokens, token) = fresh_token(fake);
    let session = session.with_policy(expiring_policy());
    assert_eq!(session.login(&token).unwrap(), 1);
    let expired = due(Instant::now()) + PAUSE;
    let barrier = Arc::new(Barrier::new(200));
    let threads: Vec<_> = (0..200)
        .map(|_| {
            let (session, barrier) = (session.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                assert_eq!(session.fetch_user().unwrap().username, "nelly");
                std::thread::sleep(expired.saturating_duration_since(Instant::now()));
                assert_eq!(session.fetch_user().unwrap().username, "nelly");
                2
            })
        })
        .collect();
    let calls = threads.into_iter().map(|t| t.join().unwrap()).sum();
    assert_one_refresh(fake, &tokens, calls);
    // The new token is stored; the old refresh token is dead, the new one alive.
    let stored = session.stored_token().unwrap().unwrap();
    assert_ne!(stored.access_token.secret(), tokens.access_token);
    assert!(!fake.refresh_token_alive(&tokens.refresh_token));
    assert!(fake.refresh_token_alive(stored.refresh_token.as_ref().unwrap().secret()));
    calls
}

#[test]
fn two_hundred_calls_across_a_real_expiry_make_one_refresh() {
    let fake = expiring_fake();
    let calls = two_hundred_callers_across_an_expiry(&fake, session(&client(&fake)));
    assert_eq!(calls, 400);
}

#[cfg(all(unix, feature = "redis"))]
#[test]
fn two_hundred_calls_across_a_real_expiry_make_one_refresh_on_redis() {
    use disco_oauth2_blocking::RedisStore;
    use disco_oauth2_blocking::disco_oauth2::sealing::SealingKey;
    use disco_oauth2_blocking::disco_oauth2::token_store::RedisLayout;
    let server = redis_or_skip!("two_hundred_calls_on_redis");
    let fake = expiring_fake();
    let store = Arc::new(RedisStore::open(&server.url(), RedisLayout::default()).unwrap());
    let sealing = Arc::new(SealingKey::from_bytes([7; 32]));
    let session = client(&fake).stored_session(KEY, store, sealing);
    let calls = two_hundred_callers_across_an_expiry(&fake, session);
    assert_eq!(calls, 400);
}

/// A refresh whose answer is slower than its lease is cut at the lease's
/// end (so it is not in flight when another instance may take the lease);
/// the next call refreshes.
#[test]
fn a_refresh_is_cut_at_the_end_of_its_lease() {
    use disco_oauth2_blocking::disco_oauth2::token_store::RefreshPolicy;
    use disco_oauth2_fake::Fault;
    use std::time::Duration;
    let fake = expiring_fake();
    let (tokens, _) = fresh_token(&fake);
    let session = session(&client(&fake))
        .with_policy(RefreshPolicy::default().lease_ttl(Duration::from_millis(500)));
    session.login(&token(&tokens, 30, true)).unwrap();
    fake.inject_at(TOKEN_PATH, Fault::Delay(Duration::from_secs(5)), 1);
    let started = Instant::now();
    let error = session.fetch_user().unwrap_err();
    let took = started.elapsed();
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    assert!(
        took < Duration::from_secs(2),
        "cut at the lease's end, not after the 5 s delay: {took:?}"
    );
    // Nothing was written: the next call takes the (ended) lease and refreshes.
    assert_eq!(
        session
            .stored_token()
            .unwrap()
            .unwrap()
            .access_token
            .secret(),
        tokens.access_token
    );
    assert_eq!(session.fetch_user().unwrap().username, "nelly");
    assert_eq!(count(&fake.requests(), TOKEN_PATH), 2);
    assert_eq!(fake.refresh_count(&tokens.access_token), 1);
}

#[test]
fn a_401_refreshes_once_and_the_call_is_sent_again() {
    let fake = fake();
    let tokens = fake.grant(&["identify", "guilds"]);
    let session = session(&client(&fake));
    session.login(&token(&tokens, 604_800, true)).unwrap();
    assert!(fake.expire_access_token(&tokens.access_token));

    let guilds = session.fetch_guilds().unwrap();
    assert!(!guilds.is_empty());
    let requests = fake.requests();
    assert_eq!(count(&requests, "/api/v10/users/@me/guilds"), 2);
    assert_eq!(count(&requests, TOKEN_PATH), 1);
    // A fresh token is used as it is: no more refreshes.
    session.fetch_user().unwrap();
    assert_eq!(count(&fake.requests(), TOKEN_PATH), 1);
}

#[test]
fn after_logout_there_is_no_token() {
    let fake = fake();
    let session = session(&client(&fake));
    session
        .login(&token(&fake.grant(&["identify"]), 604_800, true))
        .unwrap();
    assert!(session.logout().unwrap());
    assert!(!session.logout().unwrap());
    assert_eq!(session.stored_token().unwrap(), None);
    let error = session.fetch_user().unwrap_err();
    assert!(
        matches!(
            error,
            Error::Session(SessionError::Store(StoreError::NoToken))
        ),
        "{error:?}"
    );
    assert!(fake.requests().is_empty());
}

#[test]
fn an_expired_token_without_a_refresh_token_is_expired() {
    let fake = fake();
    let session = session(&client(&fake));
    let mut expired = token(&fake.grant(&["identify"]), 604_800, false);
    expired.expires_at = Utc::now() - chrono::TimeDelta::seconds(1);
    session.login(&expired).unwrap();
    let error = session.fetch_user().unwrap_err();
    assert!(
        matches!(error, Error::Session(SessionError::Expired)),
        "{error:?}"
    );
    assert!(fake.requests().is_empty());
}

#[test]
fn a_plain_session_refreshes_when_due_and_after_a_401_and_hands_over_the_token() {
    use disco_oauth2_blocking::disco_oauth2::token_store::RefreshPolicy;
    let fake = fake();
    let client = client(&fake);
    let policy = RefreshPolicy::default();
    let tokens = fake.grant(&["identify", "guilds"]);
    let mut user = client.user(token(&tokens, 30, true));
    let mut persisted = Vec::new();

    // Due: refreshed before the call, and handed over.
    let me = user
        .run_fresh(
            &policy,
            |t| persisted.push(t.clone()),
            |core, bearer| core.current_user(bearer),
        )
        .unwrap();
    assert_eq!(me.id.get(), fake.user_id());
    assert_eq!(persisted.len(), 1);
    assert_eq!(&persisted[0], user.token());
    assert_eq!(count(&fake.requests(), TOKEN_PATH), 1);

    // Fresh, but refused with 401: one refresh, and the call once more.
    assert!(fake.expire_access_token(user.token().access_token.secret()));
    let me = user
        .run_fresh(
            &policy,
            |t| persisted.push(t.clone()),
            |core, bearer| core.current_user(bearer),
        )
        .unwrap();
    assert_eq!(me.id.get(), fake.user_id());
    assert_eq!(persisted.len(), 2);
    let requests = fake.requests();
    assert_eq!(count(&requests, TOKEN_PATH), 2);
    assert_eq!(count(&requests, USER_PATH), 3);

    // Fresh and accepted: nothing to persist.
    user.run_fresh(
        &policy,
        |t| persisted.push(t.clone()),
        |core, bearer| core.current_user(bearer),
    )
    .unwrap();
    assert_eq!(persisted.len(), 2);
}
