//! Fault injection, request recording and lifecycle of the fake, over real loopback sockets.

// Tests state their expectations with unwrap; a panic is the failure report.
#![allow(clippy::unwrap_used)]

mod fake_support;

use std::time::{Duration, Instant};

use disco_oauth2_fake::{FakeDiscord, Fault, RateLimitScope};
use fake_support::*;
use serde_json::json;

fn me(fake: &FakeDiscord, token: &str) -> Resp {
    bearer_get(fake, "/users/@me", token)
}

#[test]
fn rate_limited_user_scope() {
    let fake = FakeDiscord::start();
    let token = fake.grant(&["identify"]).access_token;
    fake.inject(Fault::rate_limited(1.5), 1);
    let resp = me(&fake, &token);
    assert_eq!(resp.status, 429);
    assert_eq!(
        resp.json(),
        json!({"message": "You are being rate limited.", "retry_after": 1.5, "global": false})
    );
    assert_eq!(resp.header("retry-after"), Some("2"));
    assert_eq!(resp.header("x-ratelimit-scope"), Some("user"));
    assert_eq!(resp.header("x-ratelimit-remaining"), Some("0"));
    assert_eq!(resp.header("x-ratelimit-reset-after"), Some("1.500"));
    assert!(resp.header("x-ratelimit-bucket").is_some());
    assert_eq!(resp.header("x-ratelimit-global"), None);
    assert_eq!(resp.header("content-type"), Some("application/json"));
    assert_eq!(me(&fake, &token).status, 200);
}

#[test]
fn rate_limited_global_and_shared() {
    let fake = FakeDiscord::start();
    let token = fake.grant(&["identify"]).access_token;
    fake.inject(Fault::global_rate_limited(0.25), 1);
    fake.inject(
        Fault::RateLimited {
            retry_after: 3.0,
            global: false,
            scope: RateLimitScope::Shared,
        },
        1,
    );
    let global = me(&fake, &token);
    assert_eq!(global.status, 429);
    assert_eq!(global.json()["global"], true);
    assert_eq!(global.header("x-ratelimit-global"), Some("true"));
    assert_eq!(global.header("x-ratelimit-scope"), Some("global"));
    assert_eq!(global.header("retry-after"), Some("1"));
    let shared = me(&fake, &token);
    assert_eq!(shared.header("x-ratelimit-scope"), Some("shared"));
    assert_eq!(shared.header("retry-after"), Some("3"));
}

#[test]
fn retries_are_counted_in_recorded_requests() {
    let fake = FakeDiscord::start();
    let token = fake.grant(&["identify"]).access_token;
    fake.inject(Fault::rate_limited(0.01), 2);
    let statuses: Vec<u16> = (0..3).map(|_| me(&fake, &token).status).collect();
    assert_eq!(statuses, vec![429, 429, 200]);
    let reqs = fake.requests();
    assert_eq!(reqs.len(), 3);
    assert!(
        reqs.iter()
            .all(|r| r.method == "GET" && r.path == "/api/v10/users/@me")
    );
    assert_eq!(
        reqs[0].header("authorization"),
        Some(format!("Bearer {token}").as_str())
    );
    fake.clear_requests();
    assert!(fake.requests().is_empty());
}

