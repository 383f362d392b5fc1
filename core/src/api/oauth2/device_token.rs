use http::Method;

use super::{TOKEN_PATH, parse_token};
use crate::client::Client;
use crate::error::{InvalidInput, Result};
use crate::model::AccessToken;
use crate::operation::{Auth, Body, Operation, RequestBuilder, Response};
use crate::route::Route;
use crate::secret::DeviceCode;

/// The device-code grant's `grant_type` (RFC 8628 §3.4).
pub const DEVICE_CODE_GRANT_TYPE: &str = "urn:ietf:params:oauth:grant-type:device_code";

/// One poll of a device login (RFC 8628 §3.4): `POST /oauth2/token` with
/// `grant_type=urn:ietf:params:oauth:grant-type:device_code` and the
/// `device_code`, the client authenticating as in the other grants. Made by
/// [`Client::device_token`].
///
/// Until the user decides, Discord answers `authorization_pending` (or
/// `slow_down`) as an [`Error::OAuth2`](crate::Error::OAuth2);
/// [`DeviceLogin`](crate::driver::DeviceLogin) polls for you.
#[derive(Debug, Clone)]
#[must_use = "an operation does nothing until sent"]
pub struct PollDeviceToken {
    client: Client,
    device_code: DeviceCode,
}

impl Client {
    /// Asks once whether the device login of `device_code` was approved.
    ///
    /// ```
    /// use disco_oauth2::{Client, DeviceCode, Operation};
    ///
    /// let client = Client::builder(1234).public_client().build()?;
    /// let (request, _pending) = client.device_token(&DeviceCode::new("dc")).into_parts()?;
    /// assert_eq!(
    ///     request.body(),
    ///     b"grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=dc&client_id=1234"
    /// );
    /// # Ok::<(), disco_oauth2::Error>(())
    /// ```
    pub fn device_token(&self, device_code: &DeviceCode) -> PollDeviceToken {
        PollDeviceToken {
            client: self.clone(),
            device_code: device_code.clone(),
        }
    }
}

impl Operation for PollDeviceToken {
    type Output = AccessToken;
    type Context = ();
    const NAME: &'static str = "device_token";

    fn route(&self) -> Route {
        Route::new(Method::POST, TOKEN_PATH)
    }

    fn build(
        &self,
        _: crate::operation::Sealed,
    ) -> Result<(http::Request<crate::operation::RequestBody>, ())> {
        if self.device_code.secret().is_empty() {
            return Err(InvalidInput::new("device_code", "is empty").into());
        }
        let form = vec![
            ("grant_type", DEVICE_CODE_GRANT_TYPE.to_owned()),
            ("device_code", self.device_code.secret().to_owned()),
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
