//! [`StoreCommand`] and [`StoreReply`]: the token store's operations, as data.

use std::fmt;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::{LeaseHolder, StoredToken};

/// One operation on a token store, for the runtime to carry out and answer
/// with a [`StoreReply`]. Every store (in memory, Redis, your own) gives
/// each command the meaning written here, atomically.
///
/// `Debug` shows the length of a value, never its bytes.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum StoreCommand {
    /// Read the key's record: [`StoreReply::Record`].
    Get {
        /// The application's key (a user id, a session id).
        key: String,
    },
    /// Write `value` as version `expected + 1` if the record's version is
    /// `expected` (`0`: there is no record): [`StoreReply::Written`], else
    /// [`StoreReply::Conflict`] and nothing changes.
    PutIfVersion {
        /// The application's key.
        key: String,
        /// The version the write replaces (`0` for none).
        expected: u64,
        /// The encoded token.
        value: Vec<u8>,
        /// When it is written.
        updated_at: DateTime<Utc>,
    },
    /// Write `value` whatever is there (a new login), one version above the
    /// current one: [`StoreReply::Written`].
    Put {
        /// The application's key.
        key: String,
        /// The encoded token.
        value: Vec<u8>,
        /// When it is written.
        updated_at: DateTime<Utc>,
    },
    /// Remove the key's record (logout): [`StoreReply::Deleted`].
    Delete {
        /// The application's key.
        key: String,
    },
    /// Take the key's refresh lease for `holder` for `ttl` unless someone
    /// holds it (`SET lease holder NX PX ttl`): [`StoreReply::LeaseWon`] or
    /// [`StoreReply::LeaseBusy`]. A lease no one releases ends after `ttl`.
    TryLease {
        /// The application's key.
        key: String,
        /// Who takes it.
        holder: LeaseHolder,
        /// How long it lasts if never released.
        ttl: Duration,
    },
    /// Release the key's lease if `holder` holds it (and only then):
    /// [`StoreReply::Released`].
    Release {
        /// The application's key.
        key: String,
        /// Who releases it.
        holder: LeaseHolder,
    },
}

impl StoreCommand {
    /// The application's key the command is about.
    pub fn key(&self) -> &str {
        match self {
            StoreCommand::Get { key }
            | StoreCommand::PutIfVersion { key, .. }
            | StoreCommand::Put { key, .. }
            | StoreCommand::Delete { key }
            | StoreCommand::TryLease { key, .. }
            | StoreCommand::Release { key, .. } => key,
        }
    }

    /// The command's name, for logs: `get`, `put_if_version`, `put`,
    /// `delete`, `try_lease`, `release`.
    pub fn name(&self) -> &'static str {
        match self {
            StoreCommand::Get { .. } => "get",
            StoreCommand::PutIfVersion { .. } => "put_if_version",
            StoreCommand::Put { .. } => "put",
            StoreCommand::Delete { .. } => "delete",
            StoreCommand::TryLease { .. } => "try_lease",
            StoreCommand::Release { .. } => "release",
        }
    }
}

impl fmt::Debug for StoreCommand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct(self.name());
        s.field("key", &self.key());
        match self {
            StoreCommand::Get { .. } | StoreCommand::Delete { .. } => {}
            StoreCommand::PutIfVersion {
                expected,
                value,
                updated_at,
                ..
            } => {
                s.field("expected", expected)
                    .field("value", &format_args!("[{} bytes]", value.len()))
                    .field("updated_at", updated_at);
            }
            StoreCommand::Put {
                value, updated_at, ..
            } => {
                s.field("value", &format_args!("[{} bytes]", value.len()))
                    .field("updated_at", updated_at);
            }
            StoreCommand::TryLease { holder, ttl, .. } => {
                s.field("holder", holder).field("ttl", ttl);
            }
            StoreCommand::Release { holder, .. } => {
                s.field("holder", holder);
            }
        }
        s.finish()
    }
}

/// A store's answer to a [`StoreCommand`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum StoreReply {
    /// The record, or `None` when the key has none ([`StoreCommand::Get`]).
    Record(Option<StoredToken>),
    /// The value was written as this version ([`StoreCommand::PutIfVersion`],
    /// [`StoreCommand::Put`]).
    Written {
        /// The version written.
        version: u64,
    },
    /// The record's version was not the expected one; nothing was written
    /// ([`StoreCommand::PutIfVersion`]).
    Conflict,
    /// Whether there was a record to delete ([`StoreCommand::Delete`]).
    Deleted(bool),
    /// The lease is the holder's ([`StoreCommand::TryLease`]).
    LeaseWon,
    /// Someone else holds the lease ([`StoreCommand::TryLease`]).
    LeaseBusy,
    /// Whether the holder held the lease it released ([`StoreCommand::Release`]).
    Released(bool),
}
