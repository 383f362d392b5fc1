//! Device-code login (RFC 8628): the exact requests, the parse of Discord's
//! example, and the polling driver against a fake clock.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use disco_oauth2::driver::{DeviceLogin, Driver, Now, Received, Step, WaitReason};
use disco_oauth2::model::DeviceAuthorization;
use disco_oauth2::{
    Client, ClientAuth, DeviceCode, Error, OAuth2ErrorCode, Operation, RateLimiter, Scope,
};
use http::{HeaderMap, StatusCode};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap()
}

fn public() -> Client {
    Client::builder(157730590492196864u64)
        .public_client()
        .scopes([Scope::Identify, Scope::OpenId])
        .build()
        .unwrap()
}

fn body(request: &http::Request<disco_oauth2::RequestBody>) -> String {
    String::from_utf8(request.body().as_bytes().to_vec()).unwrap()
}

#[test]
fn device_authorization_request_bytes() {
    let (request, _) = public().device_authorization().into_parts().unwrap();
    assert_eq!(request.method(), "POST");
    assert_eq!(
        request.uri(),
        "https://discord.com/api/v10/oauth2/device/authorize"
    );
    assert_eq!(
        request.headers()["content-type"],
        "application/x-www-form-urlencoded"
    );
    assert!(request.headers().get("authorization").is_none());
    assert_eq!(
        body(&request),
        "scope=identify+openid&client_id=157730590492196864"
    );

    let (request, _) = public()
        .device_authorization()
        .scopes([Scope::Identify])
        .into_parts()
        .unwrap();
    assert_eq!(
        body(&request),
        "scope=identify&client_id=157730590492196864"
    );

    let no_scopes = Client::builder(1u64).public_client().build().unwrap();
    assert!(matches!(
        no_scopes.device_authorization().into_parts(),
        Err(Error::InvalidInput(e)) if e.field == "scopes"
    ));
}

#[test]
fn device_token_request_bytes() {
    let code = DeviceCode::new("GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS");
    let (request, _) = public().device_token(&code).into_parts().unwrap();
    assert_eq!(request.uri(), "https://discord.com/api/v10/oauth2/token");
    assert!(request.headers().get("authorization").is_none());
    assert_eq!(
        body(&request),
        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code\
         &device_code=GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS&client_id=157730590492196864"
    );
    // A confidential client authenticates as in the other grants.
    let confidential = Client::builder(1234u64).client_secret("s").build().unwrap();
    let (request, _) = confidential.device_token(&code).into_parts().unwrap();
    assert_eq!(request.headers()["authorization"], "Basic MTIzNDpz");
    assert!(!body(&request).contains("client"));
    let post = Client::builder(1234u64)
        .client_secret("s")
        .client_auth(ClientAuth::RequestBody)
        .build()
        .unwrap();
    let (request, _) = post.device_token(&code).into_parts().unwrap();
    assert!(body(&request).ends_with("&client_id=1234&client_secret=s"));
    assert!(matches!(
        public().device_token(&DeviceCode::new("")).into_parts(),
        Err(Error::InvalidInput(e)) if e.field == "device_code"
    ));
    assert!(!format!("{:?}", public().device_token(&code)).contains("GmRhm"));
}

#[test]
fn discords_example_parses() {
    let body = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/device_authorization_response_example_1.json"
    ))
    .unwrap();
    let (_, pending) = public().device_authorization().into_parts().unwrap();
    let response = http::Response::builder().status(200).body(body).unwrap();
    let login = pending.parse(&response, now()).unwrap();
    assert_eq!(login.device_code.secret(), "<device code>");
    assert_eq!(login.user_code, "<user code>");
    assert_eq!(login.verification_uri, "https://discord.com/activate");
    assert_eq!(
        login.verification_uri_complete.as_deref(),
        Some("https://discord.com/activate?user_code=<user code>")
    );
    assert_eq!(
        login.link(),
        "https://discord.com/activate?user_code=<user code>"
    );
    assert_eq!(login.expires_in, Duration::from_secs(300));
    assert_eq!(login.expires_at, now() + TimeDelta::seconds(300));
    assert_eq!(login.interval, Duration::from_secs(5));
    assert!(!format!("{login:?}").contains("<device code>"));
    assert!(!login.is_expired(now() + TimeDelta::seconds(299)));
    assert!(login.is_expired(now() + TimeDelta::seconds(300)));
}

