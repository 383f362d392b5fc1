//! Rate limits, server errors, bad bodies, timeouts, redirects, the body
//! cap and a user's own agent, against the fake Discord over loopback.

#![allow(clippy::unwrap_used, missing_docs)]

#[macro_use]
#[path = "../../tests/tests/runtime_support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use disco_oauth2_async::disco_oauth2::Error as CoreError;
use disco_oauth2_async::{BearerToken, Client, ClientBuilder, Error, ErrorKind};
use disco_oauth2_fake::{FakeDiscord, Fault, USER_ID};
use http::StatusCode;

fn builder(fake: &FakeDiscord) -> disco_oauth2_async::ClientBuilder {
    fake_builder!(Client, fake)
}

/// A fake, a client, and a live token with `identify` and `guilds`.
fn setup(
    configure: impl FnOnce(disco_oauth2_async::ClientBuilder) -> disco_oauth2_async::ClientBuilder,
) -> (FakeDiscord, Client, BearerToken) {
    fake_setup!(Client, configure)
}

#[tokio::test]
async fn rate_limited_past_the_retry_budget() {
    let (fake, client, token) = setup(|b| b.max_rate_limit_retries(2));
    fake.inject(Fault::rate_limited(0.01), 10);
    let err = client.fetch_user(&token).await.unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    assert!(err.is_retryable());
    assert_eq!(err.retry_after(), Some(Duration::from_millis(10)));
    assert_eq!(fake.requests().len(), 3, "one try and two retries");
}

#[tokio::test]
async fn long_retry_after_is_returned_at_once() {
    let (fake, client, token) = setup(|b| b.max_retry_wait(Duration::from_secs(1)));
    fake.inject(Fault::global_rate_limited(30.0), 1);
    let started = Instant::now();
    let err = client.fetch_user(&token).await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "it must not wait the 30 s"
    );
    let limited = err.rate_limited().unwrap();
    assert!(limited.global);
    assert_eq!(limited.retry_after, Duration::from_secs(30));
    assert!(!limited.predicted, "Discord sent this one");
    assert_eq!(fake.requests().len(), 1);

    // The limiter remembers the global block: the next call is not sent.
    let started = Instant::now();
    let err = client.fetch_user(&token).await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "it must not wait the 30 s"
    );
    assert!(err.rate_limited().unwrap().predicted, "{err}");
    assert!(
        err.to_string()
            .contains("predicted by the client; not sent"),
        "{err}"
    );
    assert!(
        err.retry_after().unwrap() > Duration::from_secs(29),
        "{err}"
    );
    assert_eq!(fake.requests().len(), 1, "nothing sent while blocked");
}

#[tokio::test]
async fn server_errors_are_retried_then_classified() {
    let (fake, client, token) = setup(|b| b);
    // A 502 on a GET is retried (after a short backoff), then succeeds.
    fake.inject(Fault::bad_gateway(), 1);
    client.fetch_user(&token).await.unwrap();
    assert_eq!(fake.requests().len(), 2);

    let (fake, client, token) = setup(|b| b.max_server_error_retries(0));
    fake.inject(Fault::bad_gateway(), 1);
    let err = client.fetch_user(&token).await.unwrap_err();
    assert!(
        matches!(err.core(), Some(CoreError::UnexpectedStatus { status, .. }) if *status == StatusCode::BAD_GATEWAY),
        "{err}"
    );
    assert_eq!(err.kind(), ErrorKind::ServerError);
    assert!(err.is_retryable());
    assert!(err.to_string().contains("502"), "{err}");

    // A 500 is not retried.
    fake.inject(Fault::internal_error(), 1);
    let err = client.fetch_user(&token).await.unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::INTERNAL_SERVER_ERROR));
    assert_eq!(fake.requests().len(), 2);
}

#[tokio::test]
async fn malformed_bodies_are_decode_errors() {
    let (fake, client, token) = setup(|b| b);
    for fault in [Fault::MalformedJson, Fault::WrongTypes, Fault::EmptyBody] {
        fake.inject(fault.clone(), 1);
        let err = client.fetch_user(&token).await.unwrap_err();
        assert!(
            matches!(err.core(), Some(CoreError::Decode(_))),
            "{fault:?}: {err}"
        );
        assert_eq!(err.status(), Some(StatusCode::OK));
    }
}

// Worker threads close the timed-out connection while the fake shuts down.
#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn a_stalled_server_times_out() {
    let (fake, client, token) = setup(|b| b.timeout(Duration::from_millis(200)));
    fake.inject(Fault::Delay(Duration::from_secs(10)), 1);
    let started = Instant::now();
    let err = client.fetch_user(&token).await.unwrap_err();
    let elapsed = started.elapsed();
    assert!(
        matches!(
            err,
            Error::Timeout {
                operation: "current_user",
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert!(err.is_retryable());
    assert!(
        elapsed >= Duration::from_millis(180) && elapsed < Duration::from_secs(5),
        "{elapsed:?}"
    );
}

#[tokio::test]
async fn redirects_are_not_followed() {
    let (fake, client, token) = setup(|b| b);
    fake.inject(
        Fault::Redirect(format!("{}/users/@me?redirected=1", fake.api_base())),
        1,
    );
    let err = client.fetch_user(&token).await.unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::FOUND), "{err}");
    assert_eq!(fake.requests().len(), 1);
}

