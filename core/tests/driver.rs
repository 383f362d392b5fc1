//! The call driver against a fake clock: every decision about time (rate
//! limits, retries, the deadline) is checked with constructed instants, no
//! sleeps and no sockets. In the manner of quinn-proto's test `Pair`, a
//! [`Harness`] plays the runtime: it polls, records what the driver asks,
//! and answers each send with a scripted response.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use disco_oauth2::driver::{Call, Driver, GuildWalk, Now, Received, Step, Transmit, WaitReason};
use disco_oauth2::{
    BearerToken, BotToken, Client, Error, GuildId, RateLimitHeaders, RateLimited, RateLimiter,
};
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};

const MS: fn(u64) -> Duration = Duration::from_millis;

const USER: &[u8] =
    br#"{"id":"80351110224678912","username":"nelly","discriminator":"0","avatar":null}"#;
const TOKEN: &[u8] = br#"{"access_token":"6qrZcUqja7812RVdnEKjpzOL4CvHBFG","token_type":"Bearer","expires_in":604800,"refresh_token":"D43f5y0ahjqew82jZ4NViEr2YafMKhue","scope":"identify"}"#;
const APPLICATION: &[u8] = br#"{"id":"172150183260323840","name":"Baba O-Riley","icon":null,"description":"","bot_public":true,"bot_require_code_grant":false,"verify_key":"abc","flags":0}"#;

/// The runtime's side: a client, its limiter, and a clock that moves only
/// when told.
struct Harness {
    client: Client,
    limiter: RateLimiter,
    t0: Instant,
    at: Duration,
    utc: DateTime<Utc>,
}

impl Harness {
    fn new(client: Client) -> Self {
        let limiter = client.rate_limiter();
        Self {
            client,
            limiter,
            t0: Instant::now(),
            at: Duration::ZERO,
            utc: "2026-11-24T12:00:00Z".parse().expect("a date"),
        }
    }

    fn default() -> Self {
        Self::new(client(|b| b))
    }

    fn now(&self) -> Now {
        Now::new(self.t0 + self.at, self.utc)
    }

    /// Moves the clock to `at` after the start.
    fn advance_to(&mut self, at: Duration) {
        self.at = at;
    }

    fn poll<D: Driver>(&mut self, driver: &mut D) -> Step<D::Output> {
        let now = self.now();
        driver.poll(now, &mut self.limiter)
    }

    fn respond<D: Driver>(&mut self, driver: &mut D, response: Received) {
        let now = self.now();
        driver.handle_response(response, now);
    }

    /// Polls, expecting a send; answers it with `response`.
    fn send<D: Driver>(&mut self, driver: &mut D, response: Received) -> Transmit
    where
        D::Output: std::fmt::Debug,
    {
        let transmit = self.expect_send(driver);
        self.respond(driver, response);
        transmit
    }

    fn expect_send<D: Driver>(&mut self, driver: &mut D) -> Transmit
    where
        D::Output: std::fmt::Debug,
    {
        match self.poll(driver) {
            Step::Send(transmit) => transmit,
            other => panic!("expected a send, got {other:?}"),
        }
    }

    /// Polls, expecting a wait; answers the instant and the reason.
    fn expect_wait<D: Driver>(&mut self, driver: &mut D) -> (Duration, WaitReason)
    where
        D::Output: std::fmt::Debug,
    {
        match self.poll(driver) {
            Step::Wait(wait) => (wait.until - self.t0, wait.reason),
            other => panic!("expected a wait, got {other:?}"),
        }
    }

    fn expect_done<D: Driver>(&mut self, driver: &mut D) -> disco_oauth2::Result<D::Output>
    where
        D::Output: std::fmt::Debug,
    {
        match self.poll(driver) {
            Step::Done(result) => result,
            other => panic!("expected done, got {other:?}"),
        }
    }
}

fn client(
    configure: impl FnOnce(disco_oauth2::ClientBuilder) -> disco_oauth2::ClientBuilder,
) -> Client {
    configure(
        Client::builder(157730590492196864)
            .client_secret("s3cr3t")
            .redirect_uri("https://nicememe.website/callback"),
    )
    .build()
    .expect("a valid client")
}

fn bearer() -> BearerToken {
    BearerToken::new("6qrZcUqja7812RVdnEKjpzOL4CvHBFG")
}

