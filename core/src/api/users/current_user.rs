use crate::api::bearer_get;
use crate::client::Client;
use crate::model::User;
use crate::secret::BearerToken;

bearer_get!(
    /// The user who authorized: `GET /users/@me` (scope `identify`; `email`
    /// adds the e-mail address). Made by [`Client::current_user`].
    GetCurrentUser,
    "current_user",
    "/users/@me",
    User
);

impl Client {
    /// The user `token` belongs to.
    ///
    /// ```
    /// use disco_oauth2::{BearerToken, Client, Operation};
    ///
    /// let client = Client::builder(1234).build()?;
    /// let (request, _pending) = client.current_user(&BearerToken::new("tok")).into_parts()?;
    /// assert_eq!(request.uri(), "https://discord.com/api/v10/users/@me");
    /// assert_eq!(request.headers()["authorization"], "Bearer tok");
    /// assert!(request.headers()["authorization"].is_sensitive());
    /// # Ok::<(), disco_oauth2::Error>(())
    /// ```
    pub fn current_user(&self, token: &BearerToken) -> GetCurrentUser {
        GetCurrentUser::new(self, token)
    }
}
