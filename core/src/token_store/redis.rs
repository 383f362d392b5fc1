//! The token store protocol on Redis, as data: the key layout, the value
//! format, and one Lua script per [`StoreCommand`], each atomic on the
//! server. A runtime's Redis store only sends the [`RedisCall`] that
//! [`RedisLayout::call`] makes (`EVALSHA`, or `EVAL`, of its script) and
//! hands the reply to [`RedisLayout::reply`].
//!
//! Layout, for the application's key `K` and the prefix `P` (default
//! `disco-oauth2:`):
//!
//! | Redis key        | type   | content                                                    |
//! |------------------|--------|------------------------------------------------------------|
//! | `P{K}:token`     | hash   | `version` (decimal), `token` (sealed bytes), `updated_at` (RFC 3339) |
//! | `P{K}:lease`     | string | the holder's name, with a time-to-live (`SET NX PX`)        |
//!
//! The braces make both keys of one application key hash to the same slot
//! of a Redis Cluster. Every script returns an array of bulk strings (nil
//! for a missing field), so a reply always reads as `Vec<Option<Vec<u8>>>`.
//!
//! A lease outlives a crashed holder only by its time-to-live, and only its
//! holder releases it (the release compares the holder's name, as the Redis
//! documentation's lock pattern does).

use chrono::{DateTime, Utc};

use super::{StoreCommand, StoreError, StoreReply, StoredToken};

/// Reads a record: `KEYS[1]` the token key. Returns `[version, token, updated_at]`,
/// each nil when there is no record.
pub const GET_SCRIPT: &str =
    r"return redis.call('HMGET', KEYS[1], 'version', 'token', 'updated_at')";

/// The compare-and-swap write: `KEYS[1]` the token key, `ARGV` the expected
/// version (`0`: no record), the new version (expected + 1), the token and
/// `updated_at`. Writes only when the stored version is the expected one.
/// Returns `['written', version]` or `['conflict', current version or nil]`.
pub const PUT_IF_VERSION_SCRIPT: &str = r"local current = redis.call('HGET', KEYS[1], 'version')
if current == false then current = '0' end
if current ~= ARGV[1] then
  if current == '0' then return {'conflict'} end
  return {'conflict', current}
end
redis.call('HSET', KEYS[1], 'version', ARGV[2], 'token', ARGV[3], 'updated_at', ARGV[4])
return {'written', ARGV[2]}";

/// The unconditional write (a new login): `KEYS[1]` the token key, `ARGV`
/// the token and `updated_at`. Writes one version above the current one.
/// Returns `['written', version]`.
pub const PUT_SCRIPT: &str = r"redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('HSET', KEYS[1], 'token', ARGV[1], 'updated_at', ARGV[2])
return {'written', redis.call('HGET', KEYS[1], 'version')}";

/// Deletes a record: `KEYS[1]` the token key. Returns `['1']` when there was
/// one, `['0']` otherwise.
pub const DELETE_SCRIPT: &str = r"return {tostring(redis.call('DEL', KEYS[1]))}";

/// Takes the lease: `KEYS[1]` the lease key, `ARGV` the holder's name and
/// the time-to-live in milliseconds (`SET key holder NX PX ttl`). Returns
/// `['won']` or `['busy']`.
pub const TRY_LEASE_SCRIPT: &str = r"if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return {'won'}
end
return {'busy'}";

/// Releases the lease if, and only if, the holder holds it: `KEYS[1]` the
/// lease key, `ARGV[1]` the holder's name. Returns `['released']` or
/// `['not-held']`.
pub const RELEASE_SCRIPT: &str = r"if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return {'released'}
end
return {'not-held'}";

/// The default prefix of every Redis key.
pub const DEFAULT_PREFIX: &str = "disco-oauth2:";

/// One script to run: `EVAL script keys.len() keys… args…`.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RedisCall {
    /// The Lua script (one of this module's constants).
    pub script: &'static str,
    /// The Redis keys (`KEYS`).
    pub keys: Vec<String>,
    /// The arguments (`ARGV`); the token's sealed bytes among them.
    pub args: Vec<Vec<u8>>,
}

impl std::fmt::Debug for RedisCall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisCall")
            .field("keys", &self.keys)
            .field("args", &format_args!("[{} arguments]", self.args.len()))
            .finish_non_exhaustive()
    }
}

/// Where a token store's records live in Redis, and how each command is
/// asked and answered there.
///
/// ```
/// use disco_oauth2::token_store::{RedisLayout, StoreCommand, TRY_LEASE_SCRIPT};
///
/// let layout = RedisLayout::default();
/// assert_eq!(layout.token_key("user:1"), "disco-oauth2:{user:1}:token");
/// let call = layout.call(&StoreCommand::Get { key: "user:1".into() });
/// assert_eq!(call.keys, ["disco-oauth2:{user:1}:token"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedisLayout {
    prefix: String,
}

impl Default for RedisLayout {
    fn default() -> Self {
        Self::new(DEFAULT_PREFIX)
    }
}

impl RedisLayout {
    /// Keys under `prefix` (e.g. `myapp:tokens:`).
    pub fn new(prefix: impl Into<String>) -> Self {
        Self {
            prefix: prefix.into(),
        }
    }

    /// The Redis key of `key`'s record.
    pub fn token_key(&self, key: &str) -> String {
        format!("{}{{{key}}}:token", self.prefix)
    }

