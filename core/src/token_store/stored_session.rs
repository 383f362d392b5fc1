//! [`StoredSession`]: one user's token in a store, and the calls made with it.

use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::client::Client;
use crate::model::AccessToken;

use super::{LeaseHolder, RefreshPolicy, SessionCall, StoreCommand, StoreError, TokenCodec};

/// One user's token as kept in a token store under the application's key,
/// with the client, the codec and the refresh policy to use it: it makes a
/// [`SessionCall`] per call, and the commands that log the user in and out.
///
/// ```
/// use std::sync::Arc;
/// use std::time::Instant;
/// use disco_oauth2::{AccessToken, Client};
/// use disco_oauth2::token_store::{MemoryStore, PlainJson, StoreReply, StoredSession};
///
/// let client = Client::builder(157730590492196864).client_secret("s").build()?;
/// let session = StoredSession::new(client, "user:80351110224678912", Arc::new(PlainJson));
/// let now: chrono::DateTime<chrono::Utc> = "2026-11-24T12:00:00Z".parse()?;
/// let token = AccessToken::from_response_body(
///     br#"{"access_token": "a", "expires_in": 604800, "refresh_token": "r"}"#, now)?;
///
/// let mut store = MemoryStore::new();
/// let reply = store.execute(session.save(&token, now)?, Instant::now());
/// assert_eq!(reply, StoreReply::Written { version: 1 });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct StoredSession {
    pub(super) client: Client,
    pub(super) key: String,
    pub(super) codec: Arc<dyn TokenCodec>,
    pub(super) policy: RefreshPolicy,
}

impl StoredSession {
    /// The session stored under `key`, with the default [`RefreshPolicy`].
    pub fn new(client: Client, key: impl Into<String>, codec: Arc<dyn TokenCodec>) -> Self {
        Self {
            client,
            key: key.into(),
            codec,
            policy: RefreshPolicy::default(),
        }
    }

    /// The same session under another refresh policy.
    pub fn with_policy(mut self, policy: RefreshPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// The application's key of the session.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The refresh policy.
    pub fn policy(&self) -> &RefreshPolicy {
        &self.policy
    }

    /// The client.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// A call made with the stored token: it refreshes it first when due,
    /// and once more after a 401. `holder` names this call's refresh lease
    /// ([`LeaseHolder::random`] in production).
    pub fn call<T>(&self, holder: LeaseHolder) -> SessionCall<T> {
        SessionCall::new(self.clone(), holder)
    }

    /// The command that stores `token` (a new login), above whatever version
    /// is there.
    ///
    /// # Errors
    /// When the codec cannot encode the token.
    pub fn save(
        &self,
        token: &AccessToken,
        now: DateTime<Utc>,
    ) -> Result<StoreCommand, StoreError> {
        Ok(StoreCommand::Put {
            key: self.key.clone(),
            value: self.codec.encode(&self.key, token)?,
            updated_at: now,
        })
    }

    /// The command that forgets the token (logout).
    pub fn forget(&self) -> StoreCommand {
        StoreCommand::Delete {
            key: self.key.clone(),
        }
    }

    /// The token in a record read from the store.
    ///
    /// # Errors
    /// [`StoreError::Corrupt`] or [`StoreError::Unsealable`] for a value the
    /// codec did not write for this key.
    pub fn decode(&self, value: &[u8]) -> Result<AccessToken, StoreError> {
        self.codec.decode(&self.key, value)
    }
}

impl fmt::Debug for StoredSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StoredSession")
            .field("key", &self.key)
            .field("policy", &self.policy)
            .finish_non_exhaustive()
    }
}