#[test]
fn bad_device_authorizations_are_decode_errors() {
    let parse = |body: &str| DeviceAuthorization::from_response_body(body.as_bytes(), now());
    let ok = r#""user_code": "U", "verification_uri": "https://discord.com/activate""#;
    let login = parse(&format!(
        r#"{{"device_code": "d", {ok}, "expires_in": 60}}"#
    ))
    .unwrap();
    assert_eq!(login.interval, Duration::from_secs(5), "RFC 8628 default");
    assert_eq!(login.verification_uri_complete, None);
    assert_eq!(login.link(), "https://discord.com/activate");
    for (body, path) in [
        (
            format!(r#"{{"device_code": "", {ok}, "expires_in": 60}}"#),
            "device_code",
        ),
        (
            format!(r#"{{"device_code": "d", {ok}, "expires_in": 0}}"#),
            "expires_in",
        ),
        (
            format!(r#"{{"device_code": "d", {ok}, "expires_in": 86401}}"#),
            "expires_in",
        ),
        (
            format!(r#"{{"device_code": "d", {ok}, "expires_in": 60, "interval": 999999999}}"#),
            "interval",
        ),
        (format!(r#"{{"device_code": "d", {ok}}}"#), "."),
        (
            format!(r#"{{"device_code": "d", {ok}, "expires_in": -1}}"#),
            "expires_in",
        ),
    ] {
        let err = parse(&body).unwrap_err();
        assert_eq!(err.what, "device_authorization");
        assert_eq!(err.path, path, "{body}: {err}");
    }
}

// The driver, against a fake clock: constructed instants, no sleeps.

struct Clock {
    start: Instant,
}

impl Clock {
    fn at(&self, secs: u64) -> Now {
        Now::new(
            self.start + Duration::from_secs(secs),
            now() + TimeDelta::seconds(secs as i64),
        )
    }
}

fn authorization(expires_in: u64, interval: u64) -> DeviceAuthorization {
    let body = format!(
        r#"{{"device_code": "dc-secret", "user_code": "ABCD-EFGH", "verification_uri": "https://discord.com/activate",
            "expires_in": {expires_in}, "interval": {interval}}}"#
    );
    DeviceAuthorization::from_response_body(body.as_bytes(), now()).unwrap()
}

fn oauth_error(code: &str) -> Received {
    Received::new(
        StatusCode::BAD_REQUEST,
        HeaderMap::new(),
        format!(r#"{{"error": "{code}"}}"#).into_bytes(),
    )
}

fn token() -> Received {
    Received::new(
        StatusCode::OK,
        HeaderMap::new(),
        br#"{"access_token": "at", "token_type": "Bearer", "expires_in": 604800, "refresh_token": "rt", "scope": "identify openid"}"#.to_vec(),
    )
}

/// Polls once and expects a poll-interval wait; returns its instant.
fn expect_wait(login: &mut DeviceLogin, now: Now, limiter: &mut RateLimiter) -> Instant {
    match login.poll(now, limiter) {
        Step::Wait(wait) => {
            assert_eq!(wait.reason, WaitReason::PollInterval);
            assert_eq!(wait.operation, "device_token");
            wait.until
        }
        other => panic!("expected a wait, got {other:?}"),
    }
}

fn expect_send(login: &mut DeviceLogin, now: Now, limiter: &mut RateLimiter) {
    match login.poll(now, limiter) {
        Step::Send(transmit) => {
            assert_eq!(transmit.operation, "device_token");
            let body = String::from_utf8(transmit.request.body().as_bytes().to_vec()).unwrap();
            assert!(body.contains("device_code=dc-secret"), "{body}");
        }
        other => panic!("expected a send, got {other:?}"),
    }
}

#[test]
fn the_driver_waits_an_interval_keeps_it_while_pending_and_slows_down() {
    let client = public();
    let mut limiter = client.rate_limiter();
    let clock = Clock {
        start: Instant::now(),
    };
    let mut login = DeviceLogin::new(&client, &authorization(300, 5));

    assert_eq!(
        expect_wait(&mut login, clock.at(0), &mut limiter),
        clock.at(5).instant
    );
    // Polled early (a spurious wake-up): still waits for the same instant.
    assert_eq!(
        expect_wait(&mut login, clock.at(3), &mut limiter),
        clock.at(5).instant
    );
    expect_send(&mut login, clock.at(5), &mut limiter);
    login.handle_response(oauth_error("authorization_pending"), clock.at(5));
    assert_eq!(
        expect_wait(&mut login, clock.at(5), &mut limiter),
        clock.at(10).instant
    );
    assert_eq!(login.interval(), Duration::from_secs(5));

    expect_send(&mut login, clock.at(10), &mut limiter);
    login.handle_response(oauth_error("slow_down"), clock.at(10));
    assert_eq!(
        expect_wait(&mut login, clock.at(10), &mut limiter),
        clock.at(20).instant
    );
    assert_eq!(login.interval(), Duration::from_secs(10));

    expect_send(&mut login, clock.at(20), &mut limiter);
    login.handle_response(oauth_error("slow_down"), clock.at(20));
    assert_eq!(
        expect_wait(&mut login, clock.at(20), &mut limiter),
        clock.at(35).instant
    );

    expect_send(&mut login, clock.at(35), &mut limiter);
    login.handle_response(token(), clock.at(35));
    match login.poll(clock.at(35), &mut limiter) {
        Step::Done(Ok(token)) => {
            assert_eq!(token.bearer().secret(), "at");
            assert_eq!(token.expires_at, now() + TimeDelta::seconds(35 + 604800));
        }
        other => panic!("{other:?}"),
    }
    // Spent.
    assert!(matches!(
        login.poll(clock.at(36), &mut limiter),
        Step::Done(Err(Error::InvalidInput(_)))
    ));
}

#[test]
fn the_driver_ends_on_expiry_denial_and_other_errors() {
    let client = public();
    let mut limiter = client.rate_limiter();
    let clock = Clock {
        start: Instant::now(),
    };

    // Discord says the code expired.
    let mut login = DeviceLogin::new(&client, &authorization(300, 5));
    let _ = expect_wait(&mut login, clock.at(0), &mut limiter);
    expect_send(&mut login, clock.at(5), &mut limiter);
    login.handle_response(oauth_error("expired_token"), clock.at(5));
    assert!(matches!(
        login.poll(clock.at(5), &mut limiter),
        Step::Done(Err(Error::DeviceCodeExpired))
    ));

    // The user denied.
    let mut login = DeviceLogin::new(&client, &authorization(300, 5));
    let _ = expect_wait(&mut login, clock.at(0), &mut limiter);
    expect_send(&mut login, clock.at(5), &mut limiter);
    login.handle_response(oauth_error("access_denied"), clock.at(5));
    match login.poll(clock.at(5), &mut limiter) {
        Step::Done(Err(Error::OAuth2(e))) => assert_eq!(e.code, OAuth2ErrorCode::AccessDenied),
        other => panic!("{other:?}"),
    }

    // Past expires_at the code is never sent again, even when a poll was due.
    let mut login = DeviceLogin::new(&client, &authorization(12, 5));
    let _ = expect_wait(&mut login, clock.at(0), &mut limiter);
    expect_send(&mut login, clock.at(5), &mut limiter);
    login.handle_response(oauth_error("authorization_pending"), clock.at(5));
    assert_eq!(
        expect_wait(&mut login, clock.at(5), &mut limiter),
        clock.at(10).instant
    );
    expect_send(&mut login, clock.at(10), &mut limiter);
    login.handle_response(oauth_error("slow_down"), clock.at(10));
    assert_eq!(
        expect_wait(&mut login, clock.at(10), &mut limiter),
        clock.at(20).instant
    );
    assert!(matches!(
        login.poll(clock.at(20), &mut limiter),
        Step::Done(Err(Error::DeviceCodeExpired))
    ));

    // Any other error ends the login as it came.
    let mut login = DeviceLogin::new(&client, &authorization(300, 5));
    let _ = expect_wait(&mut login, clock.at(0), &mut limiter);
    expect_send(&mut login, clock.at(5), &mut limiter);
    login.handle_response(oauth_error("invalid_client"), clock.at(5));
    match login.poll(clock.at(5), &mut limiter) {
        Step::Done(Err(Error::OAuth2(e))) => assert_eq!(e.code, OAuth2ErrorCode::InvalidClient),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_zero_interval_is_raised_to_one_second() {
    let client = public();
    let mut limiter = client.rate_limiter();
    let clock = Clock {
        start: Instant::now(),
    };
    let mut login = DeviceLogin::new(&client, &authorization(300, 0));
    assert_eq!(login.interval(), Duration::from_secs(1));
    assert_eq!(
        expect_wait(&mut login, clock.at(0), &mut limiter),
        clock.at(1).instant
    );
}

#[test]
fn a_429_on_a_poll_is_waited_out_by_the_call() {
    let client = public();
    let mut limiter = client.rate_limiter();
    let clock = Clock {
        start: Instant::now(),
    };
    let mut login = DeviceLogin::new(&client, &authorization(300, 5));
    let _ = expect_wait(&mut login, clock.at(0), &mut limiter);
    expect_send(&mut login, clock.at(5), &mut limiter);
    let mut headers = HeaderMap::new();
    headers.insert("retry-after", "2".parse().unwrap());
    login.handle_response(
        Received::new(
            StatusCode::TOO_MANY_REQUESTS,
            headers,
            br#"{"message": "You are being rate limited.", "retry_after": 2, "global": false}"#
                .to_vec(),
        ),
        clock.at(5),
    );
    match login.poll(clock.at(5), &mut limiter) {
        Step::Wait(wait) => {
            assert!(matches!(
                wait.reason,
                WaitReason::RateLimited { global: false }
            ));
            assert_eq!(wait.until, clock.at(7).instant);
        }
        other => panic!("{other:?}"),
    }
    expect_send(&mut login, clock.at(7), &mut limiter);
    login.handle_response(token(), clock.at(7));
    assert!(matches!(
        login.poll(clock.at(7), &mut limiter),
        Step::Done(Ok(_))
    ));
}
