//! [`FinishedLogin`]: a login whose callback was checked.

use crate::api::oauth2::ExchangeCode;
use crate::model::{GuildId, Permissions, Scopes};

/// A checked callback: the code exchange to run, and what the login
/// started with. Made by [`LoginFlow::finish`](super::LoginFlow::finish).
#[derive(Debug)]
#[non_exhaustive]
pub struct FinishedLogin {
    /// The code exchange, with the PKCE verifier and the redirect URI of
    /// the start: run it to get the token.
    pub exchange: ExchangeCode,
    /// The scopes the login asked for.
    pub scopes: Scopes,
    /// The OpenID Connect nonce given at the start, if any.
    pub nonce: Option<String>,
    /// The guild a bot was added to (bot flows).
    pub guild_id: Option<GuildId>,
    /// The permissions granted to the bot (bot flows).
    pub permissions: Option<Permissions>,
}