/// A body sent in many chunks (no `Content-Length`) is read whole, in order;
/// the same chunks past the cap are refused.
#[tokio::test]
async fn a_chunked_body_is_read_whole() {
    let user = r#"{"id": "80351110224678912", "username": "Nelly", "discriminator": "1337", "avatar": null, "global_name": "Nelly \u00e9"}"#;
    let (fake, client, token) = setup(|b| b.max_body_size(user.len() as u64));
    fake.inject(Fault::chunked(user, 7), 1);
    let parsed = client.fetch_user(&token).await.unwrap();
    let got = (parsed.id.get(), parsed.username, parsed.global_name);
    assert_eq!(got, (USER_ID, "Nelly".into(), Some("Nelly é".into())));
    fake.inject(Fault::chunked(&format!("{user} "), 7), 1);
    let err = client.fetch_user(&token).await.unwrap_err();
    assert!(matches!(err, Error::BodyTooLarge { .. }), "{err:?}");
}

#[tokio::test]
async fn the_body_cap_is_enforced() {
    let (fake, client, token) = setup(|b| b.max_body_size(64 * 1024));
    fake.inject(Fault::Huge(8 * 1024 * 1024), 1);
    let err = client.fetch_user(&token).await.unwrap_err();
    assert!(
        matches!(err, Error::BodyTooLarge { limit: 65536, .. }),
        "{err:?}"
    );
    assert_eq!(err.kind(), ErrorKind::Other);
    assert!(!err.is_retryable());
    // The client still works afterwards.
    client.fetch_user(&token).await.unwrap();
    // Under the cap, a body is read whole.
    // A body whose Content-Length is already over the cap is refused unread.
    fake.inject(
        Fault::Status {
            status: 200,
            body: "x".repeat(128 * 1024),
            content_type: "application/json".to_owned(),
        },
        1,
    );
    let err = client.fetch_user(&token).await.unwrap_err();
    assert!(
        matches!(err, Error::BodyTooLarge { limit: 65536, .. }),
        "{err:?}"
    );
    fake.inject(Fault::Huge(1024), 1);
    let err = client.fetch_user(&token).await.unwrap_err();
    assert!(matches!(err.core(), Some(CoreError::Decode(_))), "{err:?}");
}

