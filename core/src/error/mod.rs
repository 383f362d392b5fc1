//! The one error type of the core, and the pieces each variant carries.
//!
//! Every non-2xx response is classified into exactly one variant by
//! [`Pending::parse`](crate::Pending::parse) — a 429 first, then an RFC 6749
//! body, a 401, a Discord JSON error, and anything else with a bounded body
//! excerpt — so a caller can `match` on what to do:
//! re-authenticate on [`Error::Unauthorized`], wait on [`Error::RateLimited`],
//! show the user [`Error::OAuth2`]'s description, and so on.

mod api;
mod decode;
mod excerpt;
mod invalid_input;
mod kind;
mod oauth2;
mod rate_limited;

pub use api::{ApiError, FieldError, FormErrors, JsonErrorCode};
pub use decode::DecodeError;
pub(crate) use decode::from_slice;
pub use excerpt::BodyExcerpt;
pub use invalid_input::InvalidInput;
pub use kind::ErrorKind;
pub use oauth2::{OAuth2Error, OAuth2ErrorCode};
pub use rate_limited::{RateLimitScope, RateLimited};

use http::StatusCode;

/// Everything that can go wrong in the core: a classified error response, a
/// body that is not what the operation returns, or bad input from the caller.
///
/// `Display` is a sentence a person can act on; neither `Display` nor `Debug`
/// ever contains a secret.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An RFC 6749 §5.2 error: from the token endpoint (`invalid_grant`,
    /// `invalid_client`, …) or from the authorization redirect (`access_denied`).
    #[error(transparent)]
    OAuth2(OAuth2Error),
    /// A Discord JSON API error (`{"code": 50001, "message": "Missing Access"}`).
    #[error(transparent)]
    Api(ApiError),
    /// HTTP 401 from the API: the access or bot token is invalid, expired or revoked.
    #[error("Discord answered 401 Unauthorized: the token is invalid, expired or revoked; authorize again or refresh it{}", .message.as_deref().map(|m| format!(" ({m})")).unwrap_or_default())]
    Unauthorized {
        /// Discord's `message`, when the body had one.
        message: Option<String>,
        /// Discord's JSON error `code`, when the body had one.
        code: Option<JsonErrorCode>,
    },
    /// HTTP 429: wait [`RateLimited::retry_after`] before trying again.
    #[error(transparent)]
    RateLimited(RateLimited),
    /// A status the operation does not expect, with a bounded excerpt of the body.
    #[error("Discord answered {status} which {operation} does not expect; body: {excerpt}")]
    UnexpectedStatus {
        /// The operation that received it.
        operation: &'static str,
        /// The HTTP status.
        status: StatusCode,
        /// At most [`BodyExcerpt::MAX_LEN`] bytes of the body, as text.
        excerpt: BodyExcerpt,
    },
    /// A successful response whose body is not what the operation returns.
    #[error(transparent)]
    Decode(DecodeError),
    /// The caller passed something the core refuses before any request is made.
    #[error(transparent)]
    InvalidInput(InvalidInput),
    /// The `state` in the authorization redirect is not the one this session sent:
    /// the redirect may be forged (CSRF); do not exchange its code.
    #[error(
        "the state returned by the authorization redirect does not match the one sent; refusing the callback (possible CSRF)"
    )]
    StateMismatch,
    /// The operating system could not provide randomness for a state or PKCE verifier.
    #[error("the operating system's random number generator failed: {0}")]
    RandomUnavailable(String),
    /// The call's deadline (the client's `call_timeout`) would pass before
    /// the call could finish: a rate-limit or retry wait would end after it,
    /// or it has passed. Nothing more is sent.
    #[error(
        "{operation} ran out of time: {waited:.3?} into the call, its next step would end past the deadline of {timeout:.3?}"
    )]
    DeadlineExceeded {
        /// The operation that was called.
        operation: &'static str,
        /// How long the call had run when it gave up.
        waited: std::time::Duration,
        /// The deadline it was given (the client's `call_timeout`).
        timeout: std::time::Duration,
    },
    /// A walk over pages (the user's guilds) was stopped because it would
    /// never end or is longer than Discord allows: too many pages, too many
    /// items, or a page that does not move forward.
    #[error("{operation} stopped after {pages} pages and {items} items: {reason}")]
    WalkTooLong {
        /// The operation of each page.
        operation: &'static str,
        /// The pages read.
        pages: u32,
        /// The items read.
        items: usize,
        /// Which bound was hit.
        reason: &'static str,
    },
    /// A [`Driver`](crate::driver::Driver) was polled after it had answered
    /// `Done`: the call is over and its result was already taken.
    #[error("the {operation} call is already finished; its result was taken")]
    DriverFinished {
        /// The operation that was called.
        operation: &'static str,
    },
    /// A [`Driver`](crate::driver::Driver) that asked for a request to be
    /// sent was polled again without being given the response: the call
    /// cannot go on.
    #[error(
        "the {operation} call was polled again before the response to its request was handed to it"
    )]
    ResponseMissing {
        /// The operation that was called.
        operation: &'static str,
    },
    /// An OpenID Connect ID token failed verification (signature, issuer,
    /// audience, expiry, nonce) or could not be read.
    #[error(transparent)]
    IdToken(crate::oidc::IdTokenError),
    /// A device login's code expired before the user approved it (Discord
    /// answered `expired_token`, or its `expires_in` passed): start a new one.
    #[error("the device code expired before the login was approved; start a new device login")]
    DeviceCodeExpired,
    /// The login cookie was missing, altered, sealed with another key, or
    /// expired: the user has to start the login again.
    #[error(transparent)]
    Login(crate::login::LoginError),
}

