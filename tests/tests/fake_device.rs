//! The fake's device-code login over real loopback sockets: the device
//! endpoint, the token grant's answers, the `/activate` page and the test hooks.

// Tests state their expectations with unwrap; a panic is the failure report.
#![allow(clippy::unwrap_used)]

mod core_support;
mod fake_support;

use std::time::Duration;

use core_support::run;
use disco_oauth2::model::DeviceAuthorization;
use disco_oauth2::{Client, Error, OAuth2ErrorCode, Scope};
use disco_oauth2_fake::FakeDiscord;
use fake_support::*;

fn public_fake() -> FakeDiscord {
    FakeDiscord::builder().public_client(true).start()
}

fn public_client(fake: &FakeDiscord) -> Client {
    Client::builder(fake.application_id())
        .public_client()
        .api_base(fake.api_base())
        .scopes([Scope::Identify, Scope::OpenId])
        .build()
        .unwrap()
}

fn start(fake: &FakeDiscord) -> DeviceAuthorization {
    run(public_client(fake).device_authorization()).unwrap()
}

fn poll(
    fake: &FakeDiscord,
    login: &DeviceAuthorization,
) -> disco_oauth2::Result<disco_oauth2::AccessToken> {
    run(public_client(fake).device_token(&login.device_code))
}

