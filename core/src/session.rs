//! [`UserContext`]: one user's token and what has been learned about them —
//! the plain state of a runtime's user session, without the IO.

use crate::error::InvalidInput;
use crate::model::{AccessToken, User, UserId};
use crate::secret::{BearerToken, RefreshToken};

/// A user's access token and their id once known. It does no IO: a session
/// runs operations with [`bearer`](Self::bearer), then tells the context what
/// came back ([`record_user`](Self::record_user),
/// [`record_refreshed`](Self::record_refreshed)).
///
/// ```
/// use disco_oauth2::session::UserContext;
/// use disco_oauth2::AccessToken;
///
/// let body = br#"{"access_token": "6qrZcUqja7812RVdnEKjpzOL4CvHBFG", "token_type": "Bearer",
///                 "expires_in": 604800, "scope": "identify guilds.join"}"#;
/// let now: chrono::DateTime<chrono::Utc> = "2026-11-24T12:00:00Z".parse()?; // your clock
/// let user = UserContext::new(AccessToken::from_response_body(body, now)?);
/// assert_eq!(user.user_id(), None);
/// // Adding the user to a guild needs their id: fetch (and record) the user first.
/// assert!(user.known_user_id().is_err());
/// // Only tokens from a code exchange have a refresh token.
/// assert!(user.refresh_token().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct UserContext {
    token: AccessToken,
    user_id: Option<UserId>,
}

impl UserContext {
    /// A context for `token`; the user's id is not known yet.
    pub fn new(token: AccessToken) -> Self {
        Self {
            token,
            user_id: None,
        }
    }

    /// The current token (after [`record_refreshed`](Self::record_refreshed), the new one).
    pub fn token(&self) -> &AccessToken {
        &self.token
    }

    /// The bearer token the user's calls are made with.
    pub fn bearer(&self) -> &BearerToken {
        &self.token.access_token
    }

    /// Gives the token back.
    pub fn into_token(self) -> AccessToken {
        self.token
    }

    /// The user's id, once recorded.
    pub fn user_id(&self) -> Option<UserId> {
        self.user_id
    }

    /// The user's id, or why it is not known yet.
    ///
    /// # Errors
    /// [`InvalidInput`] on `user_id` until [`record_user`](Self::record_user).
    pub fn known_user_id(&self) -> Result<UserId, InvalidInput> {
        self.user_id.ok_or_else(|| {
            InvalidInput::new("user_id", "not known yet: fetch the current user first")
        })
    }

    /// The refresh token, or why there is none.
    ///
    /// # Errors
    /// [`InvalidInput`] on `refresh_token` when the token has none (client
    /// credentials, implicit grant).
    pub fn refresh_token(&self) -> Result<&RefreshToken, InvalidInput> {
        self.token.refresh_token.as_ref().ok_or_else(|| {
            InvalidInput::new(
                "refresh_token",
                "this token has none (client credentials or implicit grant)",
            )
        })
    }

    /// Remembers the user's id from a fetched user.
    pub fn record_user(&mut self, user: &User) {
        self.user_id = Some(user.id);
    }

    /// Keeps a refreshed token (the old refresh token is dead) and returns it.
    pub fn record_refreshed(&mut self, token: AccessToken) -> &AccessToken {
        self.token = token;
        &self.token
    }
}
