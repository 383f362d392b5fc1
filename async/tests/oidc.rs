//! OpenID Connect through the async runtime, against the fake Discord over
//! loopback: ID tokens verified with the client's cached key set, key
//! rotation, forged key ids, userinfo, the discovery document.

#![allow(clippy::unwrap_used, missing_docs)]

#[macro_use]
#[path = "../../tests/tests/runtime_support/mod.rs"]
mod support;

use std::time::Duration;

use disco_oauth2_async::disco_oauth2::oidc::{IdTokenError, JwksCache};
use disco_oauth2_async::disco_oauth2::{Error as CoreError, IdToken, Nonce};
use disco_oauth2_async::{Client, Error};
use disco_oauth2_fake::{FakeDiscord, USER_ID};
use support::{forged_id_token, jwks_fetches};

fn client(fake: &FakeDiscord) -> Client {
    fake_builder!(Client, fake).build().unwrap()
}

/// An exchange of a code whose authorization sent `nonce` (scopes
/// `identify openid`): the token response carries an ID token.
async fn id_token(fake: &FakeDiscord, client: &Client, nonce: &Nonce) -> IdToken {
    let code = fake.authorize_code_with_nonce(&["identify", "openid"], None, nonce.secret());
    let token = client.exchange_code(code).await.unwrap();
    token.id_token.expect("an id_token with openid")
}

/// The client's cache, with a refetch interval short enough for a test.
fn short_interval(client: &Client, interval: Duration) {
    *client.jwks_cache().lock().unwrap() = JwksCache::new().min_refetch_interval(interval);
}

#[tokio::test]
async fn an_id_token_verifies_with_one_fetch_of_the_key_set() {
    let fake = FakeDiscord::start();
    let client = client(&fake);
    let nonce = Nonce::generate().unwrap();
    let token = id_token(&fake, &client, &nonce).await;
    let claims = client.verify_id_token(&token, Some(&nonce)).await.unwrap();
    assert_eq!(claims.sub.get(), USER_ID);
    assert_eq!(claims.aud, [fake.client_id().to_string()]);
    assert_eq!(claims.iss, "https://discord.com");
    assert_eq!(jwks_fetches(&fake), 1);
    // Verified again, and by a clone: the same cache, no fetch.
    client
        .clone()
        .verify_id_token(&token, Some(&nonce))
        .await
        .unwrap();
    client.verify_id_token(&token, None).await.unwrap();
    assert_eq!(jwks_fetches(&fake), 1);
}

#[tokio::test]
async fn a_wrong_nonce_is_refused() {
    let fake = FakeDiscord::start();
    let client = client(&fake);
    let token = id_token(&fake, &client, &Nonce::new("the-one-sent")).await;
    match client
        .verify_id_token(&token, Some(&Nonce::new("another-one")))
        .await
    {
        Err(Error::Core(CoreError::IdToken(IdTokenError::NonceMismatch))) => {}
        other => panic!("expected NonceMismatch, got {other:?}"),
    }
}

#[tokio::test]
async fn a_rotated_key_is_fetched_once_and_forged_key_ids_at_most_once_per_interval() {
    let fake = FakeDiscord::start();
    let client = client(&fake);
    let interval = Duration::from_millis(300);
    short_interval(&client, interval);
    let nonce = Nonce::new("n");
    let first = id_token(&fake, &client, &nonce).await;
    client.verify_id_token(&first, Some(&nonce)).await.unwrap();
    assert_eq!(jwks_fetches(&fake), 1);

    tokio::time::sleep(interval).await;
    fake.rotate_signing_key();
    let rotated = id_token(&fake, &client, &nonce).await;
    client
        .verify_id_token(&rotated, Some(&nonce))
        .await
        .unwrap();
    assert_eq!(
        jwks_fetches(&fake),
        2,
        "exactly one refetch for the new key"
    );
    client.verify_id_token(&first, Some(&nonce)).await.unwrap();
    assert_eq!(jwks_fetches(&fake), 2, "the old key is still in the set");

    // Within the interval a forged key id costs no fetch at all …
    let forged = forged_id_token(&fake, "forged-kid");
    for _ in 0..2 {
        match client.verify_id_token(&forged, None).await {
            Err(Error::Core(CoreError::IdToken(IdTokenError::UnknownKey(Some(kid))))) => {
                assert_eq!(kid, "forged-kid");
            }
            other => panic!("expected UnknownKey, got {other:?}"),
        }
    }
    assert_eq!(jwks_fetches(&fake), 2);
    // … and after it, twice in a row, one fetch.
    tokio::time::sleep(interval).await;
    for _ in 0..2 {
        assert!(client.verify_id_token(&forged, None).await.is_err());
    }
    assert_eq!(jwks_fetches(&fake), 3);
}

#[tokio::test]
async fn userinfo_and_the_discovery_document() {
    let fake = FakeDiscord::start();
    let client = client(&fake);
    let code = fake.authorize_code(&["identify", "email", "openid"], None);
    let token = client.exchange_code(code).await.unwrap();
    let session = client.user(token);
    let info = session.fetch_userinfo().await.unwrap();
    assert_eq!(info.sub.get(), USER_ID);
    assert_eq!(info.profile.preferred_username.as_deref(), Some("nelly"));
    assert_eq!(info.profile.email.as_deref(), Some("nelly@discord.com"));

    let discovery = client.discovery_document().await.unwrap();
    assert_eq!(discovery.issuer, "https://discord.com");
    let keys = client.fetch_jwks().await.unwrap();
    assert_eq!(keys.keys().len(), 1);
    assert_eq!(
        keys.keys()[0].kid.as_deref(),
        Some(fake.signing_key_id().as_str())
    );
}

#[test]
fn the_futures_are_send() {
    fn send<T: Send>(_: T) {}
    let client = Client::builder(1u64).build().unwrap();
    let token = IdToken::new("a.b.c");
    send(client.verify_id_token(&token, None));
    send(client.discovery_document());
    send(client.fetch_jwks());
}
