//! The runtime's one error: everything the core classifies, plus the transport's.

use disco_oauth2::error::ErrorKind;

/// What can go wrong calling Discord over ureq — the one error type every
/// method of this crate returns, invalid input included.
///
/// Ask [`kind`](Self::kind) what happened (see [`ErrorKind`] for an axum
/// handler mapping it to HTTP answers). Every response Discord sent, and
/// every input refused before sending, is [`Error::Core`]; the other variants
/// are failures to get a whole response. Neither `Display` nor `Debug`
/// contains a secret.
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
    #[error("{operation}: could not talk to Discord: {source}")]
    Transport {
        /// The operation that was being sent.
        operation: &'static str,
        /// What ureq reported.
        #[source]
        source: ureq::Error,
    },
    /// The connect timeout or the request timeout passed before the whole
    /// response was read.
    #[error("{operation}: Discord did not answer in time ({source})")]
    Timeout {
        /// The operation that was being sent.
        operation: &'static str,
        /// What ureq reported.
        #[source]
        source: ureq::Error,
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
}

disco_oauth2::__runtime_error_methods!();

impl Error {
    fn shell_kind(&self) -> ErrorKind {
        match self {
            Error::Timeout { .. } => ErrorKind::Timeout,
            Error::Transport { .. } => ErrorKind::Transport,
            _ => ErrorKind::Other,
        }
    }

    /// Whether trying again later may succeed: the core's retryable errors
    /// (429, 502, 503, 504, "API overloaded"), timeouts, and failures of the
    /// network (not TLS, URL or proxy configuration ones).
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Core(e) => e.is_retryable(),
            Error::Timeout { .. } => true,
            Error::Transport { source, .. } => matches!(
                source,
                ureq::Error::Io(_)
                    | ureq::Error::ConnectionFailed
                    | ureq::Error::HostNotFound
                    | ureq::Error::Protocol(_)
            ),
            Error::BodyTooLarge { .. } | Error::Session(_) => false,
        }
    }

    /// Maps a ureq failure of `operation` into the runtime's error.
    pub(crate) fn from_ureq(operation: &'static str, limit: u64, source: ureq::Error) -> Self {
        match source {
            ureq::Error::Timeout(_) => Error::Timeout { operation, source },
            ureq::Error::Io(ref io) if io.kind() == std::io::ErrorKind::TimedOut => {
                Error::Timeout { operation, source }
            }
            ureq::Error::BodyExceedsLimit(_) => Error::BodyTooLarge { operation, limit },
            source => Error::Transport { operation, source },
        }
    }
}
