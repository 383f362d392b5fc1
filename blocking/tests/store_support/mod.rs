//! Helpers of both runtimes' store tests (included with `#[path]`): a fake
//! that never paces its clients, tokens of the fake's that are due, request
//! counts.

#![allow(dead_code, clippy::unwrap_used)]

use chrono::Utc;
use disco_oauth2::AccessToken;
use disco_oauth2_fake::{FakeDiscord, RecordedRequest, Tokens};

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
