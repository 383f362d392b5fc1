//! [`LoginError`]: why a login cookie was refused.

use chrono::{DateTime, Utc};

/// Why the sealed login value (the cookie set when the login started) was
/// refused at the callback. None of these texts holds the value or the key.
///
/// Every one of them means the same to the user: start the login again.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LoginError {
    /// No login value came with the callback (the cookie is missing: the
    /// browser dropped it, or the callback was opened in another browser).
    #[error(
        "no login is in progress in this browser (the login cookie is missing); start the login again"
    )]
    Missing,
    /// The value is not one this library writes: not base64url, too short,
    /// or of an unknown format.
    #[error("the login cookie is malformed; start the login again")]
    Malformed,
    /// The value does not open: it was altered, or sealed with another key.
    #[error("the login cookie was altered or sealed with another key; start the login again")]
    Unauthentic,
    /// The login was started too long ago.
    #[error("the login started too long ago (it expired at {expired_at}); start the login again")]
    Expired {
        /// When the login stopped being valid.
        expired_at: DateTime<Utc>,
    },
}
