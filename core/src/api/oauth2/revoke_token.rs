use http::Method;

use crate::client::Client;
use crate::error::{InvalidInput, Result};
use crate::model::AccessToken;
use crate::operation::{Auth, Body, Operation, RequestBuilder, Response};
use crate::route::Route;
use crate::secret::{BearerToken, RefreshToken};

/// The revocation endpoint's path below the API base.
pub(crate) const REVOKE_PATH: &str = "/oauth2/token/revoke";

/// Which kind of token is being revoked (RFC 7009 `token_type_hint`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenTypeHint {
    /// `access_token`
    AccessToken,
    /// `refresh_token`
    RefreshToken,
}

impl TokenTypeHint {
    /// The hint as sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AccessToken => "access_token",
            Self::RefreshToken => "refresh_token",
        }
    }
}

/// Revokes a token (RFC 7009): `POST /oauth2/token/revoke`. Made by
/// [`Client::revoke_access_token`] and [`Client::revoke_refresh_token`].
///
/// Discord revokes the whole authorization: every access and refresh token
/// it issued. Revoking a token that is already invalid succeeds (RFC 7009 §2.2).
#[derive(Debug, Clone)]
#[must_use = "an operation does nothing until sent"]
pub struct RevokeToken {
    client: Client,
    // Kept as its secret type's string only while building.
    token: RevokedSecret,
    hint: Option<TokenTypeHint>,
}

#[derive(Debug, Clone)]
enum RevokedSecret {
    Access(BearerToken),
    Refresh(RefreshToken),
}

impl RevokeToken {
    /// Leaves out the `token_type_hint` (Discord does not need it).
    pub fn without_hint(mut self) -> Self {
        self.hint = None;
        self
    }
}

impl Client {
    /// Revokes an access token (and with it the whole authorization).
    ///
    /// ```
    /// use disco_oauth2::{BearerToken, Client, Operation};
    ///
    /// let client = Client::builder(1234).client_secret("s").build()?;
    /// let (request, _pending) = client.revoke_access_token(&BearerToken::new("6qrZcUqja7812RVdnEKjpzOL4CvHBFG")).into_parts()?;
    /// assert_eq!(request.uri(), "https://discord.com/api/v10/oauth2/token/revoke");
    /// assert_eq!(request.body(), b"token=6qrZcUqja7812RVdnEKjpzOL4CvHBFG&token_type_hint=access_token");
    /// # Ok::<(), disco_oauth2::Error>(())
    /// ```
    pub fn revoke_access_token(&self, token: &BearerToken) -> RevokeToken {
        RevokeToken {
            client: self.clone(),
            token: RevokedSecret::Access(token.clone()),
            hint: Some(TokenTypeHint::AccessToken),
        }
    }

    /// Revokes a refresh token (and with it the whole authorization).
    pub fn revoke_refresh_token(&self, token: &RefreshToken) -> RevokeToken {
        RevokeToken {
            client: self.clone(),
            token: RevokedSecret::Refresh(token.clone()),
            hint: Some(TokenTypeHint::RefreshToken),
        }
    }

    /// Revokes a token's whole authorization: by its refresh token when it
    /// has one, else by its access token. Revoking a dead token succeeds.
    pub fn revoke_authorization(&self, token: &AccessToken) -> RevokeToken {
        match &token.refresh_token {
            Some(refresh) => self.revoke_refresh_token(refresh),
            None => self.revoke_access_token(&token.access_token),
        }
    }
}

impl Operation for RevokeToken {
    type Output = ();
    type Context = ();
    const NAME: &'static str = "revoke_token";

    fn route(&self) -> Route {
        Route::new(Method::POST, REVOKE_PATH)
    }

    fn build(
        &self,
        _: crate::operation::Sealed,
    ) -> Result<(http::Request<crate::operation::RequestBody>, ())> {
        let token = match &self.token {
            RevokedSecret::Access(token) => token.secret(),
            RevokedSecret::Refresh(token) => token.secret(),
        };
        if token.is_empty() {
            return Err(InvalidInput::new("token", "is empty").into());
        }
        let mut form = vec![("token", token.to_owned())];
        if let Some(hint) = self.hint {
            form.push(("token_type_hint", hint.as_str().to_owned()));
        }
        let request = RequestBuilder::new(&self.client, Method::POST, REVOKE_PATH)
            .build(Auth::Client, Body::Form(form))?;
        Ok((request, ()))
    }

    /// Any 2xx means revoked; the body (Discord sends `{}`) is not read.
    fn parse_success(_: (), _: Response<'_>, _: crate::operation::Sealed) -> Result<()> {
        Ok(())
    }
}
