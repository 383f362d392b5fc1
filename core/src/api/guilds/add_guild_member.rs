use http::{Method, StatusCode};
use serde::Serialize;

use crate::client::Client;
use crate::error::{Error, InvalidInput, Result};
use crate::model::{GuildId, Member, RoleId, UserId};
use crate::operation::{Auth, Body, Operation, RequestBuilder, Response, decode};
use crate::route::Route;
use crate::secret::{BearerToken, BotToken, UndecodedJson};

/// Adds the user to a guild with the bot's token:
/// `PUT /guilds/{guild.id}/members/{user.id}` (the user's token needs scope
/// `guilds.join`; the bot must be in the guild with `CREATE_INSTANT_INVITE`).
/// Made by [`Client::add_guild_member`].
///
/// Options left unset are left out of the body: sending `mute: false` would
/// still need the `MUTE_MEMBERS` permission.
#[derive(Debug, Clone)]
#[must_use = "an operation does nothing until sent"]
pub struct AddGuildMember {
    client: Client,
    bot_token: BotToken,
    guild_id: GuildId,
    user_id: UserId,
    access_token: BearerToken,
    nick: Option<String>,
    roles: Option<Vec<RoleId>>,
    mute: Option<bool>,
    deaf: Option<bool>,
}

/// What adding a member did.
#[derive(Debug, Clone, PartialEq)]
pub enum AddedMember {
    /// 201 Created: the user joined; here is their member object.
    Added(Box<Member>),
    /// 201 Created with a body that is not a member object (or none): the
    /// user joined all the same; the body is kept, redacted in `Debug`.
    AddedUnreadable(UndecodedJson),
    /// 204 No Content: the user was already a member; nothing changed.
    AlreadyMember,
}

impl AddedMember {
    /// The new member, when the user was added and Discord's body decoded.
    pub fn member(&self) -> Option<&Member> {
        match self {
            Self::Added(member) => Some(member),
            Self::AddedUnreadable(_) | Self::AlreadyMember => None,
        }
    }

    /// Whether this call added the user (as opposed to finding them a member already).
    pub fn is_added(&self) -> bool {
        !matches!(self, Self::AlreadyMember)
    }
}

impl AddGuildMember {
    /// The member's nickname (the bot needs `MANAGE_NICKNAMES`).
    pub fn nick(mut self, nick: impl Into<String>) -> Self {
        self.nick = Some(nick.into());
        self
    }

    /// Roles to give the member (the bot needs `MANAGE_ROLES`).
    pub fn roles(mut self, roles: impl IntoIterator<Item = RoleId>) -> Self {
        self.roles = Some(roles.into_iter().collect());
        self
    }

    /// Whether the member is muted in voice (the bot needs `MUTE_MEMBERS`).
    pub fn mute(mut self, mute: bool) -> Self {
        self.mute = Some(mute);
        self
    }

    /// Whether the member is deafened in voice (the bot needs `DEAFEN_MEMBERS`).
    pub fn deaf(mut self, deaf: bool) -> Self {
        self.deaf = Some(deaf);
        self
    }
}

impl Client {
    /// Adds the user whose access token this is to `guild_id`.
    ///
    /// ```
    /// use disco_oauth2::{BearerToken, BotToken, Client, GuildId, Operation, RoleId, UserId};
    ///
    /// let client = Client::builder(1234).build()?;
    /// let op = client
    ///     .add_guild_member(&BotToken::new("bot"), GuildId::new(1), UserId::new(2), &BearerToken::new("tok"))
    ///     .nick("Nelly")
    ///     .roles([RoleId::new(3)]);
    /// let (request, _pending) = op.into_parts()?;
    /// assert_eq!(request.uri(), "https://discord.com/api/v10/guilds/1/members/2");
    /// assert_eq!(request.headers()["authorization"], "Bot bot");
    /// assert_eq!(request.body(), br#"{"access_token":"tok","nick":"Nelly","roles":["3"]}"#);
    /// # Ok::<(), disco_oauth2::Error>(())
    /// ```
    pub fn add_guild_member(
        &self,
        bot_token: &BotToken,
        guild_id: GuildId,
        user_id: UserId,
        access_token: &BearerToken,
    ) -> AddGuildMember {
        AddGuildMember {
            client: self.clone(),
            bot_token: bot_token.clone(),
            guild_id,
            user_id,
            access_token: access_token.clone(),
            nick: None,
            roles: None,
            mute: None,
            deaf: None,
        }
    }
}

#[derive(Serialize)]
struct AddGuildMemberBody<'a> {
    access_token: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    nick: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    roles: Option<&'a [RoleId]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mute: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    deaf: Option<bool>,
}

impl Operation for AddGuildMember {
    type Output = AddedMember;
    type Context = GuildId;
    const NAME: &'static str = "add_guild_member";

    fn route(&self) -> Route {
        Route::new(Method::PUT, "/guilds/{guild.id}/members/{user.id}")
            .with_major(self.guild_id.get())
            .for_bot()
    }

    fn build(
        &self,
        _: crate::operation::Sealed,
    ) -> Result<(http::Request<crate::operation::RequestBody>, GuildId)> {
        self.guild_id.check_nonzero("guild_id")?;
        self.user_id.check_nonzero("user_id")?;
        for role in self.roles.iter().flatten() {
            role.check_nonzero("roles")?;
        }
        if self.access_token.secret().is_empty() {
            return Err(InvalidInput::new("access_token", "is empty").into());
        }
        if let Some(nick) = &self.nick {
            let len = nick.chars().count();
            if !(1..=32).contains(&len) {
                return Err(InvalidInput::new(
                    "nick",
                    format!("must be 1 to 32 characters, not {len}"),
                )
                .into());
            }
        }
        let body = AddGuildMemberBody {
            access_token: self.access_token.secret(),
            nick: self.nick.as_deref(),
            roles: self.roles.as_deref(),
            mute: self.mute,
            deaf: self.deaf,
        };
        let body = serde_json::to_vec(&body)
            .map_err(|e| Error::from(InvalidInput::new("body", e.to_string())))?;
        let path = format!("/guilds/{}/members/{}", self.guild_id, self.user_id);
        let request = RequestBuilder::new(&self.client, Method::PUT, path)
            .build(Auth::Bot(&self.bot_token), Body::Json(body))?;
        Ok((request, self.guild_id))
    }

    fn parse_success(
        guild_id: GuildId,
        response: Response<'_>,
        _: crate::operation::Sealed,
    ) -> Result<AddedMember> {
        if response.status == StatusCode::NO_CONTENT {
            return Ok(AddedMember::AlreadyMember);
        }
        // The user was added whatever the body says: a body that is not a
        // member object must not turn that into an error.
        match decode::<Member>(Self::NAME, &response) {
            Ok(member) => Ok(AddedMember::Added(Box::new(member.with_guild_id(guild_id)))),
            Err(_) => Ok(AddedMember::AddedUnreadable(UndecodedJson::new(
                String::from_utf8_lossy(response.body),
            ))),
        }
    }
}
