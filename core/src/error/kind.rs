//! [`ErrorKind`]: what went wrong, in the few classes an application acts on.

use http::StatusCode;

use super::{Error, OAuth2ErrorCode};

/// What went wrong, without reading status codes: the class an application
/// matches on to decide what to do (log in again, ask for a scope, wait,
/// retry later, fix its input).
///
/// Every error of the core and of both runtimes has one
/// ([`Error::kind`]; the runtimes' errors have a `kind()` too). Mapping it to
/// an HTTP answer in an axum handler:
///
/// ```ignore
/// use axum::http::StatusCode;
/// use disco_oauth2::error::ErrorKind;
///
/// fn status_for(error: &disco_oauth2_async::Error) -> StatusCode {
///     match error.kind() {
///         ErrorKind::Unauthorized | ErrorKind::InvalidGrant => StatusCode::UNAUTHORIZED, // log in again
///         ErrorKind::Forbidden => StatusCode::FORBIDDEN,
///         ErrorKind::NotFound => StatusCode::NOT_FOUND,
///         ErrorKind::RateLimited => StatusCode::TOO_MANY_REQUESTS, // see error.retry_after()
///         ErrorKind::InvalidInput => StatusCode::BAD_REQUEST,
///         ErrorKind::Timeout => StatusCode::GATEWAY_TIMEOUT,
///         _ => StatusCode::BAD_GATEWAY, // Discord failing, transport, misconfiguration
///     }
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The access or bot token is dead (401): refresh it or authorize again.
    Unauthorized,
    /// The token lacks a scope or access (403).
    Forbidden,
    /// The user, guild or member does not exist, or is not visible (404).
    NotFound,
    /// Rate limited (429); the error's `retry_after()` says for how long.
    RateLimited,
    /// Discord is failing (5xx).
    ServerError,
    /// The code, refresh token or grant is invalid, expired or already used
    /// (`invalid_grant`): the user has to authorize again.
    InvalidGrant,
    /// The client id or secret is wrong (`invalid_client`).
    InvalidClient,
    /// The caller passed something refused before any request was made
    /// (a bad argument or setting).
    InvalidInput,
    /// No response: the connection failed, broke, or was refused.
    Transport,
    /// No whole response in time.
    Timeout,
    /// Anything else: an unexpected status or body, a forged redirect.
    Other,
}

impl ErrorKind {
    /// The class of a response status, for statuses that have one.
    pub fn from_status(status: StatusCode) -> Option<Self> {
        Some(match status {
            StatusCode::UNAUTHORIZED => Self::Unauthorized,
            StatusCode::FORBIDDEN => Self::Forbidden,
            StatusCode::NOT_FOUND => Self::NotFound,
            StatusCode::TOO_MANY_REQUESTS => Self::RateLimited,
            s if s.is_server_error() => Self::ServerError,
            _ => return None,
        })
    }
}

impl Error {
    /// What class of failure this is.
    ///
    /// ```
    /// use disco_oauth2::error::{Error, ErrorKind};
    ///
    /// let error = Error::Unauthorized { message: None, code: None };
    /// assert_eq!(error.kind(), ErrorKind::Unauthorized);
    /// ```
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::OAuth2(e) => match e.code {
                OAuth2ErrorCode::InvalidGrant => ErrorKind::InvalidGrant,
                OAuth2ErrorCode::InvalidClient => ErrorKind::InvalidClient,
                OAuth2ErrorCode::ServerError | OAuth2ErrorCode::TemporarilyUnavailable => {
                    ErrorKind::ServerError
                }
                _ => e
                    .status
                    .and_then(ErrorKind::from_status)
                    .unwrap_or(ErrorKind::Other),
            },
            Error::Unauthorized { .. } => ErrorKind::Unauthorized,
            Error::RateLimited(_) => ErrorKind::RateLimited,
            Error::InvalidInput(_) => ErrorKind::InvalidInput,
            other => other
                .status()
                .and_then(ErrorKind::from_status)
                .unwrap_or(ErrorKind::Other),
        }
    }

    /// How long Discord asked to wait, when this is a 429.
    pub fn retry_after(&self) -> Option<std::time::Duration> {
        match self {
            Error::RateLimited(r) => Some(r.retry_after),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{BodyExcerpt, InvalidInput, OAuth2Error};

    #[test]
    fn every_class_is_told_apart() {
        let grant = Error::OAuth2(OAuth2Error::new(OAuth2ErrorCode::InvalidGrant));
        assert_eq!(grant.kind(), ErrorKind::InvalidGrant);
        let client = Error::OAuth2(OAuth2Error::new(OAuth2ErrorCode::InvalidClient));
        assert_eq!(client.kind(), ErrorKind::InvalidClient);
        let input = Error::from(InvalidInput::new("timeout", "is zero"));
        assert_eq!(input.kind(), ErrorKind::InvalidInput);
        assert_eq!(input.retry_after(), None);
        for (status, kind) in [
            (StatusCode::FORBIDDEN, ErrorKind::Forbidden),
            (StatusCode::NOT_FOUND, ErrorKind::NotFound),
            (StatusCode::BAD_GATEWAY, ErrorKind::ServerError),
            (StatusCode::IM_A_TEAPOT, ErrorKind::Other),
        ] {
            let error = Error::UnexpectedStatus {
                operation: "current_user",
                status,
                excerpt: BodyExcerpt::new(b""),
            };
            assert_eq!(error.kind(), kind, "{status}");
        }
    }
}
