//! [`UserContext`]: one user's token and what has been learned about them,
//! and every per-user operation built from it — the state of a runtime's
//! user session, without the IO.

use crate::api::guilds::AddGuildMember;
use crate::api::oauth2::{GetCurrentAuthorization, RefreshAccessToken, RevokeToken};
use crate::api::users::{
    DeleteRoleConnection, GetCurrentUser, GetCurrentUserConnections, GetCurrentUserGuildMember,
    GetCurrentUserGuilds, GetRoleConnection, GuildPages, UpdateRoleConnection,
};
use crate::client::Client;
use crate::error::InvalidInput;
use crate::model::{AccessToken, GuildId, RoleConnectionUpdate, User, UserId};
use crate::secret::BotToken;

/// A user's access token, their id once known, and the operations made with
/// them. It does no IO: run each operation, then tell the context what came
/// back ([`record_user`](Self::record_user),
/// [`record_refreshed`](Self::record_refreshed)).
///
/// ```
/// use disco_oauth2::session::UserContext;
/// use disco_oauth2::{AccessToken, BotToken, Client, GuildId, Operation};
///
/// let client = Client::builder(157730590492196864).build()?;
/// let body = br#"{"access_token": "6qrZcUqja7812RVdnEKjpzOL4CvHBFG", "token_type": "Bearer",
///                 "expires_in": 604800, "scope": "identify guilds.join"}"#;
/// let now: chrono::DateTime<chrono::Utc> = "2026-11-24T12:00:00Z".parse()?; // your clock
/// let token = AccessToken::from_response_body(body, now)?;
/// let user = UserContext::new(client, token);
///
/// // One page of 50 guilds, set on the core's own operation.
/// let (request, _pending) = user.guilds_page(|op| op.limit(50)).into_parts()?;
/// assert_eq!(request.uri(), "https://discord.com/api/v10/users/@me/guilds?limit=50");
///
/// // Adding the user to a guild needs their id: fetch (and record) the user first.
/// let bot = BotToken::new("bot-token");
/// assert!(user.add_to_guild(&bot, GuildId::new(81384788765712384), |op| op.nick("Nelly")).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct UserContext {
    client: Client,
    token: AccessToken,
    user_id: Option<UserId>,
}

impl UserContext {
    /// A context for `token`; the user's id is not known yet.
    pub fn new(client: Client, token: AccessToken) -> Self {
        Self {
            client,
            token,
            user_id: None,
        }
    }

    /// The current token (after [`record_refreshed`](Self::record_refreshed), the new one).
    pub fn token(&self) -> &AccessToken {
        &self.token
    }

    /// Gives the token back.
    pub fn into_token(self) -> AccessToken {
        self.token
    }

    /// The user's id, once recorded.
    pub fn user_id(&self) -> Option<UserId> {
        self.user_id
    }

    /// The core client the operations are built from.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Remembers the user's id from a fetched user.
    pub fn record_user(&mut self, user: &User) {
        self.user_id = Some(user.id);
    }

    /// Keeps a refreshed token (the old refresh token is dead) and returns it.
    pub fn record_refreshed(&mut self, token: AccessToken) -> &AccessToken {
        self.token = token;
        &self.token
    }

    /// `GET /users/@me` (scope `identify`); record what it returns.
    pub fn current_user(&self) -> GetCurrentUser {
        self.client.current_user(&self.token.access_token)
    }

    /// One page of the user's guilds (scope `guilds`), chosen on the core's
    /// operation by `configure` (`|op| op` for Discord's first page of 200).
    pub fn guilds_page(
        &self,
        configure: impl FnOnce(GetCurrentUserGuilds) -> GetCurrentUserGuilds,
    ) -> GetCurrentUserGuilds {
        configure(self.client.current_user_guilds(&self.token.access_token))
    }

    /// Every page of the user's guilds, one operation at a time.
    pub fn guild_pages(&self) -> GuildPages {
        GuildPages::new(&self.client, &self.token.access_token)
    }

    /// The user's linked accounts (scope `connections`).
    pub fn connections(&self) -> GetCurrentUserConnections {
        self.client
            .current_user_connections(&self.token.access_token)
    }

    /// The user's member object in `guild_id` (scope `guilds.members.read`).
    pub fn member(&self, guild_id: GuildId) -> GetCurrentUserGuildMember {
        self.client
            .current_user_guild_member(&self.token.access_token, guild_id)
    }

    /// Adds the user to `guild_id` with the bot's token (scope
    /// `guilds.join`), with the member's options set on the core's operation
    /// by `configure` (`|op| op` for none).
    ///
    /// # Errors
    /// [`InvalidInput`] on `user_id` while the user's id is not known:
    /// run [`current_user`](Self::current_user) and
    /// [`record_user`](Self::record_user) first.
    pub fn add_to_guild(
        &self,
        bot_token: &BotToken,
        guild_id: GuildId,
        configure: impl FnOnce(AddGuildMember) -> AddGuildMember,
    ) -> Result<AddGuildMember, InvalidInput> {
        let user_id = self.user_id.ok_or_else(|| {
            InvalidInput::new("user_id", "not known yet: fetch the current user first")
        })?;
        Ok(configure(self.client.add_guild_member(
            bot_token,
            guild_id,
            user_id,
            &self.token.access_token,
        )))
    }

    /// Trades the refresh token for a new token; record what it returns.
    ///
    /// # Errors
    /// [`InvalidInput`] on `refresh_token` when the token has none (client
    /// credentials, implicit grant).
    pub fn refresh(&self) -> Result<RefreshAccessToken, InvalidInput> {
        let refresh = self.token.refresh_token.as_ref().ok_or_else(|| {
            InvalidInput::new(
                "refresh_token",
                "this token has none (client credentials or implicit grant)",
            )
        })?;
        Ok(self.client.refresh_token(refresh))
    }

    /// What the token is allowed to do, and until when (`GET /oauth2/@me`).
    pub fn authorization(&self) -> GetCurrentAuthorization {
        self.client.current_authorization(&self.token.access_token)
    }

    /// The user's role connection for this application (scope `role_connections.write`).
    pub fn role_connection(&self) -> GetRoleConnection {
        self.client.role_connection(&self.token.access_token)
    }

    /// Sets the user's role connection (platform name, username, metadata).
    pub fn update_role_connection(&self, update: RoleConnectionUpdate) -> UpdateRoleConnection {
        self.client
            .update_role_connection(&self.token.access_token, update)
    }

    /// Removes the user's role connection for this application.
    pub fn delete_role_connection(&self) -> DeleteRoleConnection {
        self.client.delete_role_connection(&self.token.access_token)
    }

    /// Revokes the whole authorization (see [`Client::revoke_authorization`]).
    pub fn revoke(&self) -> RevokeToken {
        self.client.revoke_authorization(&self.token)
    }
}