fn response(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Received {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        map.append(
            HeaderName::from_bytes(name.as_bytes()).expect("a header name"),
            HeaderValue::from_str(value).expect("a header value"),
        );
    }
    Received::new(
        StatusCode::from_u16(status).expect("a status"),
        map,
        body.to_vec(),
    )
}

fn ok(body: &[u8]) -> Received {
    response(200, &[], body)
}

fn too_many(retry_after: &str, global: bool) -> Received {
    let body = format!(
        r#"{{"message":"You are being rate limited.","retry_after":{retry_after},"global":{global}}}"#
    );
    response(429, &[("retry-after", "1")], body.as_bytes())
}

fn limited(retry_after: Duration, global: bool) -> Error {
    Error::RateLimited(RateLimited {
        retry_after,
        global,
        scope: None,
        bucket: None,
        message: Some("You are being rate limited.".into()),
        code: None,
        predicted: false,
    })
}

#[test]
fn a_429_is_retried_after_its_exact_wait() {
    let mut h = Harness::default();
    let mut call = Call::new(&h.client, h.client.current_user(&bearer()));
    let first = h.send(&mut call, too_many("0.25", false));
    assert_eq!(first.attempt, 1);
    assert_eq!(first.operation, "current_user");
    assert_eq!(first.timeout, None);
    assert_eq!(first.max_body_size, disco_oauth2::DEFAULT_MAX_BODY_SIZE);
    assert_eq!(
        h.expect_wait(&mut call),
        (MS(250), WaitReason::RateLimited { global: false })
    );
    // Polling early asks for the same wait again.
    h.advance_to(MS(100));
    assert_eq!(
        h.expect_wait(&mut call),
        (MS(250), WaitReason::RateLimited { global: false })
    );
    h.advance_to(MS(250));
    let second = h.send(&mut call, ok(USER));
    assert_eq!(second.attempt, 2);
    assert_eq!(
        h.expect_done(&mut call).expect("the user").username,
        "nelly"
    );
}

/// What a send put on the wire: method, URI, headers (with their
/// sensitive flag) and body.
type Wire = (String, String, Vec<(String, Vec<u8>, bool)>, Vec<u8>);

fn wire(transmit: &Transmit) -> Wire {
    let request = &transmit.request;
    let headers = request
        .headers()
        .iter()
        .map(|(name, value)| {
            (
                name.to_string(),
                value.as_bytes().to_vec(),
                value.is_sensitive(),
            )
        })
        .collect();
    (
        request.method().to_string(),
        request.uri().to_string(),
        headers,
        request.body().as_bytes().to_vec(),
    )
}

