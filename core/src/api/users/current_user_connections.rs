use crate::api::bearer_get;
use crate::client::Client;
use crate::model::Connection;
use crate::secret::BearerToken;

bearer_get!(
    /// The user's linked third-party accounts: `GET /users/@me/connections`
    /// (scope `connections`). Made by [`Client::current_user_connections`].
    GetCurrentUserConnections,
    "current_user_connections",
    "/users/@me/connections",
    Vec<Connection>
);

impl Client {
    /// The accounts the user linked to Discord (GitHub, Twitch, Steam, …).
    pub fn current_user_connections(&self, token: &BearerToken) -> GetCurrentUserConnections {
        GetCurrentUserConnections::new(self, token)
    }
}
