//! [`Member`]: a user's membership in one guild.

use std::fmt;
use std::hash::{Hash, Hasher};

use chrono::{DateTime, Utc};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::{AvatarDecorationData, Collectibles, GuildId, MemberFlags, Permissions, RoleId, User};
use crate::cdn::{self, ImageFormat, ImageHash, ImageSize};

/// A guild member, as `GET /users/@me/guilds/{guild.id}/member` and
/// `PUT /guilds/{guild.id}/members/{user.id}` return it.
///
/// - `user`: an absent, `null` **or empty (`{}`)** user object gives `None`
///   (Discord's own example has `"user": {}`); a non-empty object must be a
///   valid user.
/// - `guild_id` is not in Discord's JSON: the operation that fetched the
///   member fills it ([`with_guild_id`](Self::with_guild_id)); it is
///   serialized so a stored member keeps it.
///
/// Equality and hashing go by who the member is, not by what it says: the
/// user's id and the guild id (when either side knows the guild, both must
/// name the same one). A member whose user is unknown has no identity, so
/// it equals only a member with exactly the same fields.
///
/// `Display` shows [`display_name`](Self::display_name) (nothing when neither
/// a nick nor a user is known), never an id.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use disco_oauth2::model::{GuildId, Member};
///
/// let member: Member = serde_json::from_str(r#"{
///     "user": {"id": "80351110224678912", "username": "nelly", "discriminator": "0", "global_name": "Nelly"},
///     "nick": null, "roles": [], "joined_at": "2015-04-26T06:26:56.936000+00:00",
///     "deaf": false, "mute": false, "communication_disabled_until": "2030-01-01T00:00:00Z"
/// }"#).unwrap();
/// let member = member.with_guild_id(GuildId::new(1));
/// assert_eq!(member.display_name(), Some("Nelly"));
/// assert!(member.is_timed_out(Utc.with_ymd_and_hms(2029, 1, 1, 0, 0, 0).unwrap()));
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Member {
    /// The member's user (`None` when absent, `null` or `{}`).
    #[serde(default, deserialize_with = "lenient_user")]
    pub user: Option<User>,
    /// The guild, filled by the operation (not part of Discord's JSON).
    #[serde(default)]
    pub guild_id: Option<GuildId>,
    /// The guild nickname.
    #[serde(default)]
    pub nick: Option<String>,
    /// The per-guild avatar hash.
    #[serde(default)]
    pub avatar: Option<ImageHash>,
    /// The per-guild banner hash.
    #[serde(default)]
    pub banner: Option<ImageHash>,
    /// The member's role ids.
    #[serde(default)]
    pub roles: Vec<RoleId>,
    /// When the user joined (`None` for guests who joined only a voice channel).
    #[serde(default)]
    pub joined_at: Option<DateTime<Utc>>,
    /// Since when the member boosts the guild.
    #[serde(default)]
    pub premium_since: Option<DateTime<Utc>>,
    /// Whether the member is deafened in voice channels.
    #[serde(default)]
    pub deaf: bool,
    /// Whether the member is muted in voice channels.
    #[serde(default)]
    pub mute: bool,
    /// Member flags (`0` when absent).
    #[serde(default)]
    pub flags: MemberFlags,
    /// Whether the member has not yet passed membership screening.
    #[serde(default)]
    pub pending: Option<bool>,
    /// Total permissions in a channel (interaction payloads only).
    #[serde(default)]
    pub permissions: Option<Permissions>,
    /// The end of the member's timeout (`None` or past: not timed out).
    #[serde(default)]
    pub communication_disabled_until: Option<DateTime<Utc>>,
    /// The per-guild avatar decoration.
    #[serde(default)]
    pub avatar_decoration_data: Option<AvatarDecorationData>,
    /// Per-guild collectibles.
    #[serde(default)]
    pub collectibles: Option<Collectibles>,
}

impl PartialEq for Member {
    fn eq(&self, other: &Self) -> bool {
        match (&self.user, &other.user) {
            (Some(mine), Some(theirs)) => mine.id == theirs.id && self.guild_id == other.guild_id,
            (None, None) => self.same_fields(other),
            _ => false,
        }
    }
}

impl Eq for Member {}

impl Hash for Member {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.user.as_ref().map(|user| user.id).hash(state);
        self.guild_id.hash(state);
    }
}

impl fmt::Display for Member {
    /// The name to show in the guild ([`Member::display_name`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.display_name().unwrap_or_default())
    }
}

impl Member {
    /// Whether every field is the same (for members without a user).
    fn same_fields(&self, other: &Self) -> bool {
        let Self {
            user,
            guild_id,
            nick,
            avatar,
            banner,
            roles,
            joined_at,
            premium_since,
            deaf,
            mute,
            flags,
            pending,
            permissions,
            communication_disabled_until,
            avatar_decoration_data,
            collectibles,
        } = self;
        user.as_ref().map(|u| u.id) == other.user.as_ref().map(|u| u.id)
            && *guild_id == other.guild_id
            && *nick == other.nick
            && *avatar == other.avatar
            && *banner == other.banner
            && *roles == other.roles
            && *joined_at == other.joined_at
            && *premium_since == other.premium_since
            && *deaf == other.deaf
            && *mute == other.mute
            && *flags == other.flags
            && *pending == other.pending
            && *permissions == other.permissions
            && *communication_disabled_until == other.communication_disabled_until
            && *avatar_decoration_data == other.avatar_decoration_data
            && *collectibles == other.collectibles
    }

