//! The runtime's one error: everything the core classifies, plus the transport's.

use disco_oauth2::api_table::__Chain as Chain;
use disco_oauth2::error::ErrorKind;

/// What can go wrong calling Discord over reqwest — the one error type every
/// method of this crate returns, invalid input included.
///
/// Ask [`kind`](Self::kind) what happened (see [`ErrorKind`] for an axum
/// handler mapping it to HTTP answers). Every response Discord sent, and
/// every input refused before sending, is [`Error::Core`]; the other variants
/// are failures to get a whole response. Neither `Display` nor `Debug`
/// contains a secret, nor the URL.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Discord answered and the core classified the answer (OAuth2 error,
    /// API error, 401, 429, unexpected status, undecodable body), or the
    /// input was refused before any request was made.
    #[error(transparent)]
    Core(#[from] disco_oauth2::Error),
    /// A stored session's token store failed, holds no usable token, or
    /// holds a token that expired with nothing to renew it (Discord's own
    /// answers, `invalid_grant` included, are [`Error::Core`]).
    #[error(transparent)]
    Session(disco_oauth2::token_store::SessionError),
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
    /// The connect timeout or the request timeout passed before the whole
    /// response was read.
    #[error("{operation}: Discord did not answer in time ({})", Chain(source))]
    Timeout {
        /// The operation that was being sent.
        operation: &'static str,
        /// What reqwest reported (without the URL).
        #[source]
        source: reqwest::Error,
    },
    /// The response body is larger than the client's `max_body_size`; it was
    /// not read past the limit.
    #[error("{operation}: the response body is larger than the {limit}-byte limit")]
    BodyTooLarge {
        /// The operation that was being sent.
        operation: &'static str,
        /// The limit, in bytes.
        limit: u64,
    },
    /// Your own `reqwest::Client` followed a redirect: the request may have
    /// been replayed, body and all, to another URL. This crate's own client
    /// never follows redirects; configure yours with
    /// `reqwest::redirect::Policy::none()`.
    #[error(
        "{operation}: the reqwest::Client followed a redirect (configure it with redirect::Policy::none()); the answer was refused"
    )]
    Redirected {
        /// The operation that was being sent.
        operation: &'static str,
    },
}

disco_oauth2::__runtime_error_methods!();

impl Error {
    fn shell_kind(&self) -> ErrorKind {
        match self {
            Error::Timeout { .. } => ErrorKind::Timeout,
            Error::Transport { .. } | Error::Redirected { .. } => ErrorKind::Transport,
            _ => ErrorKind::Other,
        }
    }

    /// Whether trying again later may succeed: the core's retryable errors
    /// (429, 502, 503, 504, "API overloaded"), timeouts, and failures of the
    /// network (connecting, sending, reading the body); not failures to
    /// build the request, TLS setup or decoding.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Core(e) => e.is_retryable(),
            Error::Timeout { .. } => true,
            Error::Transport { source, .. } => {
                !source.is_builder()
                    && !source.is_decode()
                    && (source.is_connect() || source.is_request() || source.is_body())
            }
            _ => false,
        }
    }

    /// Maps a reqwest failure of `operation` into the runtime's error.
    pub(crate) fn from_reqwest(operation: &'static str, source: reqwest::Error) -> Self {
        // A user's API base could carry credentials: leave the URL out.
        let source = source.without_url();
        if source.is_timeout() {
            Error::Timeout { operation, source }
        } else {
            Error::Transport { operation, source }
        }
    }
}
