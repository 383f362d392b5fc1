//! The fake's OpenID Connect side over real loopback sockets: ID tokens in
//! the token response (with the authorize request's nonce), verified by the
//! core against the fake's key set; key rotation; discovery; userinfo.

// Tests state their expectations with unwrap; a panic is the failure report.
#![allow(clippy::unwrap_used)]

mod core_support;
mod fake_support;

use std::time::{Instant, SystemTime};

use core_support::run;
use disco_oauth2::driver::Now;
use disco_oauth2::oidc::{IdTokenError, IdTokenVerifier, JwksCache, Verification};
use disco_oauth2::{Client, IdToken, Nonce};
use disco_oauth2_fake::{FakeDiscord, USER_ID};
use fake_support::*;
use serde_json::json;

fn utc() -> chrono::DateTime<chrono::Utc> {
    SystemTime::now().into()
}

fn client(fake: &FakeDiscord) -> Client {
    Client::builder(fake.application_id())
        .client_secret(fake.client_secret())
        .redirect_uri(fake.redirect_uri())
        .api_base(fake.api_base())
        .build()
        .unwrap()
}

fn id_token_of(fake: &FakeDiscord, scopes: &[&str], nonce: &str) -> IdToken {
    let code = fake.authorize_code_with_nonce(scopes, None, nonce);
    let token = run(client(fake).exchange_code(code)).unwrap();
    token.id_token.expect("an id_token with openid")
}

#[test]
fn an_openid_login_carries_an_id_token_the_core_verifies() {
    let fake = FakeDiscord::start();
    let id_token = id_token_of(&fake, &["identify", "email", "openid"], "nonce-1");
    let keys = run(client(&fake).fetch_jwks()).unwrap();
    assert_eq!(keys.len(), 1);
    let verifier = IdTokenVerifier::new(fake.application_id()).nonce(Nonce::new("nonce-1"));
    let claims = verifier.verify(&id_token, &keys, utc()).unwrap();
    assert_eq!(claims.iss, "https://discord.com");
    assert_eq!(claims.sub.get(), USER_ID);
    assert_eq!(claims.aud, [fake.client_id().to_string()]);
    assert_eq!(claims.nonce, Some(Nonce::new("nonce-1")));
    assert_eq!(claims.profile.preferred_username.as_deref(), Some("nelly"));
    assert_eq!(claims.profile.nickname.as_deref(), Some("Nelly"));
    assert_eq!(claims.profile.email.as_deref(), Some("nelly@discord.com"));
    assert_eq!(claims.profile.email_verified, Some(true));
    assert_eq!((claims.exp - claims.iat).num_seconds(), 3600);

    // Another authorization's nonce: a replay.
    let other = IdTokenVerifier::new(fake.application_id()).nonce(Nonce::new("nonce-2"));
    assert_eq!(
        other.verify(&id_token, &keys, utc()),
        Err(IdTokenError::NonceMismatch)
    );
    // Another client.
    assert!(matches!(
        IdTokenVerifier::new(1u64).verify(&id_token, &keys, utc()),
        Err(IdTokenError::WrongAudience { .. })
    ));
    // Without `openid` there is no ID token; nor without email claims without `email`.
    let code = fake.authorize_code(&["identify"], None);
    assert_eq!(
        run(client(&fake).exchange_code(code)).unwrap().id_token,
        None
    );
    let plain = id_token_of(&fake, &["identify", "openid"], "n");
    let claims = IdTokenVerifier::new(fake.application_id())
        .verify(&plain, &keys, utc())
        .unwrap();
    assert_eq!(claims.profile.email, None);
}

#[test]
fn the_nonce_comes_from_the_authorize_request() {
    let fake = FakeDiscord::start();
    let id = fake.client_id().to_string();
    let redirect = fake.redirect_uri();
    let resp = get(
        &authorize_url(
            &fake,
            &[
                ("client_id", &id),
                ("response_type", "code"),
                ("redirect_uri", &redirect),
                ("scope", "identify openid"),
                ("state", "st"),
                ("nonce", "from-the-url"),
            ],
        ),
        &[],
    );
    assert_eq!(resp.status, 302, "{}", resp.text());
    let code = get_param(&resp.location_query(), "code").unwrap();
    let token = run(client(&fake).exchange_code(code)).unwrap();
    let keys = run(client(&fake).fetch_jwks()).unwrap();
    IdTokenVerifier::new(fake.application_id())
        .nonce(Nonce::new("from-the-url"))
        .verify(&token.id_token.unwrap(), &keys, utc())
        .unwrap();
    // A refreshed token's ID token carries no nonce any more.
    let refreshed =
        run(client(&fake).refresh_token(token.refresh_token.as_ref().unwrap())).unwrap();
    let claims = IdTokenVerifier::new(fake.application_id())
        .verify(&refreshed.id_token.unwrap(), &keys, utc())
        .unwrap();
    assert_eq!(claims.nonce, None);
}

