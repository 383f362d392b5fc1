use http::Method;

use crate::client::Client;
use crate::error::{InvalidInput, Result};
use crate::model::{DeviceAuthorization, Scope, Scopes};
use crate::operation::{Auth, Body, Operation, RequestBuilder, Response};
use crate::route::Route;

/// The device authorization endpoint's path below the API base.
const PATH: &str = "/oauth2/device/authorize";

/// Starts a device login (RFC 8628 §3.1): `POST /oauth2/device/authorize`
/// with the form `client_id` and `scope`. Made by [`Client::device_authorization`].
///
/// The client authenticates as at the token endpoint: a public client
/// ([`ClientBuilder::public_client`](crate::ClientBuilder::public_client), the
/// usual case on consoles and CLIs) sends only its `client_id` in the form; a confidential one authenticates as its
/// [`ClientAuth`](crate::ClientAuth) says (RFC 8628 §3.1, where Discord's
/// documentation is silent).
#[derive(Debug, Clone)]
#[must_use = "an operation does nothing until sent"]
pub struct StartDeviceAuthorization {
    client: Client,
    scopes: Option<Scopes>,
}

impl StartDeviceAuthorization {
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
    /// Starts a device login for the client's default scopes (or those given
    /// with [`StartDeviceAuthorization::scopes`]): the answer is the code to
    /// show the user and the one to poll with (see
    /// [`DeviceLogin`](crate::driver::DeviceLogin)).
    ///
    /// ```
    /// use disco_oauth2::{Client, Operation, Scope};
    ///
    /// let client = Client::builder(1234).public_client().build()?;
    /// let (request, _pending) = client
    ///     .device_authorization()
    ///     .scopes([Scope::Identify, Scope::OpenId])
    ///     .into_parts()?;
    /// assert_eq!(request.uri(), "https://discord.com/api/v10/oauth2/device/authorize");
    /// assert_eq!(request.body(), b"scope=identify+openid&client_id=1234");
    /// # Ok::<(), disco_oauth2::Error>(())
    /// ```
    pub fn device_authorization(&self) -> StartDeviceAuthorization {
        StartDeviceAuthorization {
            client: self.clone(),
            scopes: None,
        }
    }
}

impl Operation for StartDeviceAuthorization {
    type Output = DeviceAuthorization;
    type Context = ();
    const NAME: &'static str = "device_authorization";

    fn route(&self) -> Route {
        Route::new(Method::POST, PATH)
    }

    fn build(
        &self,
        _: crate::operation::Sealed,
    ) -> Result<(http::Request<crate::operation::RequestBody>, ())> {
        let scopes = self.scopes.as_ref().unwrap_or(self.client.scopes());
        if scopes.is_empty() {
            return Err(
                InvalidInput::new("scopes", "a device login needs at least one scope").into(),
            );
        }
        let form = vec![("scope", scopes.to_space_separated())];
        let request = RequestBuilder::new(&self.client, Method::POST, PATH)
            .build(Auth::Client, Body::Form(form))?;
        Ok((request, ()))
    }

    fn parse_success(
        _: (),
        response: Response<'_>,
        _: crate::operation::Sealed,
    ) -> Result<DeviceAuthorization> {
        DeviceAuthorization::from_response_body(response.body, response.now)
            .map_err(|e| e.with_status(response.status).into())
    }
}
