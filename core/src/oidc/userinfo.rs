//! [`UserInfo`] and [`GetUserInfo`]: the OpenID Connect userinfo endpoint.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::client::Client;
use crate::model::{ProfileClaims, UserId};
use crate::secret::BearerToken;

/// The userinfo response (OpenID Connect Core §5.3.2): `sub` is the user's
/// id; the profile claims of §5.1 are optional (Discord's documentation does
/// not list which it sends) in [`profile`](Self::profile); every other claim is kept in [`extra`](Self::extra).
///
/// ```
/// use disco_oauth2::oidc::UserInfo;
///
/// let info: UserInfo = serde_json::from_str(
///     r#"{"sub": "80351110224678912", "preferred_username": "nelly", "email_verified": true}"#,
/// )?;
/// assert_eq!(info.sub.get(), 80351110224678912);
/// assert_eq!(info.profile.preferred_username.as_deref(), Some("nelly"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserInfo {
    /// The user.
    pub sub: UserId,
    /// The profile claims.
    #[serde(flatten)]
    pub profile: ProfileClaims,
    /// Every other claim, by name.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

impl UserInfo {
    /// The user's id.
    pub fn user_id(&self) -> UserId {
        self.sub
    }
}

crate::api::bearer_get!(
    /// The OpenID Connect claims about the user: `GET /oauth2/userinfo` with
    /// their token (granted with `openid`). Made by [`Client::userinfo`].
    GetUserInfo, "userinfo", "/oauth2/userinfo", UserInfo
);

impl Client {
    /// The claims about the user whose token this is.
    ///
    /// ```
    /// use disco_oauth2::{BearerToken, Client, Operation};
    ///
    /// let client = Client::builder(1234).build()?;
    /// let (request, _pending) = client.userinfo(&BearerToken::new("t")).into_parts()?;
    /// assert_eq!(request.uri(), "https://discord.com/api/v10/oauth2/userinfo");
    /// # Ok::<(), disco_oauth2::Error>(())
    /// ```
    pub fn userinfo(&self, token: &BearerToken) -> GetUserInfo {
        GetUserInfo::new(self, token)
    }
}
