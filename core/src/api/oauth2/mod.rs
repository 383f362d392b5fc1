//! The OAuth2 endpoints: the token endpoint's grants, revocation, the
//! current authorization (`/oauth2/@me`) and the bot's application
//! (`/oauth2/applications/@me`).

mod client_credentials;
mod current_application;
mod current_authorization;
mod device_authorization;
mod device_token;
mod exchange_code;
mod refresh_token;
mod revoke_token;

pub use client_credentials::ClientCredentials;
pub use current_application::GetCurrentApplication;
pub use current_authorization::GetCurrentAuthorization;
pub use device_authorization::StartDeviceAuthorization;
pub use device_token::{DEVICE_CODE_GRANT_TYPE, PollDeviceToken};
pub use exchange_code::ExchangeCode;
pub use refresh_token::RefreshAccessToken;
pub(crate) use revoke_token::REVOKE_PATH;
pub use revoke_token::{RevokeToken, TokenTypeHint};

use crate::error::Result;
use crate::model::AccessToken;
use crate::operation::Response;

/// The token endpoint's path below the API base.
pub(crate) const TOKEN_PATH: &str = "/oauth2/token";

/// Parses a token endpoint's 200 body, the expiry counted from the caller's `now`.
pub(crate) fn parse_token(response: &Response<'_>) -> Result<AccessToken> {
    AccessToken::from_response_body(response.body, response.now)
        .map_err(|e| e.with_status(response.status).into())
}
