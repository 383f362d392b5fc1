//! Golden and tamper tests of the login flow: a fixed key, fixed random
//! bytes and a fixed clock.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Utc};

use super::flow::Randomness;
use super::*;
use crate::authorize::CallbackQuery;
use crate::sealing::SealingKey;
use crate::secret::{CsrfState, PkceVerifier};
use crate::{Client, Error, OAuth2ErrorCode, Operation, Scope};

const GOLDEN_COOKIE: &str = "AQMDAwMDAwMDAwMDA17c0CFgCh8TPwICDa4Vvl2ofqG-8dfVIWqcxuCmpwHp9OU8c9655BGLygpUyIymFGIGP-b_oAdVbU9n4H9LwSu2hHI77sE9UgiB_sSV8I1wvM2ANksEB26tNp2UMmdoQYSleYWAQVJpRu9OfR6TJ4u1pFtYUaTpOYeq3atdfC7P2NSBqkN2gkynLTGEQTC5CaYC-6ugs9FlaZ8NnL8957NFVLQ3a1u6RWr7loJcrYaDOumdWF9mKGvS1Cf8NkX_";

fn client() -> Client {
    Client::builder(157730590492196864)
        .client_secret("secret")
        .redirect_uri("http://127.0.0.1:3000/callback")
        .scopes([Scope::Identify, Scope::Guilds])
        .build()
        .unwrap()
}

fn key() -> SealingKey {
    SealingKey::from_bytes([7; 32])
}

fn now() -> DateTime<Utc> {
    "2026-11-24T12:00:00Z".parse().unwrap()
}

fn randomness() -> Randomness {
    Randomness {
        state: CsrfState::from_bytes(&[1; 32]),
        verifier: PkceVerifier::from_bytes(&[2; 32]).unwrap(),
        nonce: [3; 12],
    }
}

fn golden_start() -> LoginStart {
    client()
        .login_flow(&key())
        .start_with(now(), randomness())
        .unwrap()
}

fn state_query() -> CallbackQuery {
    CallbackQuery::parse(&format!(
        "code=NhhvTDYsFcdgNLnnLijcl7Ku7bEEeee&state={}",
        CsrfState::from_bytes(&[1; 32]).secret()
    ))
    .unwrap()
}

#[test]
fn golden_url_and_cookie() {
    let start = golden_start();
    assert_eq!(
        start.url().as_str(),
        "https://discord.com/oauth2/authorize?response_type=code&client_id=157730590492196864\
         &scope=guilds%20identify&state=AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE\
         &redirect_uri=http%3A%2F%2F127.0.0.1%3A3000%2Fcallback\
         &code_challenge=bB1ju9q0N8VDaMu9iIaohqea2XcpfiZe6_H19fAVM7k&code_challenge_method=S256"
    );
    assert_eq!(start.cookie_value(), GOLDEN_COOKIE);
    assert_eq!(
        start.expires_at(),
        "2026-11-24T12:10:00Z".parse::<DateTime<Utc>>().unwrap()
    );
    assert_eq!(
        start.set_cookie_header(),
        format!("discord_login={GOLDEN_COOKIE}; Max-Age=600; Path=/; HttpOnly; SameSite=Lax")
    );
    assert_eq!(
        format!("{start:?}"),
        "LoginStart { expires_at: 2026-11-24T12:10:00Z, .. }"
    );
}

#[test]
fn golden_cookie_holds_the_ticket_and_hides_the_verifier() {
    let sealed = super::ticket::decode(GOLDEN_COOKIE).unwrap();
    let plain = key().open(super::ticket::PURPOSE, &sealed).unwrap();
    assert_eq!(
        String::from_utf8(plain).unwrap(),
        r#"{"s":"AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE","v":"AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI","r":"http://127.0.0.1:3000/callback","c":"guilds identify","e":1795522200}"#
    );
    assert!(!GOLDEN_COOKIE.contains("AgICAgICAgI"));
}

#[test]
fn finish_gives_the_exchange_with_verifier_and_redirect_uri() {
    let finished = client()
        .login_flow(&key())
        .finish(GOLDEN_COOKIE, &state_query(), now())
        .unwrap();
    assert_eq!(finished.scopes.to_space_separated(), "guilds identify");
    assert_eq!(finished.nonce, None);
    let (request, _) = finished.exchange.into_parts().unwrap();
    assert_eq!(
        std::str::from_utf8(request.body().as_bytes()).unwrap(),
        "grant_type=authorization_code&code=NhhvTDYsFcdgNLnnLijcl7Ku7bEEeee\
         &redirect_uri=http%3A%2F%2F127.0.0.1%3A3000%2Fcallback\
         &code_verifier=AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI"
    );
}

