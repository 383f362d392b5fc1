//! [`MemoryStore`]: the reference token store, inside the process.

use std::collections::HashMap;
use std::time::Instant;

use chrono::{DateTime, Utc};

use super::{LeaseHolder, StoreCommand, StoreReply, StoredToken};

/// A token store in memory: the reference meaning of every
/// [`StoreCommand`], and the default store of a single process.
///
/// It takes `&mut self` and the caller's `now` (leases end by that clock),
/// so it does no locking and reads no clock: a runtime shares it behind its
/// own mutex and passes `Instant::now()`.
///
/// ```
/// use std::time::{Duration, Instant};
/// use disco_oauth2::token_store::{LeaseHolder, MemoryStore, StoreCommand, StoreReply};
///
/// let mut store = MemoryStore::new();
/// let now = Instant::now();
/// let lease = |holder: &str| StoreCommand::TryLease {
///     key: "user:1".into(),
///     holder: LeaseHolder::new(holder),
///     ttl: Duration::from_secs(30),
/// };
/// assert_eq!(store.execute(lease("a"), now), StoreReply::LeaseWon);
/// assert_eq!(store.execute(lease("b"), now), StoreReply::LeaseBusy);
/// // "a" never releases: the lease ends after its time-to-live.
/// assert_eq!(store.execute(lease("b"), now + Duration::from_secs(30)), StoreReply::LeaseWon);
/// ```
#[derive(Debug, Default)]
pub struct MemoryStore {
    records: HashMap<String, StoredToken>,
    leases: HashMap<String, Lease>,
}

#[derive(Debug)]
struct Lease {
    holder: LeaseHolder,
    until: Instant,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many keys hold a token.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether no key holds a token.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Whether a session that found `key`'s lease taken, with the record at
    /// `version`, has news at `now`: the record is another version, or no
    /// one holds the lease any more (released, or ended by its time-to-live).
    /// A runtime that shares the store between threads or tasks wakes its
    /// waiting sessions on each write and release, and each goes back to
    /// its [`SessionCall`](super::SessionCall) once this says so.
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use disco_oauth2::token_store::{LeaseHolder, MemoryStore, StoreCommand};
    ///
    /// let (mut store, now) = (MemoryStore::new(), Instant::now());
    /// let ttl = Duration::from_secs(30);
    /// let holder = LeaseHolder::new("a");
    /// store.execute(StoreCommand::TryLease { key: "k".into(), holder: holder.clone(), ttl }, now);
    /// assert!(!store.changed_since("k", 0, now));
    /// assert!(store.changed_since("k", 0, now + ttl), "the lease ended");
    /// store.execute(StoreCommand::Release { key: "k".into(), holder }, now);
    /// assert!(store.changed_since("k", 0, now), "the lease was released");
    /// ```
    pub fn changed_since(&self, key: &str, version: u64, now: Instant) -> bool {
        let current = self.records.get(key).map_or(0, |r| r.version);
        current != version || self.leases.get(key).is_none_or(|l| now >= l.until)
    }

    fn write(
        &mut self,
        key: String,
        version: u64,
        value: Vec<u8>,
        updated_at: DateTime<Utc>,
    ) -> StoreReply {
        let record = StoredToken {
            version,
            value,
            updated_at,
        };
        self.records.insert(key, record);
        StoreReply::Written { version }
    }

    /// Carries out `command` at `now`.
    pub fn execute(&mut self, command: StoreCommand, now: Instant) -> StoreReply {
        match command {
            StoreCommand::Get { key } => StoreReply::Record(self.records.get(&key).cloned()),
            StoreCommand::PutIfVersion {
                key,
                expected,
                value,
                updated_at,
            } => {
                let current = self.records.get(&key).map_or(0, |r| r.version);
                if current != expected {
                    return StoreReply::Conflict;
                }
                match expected.checked_add(1) {
                    Some(version) => self.write(key, version, value, updated_at),
                    None => StoreReply::Conflict,
                }
            }
            StoreCommand::Put {
                key,
                value,
                updated_at,
            } => {
                let version = self.records.get(&key).map_or(0, |r| r.version);
                self.write(key, version.saturating_add(1), value, updated_at)
            }
            StoreCommand::Delete { key } => {
                StoreReply::Deleted(self.records.remove(&key).is_some())
            }
            StoreCommand::TryLease { key, holder, ttl } => {
                if self.leases.get(&key).is_some_and(|l| now < l.until) {
                    return StoreReply::LeaseBusy;
                }
                let until = now.checked_add(ttl).unwrap_or(now);
                self.leases.insert(key, Lease { holder, until });
                StoreReply::LeaseWon
            }
            StoreCommand::Release { key, holder } => {
                let held = self
                    .leases
                    .get(&key)
                    .is_some_and(|l| l.holder == holder && now < l.until);
                if held {
                    self.leases.remove(&key);
                }
                StoreReply::Released(held)
            }
        }
    }
}