#[test]
fn a_repeat_after_a_429_sends_the_same_request_again() {
    let mut h = Harness::default();
    let verifier = disco_oauth2::PkceVerifier::new("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        .expect("a verifier");
    let op = h.client.exchange_code("code-123").pkce_verifier(verifier);
    let mut call = Call::new(&h.client, op);
    let first = h.send(&mut call, too_many("0.25", false));
    h.advance_to(MS(250));
    let second = h.send(&mut call, ok(TOKEN));
    assert_eq!(wire(&second), wire(&first));
    assert_eq!(
        first.request.body().as_bytes(),
        b"grant_type=authorization_code&code=code-123&redirect_uri=https%3A%2F%2Fnicememe.website%2Fcallback&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    );
    assert!(second.request.headers()["authorization"].is_sensitive());
    assert_eq!((first.attempt, second.attempt), (1, 2));
    assert_eq!(
        h.expect_done(&mut call)
            .expect("a token")
            .access_token
            .secret(),
        "6qrZcUqja7812RVdnEKjpzOL4CvHBFG"
    );
}

#[test]
fn the_429_budget_runs_out_with_the_last_429() {
    let mut h = Harness::new(client(|b| b.max_rate_limit_retries(2)));
    let mut call = Call::new(&h.client, h.client.current_user(&bearer()));
    for attempt in 1..=3u32 {
        let transmit = h.send(&mut call, too_many("0.5", false));
        assert_eq!(transmit.attempt, attempt);
        if attempt < 3 {
            let (until, _) = h.expect_wait(&mut call);
            h.advance_to(until);
        }
    }
    assert_eq!(
        h.expect_done(&mut call).unwrap_err(),
        limited(MS(500), false)
    );
    assert_eq!(call.attempts(), 3);
}

#[test]
fn a_wait_longer_than_max_retry_wait_is_given_up_at_once() {
    let mut h = Harness::new(client(|b| b.max_retry_wait(Duration::from_secs(10))));
    let mut call = Call::new(&h.client, h.client.current_user(&bearer()));
    h.send(&mut call, too_many("120", false));
    assert_eq!(
        h.expect_done(&mut call).unwrap_err(),
        limited(Duration::from_secs(120), false)
    );
    // The limiter remembers: the next call on the route is refused unsent.
    let mut next = Call::new(&h.client, h.client.current_user(&bearer()));
    let Error::RateLimited(refused) = h.expect_done(&mut next).unwrap_err() else {
        panic!("a rate-limit error");
    };
    assert!(refused.predicted);
    assert_eq!(refused.retry_after, Duration::from_secs(120));
    assert_eq!(next.attempts(), 0);
}

#[test]
fn hostile_waits_follow_one_rule_from_header_or_body() {
    let cap = RateLimitHeaders::MAX_DURATION;
    let header = response(429, &[("retry-after", "999999999999")], b"");
    let body = response(
        429,
        &[],
        br#"{"message":"slow down","retry_after":1e12,"global":false}"#,
    );
    for answer in [header, body] {
        let mut h = Harness::default();
        let mut call = Call::new(&h.client, h.client.current_user(&bearer()));
        h.send(&mut call, answer);
        let Error::RateLimited(error) = h.expect_done(&mut call).unwrap_err() else {
            panic!("a rate-limit error");
        };
        assert_eq!(error.retry_after, cap);
        assert_eq!(call.attempts(), 1, "given up at once, not retried");
    }
    // Negative, NaN, missing or HTML: one bounded fallback of a second.
    for answer in [
        response(429, &[("retry-after", "-5")], br#"{"retry_after":-5}"#),
        response(429, &[("retry-after", "NaN")], b""),
        response(429, &[], b""),
        response(
            429,
            &[("content-type", "text/html")],
            b"<html>429 Too Many Requests</html>",
        ),
    ] {
        let mut h = Harness::default();
        let mut call = Call::new(&h.client, h.client.current_user(&bearer()));
        h.send(&mut call, answer);
        assert_eq!(
            h.expect_wait(&mut call),
            (
                Duration::from_secs(1),
                WaitReason::RateLimited { global: false }
            )
        );
    }
}

#[test]
fn a_global_429_holds_that_user_only() {
    let mut h = Harness::default();
    let mut call = Call::new(&h.client, h.client.current_user(&bearer()));
    h.send(&mut call, too_many("2", true));
    assert_eq!(
        h.expect_wait(&mut call),
        (
            Duration::from_secs(2),
            WaitReason::RateLimited { global: true }
        )
    );
    // The same user's other routes wait for it too; another user does not.
    let mut same = Call::new(&h.client, h.client.current_user_connections(&bearer()));
    assert_eq!(
        h.expect_wait(&mut same),
        (Duration::from_secs(2), WaitReason::Limiter)
    );
    let mut other = Call::new(&h.client, h.client.current_user(&BearerToken::new("other")));
    h.expect_send(&mut other);
    h.advance_to(Duration::from_secs(2));
    h.send(&mut call, ok(USER));
    assert!(h.expect_done(&mut call).is_ok());
}

#[test]
fn a_502_is_retried_with_backoff_for_a_get() {
    let mut h = Harness::default();
    let mut call = Call::new(&h.client, h.client.current_user(&bearer()));
    h.send(&mut call, response(502, &[], b"Bad Gateway"));
    let bad_gateway = WaitReason::ServerError {
        status: StatusCode::BAD_GATEWAY,
    };
    assert_eq!(h.expect_wait(&mut call), (MS(500), bad_gateway));
    h.advance_to(MS(500));
    h.send(&mut call, response(503, &[], b""));
    assert_eq!(
        h.expect_wait(&mut call),
        (
            MS(1500),
            WaitReason::ServerError {
                status: StatusCode::SERVICE_UNAVAILABLE
            }
        )
    );
    h.advance_to(MS(1500));
    // Out of retries (2 by default): the last 5xx is the result.
    h.send(&mut call, response(504, &[], b"upstream timed out"));
    let error = h.expect_done(&mut call).unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::GATEWAY_TIMEOUT));
    assert!(matches!(
        error,
        Error::UnexpectedStatus {
            operation: "current_user",
            ..
        }
    ));
    assert_eq!(call.attempts(), 3);
}

#[test]
fn a_502_is_not_retried_for_a_code_exchange_or_refresh() {
    let mut h = Harness::default();
    let mut call = Call::new(
        &h.client,
        h.client.exchange_code("NhhvTDYsFcdgNLnnLijcl7Ku7bEEeee"),
    );
    h.send(&mut call, response(502, &[], b"Bad Gateway"));
    let error = h.expect_done(&mut call).unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::BAD_GATEWAY));
    assert_eq!(call.attempts(), 1);

    let refresh = disco_oauth2::RefreshToken::new("D43f5y0ahjqew82jZ4NViEr2YafMKhue");
    let mut call = Call::new(&h.client, h.client.refresh_token(&refresh));
    h.send(&mut call, response(503, &[], b""));
    assert_eq!(
        h.expect_done(&mut call).unwrap_err().status(),
        Some(StatusCode::SERVICE_UNAVAILABLE)
    );

    // Revocation is safe to repeat.
    let mut call = Call::new(&h.client, h.client.revoke_access_token(&bearer()));
    h.send(&mut call, response(502, &[], b""));
    assert!(matches!(h.poll(&mut call), Step::Wait(_)));
}

