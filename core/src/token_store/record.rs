//! [`StoredToken`]: one key's record in a token store.

use std::fmt;

use chrono::{DateTime, Utc};

/// One key's record in a token store: the token (encoded by a
/// [`TokenCodec`](super::TokenCodec), sealed in an out-of-process store), its
/// version, and when it was written.
///
/// The version starts at 1 and grows by one with every write; a write names
/// the version it replaces, so nothing ever overwrites a newer token.
/// `Debug` shows the length of the value, never its bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct StoredToken {
    /// The record's version: 1 for the first write, one more for each after it.
    pub version: u64,
    /// The token as the codec wrote it.
    pub value: Vec<u8>,
    /// When it was written, by the writer's clock.
    pub updated_at: DateTime<Utc>,
}

impl fmt::Debug for StoredToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StoredToken")
            .field("version", &self.version)
            .field("value", &format_args!("[{} bytes]", self.value.len()))
            .field("updated_at", &self.updated_at)
            .finish()
    }
}
