//! [`Authorization`]: what `GET /oauth2/@me` says about the current token.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Application, Scopes, User};

/// The current authorization (`GET /oauth2/@me` with a Bearer token).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Authorization {
    /// The application the token belongs to (partial).
    pub application: Application,
    /// The scopes the user granted.
    pub scopes: Scopes,
    /// When the access token expires.
    pub expires: DateTime<Utc>,
    /// The user (only with the `identify` scope).
    #[serde(default)]
    pub user: Option<User>,
}

impl Authorization {
    /// Whether the token has expired at `now`.
    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        now >= self.expires
    }
}