#[test]
fn an_exhausted_bucket_makes_the_next_call_wait_its_reset_after() {
    let mut h = Harness::default();
    let mut call = Call::new(&h.client, h.client.current_user(&bearer()));
    let exhausted = [
        ("x-ratelimit-bucket", "abcd1234"),
        ("x-ratelimit-limit", "5"),
        ("x-ratelimit-remaining", "0"),
        ("x-ratelimit-reset-after", "2.5"),
    ];
    h.send(&mut call, response(200, &exhausted, USER));
    assert!(h.expect_done(&mut call).is_ok());

    let mut next = Call::new(&h.client, h.client.current_user(&bearer()));
    assert_eq!(h.expect_wait(&mut next), (MS(2500), WaitReason::Limiter));
    h.advance_to(MS(2500));
    assert_eq!(h.send(&mut next, ok(USER)).attempt, 1);
    assert!(h.expect_done(&mut next).is_ok());
}

#[test]
fn the_deadline_ends_a_call_instead_of_a_wait_past_it() {
    let mut h = Harness::new(client(|b| b.call_timeout(Duration::from_secs(5))));
    let mut call = Call::new(&h.client, h.client.current_user(&bearer()));
    let transmit = h.send(
        &mut call,
        response(
            200,
            &[
                ("x-ratelimit-bucket", "b"),
                ("x-ratelimit-remaining", "0"),
                ("x-ratelimit-reset-after", "30"),
            ],
            USER,
        ),
    );
    assert_eq!(transmit.timeout, Some(Duration::from_secs(5)));
    assert!(h.expect_done(&mut call).is_ok());

    // The limiter would hold the next call 30 s, past its 5 s: nothing sent.
    h.advance_to(Duration::from_secs(1));
    let mut next = Call::new(&h.client, h.client.current_user(&bearer()));
    assert_eq!(
        h.expect_done(&mut next).unwrap_err(),
        Error::DeadlineExceeded {
            operation: "current_user",
            waited: Duration::ZERO,
            timeout: Duration::from_secs(5),
        }
    );
    assert_eq!(next.attempts(), 0);
}

#[test]
fn the_deadline_covers_retries_and_shrinks_each_send_timeout() {
    let mut h = Harness::new(client(|b| b.call_timeout(Duration::from_secs(3))));
    let mut call = Call::new(&h.client, h.client.current_user(&bearer()));
    h.send(&mut call, too_many("1", false));
    h.advance_to(Duration::from_secs(1));
    let second = h.send(&mut call, too_many("2.5", false));
    assert_eq!(second.timeout, Some(Duration::from_secs(2)));
    // A 2.5 s wait from t = 1 s ends past the 3 s deadline.
    assert_eq!(
        h.expect_done(&mut call).unwrap_err(),
        Error::DeadlineExceeded {
            operation: "current_user",
            waited: Duration::from_secs(1),
            timeout: Duration::from_secs(3),
        }
    );
}

#[test]
fn token_requests_are_not_paced_by_the_global_window() {
    let mut h = Harness::default();
    for _ in 0..1000 {
        let mut call = Call::new(
            &h.client,
            h.client.exchange_code("NhhvTDYsFcdgNLnnLijcl7Ku7bEEeee"),
        );
        h.send(&mut call, ok(TOKEN));
        assert!(h.expect_done(&mut call).is_ok());
    }
}

