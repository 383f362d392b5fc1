//! The runtime's one error: everything the core classifies, plus the transport's.

// `Error`: the core's error, a stored session's, reqwest's failures, a body
// over the limit, a followed redirect; and `kind`, `status`, `retry_after`, …
disco_oauth2::__runtime_error!("reqwest", reqwest::Error, {
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
} { Error::Redirected { .. } => Transport });

impl Error {
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
