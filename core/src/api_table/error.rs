//! The runtime's one `Error` and the methods that read the core's error.

/// Shows an error and its sources, `a: b: c`.
#[doc(hidden)]
pub struct __Chain<'a>(pub &'a (dyn std::error::Error + 'static));

impl std::fmt::Display for __Chain<'_> {
    /// A source whose text its error already shows (as `io: refused` shows
    /// `refused`) is not repeated.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut shown = self.0.to_string();
        f.write_str(&shown)?;
        let mut source = self.0.source();
        while let Some(error) = source {
            let text = error.to_string();
            if !shown.contains(&text) {
                write!(f, ": {text}")?;
            }
            shown = text;
            source = error.source();
        }
        Ok(())
    }
}

/// A runtime's one `Error` enum: the variants every runtime has (the core's
/// error, a stored session's, the transport's failure, its timeout, a body
/// over the limit), the runtime's own extra variants, and `shell_kind`.
///
/// `$client` names the HTTP client in the docs, `$source` is its error type;
/// the extra variants follow in braces, then what each extra variant's
/// [`ErrorKind`](crate::error::ErrorKind) is.
#[doc(hidden)]
#[macro_export]
macro_rules! __runtime_error {
    ($client:literal, $source:ty, { $($extra:tt)* } { $($extra_pat:pat => $extra_kind:ident),* }) => {
        #[doc = concat!("What can go wrong calling Discord over ", $client, " — the one error type")]
        /// every method of this crate returns, invalid input included.
        ///
        /// Ask [`kind`](Self::kind) what happened (see
        /// [`ErrorKind`](crate::ErrorKind) for an axum handler mapping it
        /// to HTTP answers). Every response Discord sent, and
        /// every input refused before sending, is [`Error::Core`]; the other
        /// variants are failures to get a whole response. Neither `Display` nor
        /// `Debug` contains a secret, nor the URL.
        #[derive(Debug, thiserror::Error)]
        #[non_exhaustive]
        pub enum Error {
            /// Discord answered and the core classified the answer (OAuth2 error,
            /// API error, 401, 429, unexpected status, undecodable body), or the
            /// input was refused before any request was made.
            #[error(transparent)]
            Core(#[from] $crate::Error),
            /// A stored session's token store failed, holds no usable token, or
            /// holds a token that expired with nothing to renew it (Discord's own
            /// answers, `invalid_grant` included, are [`Error::Core`]).
            #[error(transparent)]
            Session($crate::token_store::SessionError),
            /// No response: the connection could not be made, TLS failed, the
            /// connection broke, or the response was not HTTP.
            #[error("{operation}: could not talk to Discord: {}", $crate::api_table::__Chain(source))]
            Transport {
                /// The operation that was being sent.
                operation: &'static str,
                #[doc = concat!("What ", $client, " reported.")]
                #[source]
                source: $source,
            },
            /// The connect timeout or the request timeout passed before the whole
            /// response was read.
            #[error("{operation}: Discord did not answer in time ({})", $crate::api_table::__Chain(source))]
            Timeout {
                /// The operation that was being sent.
                operation: &'static str,
                #[doc = concat!("What ", $client, " reported.")]
                #[source]
                source: $source,
            },
            /// The response body is larger than the client's `max_body_size`; it
            /// was not read past the limit.
            #[error("{operation}: the response body is larger than the {limit}-byte limit")]
            BodyTooLarge {
                /// The operation that was being sent.
                operation: &'static str,
                /// The limit, in bytes.
                limit: u64,
            },
            $($extra)*
        }

        impl Error {
            fn shell_kind(&self) -> $crate::error::ErrorKind {
                match self {
                    Error::Timeout { .. } => $crate::error::ErrorKind::Timeout,
                    Error::Transport { .. } => $crate::error::ErrorKind::Transport,
                    $($extra_pat => $crate::error::ErrorKind::$extra_kind,)*
                    _ => $crate::error::ErrorKind::Other,
                }
            }
        }

        $crate::__runtime_error_methods!();
    };
}

/// The methods of a runtime's `Error` that read the core's error: `core`,
/// `kind`, `status`, `retry_after`, `is_token_dead`, and `From<InvalidInput>`.
/// The runtime's enum has a `Core(disco_oauth2::Error)` variant and a
/// private `fn shell_kind(&self) -> ErrorKind` for its own variants.
#[doc(hidden)]
#[macro_export]
macro_rules! __runtime_error_methods {
    () => {
        impl Error {
            /// The core's error, when Discord answered (or the input was refused).
            pub fn core(&self) -> Option<&$crate::Error> {
                match self {
                    Error::Core(e) => Some(e),
                    _ => None,
                }
            }

            /// What class of failure this is (see [`ErrorKind`](crate::ErrorKind)).
            pub fn kind(&self) -> $crate::error::ErrorKind {
                self.core()
                    .map_or_else(|| self.shell_kind(), $crate::Error::kind)
            }

            /// The HTTP status of Discord's answer, if there was one.
            pub fn status(&self) -> Option<::http::StatusCode> {
                self.core().and_then($crate::Error::status)
            }

            /// How long Discord (or the client's own limiter) asked to wait, for a 429.
            pub fn retry_after(&self) -> Option<::std::time::Duration> {
                self.core().and_then($crate::Error::retry_after)
            }

            /// The rate limit hit, when the error is a 429.
            pub fn rate_limited(&self) -> Option<&$crate::RateLimited> {
                match self.core() {
                    Some($crate::Error::RateLimited(r)) => Some(r),
                    _ => None,
                }
            }

            /// Whether the token used is dead (401, or `invalid_grant`): authorize again.
            pub fn is_token_dead(&self) -> bool {
                self.core().is_some_and($crate::Error::is_token_dead)
            }
        }

        impl From<$crate::InvalidInput> for Error {
            fn from(value: $crate::InvalidInput) -> Self {
                Error::Core(value.into())
            }
        }
    };
}