#[test]
fn a_thousand_code_exchanges_in_one_instant_are_all_sent() {
    let mut h = Harness::default();
    let mut calls: Vec<_> = (0..1000)
        .map(|_| {
            Call::new(
                &h.client,
                h.client.exchange_code("NhhvTDYsFcdgNLnnLijcl7Ku7bEEeee"),
            )
        })
        .collect();
    for call in &mut calls {
        assert_eq!(h.expect_send(call).attempt, 1);
    }
}

#[test]
fn bot_requests_are_paced_at_the_configured_window() {
    let mut h = Harness::new(client(|b| b.global_rate_limit(Some(5))));
    let bot = BotToken::new("bot-token");
    for i in 0..5u64 {
        h.advance_to(MS(i * 100));
        let mut call = Call::new(&h.client, h.client.current_application(&bot));
        h.send(&mut call, ok(APPLICATION));
        assert!(h.expect_done(&mut call).is_ok());
    }
    let mut sixth = Call::new(&h.client, h.client.current_application(&bot));
    assert_eq!(
        h.expect_wait(&mut sixth),
        (Duration::from_secs(1), WaitReason::Limiter)
    );
    h.advance_to(Duration::from_secs(1));
    h.send(&mut sixth, ok(APPLICATION));
    assert!(h.expect_done(&mut sixth).is_ok());
    // The window paces bot requests only.
    for _ in 0..20 {
        let mut call = Call::new(&h.client, h.client.current_user(&bearer()));
        h.send(&mut call, ok(USER));
        assert!(h.expect_done(&mut call).is_ok());
    }
}

#[test]
fn the_window_can_be_turned_off() {
    let mut h = Harness::new(client(|b| b.global_rate_limit(None)));
    let bot = BotToken::new("bot-token");
    for _ in 0..1000 {
        let mut call = Call::new(&h.client, h.client.current_application(&bot));
        h.send(&mut call, ok(APPLICATION));
        assert!(h.expect_done(&mut call).is_ok());
    }
}

