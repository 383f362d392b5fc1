//! Helpers of both runtimes' store tests (included with `#[path]`): a fake
//! that never paces its clients, one whose tokens really expire within
//! seconds, tokens of the fake's that are due, request counts.

#![allow(dead_code, clippy::unwrap_used)]

use std::time::Duration;

use chrono::Utc;
use disco_oauth2::AccessToken;
use disco_oauth2::token_store::RefreshPolicy;
use disco_oauth2_fake::{FakeDiscord, RecordedRequest, Tokens};

/// How long the expiring fake's tokens live.
pub const LIFETIME: Duration = Duration::from_secs(4);
/// The refresh margin that goes with it: a token is due two seconds after
/// it was issued, so its successor is due two seconds after the refresh.
pub const MARGIN: Duration = Duration::from_secs(2);
/// When a token issued at `issued` is due, by the session's reckoning.
pub fn due(issued: std::time::Instant) -> std::time::Instant {
    issued + (LIFETIME - MARGIN)
}
/// The pause between two calls of one caller.
pub const PAUSE: Duration = Duration::from_millis(100);

/// The application's key of the tests' user.
pub const KEY: &str = "user:80351110224678912";
/// The token endpoint: one request there is one refresh.
pub const TOKEN_PATH: &str = "/api/v10/oauth2/token";
/// The user endpoint the calls go to.
pub const USER_PATH: &str = "/api/v10/users/@me";

/// A fake whose bucket headers never make hundreds of calls pace themselves.
pub fn fake() -> FakeDiscord {
    FakeDiscord::builder().rate_limit(100_000).start()
}

/// The fake's tokens as a token that expires in `expires_in` seconds.
pub fn token(tokens: &Tokens, expires_in: u64, with_refresh: bool) -> AccessToken {
    let refresh = if with_refresh {
        format!(r#", "refresh_token": "{}""#, tokens.refresh_token)
    } else {
        String::new()
    };
    let body = format!(
        r#"{{"access_token": "{}", "token_type": "Bearer", "expires_in": {expires_in}, "scope": "identify guilds"{refresh}}}"#,
        tokens.access_token
    );
    AccessToken::from_response_body(body.as_bytes(), Utc::now()).unwrap()
}

/// A fake whose tokens live [`LIFETIME`], where a rotated refresh token
/// coming back revokes the grant (as RFC 9700 recommends).
pub fn expiring_fake() -> FakeDiscord {
    FakeDiscord::builder()
        .rate_limit(100_000)
        .token_lifetime(LIFETIME)
        .refresh_reuse_revokes_grant(true)
        .start()
}

/// The refresh policy that goes with [`expiring_fake`].
pub fn expiring_policy() -> RefreshPolicy {
    RefreshPolicy::default().margin(MARGIN)
}

/// A new grant of the expiring fake, as the token its endpoint just issued.
pub fn fresh_token(fake: &FakeDiscord) -> (Tokens, AccessToken) {
    let tokens = fake.grant(&["identify", "guilds"]);
    let token = token(&tokens, LIFETIME.as_secs(), true);
    (tokens, token)
}

/// Asserts what `calls` successful calls across one real expiry must
/// leave: one refresh (so no `invalid_grant`), the grant alive, and each
/// call sent once — or twice when it left with the old token just as the
/// refresh retired it (the fake refuses a refreshed grant's old access
/// tokens): the 401 made it send again with the new one.
pub fn assert_one_refresh(fake: &FakeDiscord, tokens: &Tokens, calls: usize) {
    let requests = fake.requests();
    assert_eq!(count(&requests, TOKEN_PATH), 1, "one refresh request");
    assert_eq!(fake.refresh_count(&tokens.access_token), 1);
    let refresh = requests.iter().position(|r| r.path == TOKEN_PATH).unwrap();
    let old = format!("Bearer {}", tokens.access_token);
    let late = requests[refresh..]
        .iter()
        .filter(|r| r.path == USER_PATH && r.header("authorization") == Some(old.as_str()))
        .count();
    let sent = count(&requests, USER_PATH);
    assert!(
        sent >= calls && sent - calls <= late,
        "{sent} requests for {calls} calls, {late} sent with the old token after the refresh"
    );
    let before = count(&requests[..refresh], USER_PATH);
    assert!(
        before > 0 && before < sent,
        "calls before and after the expiry"
    );
    assert!(fake.grant_alive(&tokens.access_token));
    assert!(!fake.grant_revoked_for_reuse(&tokens.access_token));
}

/// A new grant's token that is due: it expires in 30 s, within the default
/// 60 s margin.
pub fn due_token(fake: &FakeDiscord) -> AccessToken {
    token(&fake.grant(&["identify", "guilds"]), 30, true)
}

/// How many requests went to `path`.
pub fn count(requests: &[RecordedRequest], path: &str) -> usize {
    requests.iter().filter(|r| r.path == path).count()
}

/// A running `redis-server`, or `return` from the test (skipped).
#[macro_export]
macro_rules! redis_or_skip {
    ($name:literal) => {
        match disco_oauth2_fake::redis_server::RedisServer::start($name) {
            Some(server) => server,
            None => return,
        }
    };
}
