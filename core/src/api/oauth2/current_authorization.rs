use crate::api::bearer_get;
use crate::client::Client;
use crate::model::Authorization;
use crate::secret::BearerToken;

bearer_get!(
    /// The current authorization: application, scopes, expiry and (with
    /// `identify`) the user: `GET /oauth2/@me`. Made by [`Client::current_authorization`].
    GetCurrentAuthorization,
    "current_authorization",
    "/oauth2/@me",
    Authorization
);

impl Client {
    /// What `token` is allowed to do, and until when.
    pub fn current_authorization(&self, token: &BearerToken) -> GetCurrentAuthorization {
        GetCurrentAuthorization::new(self, token)
    }
}