impl Error {
    /// The HTTP status of the response this error came from, if any.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::OAuth2(e) => e.status,
            Error::Api(e) => Some(e.status),
            Error::Unauthorized { .. } => Some(StatusCode::UNAUTHORIZED),
            Error::RateLimited(_) => Some(StatusCode::TOO_MANY_REQUESTS),
            Error::UnexpectedStatus { status, .. } => Some(*status),
            Error::Decode(e) => e.status,
            Error::InvalidInput(_)
            | Error::StateMismatch
            | Error::RandomUnavailable(_)
            | Error::DeadlineExceeded { .. }
            | Error::WalkTooLong { .. }
            | Error::DriverFinished { .. }
            | Error::ResponseMissing { .. }
            | Error::IdToken(_)
            | Error::DeviceCodeExpired
            | Error::Login(_) => None,
        }
    }

    /// Whether sending the same request again later may succeed
    /// (429, 502, 503, 504, and Discord's 130000 "API resource overloaded").
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::RateLimited(_) => true,
            Error::UnexpectedStatus { status, .. } => matches!(
                *status,
                StatusCode::BAD_GATEWAY
                    | StatusCode::SERVICE_UNAVAILABLE
                    | StatusCode::GATEWAY_TIMEOUT
            ),
            Error::Api(e) => {
                e.code == JsonErrorCode::API_OVERLOADED
                    || matches!(
                        e.status,
                        StatusCode::BAD_GATEWAY
                            | StatusCode::SERVICE_UNAVAILABLE
                            | StatusCode::GATEWAY_TIMEOUT
                    )
            }
            _ => false,
        }
    }

    /// Whether the token used is dead: a 401 from the API, or `invalid_grant`
    /// from the token endpoint. The user has to authorize again.
    pub fn is_token_dead(&self) -> bool {
        match self {
            Error::Unauthorized { .. } => true,
            Error::OAuth2(e) => e.code == OAuth2ErrorCode::InvalidGrant,
            _ => false,
        }
    }
}

impl From<DecodeError> for Error {
    fn from(value: DecodeError) -> Self {
        Error::Decode(value)
    }
}

impl From<crate::login::LoginError> for Error {
    fn from(value: crate::login::LoginError) -> Self {
        Error::Login(value)
    }
}

impl From<InvalidInput> for Error {
    fn from(value: InvalidInput) -> Self {
        Error::InvalidInput(value)
    }
}

/// The core's `Result`.
pub type Result<T, E = Error> = std::result::Result<T, E>;
