use http::Method;

use super::{TOKEN_PATH, parse_token};
use crate::client::Client;
use crate::error::{InvalidInput, Result};
use crate::model::AccessToken;
use crate::operation::{Auth, Body, Operation, RequestBuilder, Response};
use crate::route::Route;
use crate::secret::RefreshToken;

/// Trades a refresh token for a new token (`grant_type=refresh_token`):
/// `POST /oauth2/token`. Made by [`Client::refresh_token`].
///
/// Discord rotates refresh tokens: store the new one, the old one is dead.
#[derive(Debug, Clone)]
#[must_use = "an operation does nothing until sent"]
pub struct RefreshAccessToken {
    client: Client,
    refresh_token: RefreshToken,
}

impl Client {
    /// Trades `refresh_token` for a new [`AccessToken`].
    ///
    /// ```
    /// use disco_oauth2::{Client, Operation, RefreshToken};
    ///
    /// let client = Client::builder(1234).client_secret("s").build()?;
    /// let (request, _pending) = client.refresh_token(&RefreshToken::new("D43f5y0ahjqew82jZ4NViEr2YafMKhue")).into_parts()?;
    /// assert_eq!(request.method(), "POST");
    /// assert_eq!(request.body(), b"grant_type=refresh_token&refresh_token=D43f5y0ahjqew82jZ4NViEr2YafMKhue");
    /// # Ok::<(), disco_oauth2::Error>(())
    /// ```
    pub fn refresh_token(&self, refresh_token: &RefreshToken) -> RefreshAccessToken {
        RefreshAccessToken {
            client: self.clone(),
            refresh_token: refresh_token.clone(),
        }
    }
}

impl Operation for RefreshAccessToken {
    type Output = AccessToken;
    type Context = ();
    const NAME: &'static str = "refresh_token";

    fn route(&self) -> Route {
        Route::new(Method::POST, TOKEN_PATH)
    }

    fn build(
        &self,
        _: crate::operation::Sealed,
    ) -> Result<(http::Request<crate::operation::RequestBody>, ())> {
        if self.refresh_token.secret().is_empty() {
            return Err(InvalidInput::new("refresh_token", "is empty").into());
        }
        let form = vec![
            ("grant_type", "refresh_token".to_owned()),
            ("refresh_token", self.refresh_token.secret().to_owned()),
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
