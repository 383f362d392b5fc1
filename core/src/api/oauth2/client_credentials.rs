use http::Method;

use super::{TOKEN_PATH, parse_token};
use crate::client::Client;
use crate::error::{InvalidInput, Result};
use crate::model::{AccessToken, Scope, Scopes};
use crate::operation::{Auth, Body, Operation, RequestBuilder, Response};
use crate::route::Route;

/// A token for the application's owner (`grant_type=client_credentials`):
/// `POST /oauth2/token`. Made by [`Client::client_credentials`]. The token
/// has no refresh token; ask for a new one when it expires.
#[derive(Debug, Clone)]
#[must_use = "an operation does nothing until sent"]
pub struct ClientCredentials {
    client: Client,
    scopes: Option<Scopes>,
}

impl ClientCredentials {
    /// Asks for these scopes instead of the client's default ones.
    pub fn scopes<I>(mut self, scopes: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<Scope>,
    {
        self.scopes = Some(scopes.into_iter().map(Into::into).collect());
        self
    }
}

impl Client {
    /// A client-credentials token for the application's owner, with the
    /// client's default scopes unless [`ClientCredentials::scopes`] says otherwise.
    ///
    /// ```
    /// use disco_oauth2::{Client, Operation, Scope};
    ///
    /// let client = Client::builder(1234).client_secret("s").build()?;
    /// let op = client.client_credentials().scopes([Scope::Identify, Scope::Connections]);
    /// let (request, _pending) = op.into_parts()?;
    /// assert_eq!(request.body(), b"grant_type=client_credentials&scope=connections+identify");
    /// # Ok::<(), disco_oauth2::Error>(())
    /// ```
    pub fn client_credentials(&self) -> ClientCredentials {
        ClientCredentials {
            client: self.clone(),
            scopes: None,
        }
    }
}

impl Operation for ClientCredentials {
    type Output = AccessToken;
    type Context = ();
    const NAME: &'static str = "client_credentials";

    fn route(&self) -> Route {
        Route::new(Method::POST, TOKEN_PATH)
    }

    fn build(
        &self,
        _: crate::operation::Sealed,
    ) -> Result<(http::Request<crate::operation::RequestBody>, ())> {
        if self.client.client_secret().is_none() {
            return Err(InvalidInput::new(
                "client_secret",
                "is required for the client credentials grant",
            )
            .into());
        }
        let scopes = self.scopes.as_ref().unwrap_or(self.client.scopes());
        if scopes.is_empty() {
            return Err(InvalidInput::new(
                "scopes",
                "the client credentials grant needs at least one scope",
            )
            .into());
        }
        let form = vec![
            ("grant_type", "client_credentials".to_owned()),
            ("scope", scopes.to_space_separated()),
        ];
        let request = RequestBuilder::new(&self.client, Method::POST, TOKEN_PATH)
            .build(Auth::Client, Body::Form(form))?;
        Ok((request, ()))
    }

    fn parse_success(
        _: (),
        response: Response<'_>,
        _: crate::operation::Sealed,
    ) -> Result<AccessToken> {
        parse_token(&response)
    }
}