#[test]
fn a_rotated_key_makes_the_cache_refetch_once() {
    let fake = FakeDiscord::start();
    let client = client(&fake);
    let verifier = IdTokenVerifier::new(fake.application_id());
    let mut cache = JwksCache::new();
    let start = Instant::now();
    let mut fetches = 0;
    let mut verify = |cache: &mut JwksCache, token: &IdToken, secs: u64| loop {
        let now = Now::new(start + std::time::Duration::from_secs(secs), utc());
        match cache.verify(&verifier, token, now) {
            Ok(Verification::Verified(claims)) => return Ok(claims),
            Ok(Verification::FetchKeys) => {
                fetches += 1;
                cache.insert(run(client.fetch_jwks()).unwrap(), now.instant);
            }
            Err(e) => return Err(e),
        }
    };
    let first = id_token_of(&fake, &["openid"], "n");
    assert_eq!(verify(&mut cache, &first, 0).unwrap().sub.get(), USER_ID);
    assert_eq!(fake.signing_key_id(), "fake-key-1");

    fake.rotate_signing_key();
    assert_eq!(fake.signing_key_id(), "fake-key-2");
    let second = id_token_of(&fake, &["openid"], "n");
    // Within the refetch interval the unknown key is refused without a fetch …
    assert_eq!(
        verify(&mut cache, &second, 10),
        Err(IdTokenError::UnknownKey(Some("fake-key-2".into())))
    );
    // … after it, one fetch brings the new key; the old tokens still verify.
    verify(&mut cache, &second, 61).unwrap();
    verify(&mut cache, &first, 62).unwrap();
    assert_eq!(fetches, 2);
    assert_eq!(cache.keys().unwrap().len(), 2);

    // A token signed by the fake's key but tampered with is refused.
    let forged = fake.sign_id_token(&json!({"iss": "https://discord.com"}));
    let mut parts: Vec<&str> = forged.split('.').collect();
    let signature_of_other = second.secret().rsplit('.').next().unwrap().to_owned();
    parts[2] = &signature_of_other;
    assert_eq!(
        verifier.verify(&IdToken::new(parts.join(".")), cache.keys().unwrap(), utc()),
        Err(IdTokenError::BadSignature)
    );
}

#[test]
fn discovery_and_userinfo() {
    let fake = FakeDiscord::start();
    let doc = run(client(&fake).discovery_document()).unwrap();
    assert_eq!(doc.issuer, "https://discord.com");
    assert_eq!(doc.jwks_uri, format!("{}/api/oauth2/keys", fake.origin()));
    assert_eq!(
        doc.token_endpoint,
        format!("{}/oauth2/token", fake.api_base())
    );
    assert_eq!(
        doc.userinfo_endpoint,
        Some(format!("{}/oauth2/userinfo", fake.api_base()))
    );
    assert_eq!(doc.id_token_signing_alg_values_supported, ["RS256"]);
    assert!(
        doc.token_endpoint_auth_methods_supported
            .contains(&"none".to_owned())
    );
    assert!(doc.authorization_response_iss_parameter_supported);
    // The discovery document's jwks_uri is what fetch_jwks fetches by default.
    let keys = run(client(&fake).fetch_jwks().uri(doc.jwks_uri)).unwrap();
    assert_eq!(keys.len(), 1);

    let token = access_token(&fake, "identify email openid");
    let info = run(client(&fake).userinfo(&disco_oauth2::BearerToken::new(token))).unwrap();
    assert_eq!(info.sub.get(), USER_ID);
    assert_eq!(info.profile.preferred_username.as_deref(), Some("nelly"));
    assert_eq!(info.profile.email.as_deref(), Some("nelly@discord.com"));

    let without = access_token(&fake, "identify");
    let resp = bearer_get(&fake, "/oauth2/userinfo", &without);
    assert_eq!(resp.status, 403);
    assert_eq!(resp.json()["code"], 50026);
    assert_eq!(bearer_get(&fake, "/oauth2/userinfo", "nope").status, 401);
}