fn guild_page(first_id: u64, count: u64) -> Vec<u8> {
    let guilds: Vec<String> = (first_id..first_id + count)
        .map(|id| format!(r#"{{"id":"{id}","name":"guild {id}","icon":null,"owner":false,"permissions":"0","features":[]}}"#))
        .collect();
    format!("[{}]", guilds.join(",")).into_bytes()
}

#[test]
fn a_walk_reads_every_page() {
    let mut h = Harness::default();
    let mut walk = GuildWalk::new(&h.client, &bearer()).max_guilds(1000);
    let mut queries = Vec::new();
    for (first, count) in [(1, 200), (201, 200), (401, 50)] {
        let transmit = h.send(&mut walk, ok(&guild_page(first, count)));
        queries.push(
            transmit
                .request
                .uri()
                .query()
                .unwrap_or_default()
                .to_owned(),
        );
    }
    let guilds = h.expect_done(&mut walk).expect("every guild");
    assert_eq!(guilds.len(), 450);
    assert_eq!(guilds[0].id, GuildId::new(1));
    assert_eq!(guilds[449].id, GuildId::new(450));
    assert_eq!(
        queries,
        ["limit=200", "after=200&limit=200", "after=400&limit=200"]
    );
    assert!(matches!(
        h.poll(&mut walk),
        Step::Done(Err(Error::DriverFinished { .. }))
    ));
}

#[test]
fn an_endless_walk_is_stopped() {
    // Full pages of rising ids, forever: stopped past Discord's 200 guilds.
    let mut h = Harness::default();
    let mut walk = GuildWalk::new(&h.client, &bearer());
    h.send(&mut walk, ok(&guild_page(1, 200)));
    h.send(&mut walk, ok(&guild_page(201, 200)));
    let Error::WalkTooLong { pages, items, .. } = h.expect_done(&mut walk).unwrap_err() else {
        panic!("a walk error");
    };
    assert_eq!((pages, items), (2, 400));

    // The bound can be set, and holds for smaller pages.
    let mut walk = GuildWalk::new(&h.client, &bearer())
        .page_size(100)
        .max_guilds(150);
    h.send(&mut walk, ok(&guild_page(1, 100)));
    h.send(&mut walk, ok(&guild_page(101, 100)));
    let Error::WalkTooLong { pages, items, .. } = h.expect_done(&mut walk).unwrap_err() else {
        panic!("a walk error");
    };
    assert_eq!((pages, items), (2, 200));

    // A full page that does not move forward.
    let mut walk = GuildWalk::new(&h.client, &bearer()).page_size(2);
    h.send(&mut walk, ok(&guild_page(10, 2)));
    h.send(&mut walk, ok(&guild_page(5, 2)));
    let Error::WalkTooLong { pages, reason, .. } = h.expect_done(&mut walk).unwrap_err() else {
        panic!("a walk error");
    };
    assert_eq!(pages, 2);
    assert!(reason.contains("do not rise"), "{reason}");
}

#[test]
fn misuse_never_panics() {
    let mut h = Harness::default();
    let mut call = Call::new(&h.client, h.client.current_user(&bearer()));
    // A response with no request out is ignored.
    h.respond(&mut call, ok(USER));
    h.send(&mut call, ok(USER));
    // A second response to the same send is ignored too.
    h.respond(&mut call, response(500, &[], b""));
    assert!(h.expect_done(&mut call).is_ok());
    assert_eq!(
        h.expect_done(&mut call).unwrap_err(),
        Error::DriverFinished {
            operation: "current_user"
        }
    );
    assert_eq!(
        h.expect_done(&mut call).unwrap_err(),
        Error::DriverFinished {
            operation: "current_user"
        }
    );

    // Polled again while its request is out: the call cannot go on.
    let mut call = Call::new(&h.client, h.client.current_user(&bearer()));
    h.expect_send(&mut call);
    assert_eq!(
        h.expect_done(&mut call).unwrap_err(),
        Error::ResponseMissing {
            operation: "current_user"
        }
    );
}

#[test]
fn a_build_error_is_the_first_poll_and_nothing_is_sent() {
    let mut h = Harness::default();
    let mut call = Call::new(&h.client, h.client.exchange_code(""));
    let Error::InvalidInput(error) = h.expect_done(&mut call).unwrap_err() else {
        panic!("an input error");
    };
    assert_eq!(error.field, "code");
    assert_eq!(call.attempts(), 0);
    assert!(matches!(
        h.poll(&mut call),
        Step::Done(Err(Error::DriverFinished { .. }))
    ));
}

#[test]
fn time_never_goes_wrong_with_an_earlier_now() {
    let mut h = Harness::default();
    h.advance_to(Duration::from_secs(10));
    let mut call = Call::new(&h.client, h.client.current_user(&bearer()));
    h.send(&mut call, too_many("1", false));
    // A clock read on another thread may be earlier.
    h.advance_to(Duration::from_secs(5));
    assert_eq!(
        h.expect_wait(&mut call),
        (
            Duration::from_secs(11),
            WaitReason::RateLimited { global: false }
        )
    );
}

#[test]
fn a_backoff_longer_than_max_retry_wait_is_not_taken() {
    let mut h = Harness::new(client(|b| b.max_retry_wait(Duration::ZERO)));
    let mut call = Call::new(&h.client, h.client.current_user(&bearer()));
    h.send(&mut call, response(502, &[], b""));
    assert_eq!(
        h.expect_done(&mut call).unwrap_err().status(),
        Some(StatusCode::BAD_GATEWAY)
    );
    assert_eq!(call.attempts(), 1);
}

#[test]
fn the_policy_is_checked_at_build() {
    let zero = Client::builder(1).max_body_size(0).build().unwrap_err();
    assert!(
        matches!(zero, Error::InvalidInput(ref e) if e.field == "max_body_size"),
        "{zero}"
    );
    let zero = Client::builder(1)
        .global_rate_limit(Some(0))
        .build()
        .unwrap_err();
    assert!(
        matches!(zero, Error::InvalidInput(ref e) if e.field == "global_rate_limit"),
        "{zero}"
    );
    let policy = client(|b| {
        b.max_rate_limit_retries(1)
            .max_retry_wait(Duration::from_secs(5))
            .max_server_error_retries(0)
            .call_timeout(Duration::from_secs(9))
            .max_body_size(1024)
    })
    .policy();
    assert_eq!(
        (
            policy.max_body_size,
            policy.max_rate_limit_retries,
            policy.max_retry_wait,
            policy.max_server_error_retries,
            policy.call_timeout,
            policy.global_rate_limit,
        ),
        (
            1024,
            1,
            Duration::from_secs(5),
            0,
            Some(Duration::from_secs(9)),
            Some(50)
        )
    );
}
