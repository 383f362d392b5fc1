use http::Method;

use crate::client::Client;
use crate::error::Result;
use crate::model::{GuildId, Member};
use crate::operation::{Auth, Body, Operation, RequestBuilder, Response, decode};
use crate::route::Route;
use crate::secret::BearerToken;

/// The user's member object in one guild:
/// `GET /users/@me/guilds/{guild.id}/member` (scope `guilds.members.read`).
/// Made by [`Client::current_user_guild_member`]. The parsed member's
/// `guild_id` is filled from the request.
#[derive(Debug, Clone)]
#[must_use = "an operation does nothing until sent"]
pub struct GetCurrentUserGuildMember {
    client: Client,
    token: BearerToken,
    guild_id: GuildId,
}

impl Client {
    /// The user's membership (nickname, roles, join date…) in `guild_id`.
    pub fn current_user_guild_member(
        &self,
        token: &BearerToken,
        guild_id: GuildId,
    ) -> GetCurrentUserGuildMember {
        GetCurrentUserGuildMember {
            client: self.clone(),
            token: token.clone(),
            guild_id,
        }
    }
}

impl Operation for GetCurrentUserGuildMember {
    type Output = Member;
    type Context = GuildId;
    const NAME: &'static str = "current_user_guild_member";

    fn route(&self) -> Route {
        Route::new(Method::GET, "/users/@me/guilds/{guild.id}/member").for_bearer(&self.token)
    }

    fn build(
        &self,
        _: crate::operation::Sealed,
    ) -> Result<(http::Request<crate::operation::RequestBody>, GuildId)> {
        self.guild_id.check_nonzero("guild_id")?;
        let path = format!("/users/@me/guilds/{}/member", self.guild_id);
        let request = RequestBuilder::new(&self.client, Method::GET, path)
            .build(Auth::Bearer(&self.token), Body::Empty)?;
        Ok((request, self.guild_id))
    }

    fn parse_success(
        guild_id: GuildId,
        response: Response<'_>,
        _: crate::operation::Sealed,
    ) -> Result<Member> {
        decode::<Member>(Self::NAME, &response).map(|member| member.with_guild_id(guild_id))
    }
}