fn oauth_code(result: disco_oauth2::Result<disco_oauth2::AccessToken>) -> String {
    match result {
        Err(Error::OAuth2(e)) => {
            assert_eq!(e.status, Some(ureq::http::StatusCode::BAD_REQUEST));
            e.code.as_str().to_owned()
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_device_endpoint_answers_as_discords_example() {
    let fake = public_fake();
    let login = start(&fake);
    assert_eq!(login.device_code.secret().len(), 40);
    assert_eq!(login.user_code.len(), 9);
    assert_eq!(&login.user_code[4..5], "-");
    assert_eq!(
        login.verification_uri,
        format!("{}/activate", fake.origin())
    );
    assert_eq!(
        login.verification_uri_complete,
        Some(format!(
            "{}/activate?user_code={}",
            fake.origin(),
            login.user_code
        ))
    );
    assert_eq!(login.expires_in, Duration::from_secs(300));
    assert_eq!(login.interval, Duration::from_secs(5));
    let sent = fake
        .requests()
        .into_iter()
        .find(|r| r.path == "/api/v10/oauth2/device/authorize")
        .unwrap();
    assert_eq!(
        String::from_utf8(sent.body).unwrap(),
        format!("scope=identify+openid&client_id={}", fake.client_id())
    );
}

#[test]
fn polls_are_pending_then_slowed_then_granted() {
    let fake = public_fake();
    let login = start(&fake);
    assert_eq!(oauth_code(poll(&fake, &login)), "authorization_pending");
    assert_eq!(oauth_code(poll(&fake, &login)), "slow_down");
    assert!(fake.approve_device(&login.user_code.to_lowercase()));
    let token = poll(&fake, &login).unwrap();
    assert!(fake.access_token_alive(token.bearer().secret()));
    assert!(token.refresh_token.is_some());
    assert!(token.id_token.is_some(), "openid was granted");
    assert_eq!(
        fake.token_scopes(token.bearer().secret()).unwrap(),
        ["identify", "openid"]
    );
    // A redeemed code is dead; so is an unknown one.
    assert_eq!(oauth_code(poll(&fake, &login)), "invalid_grant");
    assert!(!fake.approve_device(&login.user_code));
}

#[test]
fn denial_and_expiry() {
    let fake = public_fake();
    let login = start(&fake);
    assert!(fake.deny_device(&login.user_code));
    assert_eq!(oauth_code(poll(&fake, &login)), "access_denied");
    match poll(&fake, &login) {
        Err(Error::OAuth2(e)) => assert_eq!(e.code, OAuth2ErrorCode::AccessDenied),
        other => panic!("{other:?}"),
    }

    // A lifetime of zero (which the core itself refuses to parse): raw HTTP.
    fake.set_device_timing(Duration::ZERO, Duration::ZERO);
    let id = fake.client_id().to_string();
    let raw = post_form_with(
        &fake,
        "/oauth2/device/authorize",
        &[("client_id", &id), ("scope", "identify")],
        &[],
    );
    assert_eq!(raw.json()["expires_in"], 0);
    assert_eq!(raw.json()["interval"], 0);
    let device_code = raw.json()["device_code"].as_str().unwrap().to_owned();
    let resp = post_form_with(
        &fake,
        "/oauth2/token",
        &[
            ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            ("device_code", &device_code),
            ("client_id", &id),
        ],
        &[],
    );
    assert_eq!(resp.status, 400);
    assert_eq!(resp.json(), serde_json::json!({"error": "expired_token"}));
    assert!(!fake.approve_device(raw.json()["user_code"].as_str().unwrap()));

    fake.set_device_timing(Duration::ZERO, Duration::from_secs(60));
    let login = start(&fake);
    for _ in 0..3 {
        assert_eq!(
            oauth_code(poll(&fake, &login)),
            "authorization_pending",
            "no slow_down at interval 0"
        );
    }
}

#[test]
fn the_activate_page_approves_or_denies() {
    let fake = public_fake();
    let login = start(&fake);
    let page = get(login.verification_uri_complete.as_deref().unwrap(), &[]);
    assert_eq!(page.status, 200);
    assert!(
        page.header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    assert!(
        page.text()
            .contains(&format!("value=\"{}\"", login.user_code)),
        "{}",
        page.text()
    );
    assert!(page.text().contains("value=\"approve\""));

    let post = |form: &[(&str, &str)]| {
        send(
            "POST",
            &format!("{}/activate", fake.origin()),
            &[("Content-Type", "application/x-www-form-urlencoded")],
            serde_urlencoded::to_string(form).unwrap().as_bytes(),
        )
    };
    assert_eq!(
        post(&[("user_code", "NOPE-NOPE"), ("action", "approve")]).status,
        400
    );
    assert_eq!(post(&[("user_code", &login.user_code)]).status, 400);
    let approved = post(&[("user_code", &login.user_code), ("action", "approve")]);
    assert_eq!(approved.status, 200, "{}", approved.text());
    poll(&fake, &login).unwrap();

    let login = start(&fake);
    let code = login.user_code.replace('-', "");
    assert_eq!(
        post(&[("user_code", &code), ("action", "deny")]).status,
        200
    );
    assert_eq!(oauth_code(poll(&fake, &login)), "access_denied");
    // Markup in the query is not echoed.
    let page = get(
        &format!("{}/activate?user_code=%3Cscript%3E", fake.origin()),
        &[],
    );
    assert!(!page.text().contains("<script>"));
}

#[test]
fn client_authentication_and_scopes_are_checked() {
    // A confidential app refuses a client without its secret …
    let fake = FakeDiscord::start();
    match run(public_client(&fake).device_authorization()) {
        Err(Error::OAuth2(e)) => assert_eq!(e.code, OAuth2ErrorCode::InvalidClient),
        other => panic!("{other:?}"),
    }
    // … and accepts one that authenticates.
    let confidential = Client::builder(fake.application_id())
        .client_secret(fake.client_secret())
        .api_base(fake.api_base())
        .scopes([Scope::Identify])
        .build()
        .unwrap();
    let login = run(confidential.device_authorization()).unwrap();
    assert!(fake.approve_device(&login.user_code));
    run(confidential.device_token(&login.device_code)).unwrap();

    let resp = post_form(
        &fake,
        "/oauth2/device/authorize",
        &[("scope", "identify made.up")],
    );
    assert_eq!(resp.status, 400);
    assert_eq!(resp.json()["error"], "invalid_scope");
}
