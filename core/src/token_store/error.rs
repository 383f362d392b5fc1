//! [`StoreError`] and [`SessionError`]: what goes wrong around a stored token.

use std::time::Duration;

use crate::error::Error;
use crate::sealing::SealError;

/// A token store failed, or holds something that is not a token.
///
/// No text holds a token, a sealed value or the store's key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The key has no token: the user never logged in, or logged out.
    #[error("no token is stored under this key: the user has to authorize")]
    NoToken,
    /// The stored value is not a token this library wrote (the record is
    /// left as it is).
    #[error("the stored token does not decode ({reason}); it was left unchanged")]
    Corrupt {
        /// What was wrong with it.
        reason: String,
    },
    /// The stored value does not open with this sealing key (the record is
    /// left as it is).
    #[error("the stored token could not be unsealed: {0}; it was left unchanged")]
    Unsealable(#[from] SealError),
    /// The store could not be reached or failed the command (the runtime's
    /// reason; a lease held is released by its time-to-live).
    #[error("the token store failed: {reason}")]
    Unavailable {
        /// The store client's reason.
        reason: String,
    },
    /// The store answered a command with a reply meant for another.
    #[error("the token store answered {command} with an unexpected reply ({reply})")]
    UnexpectedReply {
        /// The command sent.
        command: &'static str,
        /// What came back.
        reply: String,
    },
    /// Another holder kept the refresh lease, without writing a new token,
    /// for longer than the session waits.
    #[error("another instance held the refresh lease for {waited:?} without writing a new token")]
    LeaseWaitTimedOut {
        /// How long this session waited.
        waited: Duration,
    },
}

/// Why a call made through a stored session failed: Discord (or the
/// request) failed, or the token store did.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum SessionError {
    /// The request failed: an error from Discord (`invalid_grant` when the
    /// grant is really gone, a 401 on the call even after a refresh, …) or
    /// the caller's input.
    #[error(transparent)]
    Discord(#[from] Error),
    /// The token store failed or holds no usable token.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The token expired and has no refresh token to renew it with: the user
    /// has to authorize again.
    #[error("the access token expired and cannot be refreshed: the user has to authorize again")]
    Expired,
}
