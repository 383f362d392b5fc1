//! [`TokenCodec`]: how a token becomes a store's bytes and back.

use crate::model::AccessToken;

use super::StoreError;

/// Turns a token into the bytes a store keeps, and back. `key` is the
/// application's store key: a sealing codec binds the value to it.
pub trait TokenCodec: Send + Sync {
    /// The bytes to store for `token` under `key`.
    ///
    /// # Errors
    /// When the token cannot be encoded (no randomness for a nonce, say).
    fn encode(&self, key: &str, token: &AccessToken) -> Result<Vec<u8>, StoreError>;

    /// The token stored as `value` under `key`.
    ///
    /// # Errors
    /// [`StoreError::Corrupt`] or [`StoreError::Unsealable`] for a value this
    /// codec did not write for this key.
    fn decode(&self, key: &str, value: &[u8]) -> Result<AccessToken, StoreError>;
}

/// Tokens as plain JSON, for stores inside the process (such as
/// [`MemoryStore`](super::MemoryStore)). The bytes hold the secrets: never
/// use it for a store another process can read — seal those with
/// `SealingKey` (feature `sealing`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlainJson;

impl TokenCodec for PlainJson {
    fn encode(&self, _key: &str, token: &AccessToken) -> Result<Vec<u8>, StoreError> {
        serde_json::to_vec(token).map_err(|e| StoreError::Corrupt {
            reason: format!("the token does not encode: {}", e.classify_name()),
        })
    }

    fn decode(&self, _key: &str, value: &[u8]) -> Result<AccessToken, StoreError> {
        decode_json(value)
    }
}

/// Decodes a token's JSON, naming where it is wrong but never quoting it.
pub(crate) fn decode_json(value: &[u8]) -> Result<AccessToken, StoreError> {
    serde_json::from_slice(value).map_err(|e| StoreError::Corrupt {
        reason: format!(
            "not a token's JSON: {} at line {} column {}",
            e.classify_name(),
            e.line(),
            e.column()
        ),
    })
}

/// A name for a JSON error's kind that quotes nothing from the input.
trait ClassifyName {
    fn classify_name(&self) -> &'static str;
}

impl ClassifyName for serde_json::Error {
    fn classify_name(&self) -> &'static str {
        match self.classify() {
            serde_json::error::Category::Io => "an IO error",
            serde_json::error::Category::Syntax => "a syntax error",
            serde_json::error::Category::Data => "a field of the wrong shape",
            serde_json::error::Category::Eof => "it ends early",
        }
    }
}

#[cfg(feature = "sealing")]
impl TokenCodec for crate::sealing::SealingKey {
    fn encode(&self, key: &str, token: &AccessToken) -> Result<Vec<u8>, StoreError> {
        let json = PlainJson.encode(key, token)?;
        Ok(self.seal(key.as_bytes(), &json)?)
    }

    fn decode(&self, key: &str, value: &[u8]) -> Result<AccessToken, StoreError> {
        let json = self.open(key.as_bytes(), value)?;
        decode_json(&json)
    }
}
