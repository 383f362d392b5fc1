//! Stored sessions on the in-memory store, against the fake Discord over
//! loopback: one refresh for many concurrent calls, a refresh after a 401,
//! logout, and a token that cannot be renewed.

#![allow(clippy::unwrap_used, missing_docs)]

#[macro_use]
#[path = "../../blocking/tests/store_support/mod.rs"]
mod store_support;

use std::sync::Arc;
use store_support::{KEY, TOKEN_PATH, USER_PATH, count, fake, token};

use chrono::Utc;
use disco_oauth2_async::disco_oauth2::token_store::{PlainJson, SessionError, StoreError};
use disco_oauth2_async::{Client, Error, MemoryStore, StoredSession};
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

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_calls_across_an_expiry_make_one_refresh() {
    let fake = fake();
    let tokens = fake.grant(&["identify", "guilds"]);
    let session = session(&client(&fake));
    // Expires in 30 s: inside the default 60 s margin, so it is due.
    assert_eq!(session.login(&token(&tokens, 30, true)).await.unwrap(), 1);

    let barrier = Arc::new(tokio::sync::Barrier::new(200));
    let tasks: Vec<_> = (0..200)
        .map(|_| {
            let (session, barrier) = (session.clone(), barrier.clone());
            tokio::spawn(async move {
                barrier.wait().await;
                session.fetch_user().await.map(|user| user.id.get())
            })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap().unwrap(), fake.user_id());
    }

    let requests = fake.requests();
    assert_eq!(count(&requests, TOKEN_PATH), 1, "one refresh");
    assert_eq!(count(&requests, USER_PATH), 200, "no call was refused");
    let refresh = requests.iter().find(|r| r.path == TOKEN_PATH).unwrap();
    assert!(
        refresh
            .form()
            .contains(&("grant_type".into(), "refresh_token".into()))
    );
    assert!(
        refresh
            .form()
            .contains(&("refresh_token".into(), tokens.refresh_token.clone()))
    );
    // The new token is stored; the old refresh token is dead, the new one alive.
    let stored = session.stored_token().await.unwrap().unwrap();
    assert_ne!(stored.access_token.secret(), tokens.access_token);
    assert!(!fake.refresh_token_alive(&tokens.refresh_token));
    assert!(fake.refresh_token_alive(stored.refresh_token.as_ref().unwrap().secret()));
}

#[tokio::test]
async fn a_401_refreshes_once_and_the_call_is_sent_again() {
    let fake = fake();
    let tokens = fake.grant(&["identify", "guilds"]);
    let session = session(&client(&fake));
    session.login(&token(&tokens, 604_800, true)).await.unwrap();
    assert!(fake.expire_access_token(&tokens.access_token));

    let guilds = session.fetch_guilds().await.unwrap();
    assert!(!guilds.is_empty());
    let requests = fake.requests();
    assert_eq!(count(&requests, "/api/v10/users/@me/guilds"), 2);
    assert_eq!(count(&requests, TOKEN_PATH), 1);
    // A fresh token is used as it is: no more refreshes.
    session.fetch_user().await.unwrap();
    assert_eq!(count(&fake.requests(), TOKEN_PATH), 1);
}

#[tokio::test]
async fn after_logout_there_is_no_token() {
    let fake = fake();
    let session = session(&client(&fake));
    session
        .login(&token(&fake.grant(&["identify"]), 604_800, true))
        .await
        .unwrap();
    assert!(session.logout().await.unwrap());
    assert!(!session.logout().await.unwrap());
    assert_eq!(session.stored_token().await.unwrap(), None);
    let error = session.fetch_user().await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Session(SessionError::Store(StoreError::NoToken))
        ),
        "{error:?}"
    );
    assert!(fake.requests().is_empty());
}

#[tokio::test]
async fn an_expired_token_without_a_refresh_token_is_expired() {
    let fake = fake();
    let session = session(&client(&fake));
    let mut expired = token(&fake.grant(&["identify"]), 604_800, false);
    expired.expires_at = Utc::now() - chrono::TimeDelta::seconds(1);
    session.login(&expired).await.unwrap();
    let error = session.fetch_user().await.unwrap_err();
    assert!(
        matches!(error, Error::Session(SessionError::Expired)),
        "{error:?}"
    );
    assert!(fake.requests().is_empty());
}

#[tokio::test]
async fn a_plain_session_refreshes_when_due_and_after_a_401_and_hands_over_the_token() {
    use disco_oauth2_async::disco_oauth2::token_store::RefreshPolicy;
    let fake = fake();
    let client = client(&fake);
    let policy = RefreshPolicy::default();
    let tokens = fake.grant(&["identify", "guilds"]);
    let mut user = client.user(token(&tokens, 30, true));
    let mut persisted = Vec::new();

    let me = user
        .run_fresh(
            &policy,
            |t| persisted.push(t.clone()),
            |core, bearer| core.current_user(bearer),
        )
        .await
        .unwrap();
    assert_eq!(me.id.get(), fake.user_id());
    assert_eq!(persisted.len(), 1);
    assert_eq!(&persisted[0], user.token());

    assert!(fake.expire_access_token(user.token().access_token.secret()));
    user.run_fresh(
        &policy,
        |t| persisted.push(t.clone()),
        |core, bearer| core.current_user(bearer),
    )
    .await
    .unwrap();
    assert_eq!(persisted.len(), 2);
    let requests = fake.requests();
    assert_eq!(count(&requests, TOKEN_PATH), 2);
    assert_eq!(count(&requests, USER_PATH), 3);
}