#[test]
fn flow_overrides_and_nonce_travel_in_the_cookie() {
    let start = client()
        .login_flow(&key())
        .scopes([Scope::Identify, Scope::OpenId])
        .redirect_uri("https://nicememe.website/callback")
        .lifetime(std::time::Duration::from_secs(60))
        .nonce("n-0S6_WzA2Mj")
        .start(now())
        .unwrap();
    assert!(start.url().as_str().contains("&scope=identify%20openid&"));
    assert!(
        start
            .url()
            .as_str()
            .contains("&redirect_uri=https%3A%2F%2Fnicememe.website%2Fcallback&")
    );
    assert!(
        start
            .set_cookie_header()
            .ends_with("; Max-Age=60; Path=/; HttpOnly; SameSite=Lax; Secure")
    );
    let state = start
        .url()
        .as_str()
        .split("&state=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap();
    let query = CallbackQuery::parse(&format!("?code=c0de&state={state}")).unwrap();
    let finished = client()
        .login_flow(&key())
        .finish(start.cookie_value(), &query, now())
        .unwrap();
    assert_eq!(finished.nonce.as_deref(), Some("n-0S6_WzA2Mj"));
    let (request, _) = finished.exchange.into_parts().unwrap();
    assert!(
        std::str::from_utf8(request.body().as_bytes())
            .unwrap()
            .contains("&redirect_uri=https%3A%2F%2Fnicememe.website%2Fcallback&")
    );
}

#[test]
fn two_starts_differ() {
    let a = client().login_flow(&key()).start(now()).unwrap();
    let b = client().login_flow(&key()).start(now()).unwrap();
    assert_ne!(a.url().as_str(), b.url().as_str());
    assert_ne!(a.cookie_value(), b.cookie_value());
}

fn finish(cookie: &str, query: &CallbackQuery, at: DateTime<Utc>) -> Error {
    client()
        .login_flow(&key())
        .finish(cookie, query, at)
        .unwrap_err()
}

#[test]
fn every_altered_byte_is_refused() {
    let sealed = super::ticket::decode(GOLDEN_COOKIE).unwrap();
    for index in 0..sealed.len() {
        let mut altered = sealed.clone();
        altered[index] ^= 0x01;
        let error = finish(&super::ticket::encode(&altered), &state_query(), now());
        let expected = if index == 0 {
            LoginError::Malformed
        } else {
            LoginError::Unauthentic
        };
        assert_eq!(error, Error::Login(expected), "byte {index}");
    }
    let cut = &sealed[..sealed.len() - 1];
    assert_eq!(
        finish(&super::ticket::encode(cut), &state_query(), now()),
        Error::Login(LoginError::Unauthentic)
    );
}

#[test]
fn wrong_key_expired_missing_and_garbage_are_typed() {
    let other = SealingKey::from_bytes([8; 32]);
    let error = client()
        .login_flow(&other)
        .finish(GOLDEN_COOKIE, &state_query(), now())
        .unwrap_err();
    assert_eq!(error, Error::Login(LoginError::Unauthentic));
    assert_eq!(
        error.to_string(),
        "the login cookie was altered or sealed with another key; start the login again"
    );

    let expiry: DateTime<Utc> = "2026-11-24T12:10:00Z".parse().unwrap();
    assert_eq!(
        finish(GOLDEN_COOKIE, &state_query(), expiry),
        Error::Login(LoginError::Expired { expired_at: expiry })
    );
    let just_before = expiry - chrono::Duration::seconds(1);
    assert!(
        client()
            .login_flow(&key())
            .finish(GOLDEN_COOKIE, &state_query(), just_before)
            .is_ok()
    );

    assert_eq!(
        finish("", &state_query(), now()),
        Error::Login(LoginError::Missing)
    );
    for garbage in ["not base64!", "AQ", &"A".repeat(5000)] {
        assert_eq!(
            finish(garbage, &state_query(), now()),
            Error::Login(LoginError::Malformed),
            "{garbage:.10}"
        );
    }
    // A value sealed by the same key for another purpose (a stored token) is no login.
    let token = key().seal(b"user:1", b"{}").unwrap();
    assert_eq!(
        finish(&super::ticket::encode(&token), &state_query(), now()),
        Error::Login(LoginError::Unauthentic)
    );
}

#[test]
fn the_state_is_checked_before_anything_else_of_the_callback() {
    let forged =
        CallbackQuery::parse("code=abc&state=AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQF").unwrap();
    assert_eq!(finish(GOLDEN_COOKIE, &forged, now()), Error::StateMismatch);
    let stateless = CallbackQuery::parse("code=abc").unwrap();
    assert_eq!(
        finish(GOLDEN_COOKIE, &stateless, now()),
        Error::StateMismatch
    );
    let forged_denial = CallbackQuery::parse("error=access_denied&state=x").unwrap();
    assert_eq!(
        finish(GOLDEN_COOKIE, &forged_denial, now()),
        Error::StateMismatch
    );

    let state = CsrfState::from_bytes(&[1; 32]);
    let denied =
        CallbackQuery::parse(&format!("error=access_denied&state={}", state.secret())).unwrap();
    assert!(
        matches!(finish(GOLDEN_COOKIE, &denied, now()), Error::OAuth2(e) if e.code == OAuth2ErrorCode::AccessDenied)
    );
    let no_code = CallbackQuery::parse(&format!("state={}", state.secret())).unwrap();
    assert!(matches!(
        finish(GOLDEN_COOKIE, &no_code, now()),
        Error::InvalidInput(_)
    ));
}

#[test]
fn bad_settings_are_refused_before_anything_is_sealed() {
    let no_redirect = Client::builder(1)
        .scopes([Scope::Identify])
        .build()
        .unwrap();
    let error = no_redirect.login_flow(&key()).start(now()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid redirect_uri: is required for a login; set one on the client or the flow"
    );
    for lifetime in [
        std::time::Duration::ZERO,
        MAX_LOGIN_LIFETIME + std::time::Duration::from_secs(1),
    ] {
        let error = client()
            .login_flow(&key())
            .lifetime(lifetime)
            .start(now())
            .unwrap_err();
        assert!(matches!(error, Error::InvalidInput(_)), "{lifetime:?}");
    }
}

#[test]
fn callback_query_deserializes_and_hides_its_secrets() {
    let query: CallbackQuery = serde_urlencoded::from_str("code=abc&state=xyz&extra=1").unwrap();
    let shown = format!("{query:?}");
    assert!(!shown.contains("abc") && !shown.contains("xyz"), "{shown}");
    assert!(CallbackQuery::parse("code=a&code=b").is_err());
    let error = Error::Login(LoginError::Expired { expired_at: now() });
    assert_eq!(error.kind(), crate::error::ErrorKind::Other);
}
