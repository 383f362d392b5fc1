//! Device-code login and public clients through the async runtime,
//! against the fake Discord over loopback. The polling decisions themselves
//! (intervals, `slow_down`, expiry) are tested in the core with a fake clock;
//! here the fake's interval is 1 s, so each test waits at most about 3 s.

#![allow(clippy::unwrap_used, missing_docs)]

#[macro_use]
#[path = "../../tests/tests/runtime_support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use disco_oauth2_async::authorize::PkceChallenge;
use disco_oauth2_async::disco_oauth2::Error as CoreError;
use disco_oauth2_async::{Client, Error, OAuth2ErrorCode, Scope};
use disco_oauth2_fake::{FakeDiscord, Fault, USER_ID};
use support::{device_fake, device_polls, public_fake};

fn public_client(fake: &FakeDiscord) -> Client {
    public_builder!(Client, fake).build().unwrap()
}

#[tokio::test]
async fn a_device_login_approved_after_a_pending_poll_gives_the_users_token() {
    let fake = device_fake(Duration::from_secs(300));
    let client = public_client(&fake);
    let login = client
        .start_device_login([Scope::Identify, Scope::OpenId])
        .await
        .unwrap();
    assert_eq!(
        login.verification_uri,
        format!("{}/activate", fake.origin())
    );
    assert_eq!(
        login.verification_uri_complete.as_deref(),
        Some(format!("{}/activate?user_code={}", fake.origin(), login.user_code).as_str())
    );
    assert_eq!(login.interval, Duration::from_secs(1));
    assert_eq!(login.expires_in, Duration::from_secs(300));
    // The start sent the client's id and no Authorization header.
    let start = fake.requests().pop().unwrap();
    assert_eq!(start.path, "/api/v10/oauth2/device/authorize");
    assert_eq!(start.header("authorization"), None);
    assert_eq!(
        start.form(),
        [
            ("scope".to_owned(), "identify openid".to_owned()),
            ("client_id".to_owned(), fake.client_id().to_string()),
        ]
    );

    // The user approves once the device has polled once (and heard "pending").
    let approve = async {
        let deadline = Instant::now() + Duration::from_secs(10);
        while device_polls(&fake) == 0 && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert!(fake.approve_device(&login.user_code));
    };
    let (token, ()) = tokio::join!(client.wait_for_device_login(&login), approve);
    let token = token.unwrap();
    assert_eq!(device_polls(&fake), 2, "one pending poll, then the token");
    assert_eq!(token.scopes.to_space_separated(), "identify openid");
    let user = client.fetch_user(token.bearer()).await.unwrap();
    assert_eq!(user.id.get(), USER_ID);
    // The polls carried the device code and the client's id, no secret.
    let poll = fake
        .requests()
        .into_iter()
        .rfind(|r| r.path == "/api/v10/oauth2/token")
        .unwrap();
    assert_eq!(poll.header("authorization"), None);
    let form = poll.form();
    assert!(form.iter().any(|(k, _)| k == "device_code"), "{form:?}");
    assert!(form.contains(&("client_id".to_owned(), fake.client_id().to_string())));
}

#[tokio::test]
async fn a_denied_device_login_is_access_denied() {
    let fake = device_fake(Duration::from_secs(300));
    let client = public_client(&fake);
    let login = client.start_device_login([Scope::Identify]).await.unwrap();
    assert!(fake.deny_device(&login.user_code));
    match client.wait_for_device_login(&login).await {
        Err(Error::Core(CoreError::OAuth2(e))) => {
            assert_eq!(e.code, OAuth2ErrorCode::AccessDenied);
        }
        other => panic!("expected access_denied, got {other:?}"),
    }
    assert_eq!(device_polls(&fake), 1);
}

#[tokio::test]
async fn an_expired_device_code_ends_the_wait_without_another_poll() {
    let fake = device_fake(Duration::from_secs(1));
    let client = public_client(&fake);
    let login = client.start_device_login([Scope::Identify]).await.unwrap();
    match client.wait_for_device_login(&login).await {
        Err(Error::Core(CoreError::DeviceCodeExpired)) => {}
        other => panic!("expected DeviceCodeExpired, got {other:?}"),
    }
    assert_eq!(
        device_polls(&fake),
        0,
        "a code past its expires_in is not sent"
    );
}