    /// The Redis key of `key`'s refresh lease.
    pub fn lease_key(&self, key: &str) -> String {
        format!("{}{{{key}}}:lease", self.prefix)
    }

    /// The script, keys and arguments that carry out `command`.
    pub fn call(&self, command: &StoreCommand) -> RedisCall {
        let (script, keys, args) = match command {
            StoreCommand::Get { key } => (GET_SCRIPT, self.token_key(key), vec![]),
            StoreCommand::PutIfVersion {
                key,
                expected,
                value,
                updated_at,
            } => (
                PUT_IF_VERSION_SCRIPT,
                self.token_key(key),
                vec![
                    expected.to_string().into_bytes(),
                    expected.saturating_add(1).to_string().into_bytes(),
                    value.clone(),
                    timestamp(updated_at),
                ],
            ),
            StoreCommand::Put {
                key,
                value,
                updated_at,
            } => (
                PUT_SCRIPT,
                self.token_key(key),
                vec![value.clone(), timestamp(updated_at)],
            ),
            StoreCommand::Delete { key } => (DELETE_SCRIPT, self.token_key(key), vec![]),
            StoreCommand::TryLease { key, holder, ttl } => (
                TRY_LEASE_SCRIPT,
                self.lease_key(key),
                vec![
                    holder.as_str().as_bytes().to_vec(),
                    ttl.as_millis()
                        .clamp(1, i64::MAX as u128)
                        .to_string()
                        .into_bytes(),
                ],
            ),
            StoreCommand::Release { key, holder } => (
                RELEASE_SCRIPT,
                self.lease_key(key),
                vec![holder.as_str().as_bytes().to_vec()],
            ),
        };
        RedisCall {
            script,
            keys: vec![keys],
            args,
        }
    }

    /// The [`StoreReply`] in Redis's reply to [`call`](Self::call)`(command)`.
    ///
    /// # Errors
    /// [`StoreError::Corrupt`] for a record whose fields are not this
    /// library's; [`StoreError::UnexpectedReply`] for a reply no script gives.
    pub fn reply(
        &self,
        command: &StoreCommand,
        reply: Vec<Option<Vec<u8>>>,
    ) -> Result<StoreReply, StoreError> {
        let unexpected = |reply: &[Option<Vec<u8>>]| StoreError::UnexpectedReply {
            command: command.name(),
            reply: describe(reply),
        };
        let first = reply.first().and_then(|f| f.as_deref());
        match command {
            StoreCommand::Get { .. } => match reply.as_slice() {
                [None, None, None] => Ok(StoreReply::Record(None)),
                [Some(version), Some(value), Some(updated_at)] => {
                    Ok(StoreReply::Record(Some(StoredToken {
                        version: parse_version(version)?,
                        value: value.clone(),
                        updated_at: parse_timestamp(updated_at)?,
                    })))
                }
                [_, _, _] => Err(StoreError::Corrupt {
                    reason: "the record lacks one of version, token and updated_at".to_owned(),
                }),
                other => Err(unexpected(other)),
            },
            StoreCommand::PutIfVersion { .. } | StoreCommand::Put { .. } => {
                match reply.as_slice() {
                    [Some(word), Some(version)] if word == b"written" => Ok(StoreReply::Written {
                        version: parse_version(version)?,
                    }),
                    [Some(word), ..] if word == b"conflict" => Ok(StoreReply::Conflict),
                    other => Err(unexpected(other)),
                }
            }
            StoreCommand::Delete { .. } => match first {
                Some(b"1") => Ok(StoreReply::Deleted(true)),
                Some(b"0") => Ok(StoreReply::Deleted(false)),
                _ => Err(unexpected(&reply)),
            },
            StoreCommand::TryLease { .. } => match first {
                Some(b"won") => Ok(StoreReply::LeaseWon),
                Some(b"busy") => Ok(StoreReply::LeaseBusy),
                _ => Err(unexpected(&reply)),
            },
            StoreCommand::Release { .. } => match first {
                Some(b"released") => Ok(StoreReply::Released(true)),
                Some(b"not-held") => Ok(StoreReply::Released(false)),
                _ => Err(unexpected(&reply)),
            },
        }
    }
}

fn timestamp(time: &DateTime<Utc>) -> Vec<u8> {
    time.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
        .into_bytes()
}

fn parse_version(bytes: &[u8]) -> Result<u64, StoreError> {
    std::str::from_utf8(bytes)
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .filter(|v| *v > 0)
        .ok_or_else(|| StoreError::Corrupt {
            reason: "the record's version is not a positive whole number".to_owned(),
        })
}

fn parse_timestamp(bytes: &[u8]) -> Result<DateTime<Utc>, StoreError> {
    std::str::from_utf8(bytes)
        .ok()
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| StoreError::Corrupt {
            reason: "the record's updated_at is not an RFC 3339 time".to_owned(),
        })
}

/// The shape of a reply, without its bytes (it may hold a sealed token).
fn describe(reply: &[Option<Vec<u8>>]) -> String {
    let items: Vec<String> = reply
        .iter()
        .map(|item| match item {
            None => "nil".to_owned(),
            Some(bytes) => format!("{} bytes", bytes.len()),
        })
        .collect();
    format!("[{}]", items.join(", "))
}
