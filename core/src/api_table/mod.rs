//! The convenience API of both runtimes, written once.
//!
//! Hidden macros that a runtime invokes inside its own `impl` blocks, with a
//! blocking arm (`{} {}`) or an async one (`{async} {.await}`), in the manner
//! of redis-rs's `implement_commands!`. Adding an operation to both runtimes
//! means one line in `client.rs` or `session.rs` here (plus its operation
//! file in [`api`](crate::api)). The macros expect, at the call site: a
//! `Client` with `core()`, `run(op)` and `drive(driver)`, an `Error` with
//! `From<disco_oauth2::Error>`, and a `ClientBuilder` with a `core` field
//! holding the core's [`ClientBuilder`](crate::ClientBuilder).
//!
//! | file | what it writes into each runtime |
//! |---|---|
//! | `client.rs` | `Client`'s methods, one line per operation (`__api_fn!`) |
//! | `session.rs` | `UserSession` and its per-user calls |
//! | `oidc.rs` | device login, ID-token verification, OIDC and metadata calls |
//! | `builder.rs` | `ClientBuilder`'s forwarding of the core's settings |
//! | `error.rs` | the one `Error` enum and its methods |
//! | `drive.rs` | the call loop: poll, send or sleep, feed |
//! | `store.rs`, `redis.rs` | token stores, stored sessions, `RedisStore` |
//! | `doc_example.rs` | examples with or without `.await` |
//! | `reexports.rs` | the core's types at the runtime's root |

use std::time::Duration;

use crate::error::InvalidInput;

mod builder;
mod client;
mod doc_example;
mod drive;
mod error;
mod oidc;
mod redis;
mod reexports;
mod session;
mod store;

#[doc(hidden)]
pub use error::__Chain;
#[doc(hidden)]
pub use redis::__unavailable;
#[doc(hidden)]
pub use store::__log_session_events;

/// The longest timeout a runtime accepts: one day.
#[doc(hidden)]
pub const __MAX_TIMEOUT: Duration = Duration::from_secs(24 * 60 * 60);

/// Checks a runtime's timeout setting: not zero, at most one day (a longer
/// one would overflow the clock arithmetic of the HTTP clients).
#[doc(hidden)]
pub fn __check_timeout(field: &'static str, timeout: Duration) -> Result<Duration, InvalidInput> {
    if timeout.is_zero() {
        return Err(InvalidInput::new(field, "must be longer than zero"));
    }
    if timeout > __MAX_TIMEOUT {
        return Err(InvalidInput::new(field, "must be at most one day"));
    }
    Ok(timeout)
}

/// A request's URI as text, for an HTTP client that takes a URL string:
/// the parts joined, cheaper than `Uri`'s `Display` and the same text for
/// the absolute URIs the core builds.
#[doc(hidden)]
pub fn __uri_text(uri: &http::Uri) -> String {
    let scheme = uri.scheme_str().unwrap_or("https");
    let authority = uri.authority().map_or("", |a| a.as_str());
    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    let mut text = String::with_capacity(scheme.len() + 3 + authority.len() + path.len());
    text.push_str(scheme);
    text.push_str("://");
    text.push_str(authority);
    text.push_str(path);
    text
}

/// Whether `uri` is on `client`'s API base origin (its scheme and
/// authority, as the client writes them into every request to it): a
/// runtime may then build its own URL type from a copy of the base's,
/// parsed once, instead of parsing each request's in full.
#[doc(hidden)]
pub fn __on_api_origin(client: &crate::Client, uri: &http::Uri) -> bool {
    client.config().api_base.is_origin_of(uri)
}

/// Whether a response's `Content-Length` says its body is over `limit`
/// bytes (then it is refused unread).
#[doc(hidden)]
pub fn __declared_too_large(headers: &http::HeaderMap, limit: u64) -> bool {
    headers
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .is_some_and(|len| len > limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_text_is_the_uri() {
        for text in [
            "https://discord.com/api/v10/users/@me",
            "http://127.0.0.1:8080/api/v10/users/@me/guilds?limit=200&with_counts=true",
        ] {
            let uri: http::Uri = text.parse().unwrap();
            assert_eq!(__uri_text(&uri), text);
            assert_eq!(__uri_text(&uri), uri.to_string());
        }
    }

    #[test]
    fn requests_to_the_api_base_are_on_its_origin() {
        let client = crate::Client::builder(1)
            .api_base("http://127.0.0.1:8080/api/v10")
            .build()
            .unwrap();
        let own = client.current_user(&crate::BearerToken::new("t"));
        let (request, _) = crate::Operation::into_parts(own).unwrap();
        assert!(__on_api_origin(&client, request.uri()));
        for other in [
            "https://127.0.0.1:8080/api/v10/users/@me",
            "http://127.0.0.1:8081/api/v10/users/@me",
            "http://localhost:8080/api/v10/users/@me",
            "/api/v10/users/@me",
        ] {
            assert!(
                !__on_api_origin(&client, &other.parse().unwrap()),
                "{other}"
            );
        }
    }

    #[test]
    fn timeouts_are_bounded() {
        assert!(__check_timeout("timeout", Duration::ZERO).is_err());
        assert!(__check_timeout("timeout", Duration::MAX).is_err());
        assert!(__check_timeout("timeout", Duration::from_secs(u64::MAX)).is_err());
        assert_eq!(__check_timeout("timeout", __MAX_TIMEOUT), Ok(__MAX_TIMEOUT));
    }
}
