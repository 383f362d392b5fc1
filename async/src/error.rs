//! The runtime's error: everything the core classifies, plus the transport's.

use std::fmt;
use std::time::Duration;

use disco_oauth2::RateLimited;
use http::StatusCode;

/// What can go wrong running an operation over reqwest.
///
/// Every response Discord sent is classified by the core into
/// [`Error::Core`]; the other variants are failures to get a complete
/// response at all. Neither `Display` nor `Debug` contains a secret: the
/// core's secrets redact themselves, and transport errors carry no request
/// headers, bodies or URLs.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Discord answered, and the core classified the answer (OAuth2 error,
    /// API error, 401, 429, unexpected status, undecodable body), or the core
    /// refused the input before any request was made.
    #[error(transparent)]
    Core(#[from] disco_oauth2::Error),
    /// No response: the connection could not be made, TLS failed, the
    /// connection broke, or the response was not HTTP.
    #[error("{operation}: could not talk to Discord: {}", Chain(source))]
    Transport {
        /// The operation that was being sent.
        operation: &'static str,
        /// What reqwest reported (without the URL).
        #[source]
        source: reqwest::Error,
    },
    /// The connect timeout or the overall timeout passed before the whole
    /// response was read.
    #[error("{operation}: Discord did not answer in time ({})", Chain(source))]
    Timeout {
        /// The operation that was being sent.
        operation: &'static str,
        /// What reqwest reported (without the URL).
        #[source]
        source: reqwest::Error,
    },
    /// The response body is larger than the client's
    /// [`max_body_size`](crate::ClientBuilder::max_body_size); it was not
    /// read past the limit.
    #[error("{operation}: the response body is larger than the {limit}-byte limit")]
    BodyTooLarge {
        /// The operation that was being sent.
        operation: &'static str,
        /// The limit, in bytes.
        limit: u64,
    },
    /// Your own `reqwest::Client` followed a redirect: the request may have
    /// been replayed, body and all, to another URL. This runtime's own client
    /// never follows redirects; configure yours with
    /// `reqwest::redirect::Policy::none()`.
    #[error(
        "{operation}: the reqwest::Client followed a redirect (configure it with redirect::Policy::none()); the answer was refused"
    )]
    Redirected {
        /// The operation that was being sent.
        operation: &'static str,
    },
    /// The client's configuration is contradictory or invalid (e.g. a bad
    /// proxy URL, or a proxy given together with your own `reqwest::Client`).
    #[error("invalid client configuration: {0}")]
    Config(String),
}

/// Shows an error and its sources, `a: b: c`.
struct Chain<'a>(&'a (dyn std::error::Error + 'static));

impl fmt::Display for Chain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        let mut source = self.0.source();
        while let Some(error) = source {
            write!(f, ": {error}")?;
            source = error.source();
        }
        Ok(())
    }
}

impl Error {
    /// The core's error, when Discord answered (or the input was refused).
    pub fn core(&self) -> Option<&disco_oauth2::Error> {
        match self {
            Error::Core(e) => Some(e),
            _ => None,
        }
    }

    /// The HTTP status of Discord's answer, if there was one.
    pub fn status(&self) -> Option<StatusCode> {
        self.core().and_then(disco_oauth2::Error::status)
    }

    /// Whether trying again later may succeed: the core's retryable errors
    /// (429, 502, 503, 504, "API overloaded"), timeouts, and failures of the
    /// network (connecting, sending, reading the body) — as in the blocking
    /// runtime; not failures to build the request, TLS setup or decoding.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Core(e) => e.is_retryable(),
            Error::Timeout { .. } => true,
            Error::Transport { source, .. } => {
                !source.is_builder()
                    && !source.is_redirect()
                    && !source.is_decode()
                    && (source.is_connect() || source.is_request() || source.is_body())
            }
            Error::BodyTooLarge { .. } | Error::Redirected { .. } | Error::Config(_) => false,
        }
    }

    /// Whether the token used is dead (401, or `invalid_grant`): authorize again.
    pub fn is_token_dead(&self) -> bool {
        self.core().is_some_and(disco_oauth2::Error::is_token_dead)
    }

    /// The rate limit hit, when the error is a 429 (after the retries the
    /// client was allowed, or one asking for a longer wait than it accepts).
    pub fn rate_limited(&self) -> Option<&RateLimited> {
        match self.core() {
            Some(disco_oauth2::Error::RateLimited(r)) => Some(r),
            _ => None,
        }
    }

    /// How long Discord asked to wait, for a 429.
    pub fn retry_after(&self) -> Option<Duration> {
        self.rate_limited().map(|r| r.retry_after)
    }

    /// Maps a reqwest failure of `operation` into the runtime's error.
    pub(crate) fn from_reqwest(operation: &'static str, source: reqwest::Error) -> Self {
        // The URL is Discord's (no secret travels in it), but a user's API
        // base could carry credentials: leave it out.
        let source = source.without_url();
        if source.is_timeout() {
            Error::Timeout { operation, source }
        } else {
            Error::Transport { operation, source }
        }
    }
}

impl From<disco_oauth2::InvalidInput> for Error {
    fn from(value: disco_oauth2::InvalidInput) -> Self {
        Error::Core(value.into())
    }
}
