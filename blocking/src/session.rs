//! [`UserSession`]: the per-user calls, hung on one access token.

use disco_oauth2::api::guilds::AddGuildMember;
use disco_oauth2::api::users::GetCurrentUserGuilds;
use disco_oauth2::model::{
    AccessToken, Authorization, Connection, Guild, GuildId, Member, RoleConnection,
    RoleConnectionUpdate, User, UserId,
};
use disco_oauth2::session::UserContext;
use disco_oauth2::{AddedMember, BotToken};

use crate::client::Client;
use crate::error::Error;

/// A user's access token and the calls made with it (the seed's `User` /
/// `PartialUser`). Made by [`Client::user`], without a request.
///
/// It remembers the user's id once known (from [`fetch_user`](Self::fetch_user)
/// or [`add_to_guild`](Self::add_to_guild)), and [`refresh`](Self::refresh)
/// swaps in the new token. The state and the operations are the core's
/// [`UserContext`]; the session runs them.
///
/// It is not `Clone`: Discord rotates the refresh token on every refresh, so
/// two copies of a session would disagree on which one is alive. Share one
/// session, or store [`token`](Self::token) and make a new session from it.
#[derive(Debug)]
pub struct UserSession {
    client: Client,
    ctx: UserContext,
}

impl UserSession {
    pub(crate) fn new(client: Client, token: AccessToken) -> Self {
        let ctx = UserContext::new(client.core().clone(), token);
        Self { client, ctx }
    }

    /// The session's current token (store it: after [`refresh`](Self::refresh) it is the new one).
    pub fn token(&self) -> &AccessToken {
        self.ctx.token()
    }

    /// Gives the token back, ending the session.
    pub fn into_token(self) -> AccessToken {
        self.ctx.into_token()
    }

    /// The user's id, when a call has told it.
    pub fn user_id(&self) -> Option<UserId> {
        self.ctx.user_id()
    }

    /// The client the session runs on.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The user (`GET /users/@me`, scope `identify`); remembers their id.
    ///
    /// # Errors
    /// As [`Client::run`].
    pub fn fetch_user(&mut self) -> Result<User, Error> {
        let user = self.client.run(self.ctx.current_user())?;
        self.ctx.record_user(&user);
        Ok(user)
    }

    /// The first page of the user's guilds: up to 200 (scope `guilds`).
    /// See [`fetch_all_guilds`](Self::fetch_all_guilds) for every one.
    ///
    /// # Errors
    /// As [`Client::run`].
    pub fn fetch_guilds(&self) -> Result<Vec<Guild>, Error> {
        self.fetch_guilds_page(|op| op)
    }

    /// One page of the user's guilds, chosen on the core's operation
    /// (`before`, `after`, `limit`, `with_counts`):
    ///
    /// ```no_run
    /// use disco_oauth2_blocking::{Error, GuildId, UserSession};
    ///
    /// fn second_page(user: &UserSession) -> Result<(), Error> {
    ///     let page = user.fetch_guilds_page(|op| op.after(GuildId::new(80351110224678912)).limit(50))?;
    ///     # let _ = page;
    ///     Ok(())
    /// }
    /// ```
    ///
    /// # Errors
    /// As [`Client::run`]; a limit outside 1 ..= 200 is refused before sending.
    pub fn fetch_guilds_page(
        &self,
        configure: impl FnOnce(GetCurrentUserGuilds) -> GetCurrentUserGuilds,
    ) -> Result<Vec<Guild>, Error> {
        self.client.run(self.ctx.guilds_page(configure))
    }

    /// Every guild of the user, following pages to the end.
    ///
    /// # Errors
    /// As [`Client::run`], for the first page that fails.
    pub fn fetch_all_guilds(&self) -> Result<Vec<Guild>, Error> {
        let mut pages = self.ctx.guild_pages();
        let mut all = Vec::new();
        while let Some(op) = pages.next_operation() {
            let page = self.client.run(op)?;
            all.extend(pages.feed(page));
        }
        Ok(all)
    }

    /// The user's linked accounts (scope `connections`).
    ///
    /// # Errors
    /// As [`Client::run`].
    pub fn fetch_connections(&self) -> Result<Vec<Connection>, Error> {
        self.client.run(self.ctx.connections())
    }

    /// The user's member object in `guild_id` (scope `guilds.members.read`).
    ///
    /// # Errors
    /// As [`Client::run`]; not being a member is an [`Api`](disco_oauth2::Error::Api) error (10004 Unknown Guild).
    pub fn fetch_member(&self, guild_id: GuildId) -> Result<Member, Error> {
        self.client.run(self.ctx.member(guild_id))
    }

    /// Adds the user to `guild_id` with the bot's token (scope `guilds.join`;
    /// the bot must be in the guild), with the member's options set on the
    /// core's operation (`|op| op` for none, `|op| op.nick("Nelly")`…).
    /// Fetches the user first when their id is not known yet. Tells
    /// [`Added`](AddedMember::Added) from
    /// [`AlreadyMember`](AddedMember::AlreadyMember).
    ///
    /// # Errors
    /// As [`Client::run`].
    pub fn add_to_guild(
        &mut self,
        bot_token: &BotToken,
        guild_id: GuildId,
        configure: impl FnOnce(AddGuildMember) -> AddGuildMember,
    ) -> Result<AddedMember, Error> {
        if self.ctx.user_id().is_none() {
            self.fetch_user()?;
        }
        self.client
            .run(self.ctx.add_to_guild(bot_token, guild_id, configure)?)
    }

    /// Trades the session's refresh token for a new token, keeps it, and
    /// returns it (store it: the old refresh token is dead).
    ///
    /// # Errors
    /// As [`Client::run`]; a token without a refresh token (client
    /// credentials, implicit grant) is refused before sending.
    pub fn refresh(&mut self) -> Result<&AccessToken, Error> {
        let token = self.client.run(self.ctx.refresh()?)?;
        Ok(self.ctx.record_refreshed(token))
    }

    /// What the token is allowed to do, and until when (`GET /oauth2/@me`).
    ///
    /// # Errors
    /// As [`Client::run`].
    pub fn fetch_authorization(&self) -> Result<Authorization, Error> {
        self.client.run(self.ctx.authorization())
    }

    /// The user's role connection for this application (scope `role_connections.write`).
    ///
    /// # Errors
    /// As [`Client::run`].
    pub fn fetch_role_connection(&self) -> Result<RoleConnection, Error> {
        self.client.run(self.ctx.role_connection())
    }

    /// Sets the user's role connection (platform name, username, metadata).
    ///
    /// # Errors
    /// As [`Client::run`]; metadata Discord would refuse is refused before sending.
    pub fn update_role_connection(
        &self,
        update: RoleConnectionUpdate,
    ) -> Result<RoleConnection, Error> {
        self.client.run(self.ctx.update_role_connection(update))
    }

    /// Removes the user's role connection for this application.
    ///
    /// # Errors
    /// As [`Client::run`].
    pub fn delete_role_connection(&self) -> Result<(), Error> {
        self.client.run(self.ctx.delete_role_connection())
    }

    /// Revokes the session's whole authorization (see [`Client::revoke_token`]).
    ///
    /// # Errors
    /// As [`Client::run`].
    pub fn revoke(&self) -> Result<(), Error> {
        self.client.run(self.ctx.revoke())
    }
}