#[tokio::test]
async fn a_public_client_exchanges_and_refreshes_with_pkce_and_no_authorization_header() {
    let fake = public_fake();
    let client = public_client(&fake);
    let (challenge, verifier) = PkceChallenge::generate().unwrap();
    let code = fake.authorize_code(&["identify"], Some(challenge.as_str()));
    let token = client
        .exchange_code_with_pkce(code, verifier)
        .await
        .unwrap();
    let refreshed = client
        .refresh_token(token.refresh_token.as_ref().unwrap())
        .await
        .unwrap();
    assert_eq!(
        client
            .fetch_user(refreshed.bearer())
            .await
            .unwrap()
            .id
            .get(),
        USER_ID
    );
    let token_requests: Vec<_> = fake
        .requests()
        .into_iter()
        .filter(|r| r.path == "/api/v10/oauth2/token")
        .collect();
    assert_eq!(token_requests.len(), 2);
    for request in token_requests {
        assert_eq!(request.header("authorization"), None);
        let form = request.form();
        assert!(form.contains(&("client_id".to_owned(), fake.client_id().to_string())));
        assert!(!form.iter().any(|(k, _)| k == "client_secret"), "{form:?}");
    }
}

#[tokio::test]
async fn a_client_with_neither_secret_nor_public_setting_sends_no_token_request() {
    let fake = public_fake();
    let client = Client::builder(fake.application_id())
        .api_base(fake.api_base())
        .build()
        .unwrap();
    match client.start_device_login([Scope::Identify]).await {
        Err(Error::Core(CoreError::InvalidInput(e))) => assert_eq!(e.field, "client_secret"),
        other => panic!("expected InvalidInput, got {other:?}"),
    }
    assert!(fake.requests().is_empty());
    // A secret on a public client is refused when it is built.
    let both = Client::builder(fake.application_id())
        .client_secret(fake.client_secret())
        .public_client()
        .build();
    assert!(
        matches!(both, Err(Error::Core(CoreError::InvalidInput(_)))),
        "{both:?}"
    );
}

#[tokio::test]
async fn slow_down_lengthens_the_interval() {
    let fake = device_fake(Duration::from_secs(300));
    let client = public_client(&fake);
    let login = client.start_device_login([Scope::Identify]).await.unwrap();
    let slow_down = Fault::Status {
        status: 400,
        body: r#"{"error": "slow_down"}"#.to_owned(),
        content_type: "application/json".to_owned(),
    };
    fake.inject_at("/api/v10/oauth2/token", slow_down, 1);
    // The first poll comes after 1 s and hears slow_down: the next one is
    // due 6 s after it, so none comes within the next 1.5 s (at the old
    // interval one would). Then the wait is dropped.
    let waited = tokio::time::timeout(
        Duration::from_millis(2500),
        client.wait_for_device_login(&login),
    )
    .await;
    assert!(waited.is_err(), "{waited:?}");
    assert_eq!(device_polls(&fake), 1);
}

#[tokio::test]
async fn dropping_the_wait_stops_the_polls() {
    let fake = device_fake(Duration::from_secs(300));
    let client = public_client(&fake);
    let login = client.start_device_login([Scope::Identify]).await.unwrap();
    let waited = tokio::time::timeout(
        Duration::from_millis(1500),
        client.wait_for_device_login(&login),
    )
    .await;
    assert!(waited.is_err(), "{waited:?}");
    assert_eq!(device_polls(&fake), 1, "one pending poll before the drop");
    // The dropped wait's next poll would have come 1 s after the first.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        device_polls(&fake),
        1,
        "no poll after the future was dropped"
    );
    // The login is still pending at the fake: approving it now works.
    assert!(fake.approve_device(&login.user_code));
}

#[test]
fn the_wait_is_send() {
    fn send<T: Send>(_: T) {}
    let client = Client::builder(1u64).public_client().build().unwrap();
    let body = br#"{"device_code": "dc", "user_code": "ABCD", "verification_uri": "https://discord.com/activate", "expires_in": 300, "interval": 5}"#;
    let login = disco_oauth2_async::model::DeviceAuthorization::from_response_body(
        body,
        chrono::Utc::now(),
    )
    .unwrap();
    send(client.wait_for_device_login(&login));
    send(client.start_device_login([Scope::Identify]));
}
