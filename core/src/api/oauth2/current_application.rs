use http::Method;

use crate::client::Client;
use crate::error::Result;
use crate::model::Application;
use crate::operation::{Auth, Body, Operation, RequestBuilder, Response, decode};
use crate::route::Route;
use crate::secret::BotToken;

/// The bot's application: `GET /oauth2/applications/@me` with the bot's
/// token. Made by [`Client::current_application`].
#[derive(Debug, Clone)]
#[must_use = "an operation does nothing until sent"]
pub struct GetCurrentApplication {
    client: Client,
    bot_token: BotToken,
}

impl Client {
    /// The application whose bot token this is.
    ///
    /// ```
    /// use disco_oauth2::{BotToken, Client, Operation};
    ///
    /// let client = Client::builder(1234).build()?;
    /// let (request, _pending) = client.current_application(&BotToken::new("bot")).into_parts()?;
    /// assert_eq!(request.uri(), "https://discord.com/api/v10/oauth2/applications/@me");
    /// assert_eq!(request.headers()["authorization"], "Bot bot");
    /// # Ok::<(), disco_oauth2::Error>(())
    /// ```
    pub fn current_application(&self, bot_token: &BotToken) -> GetCurrentApplication {
        GetCurrentApplication {
            client: self.clone(),
            bot_token: bot_token.clone(),
        }
    }
}

impl Operation for GetCurrentApplication {
    type Output = Application;
    type Context = ();
    const NAME: &'static str = "current_application";

    fn route(&self) -> Route {
        Route::new(Method::GET, "/oauth2/applications/@me").for_bot()
    }

    fn build(
        &self,
        _: crate::operation::Sealed,
    ) -> Result<(http::Request<crate::operation::RequestBody>, ())> {
        let request = RequestBuilder::new(&self.client, Method::GET, "/oauth2/applications/@me")
            .build(Auth::Bot(&self.bot_token), Body::Empty)?;
        Ok((request, ()))
    }

    fn parse_success(
        _: (),
        response: Response<'_>,
        _: crate::operation::Sealed,
    ) -> Result<Application> {
        decode(Self::NAME, &response)
    }
}
