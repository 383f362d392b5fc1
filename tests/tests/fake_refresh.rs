//! Refresh tokens and time at the fake, over real loopback sockets: single-use rotation,
//! theft detection (RFC 9700 §4.14.2), token lifetimes by the fake's clock, refresh counts.

// Tests state their expectations with unwrap; a panic is the failure report.
#![allow(clippy::unwrap_used)]

mod fake_support;

use std::time::Duration;

use disco_oauth2_fake::FakeDiscord;
use fake_support::*;
use serde_json::Value;

const INVALID_REFRESH: &[u8] =
    br#"{"error":"invalid_grant","error_description":"Invalid \"refresh_token\" in request"}"#;

fn refresh(fake: &FakeDiscord, token: &str) -> Resp {
    post_form(
        fake,
        "/oauth2/token",
        &[("grant_type", "refresh_token"), ("refresh_token", token)],
    )
}

fn field(v: &Value, name: &str) -> String {
    v[name].as_str().unwrap().to_owned()
}

#[test]
fn a_refresh_token_works_once_and_reuse_only_fails_by_default() {
    let fake = FakeDiscord::start();
    let first = login(&fake, "identify");
    let (a1, r1) = (
        field(&first, "access_token"),
        field(&first, "refresh_token"),
    );
    let second = refresh(&fake, &r1);
    assert_eq!(second.status, 200, "{}", second.text());
    let second = second.json();
    let (a2, r2) = (
        field(&second, "access_token"),
        field(&second, "refresh_token"),
    );
    assert_eq!(fake.refresh_count(&a1), 1);

    let reuse = refresh(&fake, &r1);
    assert_eq!(reuse.status, 400);
    assert_eq!(reuse.body, INVALID_REFRESH);
    // Without theft detection the grant lives on.
    assert!(fake.grant_alive(&r1));
    assert!(!fake.grant_revoked_for_reuse(&r1));
    assert_eq!(bearer_get(&fake, "/users/@me", &a2).status, 200);
    assert_eq!(refresh(&fake, &r2).status, 200);
    assert_eq!(fake.refresh_count(&r2), 2);
    assert_eq!(fake.total_refreshes(), 2);
}

#[test]
fn reuse_of_a_rotated_token_revokes_the_grant_when_asked() {
    let fake = FakeDiscord::builder()
        .refresh_reuse_revokes_grant(true)
        .start();
    let first = login(&fake, "identify guilds");
    let r1 = field(&first, "refresh_token");
    let second = refresh(&fake, &r1).json();
    let (a2, r2) = (
        field(&second, "access_token"),
        field(&second, "refresh_token"),
    );
    let other = fake.grant(&["identify"]);

    let theft = refresh(&fake, &r1);
    assert_eq!(theft.status, 400);
    assert_eq!(theft.body, INVALID_REFRESH);
    // Every token of the family is dead, the newest included.
    assert!(!fake.grant_alive(&a2));
    assert!(fake.grant_revoked_for_reuse(&a2));
    assert!(!fake.access_token_alive(&a2));
    assert!(!fake.refresh_token_alive(&r2));
    assert_eq!(bearer_get(&fake, "/users/@me", &a2).status, 401);
    assert_eq!(refresh(&fake, &r2).body, INVALID_REFRESH);
    assert_eq!(fake.refresh_count(&r1), 1);
    // Another grant of the same user is untouched.
    assert!(fake.grant_alive(&other.access_token));
    assert_eq!(
        bearer_get(&fake, "/users/@me", &other.access_token).status,
        200
    );
    // An unknown token is just invalid.
    assert_eq!(refresh(&fake, "never-issued").body, INVALID_REFRESH);
    assert!(!fake.grant_revoked_for_reuse("never-issued"));
}

#[test]
fn tokens_live_their_lifetime_by_the_fakes_clock() {
    let fake = FakeDiscord::builder()
        .token_lifetime(Duration::from_secs(90))
        .start();
    let token = login(&fake, "identify");
    assert_eq!(token["expires_in"], 90);
    let access = field(&token, "access_token");
    let start = fake.now();

    let me = bearer_get(&fake, "/oauth2/@me", &access).json();
    let expires = chrono::DateTime::parse_from_rfc3339(me["expires"].as_str().unwrap()).unwrap();
    let start_secs = start
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    assert!(
        (expires.timestamp() - start_secs - 90).abs() <= 1,
        "{expires}"
    );

    fake.advance(Duration::from_secs(89));
    assert_eq!(bearer_get(&fake, "/users/@me", &access).status, 200);
    fake.advance(Duration::from_secs(2));
    assert!(!fake.access_token_alive(&access));
    let dead = bearer_get(&fake, "/users/@me", &access);
    assert_eq!(dead.status, 401);
    assert_eq!(
        dead.json(),
        serde_json::json!({"message": "401: Unauthorized", "code": 0})
    );
    assert!(fake.now() >= start + Duration::from_secs(91));

    // The refresh token outlives the access token; the new one gets a fresh lifetime.
    let renewed = refresh(&fake, &field(&token, "refresh_token")).json();
    assert_eq!(renewed["expires_in"], 90);
    let fresh = field(&renewed, "access_token");
    assert_eq!(bearer_get(&fake, "/users/@me", &fresh).status, 200);
    fake.advance(Duration::from_secs(91));
    assert_eq!(bearer_get(&fake, "/users/@me", &fresh).status, 401);
}

#[test]
fn codes_expire_by_the_fakes_clock_and_the_implicit_grant_uses_the_lifetime() {
    let fake = FakeDiscord::builder()
        .token_lifetime(Duration::from_millis(1500))
        .start();
    let code = fake.authorize_code(&["identify"], None);
    fake.advance(Duration::from_secs(601));
    let redirect = fake.redirect_uri();
    let late = post_form(
        &fake,
        "/oauth2/token",
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", &redirect),
        ],
    );
    assert_eq!(late.status, 400);
    assert_eq!(late.json()["error"], "invalid_grant");

    let id = fake.client_id().to_string();
    let resp = get(
        &authorize_url(
            &fake,
            &[
                ("client_id", &id),
                ("response_type", "token"),
                ("redirect_uri", &redirect),
                ("scope", "identify"),
            ],
        ),
        &[],
    );
    assert_eq!(resp.status, 302);
    // Whole seconds, rounded down.
    assert_eq!(
        get_param(&resp.location_fragment(), "expires_in").as_deref(),
        Some("1")
    );
}

#[test]
fn concurrent_refreshes_with_one_token_let_exactly_one_win() {
    let fake = FakeDiscord::builder()
        .refresh_reuse_revokes_grant(true)
        .start();
    let tokens = fake.grant(&["identify"]);
    let statuses: Vec<u16> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|_| s.spawn(|| refresh(&fake, &tokens.refresh_token).status))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 1);
    assert_eq!(statuses.iter().filter(|s| **s == 400).count(), 7);
    assert_eq!(fake.refresh_count(&tokens.refresh_token), 1);
    // The losers presented a rotated token: with theft detection on, the grant is gone.
    assert!(fake.grant_revoked_for_reuse(&tokens.access_token));
}
