//! Which failed sends are tried again, and after how long.

use std::time::Duration;

use http::{Method, StatusCode};

use crate::api::oauth2::REVOKE_PATH;
use crate::route::Route;

/// The first server-error backoff; each next one doubles, up to [`MAX_BACKOFF`].
pub(crate) const FIRST_BACKOFF: Duration = Duration::from_millis(500);
/// The longest server-error backoff.
pub(crate) const MAX_BACKOFF: Duration = Duration::from_secs(8);

/// Whether Discord's answer says the server, not the request, failed:
/// 502, 503 or 504, which Discord asks clients to retry.
pub(crate) fn is_server_error(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::BAD_GATEWAY | StatusCode::SERVICE_UNAVAILABLE | StatusCode::GATEWAY_TIMEOUT
    )
}

/// Whether sending the request again cannot do harm when its first send may
/// have been carried out: GET, PUT and DELETE (idempotent by HTTP's rules)
/// and token revocation. Never the token grants: a code is used up by its
/// first exchange, and a refresh rotates the refresh token.
pub(crate) fn is_safe_to_repeat(route: &Route) -> bool {
    matches!(
        route.method,
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS
    ) || (route.method == Method::POST && route.template == REVOKE_PATH)
}

/// The wait before the `retry`-th server-error retry (from 0): 0.5 s, 1 s,
/// 2 s, … at most [`MAX_BACKOFF`].
pub(crate) fn server_error_backoff(retry: u32) -> Duration {
    FIRST_BACKOFF
        .checked_mul(1u32.checked_shl(retry).unwrap_or(u32::MAX))
        .map_or(MAX_BACKOFF, |wait| wait.min(MAX_BACKOFF))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_its_cap() {
        let waits: Vec<u64> = (0..7)
            .map(|n| server_error_backoff(n).as_millis() as u64)
            .collect();
        assert_eq!(waits, [500, 1000, 2000, 4000, 8000, 8000, 8000]);
        assert_eq!(server_error_backoff(u32::MAX), MAX_BACKOFF);
    }

    #[test]
    fn only_repeatable_requests_are_retried() {
        assert!(is_safe_to_repeat(&Route::new(Method::GET, "/users/@me")));
        assert!(is_safe_to_repeat(&Route::new(
            Method::PUT,
            "/guilds/{guild.id}/members/{user.id}"
        )));
        assert!(is_safe_to_repeat(&Route::new(Method::POST, REVOKE_PATH)));
        assert!(!is_safe_to_repeat(&Route::new(
            Method::POST,
            "/oauth2/token"
        )));
    }
}
