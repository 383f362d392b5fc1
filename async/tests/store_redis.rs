//! Async stored sessions on a real Redis (a private `redis-server` on a
//! Unix socket, started per test) against the fake Discord: instances with
//! their own connections sharing one refresh, foreign values, Redis
//! unreachable, going away mid-refresh, and coming back. Without `redis-server` installed
//! the tests say so and pass as skipped, unless `CI=true`, where they fail.
#![cfg(all(unix, feature = "redis"))]
#![allow(clippy::unwrap_used, missing_docs)]

#[macro_use]
#[path = "../../blocking/tests/store_support/mod.rs"]
mod store_support;

use std::sync::Arc;
use std::time::{Duration, Instant};
use store_support::{KEY, TOKEN_PATH, USER_PATH, count, due_token, fake, token};

use disco_oauth2_async::disco_oauth2::sealing::SealingKey;
use disco_oauth2_async::disco_oauth2::token_store::{
    RedisLayout, RefreshPolicy, SessionError, StoreError,
};
use disco_oauth2_async::{Client, Error, RedisStore, StoredSession, User};
use disco_oauth2_fake::{FakeDiscord, Fault};

/// One application instance: its own client and Redis connection.
async fn instance(fake: &FakeDiscord, url: &str) -> Result<StoredSession<RedisStore>, Error> {
    let client = Client::builder(fake.application_id())
        .client_secret(fake.client_secret())
        .api_base(fake.api_base())
        .global_rate_limit(None)
        .build()?;
    let store = Arc::new(RedisStore::connect(url, RedisLayout::new("test:")).await?);
    let policy = RefreshPolicy::default().lease_ttl(Duration::from_secs(2));
    let key = Arc::new(SealingKey::from_bytes([7; 32]));
    Ok(client.stored_session(KEY, store, key).with_policy(policy))
}

fn store_error(result: Result<User, Error>) -> StoreError {
    match result {
        Err(Error::Session(SessionError::Store(error))) => error,
        other => panic!("expected a store error, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn four_instances_and_two_hundred_calls_make_one_refresh() {
    let server = redis_or_skip!("async_four_instances_one_refresh");
    let fake = fake();
    let mut instances = Vec::new();
    for _ in 0..4 {
        instances.push(instance(&fake, &server.url()).await.unwrap());
    }
    instances[0].login(&due_token(&fake)).await.unwrap();
    let barrier = Arc::new(tokio::sync::Barrier::new(200));
    let tasks: Vec<_> = (0..200)
        .map(|i| {
            let (session, barrier) = (instances[i % 4].clone(), barrier.clone());
            tokio::spawn(async move {
                barrier.wait().await;
                session.fetch_user().await
            })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap().unwrap().id.get(), fake.user_id());
    }
    let requests = fake.requests();
    assert_eq!(count(&requests, TOKEN_PATH), 1, "one refresh");
    assert_eq!(count(&requests, USER_PATH), 200);
}

#[tokio::test]
async fn a_value_sealed_for_another_key_is_unsealable() {
    let server = redis_or_skip!("async_foreign_value");
    let fake = fake();
    let session = instance(&fake, &server.url()).await.unwrap();
    session.login(&due_token(&fake)).await.unwrap();
    // Another user's sealed record, copied under this user's key.
    let mut redis = redis::Client::open(server.url()).unwrap();
    let (from, to) = ("test:{user:1}:token", format!("test:{{{KEY}}}:token"));
    let sealing = Arc::new(SealingKey::from_bytes([7; 32]));
    let other = session
        .client()
        .stored_session("user:1", session.store().clone(), sealing);
    other.login(&due_token(&fake)).await.unwrap();
    let () = redis::cmd("COPY")
        .arg(from)
        .arg(&to)
        .arg("REPLACE")
        .query(&mut redis)
        .unwrap();
    assert!(matches!(
        store_error(session.fetch_user().await),
        StoreError::Unsealable(_)
    ));
    assert_eq!(count(&fake.requests(), TOKEN_PATH), 0);
}

#[tokio::test]
async fn redis_unreachable_is_a_typed_error() {
    let fake = fake();
    let error = instance(&fake, "unix:///nonexistent/disco-oauth2/redis.sock")
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Session(SessionError::Store(StoreError::Unavailable { .. }))
        ),
        "{error:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_going_away_mid_refresh_is_a_typed_error() {
    let mut server = redis_or_skip!("async_redis_going_away");
    let fake = fake();
    let session = instance(&fake, &server.url()).await.unwrap();
    session.login(&due_token(&fake)).await.unwrap();
    fake.inject_at(TOKEN_PATH, Fault::Delay(Duration::from_millis(300)), 1);
    let call = tokio::spawn({
        let session = session.clone();
        async move { session.fetch_user().await }
    });
    let deadline = Instant::now() + Duration::from_secs(10);
    while count(&fake.requests(), TOKEN_PATH) == 0 {
        assert!(Instant::now() < deadline, "no refresh was sent");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.kill();
    assert!(matches!(
        store_error(call.await.unwrap()),
        StoreError::Unavailable { .. }
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_store_reconnects_once_redis_is_back() {
    let mut server = redis_or_skip!("async_redis_comes_back");
    let fake = fake();
    let session = instance(&fake, &server.url()).await.unwrap();
    let token = token(&fake.grant(&["identify"]), 604_800, true);
    session.login(&token).await.unwrap();
    session.fetch_user().await.unwrap();

    // Redis goes away: each call fails, typed, within the documented 3 s.
    server.kill();
    for _ in 0..2 {
        let started = Instant::now();
        let error = store_error(session.fetch_user().await);
        assert!(matches!(error, StoreError::Unavailable { .. }), "{error:?}");
        assert!(started.elapsed() < Duration::from_secs(3));
    }
    // It comes back on the same socket (empty): the next call connects again.
    server.restart();
    assert_eq!(session.login(&token).await.unwrap(), 1);
    assert_eq!(session.fetch_user().await.unwrap().id.get(), fake.user_id());
}