#[test]
fn recorded_requests_keep_query_and_body() {
    let fake = FakeDiscord::start();
    let _ = login(&fake, "identify");
    let reqs = fake.requests();
    assert_eq!(reqs[0].path, "/oauth2/authorize");
    assert_eq!(reqs[0].query_param("scope").as_deref(), Some("identify"));
    let token_req = &reqs[1];
    assert_eq!(token_req.path, "/api/v10/oauth2/token");
    assert_eq!(
        token_req.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert!(
        token_req
            .form()
            .contains(&("grant_type".to_owned(), "authorization_code".to_owned()))
    );
}

#[test]
fn status_and_body_faults() {
    let fake = FakeDiscord::start();
    let token = fake.grant(&["identify"]).access_token;

    fake.inject(Fault::bad_gateway(), 1);
    let resp = me(&fake, &token);
    assert_eq!(resp.status, 502);
    assert!(
        resp.header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    assert!(resp.text().contains("Bad Gateway"));

    fake.inject(Fault::internal_error(), 1);
    let resp = me(&fake, &token);
    assert_eq!((resp.status, resp.json()["code"].clone()), (500, json!(0)));

    fake.inject(Fault::MalformedJson, 1);
    let resp = me(&fake, &token);
    assert_eq!(resp.status, 200);
    assert!(serde_json::from_slice::<serde_json::Value>(&resp.body).is_err());

    fake.inject(Fault::WrongTypes, 1);
    let resp = me(&fake, &token);
    assert!(resp.json()["id"].is_array());

    fake.inject(Fault::EmptyBody, 1);
    let resp = me(&fake, &token);
    assert_eq!((resp.status, resp.body.len()), (200, 0));

    fake.inject(
        Fault::Redirect("https://example.com/elsewhere".to_owned()),
        1,
    );
    let resp = me(&fake, &token);
    assert_eq!(resp.status, 302);
    assert_eq!(
        resp.header("location"),
        Some("https://example.com/elsewhere")
    );

    fake.inject(Fault::Huge(1_000_000), 1);
    let resp = me(&fake, &token);
    assert_eq!(resp.status, 200);
    assert_eq!(resp.body.len(), 1_000_000);
    assert_eq!(resp.header("content-length"), None);

    assert_eq!(me(&fake, &token).status, 200);
}

#[test]
fn faults_can_target_a_path_prefix() {
    let fake = FakeDiscord::start();
    let token = fake.grant(&["identify"]).access_token;
    fake.inject_at("/api/v10/oauth2/token", Fault::internal_error(), 1);
    assert_eq!(me(&fake, &token).status, 200);
    let resp = post_form(
        &fake,
        "/oauth2/token",
        &[("grant_type", "client_credentials"), ("scope", "identify")],
    );
    assert_eq!(resp.status, 500);

    fake.inject_at(
        "/oauth2/authorize",
        Fault::Status {
            status: 503,
            body: "down".into(),
            content_type: "text/plain".into(),
        },
        1,
    );
    let resp = get(&fake.authorize_url(), &[]);
    assert_eq!((resp.status, resp.text().as_str()), (503, "down"));

    fake.inject(Fault::internal_error(), 5);
    fake.clear_faults();
    assert_eq!(me(&fake, &token).status, 200);
}

#[test]
fn delay_does_not_block_other_requests() {
    let fake = FakeDiscord::start();
    let token = fake.grant(&["identify"]).access_token;
    fake.inject(Fault::Delay(Duration::from_millis(300)), 1);
    std::thread::scope(|s| {
        let slow = s.spawn(|| {
            let start = Instant::now();
            let resp = me(&fake, &token);
            (resp.status, start.elapsed())
        });
        // Requests are recorded before faults apply: once the slow one is in
        // the log, it holds the delay, and the next one must not wait for it.
        let deadline = Instant::now() + Duration::from_secs(10);
        while fake.requests().is_empty() {
            assert!(Instant::now() < deadline, "the slow request never arrived");
            std::thread::sleep(Duration::from_millis(5));
        }
        let start = Instant::now();
        assert_eq!(me(&fake, &token).status, 200);
        assert!(
            start.elapsed() < Duration::from_millis(200),
            "{:?}",
            start.elapsed()
        );
        let (status, took) = slow.join().unwrap();
        assert_eq!(status, 200);
        assert!(took >= Duration::from_millis(300), "{took:?}");
    });
}

#[test]
fn dropping_the_handle_stops_the_server() {
    let fake = FakeDiscord::start();
    let addr = fake.addr();
    // Leave a keep-alive connection open in an agent's pool.
    let agent = agent();
    let resp = agent
        .get(format!("{}/users/@me", fake.api_base()))
        .call()
        .unwrap();
    assert_eq!(resp.status(), 401);
    let start = Instant::now();
    drop(fake);
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
    assert!(std::net::TcpStream::connect(addr).is_err());
}

#[tokio::test]
async fn works_inside_a_tokio_runtime() {
    let fake = FakeDiscord::start();
    let url = format!("{}/users/@me", fake.api_base());
    let status = tokio::task::spawn_blocking(move || get(&url, &[]).status)
        .await
        .unwrap();
    assert_eq!(status, 401);
    drop(fake);
}

#[test]
fn many_fakes_run_side_by_side() {
    let a = FakeDiscord::start();
    let b = FakeDiscord::builder().client_id(1234).start();
    assert_ne!(a.addr(), b.addr());
    let tok = a.grant(&["identify"]).access_token;
    assert_eq!(me(&a, &tok).status, 200);
    assert_eq!(me(&b, &tok).status, 401);
}
