//! [`FetchJwks`]: the key set's operation.

use http::Method;

use super::jwks::Jwks;
use super::request::{get, origin};
use crate::client::Client;
use crate::error::Result;
use crate::operation::{Operation, Response};
use crate::route::Route;

/// The key set's path below the issuer, as Discord's discovery document names it.
pub const DEFAULT_JWKS_PATH: &str = "/api/oauth2/keys";

/// Fetches the key set Discord signs ID tokens with: `GET` of the discovery
/// document's `jwks_uri` (by default `https://discord.com/api/oauth2/keys`,
/// at the API base's origin). Made by [`Client::fetch_jwks`].
#[derive(Debug, Clone)]
#[must_use = "an operation does nothing until sent"]
pub struct FetchJwks {
    client: Client,
    uri: Option<String>,
}

impl FetchJwks {
    /// Fetches this URL (the discovery document's `jwks_uri`) instead.
    pub fn uri(mut self, uri: impl Into<String>) -> Self {
        self.uri = Some(uri.into());
        self
    }
}

impl Client {
    /// The key set ID tokens are signed with (keep it in a
    /// [`JwksCache`](super::JwksCache)).
    ///
    /// ```
    /// use disco_oauth2::{Client, Operation};
    ///
    /// let client = Client::builder(1234).build()?;
    /// let (request, _pending) = client.fetch_jwks().into_parts()?;
    /// assert_eq!(request.uri(), "https://discord.com/api/oauth2/keys");
    /// # Ok::<(), disco_oauth2::Error>(())
    /// ```
    pub fn fetch_jwks(&self) -> FetchJwks {
        FetchJwks {
            client: self.clone(),
            uri: None,
        }
    }
}

impl Operation for FetchJwks {
    type Output = Jwks;
    type Context = ();
    const NAME: &'static str = "fetch_jwks";

    fn route(&self) -> Route {
        Route::new(Method::GET, DEFAULT_JWKS_PATH)
    }

    fn build(
        &self,
        _: crate::operation::Sealed,
    ) -> Result<(http::Request<crate::operation::RequestBody>, ())> {
        let url = match &self.uri {
            Some(uri) => uri.clone(),
            None => format!("{}{DEFAULT_JWKS_PATH}", origin(&self.client)),
        };
        Ok((get(&self.client, "jwks_uri", &url)?, ()))
    }

    fn parse_success(_: (), response: Response<'_>, _: crate::operation::Sealed) -> Result<Jwks> {
        Jwks::from_slice(response.body).map_err(|e| e.with_status(response.status).into())
    }
}
