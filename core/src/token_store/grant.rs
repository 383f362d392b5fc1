//! [`Grant`]: the token request a session asks its runtime to run.

use crate::api::oauth2::{ClientCredentials, RefreshAccessToken};

/// The token-endpoint operation a [`SessionCall`](super::SessionCall) needs
/// run (through the client's usual call, with its limiter and retries); its
/// result goes back through
/// [`SessionCall::handle_grant`](super::SessionCall::handle_grant).
#[derive(Debug)]
#[non_exhaustive]
pub enum Grant {
    /// Trade the stored refresh token for a new token.
    Refresh(RefreshAccessToken),
    /// Ask for a new client-credentials token.
    ClientCredentials(ClientCredentials),
}

impl Grant {
    /// The operation's name, for logs.
    pub fn name(&self) -> &'static str {
        match self {
            Grant::Refresh(_) => "refresh_token",
            Grant::ClientCredentials(_) => "client_credentials",
        }
    }
}
