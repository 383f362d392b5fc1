//! Typed snowflakes: a [`UserId`] is not a [`GuildId`].
//!
//! Discord identifies most objects by a *snowflake*: a 64-bit integer whose top
//! 42 bits are milliseconds since the Discord epoch (2015-01-01T00:00:00Z).
//! In JSON Discord always sends them as strings; [`Id`] serializes as a string
//! and accepts either a string or an integer.
//!
//! ```
//! use disco_oauth2::model::{GuildId, UserId};
//!
//! let user = UserId::new(80351110224678912);
//! assert_eq!(user.to_string(), "80351110224678912");
//! assert_eq!(user.created_at().to_rfc3339(), "2015-08-10T17:26:37.529+00:00");
//! assert_eq!(serde_json::to_string(&user).unwrap(), "\"80351110224678912\"");
//! let parsed: UserId = serde_json::from_str("80351110224678912").unwrap();
//! assert_eq!(parsed, user);
//! ```
//!
//! Mixing kinds does not compile:
//!
//! ```compile_fail
//! use disco_oauth2::model::{GuildId, UserId};
//! let guild: GuildId = UserId::new(1);
//! ```

use std::any::type_name;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::num::ParseIntError;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The Discord epoch, 2015-01-01T00:00:00Z, in milliseconds since the Unix epoch.
pub const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;

/// A snowflake naming an object of kind `M` (one of the `*Marker` types).
///
/// `Copy`, ordered and hashed by its integer value. The marker only exists at
/// compile time; an `Id` is exactly a `u64` at run time.
pub struct Id<M> {
    value: u64,
    marker: PhantomData<fn(M) -> M>,
}

impl<M> Id<M> {
    /// Wraps a snowflake value.
    pub const fn new(value: u64) -> Self {
        Self {
            value,
            marker: PhantomData,
        }
    }

    /// The snowflake's integer value.
    pub const fn get(self) -> u64 {
        self.value
    }

    /// The same value as an id of another kind (for example a guild's
    /// `@everyone` role shares the guild's id).
    pub const fn cast<N>(self) -> Id<N> {
        Id::new(self.value)
    }

    /// Milliseconds since the Unix epoch at which the snowflake was made.
    pub const fn timestamp_ms(self) -> u64 {
        (self.value >> 22) + DISCORD_EPOCH_MS
    }

    /// When the object was created: `(id >> 22) + 1420070400000` ms.
    pub fn created_at(self) -> DateTime<Utc> {
        // At most 2^42 ms after 2015, always in chrono's range.
        i64::try_from(self.timestamp_ms())
            .ok()
            .and_then(DateTime::from_timestamp_millis)
            .unwrap_or_default()
    }

    /// The internal worker id (bits 17–21).
    pub const fn worker_id(self) -> u8 {
        ((self.value & 0x3E_0000) >> 17) as u8
    }

    /// The internal process id (bits 12–16).
    pub const fn process_id(self) -> u8 {
        ((self.value & 0x1_F000) >> 12) as u8
    }

    /// The per-process increment (bits 0–11).
    pub const fn increment(self) -> u16 {
        (self.value & 0xFFF) as u16
    }

    /// Refuses the id 0, which names no object, before it goes into a
    /// request path (`/guilds/0/members/0`).
    pub(crate) fn check_nonzero(self, field: &'static str) -> Result<Self, crate::InvalidInput> {
        if self.value == 0 {
            Err(crate::InvalidInput::new(
                field,
                "is 0, which is not a snowflake of any object",
            ))
        } else {
            Ok(self)
        }
    }

    /// The smallest snowflake made at `time` (useful for `before`/`after`
    /// pagination). Times before the Discord epoch give `0`.
    pub fn from_timestamp(time: DateTime<Utc>) -> Self {
        let ms = u64::try_from(time.timestamp_millis()).unwrap_or(0);
        Self::new(ms.saturating_sub(DISCORD_EPOCH_MS) << 22)
    }
}

fn marker_name<M>() -> &'static str {
    let full = type_name::<M>();
    full.rsplit("::").next().unwrap_or(full)
}

impl<M> Clone for Id<M> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<M> Copy for Id<M> {}

impl<M> PartialEq for Id<M> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<M> Eq for Id<M> {}

impl<M> PartialOrd for Id<M> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<M> Ord for Id<M> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.value.cmp(&other.value)
    }
}