    /// The same member, tagged with the guild it belongs to.
    #[must_use]
    pub fn with_guild_id(mut self, guild_id: GuildId) -> Self {
        self.guild_id = Some(guild_id);
        self
    }

    /// The name to show in the guild: `nick`, else the user's `global_name`,
    /// else `username`; `None` only without both a nick and a user.
    pub fn display_name(&self) -> Option<&str> {
        match self.nick.as_deref() {
            Some(nick) if !nick.is_empty() => Some(nick),
            _ => self.user.as_ref().map(User::display_name),
        }
    }

    /// The mention markup, `<@id>`, when the user is known.
    pub fn mention(&self) -> Option<String> {
        self.user.as_ref().map(User::mention)
    }

    /// Whether the member is timed out at `now`: `communication_disabled_until`
    /// is set and later than `now`.
    pub fn is_timed_out(&self, now: DateTime<Utc>) -> bool {
        self.communication_disabled_until
            .is_some_and(|until| until > now)
    }

    /// The per-guild avatar's URL, when the member has one and both the
    /// guild id and the user are known.
    pub fn guild_avatar_url(
        &self,
        format: Option<ImageFormat>,
        size: Option<ImageSize>,
    ) -> Option<String> {
        let (guild_id, user, hash) = (self.guild_id?, self.user.as_ref()?, self.avatar.as_ref()?);
        Some(cdn::member_avatar(guild_id, user.id, hash, format, size))
    }

    /// The per-guild banner's URL, when the member has one and both the
    /// guild id and the user are known.
    pub fn guild_banner_url(
        &self,
        format: Option<ImageFormat>,
        size: Option<ImageSize>,
    ) -> Option<String> {
        let (guild_id, user, hash) = (self.guild_id?, self.user.as_ref()?, self.banner.as_ref()?);
        Some(cdn::member_banner(guild_id, user.id, hash, format, size))
    }

    /// The avatar shown in the guild: the per-guild one, else the user's
    /// avatar, else the user's default avatar; `None` without a user.
    pub fn display_avatar_url(
        &self,
        format: Option<ImageFormat>,
        size: Option<ImageSize>,
    ) -> Option<String> {
        self.guild_avatar_url(format, size).or_else(|| {
            self.user
                .as_ref()
                .map(|user| user.display_avatar_url(format, size))
        })
    }
}

/// `null`, absent or `{}` → `None`; any other object must be a user.
fn lenient_user<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<User>, D::Error> {
    deserializer.deserialize_option(OptionalUser)
}

struct OptionalUser;

impl<'de> Visitor<'de> for OptionalUser {
    type Value = Option<User>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a user object, an empty object or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(NonEmptyUser)
    }
}

struct NonEmptyUser;

impl<'de> Visitor<'de> for NonEmptyUser {
    type Value = Option<User>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a user object or an empty object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let Some(first) = map.next_key::<String>()? else {
            return Ok(None);
        };
        let rest = FirstKeyThen {
            first: Some(first),
            rest: map,
        };
        User::deserialize(de::value::MapAccessDeserializer::new(rest)).map(Some)
    }
}

/// A map whose first key was already read: yields it again, then the rest.
struct FirstKeyThen<A> {
    first: Option<String>,
    rest: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for FirstKeyThen<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        match self.first.take() {
            Some(first) => seed
                .deserialize(IntoDeserializer::<A::Error>::into_deserializer(first))
                .map(Some),
            None => self.rest.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.rest.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.rest
            .size_hint()
            .map(|n| n + usize::from(self.first.is_some()))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::error::from_slice;

    #[test]
    fn decode_errors_inside_the_user_name_their_path() {
        let err = from_slice::<Member>(
            "member",
            br#"{"roles": [], "user": {"username": "x", "id": "nope"}}"#,
        )
        .unwrap_err();
        assert_eq!(err.path, "user.id");
        let err = from_slice::<Member>("member", br#"{"user": {"id": "nope"}, "roles": []}"#)
            .unwrap_err();
        assert_eq!(err.path, "user.id");
        let err = from_slice::<Member>("member", br#"{"user": {"id": "1"}}"#).unwrap_err();
        assert_eq!(err.path, "user");
        assert!(err.reason.contains("username"), "{}", err.reason);
        let member = from_slice::<Member>("member", br#"{"user": {}, "roles": ["1"]}"#).unwrap();
        assert_eq!(member.user, None);
        assert_eq!(member.roles, vec![RoleId::new(1)]);
    }
}
