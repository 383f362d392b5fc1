use http::Method;

use crate::client::Client;
use crate::error::{InvalidInput, Result};
use crate::model::{Guild, GuildId};
use crate::operation::{Auth, Body, Operation, RequestBuilder, Response, decode};
use crate::route::Route;
use crate::secret::BearerToken;

/// The most guilds Discord returns in one page (and its default).
pub const MAX_GUILDS_PER_PAGE: u16 = 200;

/// The user's guilds, as partial guilds: `GET /users/@me/guilds` (scope
/// `guilds`). Made by [`Client::current_user_guilds`]; to read every page,
/// see [`GuildPages`](super::GuildPages).
#[derive(Debug, Clone)]
#[must_use = "an operation does nothing until sent"]
pub struct GetCurrentUserGuilds {
    client: Client,
    token: BearerToken,
    before: Option<GuildId>,
    after: Option<GuildId>,
    limit: Option<u16>,
    with_counts: bool,
}

impl GetCurrentUserGuilds {
    /// Only guilds with an id below `id`.
    pub fn before(mut self, id: GuildId) -> Self {
        self.before = Some(id);
        self
    }

    /// Only guilds with an id above `id`.
    pub fn after(mut self, id: GuildId) -> Self {
        self.after = Some(id);
        self
    }

    /// At most `limit` guilds, 1 to [`MAX_GUILDS_PER_PAGE`] (Discord's default is 200).
    pub fn limit(mut self, limit: u16) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Adds `approximate_member_count` and `approximate_presence_count`.
    pub fn with_counts(mut self, with_counts: bool) -> Self {
        self.with_counts = with_counts;
        self
    }
}

impl Client {
    /// The guilds the user is in.
    ///
    /// ```
    /// use disco_oauth2::{BearerToken, Client, GuildId, Operation};
    ///
    /// let client = Client::builder(1234).build()?;
    /// let op = client
    ///     .current_user_guilds(&BearerToken::new("tok"))
    ///     .after(GuildId::new(80351110224678912))
    ///     .limit(50)
    ///     .with_counts(true);
    /// let (request, _pending) = op.into_parts()?;
    /// assert_eq!(
    ///     request.uri(),
    ///     "https://discord.com/api/v10/users/@me/guilds?after=80351110224678912&limit=50&with_counts=true"
    /// );
    /// # Ok::<(), disco_oauth2::Error>(())
    /// ```
    pub fn current_user_guilds(&self, token: &BearerToken) -> GetCurrentUserGuilds {
        GetCurrentUserGuilds {
            client: self.clone(),
            token: token.clone(),
            before: None,
            after: None,
            limit: None,
            with_counts: false,
        }
    }
}

impl Operation for GetCurrentUserGuilds {
    type Output = Vec<Guild>;
    type Context = ();
    const NAME: &'static str = "current_user_guilds";

    fn route(&self) -> Route {
        Route::new(Method::GET, "/users/@me/guilds").for_bearer(&self.token)
    }

    fn build(
        &self,
        _: crate::operation::Sealed,
    ) -> Result<(http::Request<crate::operation::RequestBody>, ())> {
        let mut builder = RequestBuilder::new(&self.client, Method::GET, "/users/@me/guilds");
        if let Some(before) = self.before {
            builder = builder.query("before", before);
        }
        if let Some(after) = self.after {
            builder = builder.query("after", after);
        }
        if let Some(limit) = self.limit {
            if !(1..=MAX_GUILDS_PER_PAGE).contains(&limit) {
                return Err(InvalidInput::new(
                    "limit",
                    format!("must be 1 to {MAX_GUILDS_PER_PAGE}, not {limit}"),
                )
                .into());
            }
            builder = builder.query("limit", limit);
        }
        if self.with_counts {
            builder = builder.query("with_counts", "true");
        }
        let request = builder.build(Auth::Bearer(&self.token), Body::Empty)?;
        Ok((request, ()))
    }

    fn parse_success(
        _: (),
        response: Response<'_>,
        _: crate::operation::Sealed,
    ) -> Result<Vec<Guild>> {
        decode(Self::NAME, &response)
    }
}