impl<M> Hash for Id<M> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.value.hash(state);
    }
}

impl<M> fmt::Debug for Id<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Id<{}>({})", marker_name::<M>(), self.value)
    }
}

impl<M> fmt::Display for Id<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.value, f)
    }
}

impl<M> FromStr for Id<M> {
    type Err = ParseIntError;

    /// Parses a decimal snowflake.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.parse().map(Self::new)
    }
}

impl<M> From<u64> for Id<M> {
    fn from(value: u64) -> Self {
        Self::new(value)
    }
}

impl<M> From<Id<M>> for u64 {
    fn from(id: Id<M>) -> Self {
        id.value
    }
}

impl<M> Serialize for Id<M> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.value)
    }
}

/// Reads any snowflake as its integer. Not generic over the marker, so
/// the parsing code exists once per deserializer, not once per kind of id.
struct IdVisitor;

impl Visitor<'_> for IdVisitor {
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a snowflake (a decimal string or a non-negative integer)")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        u64::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        v.parse()
            .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

impl<'de, M> Deserialize<'de> for Id<M> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(IdVisitor).map(Id::new)
    }
}

macro_rules! markers {
    ($($(#[$doc:meta])* $marker:ident => $alias:ident;)*) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
            #[non_exhaustive]
            pub struct $marker;

            #[doc = concat!("A snowflake naming a [`", stringify!($marker), "`] object.")]
            pub type $alias = Id<$marker>;
        )*
    };
}

markers! {
    /// Marks ids of users.
    UserMarker => UserId;
    /// Marks ids of guilds (servers).
    GuildMarker => GuildId;
    /// Marks ids of roles.
    RoleMarker => RoleId;
    /// Marks ids of applications.
    ApplicationMarker => ApplicationId;
    /// Marks ids of channels.
    ChannelMarker => ChannelId;
    /// Marks ids of webhooks.
    WebhookMarker => WebhookId;
    /// Marks ids of SKUs (avatar decorations, nameplates, premium offers).
    SkuMarker => SkuId;
    /// Marks ids of guild integrations.
    IntegrationMarker => IntegrationId;
    /// Marks ids of developer teams.
    TeamMarker => TeamId;
    /// Marks ids of custom emojis.
    EmojiMarker => EmojiId;
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn documented_vectors() {
        let id = Id::<GuildMarker>::new(175928847299117063);
        assert_eq!(id.timestamp_ms(), 1462015105796);
        assert_eq!(
            id.created_at().to_rfc3339(),
            "2016-04-30T11:18:25.796+00:00"
        );
        assert_eq!(id.worker_id(), 1);
        assert_eq!(id.process_id(), 0);
        assert_eq!(id.increment(), 7);
        let user = UserId::new(80351110224678912);
        assert_eq!(
            user.created_at()
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            "2015-08-10T17:26:37.529Z"
        );
        assert_eq!(
            Id::<UserMarker>::from_timestamp(user.created_at()).get() >> 22,
            user.get() >> 22
        );
    }

    #[test]
    fn serde_string_and_integer() {
        let id: UserId = serde_json::from_str("\"18446744073709551615\"").unwrap();
        assert_eq!(id.get(), u64::MAX);
        assert_eq!(
            serde_json::to_string(&id).unwrap(),
            "\"18446744073709551615\""
        );
        let id: UserId = serde_json::from_str("42").unwrap();
        assert_eq!(id, UserId::new(42));
        assert!(serde_json::from_str::<UserId>("-1").is_err());
        assert!(serde_json::from_str::<UserId>("\"abc\"").is_err());
        assert!(serde_json::from_str::<UserId>("\"18446744073709551616\"").is_err());
        assert!(serde_json::from_str::<UserId>("1.5").is_err());
        assert!(serde_json::from_str::<UserId>("null").is_err());
    }

    #[test]
    fn display_debug_fromstr() {
        let id: RoleId = "41771983423143936".parse().unwrap();
        assert_eq!(id.to_string(), "41771983423143936");
        assert_eq!(format!("{id:?}"), "Id<RoleMarker>(41771983423143936)");
        assert!("x".parse::<RoleId>().is_err());
        let guild: GuildId = id.cast();
        assert_eq!(guild.get(), id.get());
        assert!(UserId::new(1) < UserId::new(2));
    }
}
