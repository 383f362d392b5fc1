use http::Method;

use super::{TOKEN_PATH, parse_token};
use crate::authorize::PkceVerifier;
use crate::client::{AbsoluteUrl, Client};
use crate::error::{InvalidInput, Result};
use crate::model::AccessToken;
use crate::operation::{Auth, Body, Operation, RequestBuilder, Response};
use crate::route::Route;
use crate::secret::AuthorizationCode;

/// Trades an authorization code for a token (`grant_type=authorization_code`):
/// `POST /oauth2/token`. Made by [`Client::exchange_code`].
#[derive(Debug)]
#[must_use = "an operation does nothing until sent"]
pub struct ExchangeCode {
    client: Client,
    code: AuthorizationCode,
    redirect_uri: Option<String>,
    code_verifier: Option<PkceVerifier>,
}

impl ExchangeCode {
    /// The PKCE verifier whose challenge went into the authorization URL.
    pub fn pkce_verifier(mut self, verifier: PkceVerifier) -> Self {
        self.code_verifier = Some(verifier);
        self
    }

    /// The redirect URI the authorization URL used, when it was not the client's default.
    pub fn redirect_uri(mut self, uri: impl Into<String>) -> Self {
        self.redirect_uri = Some(uri.into());
        self
    }
}

impl Client {
    /// Trades the `code` from the authorization redirect for an [`AccessToken`].
    ///
    /// A client without a secret (a public client) must add the PKCE
    /// verifier with [`ExchangeCode::pkce_verifier`]; building the request
    /// without either is an [`InvalidInput`](crate::InvalidInput).
    ///
    /// ```
    /// use disco_oauth2::{Client, Operation};
    ///
    /// let client = Client::builder(157730590492196864)
    ///     .client_secret("secret")
    ///     .redirect_uri("https://nicememe.website")
    ///     .build()?;
    /// let (request, _pending) = client.exchange_code("NhhvTDYsFcdgNLnnLijcl7Ku7bEEeee").into_parts()?;
    /// assert_eq!(request.uri(), "https://discord.com/api/v10/oauth2/token");
    /// assert_eq!(
    ///     request.body(),
    ///     b"grant_type=authorization_code&code=NhhvTDYsFcdgNLnnLijcl7Ku7bEEeee&redirect_uri=https%3A%2F%2Fnicememe.website"
    /// );
    /// # Ok::<(), disco_oauth2::Error>(())
    /// ```
    pub fn exchange_code(&self, code: impl Into<AuthorizationCode>) -> ExchangeCode {
        ExchangeCode {
            client: self.clone(),
            code: code.into(),
            redirect_uri: None,
            code_verifier: None,
        }
    }
}

impl Operation for ExchangeCode {
    type Output = AccessToken;
    type Context = ();
    const NAME: &'static str = "exchange_code";

    fn route(&self) -> Route {
        Route::new(Method::POST, TOKEN_PATH)
    }

    fn build(
        &self,
        _: crate::operation::Sealed,
    ) -> Result<(http::Request<crate::operation::RequestBody>, ())> {
        if self.code.secret().is_empty() {
            return Err(InvalidInput::new("code", "is empty").into());
        }
        if self.client.client_secret().is_none() && self.code_verifier.is_none() {
            // A public client proves itself only by the PKCE verifier;
            // without one the request would carry no client authentication.
            return Err(InvalidInput::new(
                "code_verifier",
                "is required when the client has no secret (a public client must use PKCE)",
            )
            .into());
        }
        let redirect_uri = match &self.redirect_uri {
            Some(uri) => AbsoluteUrl::redirect_uri(uri)?.as_str().to_owned(),
            None => self
                .client
                .redirect_uri()
                .ok_or_else(|| {
                    InvalidInput::new(
                        "redirect_uri",
                        "is required to exchange a code; set one on the client",
                    )
                })?
                .to_owned(),
        };
        let mut form = vec![
            ("grant_type", "authorization_code".to_owned()),
            ("code", self.code.secret().to_owned()),
            ("redirect_uri", redirect_uri),
        ];
        if let Some(verifier) = &self.code_verifier {
            form.push(("code_verifier", verifier.secret().to_owned()));
        }
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
