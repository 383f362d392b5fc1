//! OAuth2 scopes: [`Scope`] (one, an open enum) and [`Scopes`] (a set).

use std::collections::BTreeSet;
use std::collections::btree_set;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::InvalidInput;

macro_rules! scopes {
    ($($(#[$doc:meta])* $variant:ident => $text:literal,)*) => {
        /// One OAuth2 scope.
        ///
        /// Every scope Discord documents (plus the Social SDK's `openid`,
        /// `sdk.social_layer` and `sdk.social_layer_presence`) has a variant;
        /// any other valid name is kept verbatim in [`Scope::Other`], so
        /// unknown scopes survive a round trip.
        ///
        /// A scope name is checked when it is made ([`Scope::parse`], `FromStr`,
        /// `TryFrom`, and deserialization): it must be one RFC 6749 §3.3
        /// `scope-token`, i.e. one or more printable ASCII characters other
        /// than space, `"` and `\`. So no `Scope` is empty, holds two scopes
        /// (`"identify guilds"`, which Discord would read as two), or holds NUL,
        /// other control characters or Unicode bidi controls: `Display` and
        /// [`as_str`](Scope::as_str) can print any scope as it is.
        /// As the check can fail there is no `From<&str>`: build a scope from
        /// text with [`Scope::parse`], `str::parse` or `TryFrom`, or name a
        /// known one by its variant.
        ///
        /// Equality, ordering and hashing compare [`Scope::as_str`].
        ///
        /// ```
        /// use disco_oauth2::model::Scope;
        ///
        /// assert_eq!(Scope::parse("guilds.join")?, Scope::GuildsJoin);
        /// assert_eq!(Scope::GuildsJoin.as_str(), "guilds.join");
        /// let future: Scope = "future.scope".parse()?;
        /// assert!(matches!(&future, Scope::Other(name) if name.as_str() == "future.scope"));
        ///
        /// assert!(Scope::parse("").is_err());
        /// assert!(Scope::parse("identify guilds").is_err()); // two scopes: use `Scopes::parse`
        /// assert!(Scope::parse("identify\u{202E}").is_err());
        /// # Ok::<(), disco_oauth2::InvalidInput>(())
        /// ```
        #[derive(Debug, Clone)]
        #[non_exhaustive]
        pub enum Scope {
            $($(#[$doc])* $variant,)*
            /// A valid scope name this crate does not know, kept as sent.
            Other(OtherScope),
        }

        impl Scope {
            /// Every scope with its own variant, in documentation order.
            pub const KNOWN: &'static [Scope] = &[$(Scope::$variant,)*];

            /// The scope's wire name, e.g. `"guilds.members.read"`.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Scope::$variant => $text,)*
                    Scope::Other(other) => other.as_str(),
                }
            }

            fn known(text: &str) -> Option<Scope> {
                match text {
                    $($text => Some(Scope::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

scopes! {
    /// `activities.read`: the user's "Now Playing/Recently Played" list (not available to apps).
    ActivitiesRead => "activities.read",
    /// `activities.write`: update the user's activity (not available to apps).
    ActivitiesWrite => "activities.write",
    /// `applications.builds.read`: read build data of the user's applications.
    ApplicationsBuildsRead => "applications.builds.read",
    /// `applications.builds.upload`: upload builds (approved partners only).
    ApplicationsBuildsUpload => "applications.builds.upload",
    /// `applications.commands`: add commands to a guild (implied by `bot`).
    ApplicationsCommands => "applications.commands",
    /// `applications.commands.update`: update commands with a Bearer token (client credentials only).
    ApplicationsCommandsUpdate => "applications.commands.update",
    /// `applications.commands.permissions.update`: update command permissions in a guild.
    ApplicationsCommandsPermissionsUpdate => "applications.commands.permissions.update",
    /// `applications.entitlements`: read entitlements of the user's applications.
    ApplicationsEntitlements => "applications.entitlements",
    /// `applications.store.update`: read and update store data of the user's applications.
    ApplicationsStoreUpdate => "applications.store.update",
    /// `bot`: put the application's bot in the guild the user selects.
    Bot => "bot",
    /// `connections`: `/users/@me/connections` returns linked third-party accounts.
    Connections => "connections",
    /// `dm_channels.read`: see the user's DMs (approved partners only).
    DmChannelsRead => "dm_channels.read",
    /// `email`: `/users/@me` includes `email` and `verified`.
    Email => "email",
    /// `gdm.join`: join users to a group DM.
    GdmJoin => "gdm.join",
    /// `guilds`: `/users/@me/guilds` returns the user's guilds.
    Guilds => "guilds",
    /// `guilds.join`: add the user to a guild (with a bot token).
    GuildsJoin => "guilds.join",
    /// `guilds.members.read`: `/users/@me/guilds/{guild.id}/member` returns the user's member object.
    GuildsMembersRead => "guilds.members.read",
    /// `identify`: `/users/@me` without `email`.
    Identify => "identify",
    /// `identify.premium`: read `premium_type` (approved partners only).
    IdentifyPremium => "identify.premium",
    /// `messages.read`: local RPC read access to messages.
    MessagesRead => "messages.read",
    /// `relationships.read`: the user's friends, requests and blocks (Social SDK).
    RelationshipsRead => "relationships.read",
    /// `role_connections.write`: update the user's role connection for this application.
    RoleConnectionsWrite => "role_connections.write",
    /// `rpc`: control the user's local Discord client (approved partners only).
    Rpc => "rpc",
    /// `rpc.activities.write`: update the user's activity over RPC.
    RpcActivitiesWrite => "rpc.activities.write",
    /// `rpc.notifications.read`: receive the user's notifications over RPC.
    RpcNotificationsRead => "rpc.notifications.read",
    /// `rpc.voice.read`: read voice settings over RPC.
    RpcVoiceRead => "rpc.voice.read",
    /// `rpc.voice.write`: update voice settings over RPC.
    RpcVoiceWrite => "rpc.voice.write",
    /// `voice`: connect to voice on the user's behalf (approved partners only).
    Voice => "voice",
    /// `webhook.incoming`: the token response carries a new webhook.
    WebhookIncoming => "webhook.incoming",
    /// `openid`: OpenID Connect (Social SDK).
    OpenId => "openid",
    /// `sdk.social_layer_presence`: Social SDK presence features.
    SdkSocialLayerPresence => "sdk.social_layer_presence",
    /// `sdk.social_layer`: Social SDK features.
    SdkSocialLayer => "sdk.social_layer",
}

/// A scope name this crate has no variant for, checked like every scope
/// (see [`Scope`]); made only by parsing.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OtherScope(String);

impl OtherScope {
    /// The scope's name, as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OtherScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether `c` may stand in a scope name: RFC 6749 §3.3's
/// `scope-token = 1*( %x21 / %x23-5B / %x5D-7E )`.
fn is_scope_char(c: u8) -> bool {
    matches!(c, 0x21 | 0x23..=0x5B | 0x5D..=0x7E)
}

/// Checks one scope name; the error never quotes the name (it may hold
/// control characters).
fn check_name(name: &str) -> Result<(), InvalidInput> {
    if name.is_empty() {
        return Err(InvalidInput::new("scope", "is empty"));
    }
    if name.bytes().any(|b| b == b' ') {
        return Err(InvalidInput::new(
            "scope",
            "holds a space, which separates two scopes; use `Scopes::parse` for a list",
        ));
    }
    if !name.bytes().all(is_scope_char) {
        return Err(InvalidInput::new(
            "scope",
            "may only hold printable ASCII other than space, double quote and backslash (RFC 6749 §3.3)",
        ));
    }
    Ok(())
}

impl Scope {
    /// Parses one scope name: a known one gives its variant, another valid
    /// one [`Scope::Other`].
    ///
    /// # Errors
    /// [`InvalidInput`] (field `scope`) for an empty name, one holding a
    /// space (two scopes), or any character outside RFC 6749's
    /// `scope-token` set (control characters, bidi controls, non-ASCII,
    /// `"` and `\`).
    pub fn parse(name: &str) -> Result<Scope, InvalidInput> {
        check_name(name)?;
        Ok(Scope::known(name).unwrap_or_else(|| Scope::Other(OtherScope(name.to_owned()))))
    }
}

impl FromStr for Scope {
    type Err = InvalidInput;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Scope::parse(s)
    }
}

impl TryFrom<&str> for Scope {
    type Error = InvalidInput;

    fn try_from(name: &str) -> Result<Self, Self::Error> {
        Scope::parse(name)
    }
}

impl TryFrom<String> for Scope {
    type Error = InvalidInput;

    fn try_from(name: String) -> Result<Self, Self::Error> {
        check_name(&name)?;
        Ok(Scope::known(&name).unwrap_or(Scope::Other(OtherScope(name))))
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for Scope {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Scope {}

impl PartialOrd for Scope {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Scope {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Scope {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl Serialize for Scope {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Scope {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Scope::try_from(name).map_err(de::Error::custom)
    }
}

/// A set of scopes, kept sorted by name (Discord's order carries no meaning).
///
/// Parsed from Discord's space-separated `scope` string or from a JSON array;
/// serialized as a JSON array of strings. Every name is checked as
/// [`Scope::parse`] checks it, so a `scope` from a server holding NUL,
/// control or bidi characters is refused (a decode error) rather than kept.
///
/// ```
/// use disco_oauth2::model::{Scope, Scopes};
///
/// let scopes = Scopes::parse("identify  guilds.join email")?;
/// assert!(scopes.contains(&Scope::Email));
/// assert_eq!(scopes.to_space_separated(), "email guilds.join identify");
/// assert_eq!(serde_json::to_string(&scopes).unwrap(), r#"["email","guilds.join","identify"]"#);
/// let from_string: Scopes = serde_json::from_str(r#""identify email guilds.join""#).unwrap();
/// assert_eq!(from_string, scopes);
/// assert!(Scopes::parse("identify\u{0}").is_err());
/// # Ok::<(), disco_oauth2::InvalidInput>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Scopes(BTreeSet<Scope>);

impl Scopes {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Parses a list separated by ASCII whitespace (`"identify guilds"`);
    /// empty items are skipped, so `""` is the empty set.
    ///
    /// # Errors
    /// [`InvalidInput`] when a name is not a valid scope (see [`Scope::parse`]).
    pub fn parse(space_separated: &str) -> Result<Self, InvalidInput> {
        space_separated
            .split_ascii_whitespace()
            .map(Scope::parse)
            .collect()
    }

    /// The scopes joined by single spaces, in name order (the form the
    /// authorize URL and the token endpoint take before URL encoding).
    pub fn to_space_separated(&self) -> String {
        let mut out = String::new();
        for (index, scope) in self.0.iter().enumerate() {
            if index > 0 {
                out.push(' ');
            }
            out.push_str(scope.as_str());
        }
        out
    }

    /// Whether `scope` is in the set.
    pub fn contains(&self, scope: &Scope) -> bool {
        self.0.contains(scope)
    }

    /// Whether every scope of `other` is in this set.
    pub fn contains_all(&self, other: &Scopes) -> bool {
        self.0.is_superset(&other.0)
    }

    /// Adds a scope; returns whether it was new.
    pub fn insert(&mut self, scope: Scope) -> bool {
        self.0.insert(scope)
    }

    /// Removes a scope; returns whether it was there.
    pub fn remove(&mut self, scope: &Scope) -> bool {
        self.0.remove(scope)
    }

    /// The set with `scope` added (builder style).
    #[must_use]
    pub fn with(mut self, scope: Scope) -> Self {
        self.0.insert(scope);
        self
    }

    /// The scopes in name order.
    pub fn iter(&self) -> btree_set::Iter<'_, Scope> {
        self.0.iter()
    }

    /// How many scopes the set holds.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Scopes {
    /// The space-separated form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_space_separated())
    }
}

impl FromStr for Scopes {
    type Err = InvalidInput;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Scopes::parse(s)
    }
}

impl FromIterator<Scope> for Scopes {
    fn from_iter<I: IntoIterator<Item = Scope>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

impl Extend<Scope> for Scopes {
    fn extend<I: IntoIterator<Item = Scope>>(&mut self, iter: I) {
        self.0.extend(iter);
    }
}

impl<const N: usize> From<[Scope; N]> for Scopes {
    fn from(scopes: [Scope; N]) -> Self {
        scopes.into_iter().collect()
    }
}

impl IntoIterator for Scopes {
    type Item = Scope;
    type IntoIter = btree_set::IntoIter<Scope>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Scopes {
    type Item = &'a Scope;
    type IntoIter = btree_set::Iter<'a, Scope>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl Serialize for Scopes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter())
    }
}

struct ScopesVisitor;

impl<'de> Visitor<'de> for ScopesVisitor {
    type Value = Scopes;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a space-separated string of scopes or an array of scope strings")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Scopes::parse(v).map_err(E::custom)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut scopes = Scopes::new();
        while let Some(scope) = seq.next_element::<Scope>()? {
            scopes.insert(scope);
        }
        Ok(scopes)
    }
}

impl<'de> Deserialize<'de> for Scopes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScopesVisitor)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn every_known_scope_round_trips() {
        assert_eq!(Scope::KNOWN.len(), 32);
        for scope in Scope::KNOWN {
            assert!(!matches!(scope, Scope::Other(_)));
            assert_eq!(&Scope::parse(scope.as_str()).unwrap(), scope);
            assert!(!matches!(
                Scope::parse(scope.as_str()).unwrap(),
                Scope::Other(_)
            ));
            let json = serde_json::to_string(scope).unwrap();
            assert_eq!(json, format!("\"{}\"", scope.as_str()));
            assert_eq!(&serde_json::from_str::<Scope>(&json).unwrap(), scope);
        }
        let names: BTreeSet<&str> = Scope::KNOWN.iter().map(Scope::as_str).collect();
        assert_eq!(names.len(), 32, "wire names are distinct");
    }

    #[test]
    fn documented_names() {
        assert_eq!(
            Scope::ApplicationsCommandsPermissionsUpdate.as_str(),
            "applications.commands.permissions.update"
        );
        assert_eq!(
            Scope::RoleConnectionsWrite.as_str(),
            "role_connections.write"
        );
        assert_eq!(Scope::DmChannelsRead.as_str(), "dm_channels.read");
        assert_eq!(
            Scope::SdkSocialLayerPresence.as_str(),
            "sdk.social_layer_presence"
        );
        assert_eq!(Scope::OpenId.to_string(), "openid");
    }

    #[test]
    fn unknown_scopes_survive() {
        let scope = Scope::parse("x.y").unwrap();
        assert!(matches!(&scope, Scope::Other(name) if name.as_str() == "x.y"));
        assert_eq!(scope.to_string(), "x.y");
        let scopes: Scopes = serde_json::from_str(r#"["x.y","identify"]"#).unwrap();
        let json = serde_json::to_string(&scopes).unwrap();
        assert_eq!(json, r#"["identify","x.y"]"#);
        assert_eq!(serde_json::from_str::<Scopes>(&json).unwrap(), scopes);
    }

    #[test]
    fn set_operations() {
        let mut scopes = Scopes::parse(" identify\tguilds  identify ").unwrap();
        assert_eq!(scopes.len(), 2);
        assert!(Scopes::parse("").unwrap().is_empty());
        assert!(Scopes::parse("   ").unwrap().is_empty());
        assert!(scopes.insert(Scope::Email));
        assert!(!scopes.insert(Scope::Email));
        assert!(scopes.contains_all(&Scopes::from([Scope::Email, Scope::Guilds])));
        assert!(!scopes.contains_all(&Scopes::from([Scope::Bot])));
        assert!(scopes.remove(&Scope::Email));
        assert_eq!(scopes.to_string(), "guilds identify");
        assert_eq!(scopes.iter().count(), 2);
        let collected: Vec<Scope> = scopes.clone().into_iter().collect();
        assert_eq!(collected, vec![Scope::Guilds, Scope::Identify]);
        assert_eq!(Scopes::new().with(Scope::Bot).to_space_separated(), "bot");
        assert!(serde_json::from_str::<Scopes>("5").is_err());
        assert!(serde_json::from_str::<Scopes>("[5]").is_err());
    }
}