// Worker threads close the timed-out connection while the fake shuts down.
#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn a_users_own_http_client() {
    let fake = FakeDiscord::start();
    disco_oauth2_async::install_crypto_provider();
    // reqwest's defaults follow up to 10 redirects; the user chose so.
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let client = builder(&fake)
        .http_client(http.clone())
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let err = client
        .fetch_user(&BearerToken::new("dead"))
        .await
        .unwrap_err();
    assert!(
        matches!(err.core(), Some(CoreError::Unauthorized { .. })),
        "{err:?}"
    );
    let token = BearerToken::new(fake.grant(&["identify"]).access_token);
    client.fetch_user(&token).await.unwrap();
    // The timeout set on the builder applies per request.
    fake.inject(Fault::Delay(Duration::from_secs(2)), 1);
    let err = client.fetch_user(&token).await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");

    // A client that follows redirects has its redirected answers refused.
    let following = builder(&fake)
        .http_client(reqwest::Client::new())
        .build()
        .unwrap();
    fake.inject(
        Fault::Redirect(format!("{}/users/@me?redirected=1", fake.api_base())),
        1,
    );
    let err = following.fetch_user(&token).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Redirected {
                operation: "current_user"
            }
        ),
        "{err:?}"
    );
    assert!(!err.is_retryable());

    // Settings that belong on the HTTP client are refused with it.
    let refused = builder(&fake)
        .http_client(http.clone())
        .proxy("http://127.0.0.1:3128")
        .build();
    assert!(refused.unwrap_err().kind() == ErrorKind::InvalidInput);
    let refused = builder(&fake)
        .http_client(http)
        .connect_timeout(Duration::from_secs(1))
        .build();
    assert!(refused.unwrap_err().kind() == ErrorKind::InvalidInput);
}

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    // A port nothing listens on: bind, note it, close it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::builder(1234u64)
        .api_base(format!("http://127.0.0.1:{port}/api/v10"))
        .build()
        .unwrap();
    let err = client
        .fetch_user(&BearerToken::new("SECRET-TOKEN"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Transport {
                operation: "current_user",
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.kind(), ErrorKind::Transport);
    assert!(err.is_retryable());
    // The operation, then the transport's chain of causes, each said once.
    let text = err.to_string();
    assert!(
        text.starts_with("current_user: could not talk to Discord: "),
        "{text}"
    );
    assert_eq!(text.matches("Connection refused").count(), 1, "{text}");
    assert!(!format!("{err} {err:?}").contains("SECRET-TOKEN"));
}

#[tokio::test]
async fn proxy_settings() {
    let fake = FakeDiscord::start();
    // A bad proxy URL, and credentials that leak into no message.
    let err = builder(&fake)
        .proxy("::not a url::")
        .proxy_auth("u", "PASSWORD")
        .build()
        .unwrap_err();
    assert!(err.kind() == ErrorKind::InvalidInput);
    assert!(!format!("{err} {err:?}").contains("PASSWORD"));
    let err = builder(&fake).proxy_auth("u", "p").build().unwrap_err();
    assert!(err.kind() == ErrorKind::InvalidInput, "{err}");

    // The fake, standing in as an HTTP proxy: reqwest sends plain-HTTP
    // requests to it in absolute form, with the credentials.
    let client = builder(&fake)
        .proxy(fake.origin())
        .proxy_auth("proxy-user", "proxy-pass")
        .build()
        .unwrap();
    assert!(!format!("{client:?}").contains("proxy-pass"));
    let token = BearerToken::new(fake.grant(&["identify"]).access_token);
    let result = client.fetch_user(&token).await;
    let sent = fake.requests();
    let last = sent.last().expect("the request reached the proxy");
    // base64("proxy-user:proxy-pass")
    assert_eq!(
        last.header("proxy-authorization"),
        Some("Basic cHJveHktdXNlcjpwcm94eS1wYXNz"),
        "{last:?}"
    );
    assert_eq!(result.unwrap().id.get(), fake.user_id());
}

/// A global 429 (the body's precise wait) is retried once, then succeeds.
#[tokio::test]
async fn a_global_rate_limit_is_retried_once() {
    let (fake, client, token) = setup(|b| b);
    fake.inject(Fault::global_rate_limited(0.05), 1);
    client.fetch_user(&token).await.unwrap();
    assert_eq!(fake.requests().len(), 2);
}

/// Timeouts that would overflow the clock arithmetic, or a zero one, are
/// refused when the client is built, with a typed error; a day is fine.
#[tokio::test]
async fn out_of_range_timeouts_are_refused_at_build() {
    let fake = FakeDiscord::start();
    type Configure = fn(ClientBuilder) -> ClientBuilder;
    let refused: [(&str, Configure); 4] = [
        ("timeout", |b| b.timeout(Duration::MAX)),
        ("timeout", |b| b.timeout(Duration::from_secs(u64::MAX))),
        ("timeout", |b| b.timeout(Duration::ZERO)),
        ("connect_timeout", |b| b.connect_timeout(Duration::MAX)),
    ];
    for (field, configure) in refused {
        let err = configure(builder(&fake)).build().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
        assert!(err.to_string().contains(field), "{err}");
    }
    disco_oauth2_async::install_crypto_provider();
    let own = builder(&fake)
        .http_client(reqwest::Client::new())
        .timeout(Duration::MAX);
    assert_eq!(own.build().unwrap_err().kind(), ErrorKind::InvalidInput);
    // The longest accepted timeouts still make working calls.
    let day = Duration::from_secs(24 * 60 * 60);
    let client = builder(&fake)
        .timeout(day)
        .connect_timeout(day)
        .build()
        .unwrap();
    client.fetch_user(&support::bearer(&fake)).await.unwrap();
}

/// A user's own `reqwest::Client` with reqwest's default redirect policy:
/// reqwest follows the redirect before this crate sees the answer, so the
/// docs of `http_client` say so (# Security), and the answer is refused.
#[tokio::test]
async fn a_redirect_followed_by_a_default_reqwest_client_is_refused() {
    let fake = FakeDiscord::start();
    disco_oauth2_async::install_crypto_provider();
    let client = builder(&fake)
        .http_client(reqwest::Client::new())
        .build()
        .unwrap();
    let code = fake.authorize_code(support::ALL_SCOPES, None);
    fake.inject_at(
        "/api/v10/oauth2/token",
        Fault::Redirect(format!("{}/users/@me?redirected=1", fake.api_base())),
        1,
    );
    let err = client.exchange_code(code.as_str()).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Redirected {
                operation: "exchange_code"
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.kind(), ErrorKind::Transport);
    assert!(!format!("{err} {err:?}").contains(&code));

    // This crate's own client does not follow it: the 3xx is the answer.
    let ours = builder(&fake).build().unwrap();
    fake.clear_requests();
    fake.inject_at(
        "/api/v10/oauth2/token",
        Fault::Redirect(format!("{}/users/@me", fake.api_base())),
        1,
    );
    let err = ours.exchange_code(code.as_str()).await.unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::FOUND), "{err}");
    assert_eq!(fake.requests().len(), 1, "the target was never asked");
}
