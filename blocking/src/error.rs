//! The runtime's one error: everything the core classifies, plus the transport's.

// `Error`: the core's error, a stored session's, ureq's failures, a body over
// the limit; and `kind`, `status`, `retry_after`, … reading the core's error.
disco_oauth2::__runtime_error!("ureq", ureq::Error, {} {});

impl Error {
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
