//! [`SessionEvent`]: what a stored session did, for logs and metrics.

/// Something a [`SessionCall`](super::SessionCall) did on its way to the
/// result, for a runtime's `tracing` and an application's metrics. No event
/// holds a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SessionEvent {
    /// The token was due (within the margin, or answered 401): this session
    /// took the refresh lease.
    LeaseWon,
    /// Another instance holds the refresh lease: this session waits for its
    /// token.
    LeaseBusy,
    /// This session refreshed the token and stored it as `version`.
    Refreshed {
        /// The version written.
        version: u64,
    },
    /// This session asked for a new client-credentials token and stored it
    /// as `version`.
    Renewed {
        /// The version written.
        version: u64,
    },
    /// Another instance refreshed the token; this session uses its `version`.
    UsedNewer {
        /// The version read.
        version: u64,
    },
    /// The call answered 401: the token is refreshed (or a newer one read)
    /// and the call sent once more.
    RetryAfterUnauthorized,
}
