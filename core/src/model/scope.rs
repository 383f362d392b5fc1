//! OAuth2 scopes: [`Scope`] (one, an open enum) and [`Scopes`] (a set).

use std::collections::BTreeSet;
use std::collections::btree_set;
use std::convert::Infallible;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! scopes {
    ($($(#[$doc:meta])* $variant:ident => $text:literal,)*) => {
        /// One OAuth2 scope.
        ///
        /// Every scope Discord documents (plus the Social SDK's `openid`,
        /// `sdk.social_layer` and `sdk.social_layer_presence`) has a variant;
        /// anything else is kept verbatim in [`Scope::Other`], so unknown scopes
        /// survive a round trip.
        ///
        /// Equality, ordering and hashing compare [`Scope::as_str`], so
        /// `Scope::Other("identify".into())` equals [`Scope::Identify`]
        /// (prefer [`Scope::from`], which never builds such a value).
        ///
        /// ```
        /// use disco_oauth2::model::Scope;
        ///
        /// assert_eq!(Scope::from("guilds.join"), Scope::GuildsJoin);
        /// assert_eq!(Scope::GuildsJoin.as_str(), "guilds.join");
        /// assert_eq!(Scope::from("future.scope"), Scope::Other("future.scope".into()));
        /// ```
        #[derive(Debug, Clone)]
        #[non_exhaustive]
        pub enum Scope {
            $($(#[$doc])* $variant,)*
            /// A scope this crate does not know, kept as sent.
            Other(String),
        }

        impl Scope {
            /// Every scope with its own variant, in documentation order.
            pub const KNOWN: &'static [Scope] = &[$(Scope::$variant,)*];

            /// The scope's wire name, e.g. `"guilds.members.read"`.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Scope::$variant => $text,)*
                    Scope::Other(other) => other,
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

impl From<&str> for Scope {
    fn from(text: &str) -> Self {
        Scope::known(text).unwrap_or_else(|| Scope::Other(text.to_owned()))
    }
}

impl From<String> for Scope {
    fn from(text: String) -> Self {
        Scope::known(&text).unwrap_or(Scope::Other(text))
    }
}

impl FromStr for Scope {
    type Err = Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Scope::from(s))
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
        String::deserialize(deserializer).map(Scope::from)
    }
}

/// A set of scopes, kept sorted by name (Discord's order carries no meaning).
///
/// Parsed from Discord's space-separated `scope` string or from a JSON array;
/// serialized as a JSON array of strings.
///
/// ```
/// use disco_oauth2::model::{Scope, Scopes};
///
/// let scopes = Scopes::parse("identify  guilds.join email");
/// assert!(scopes.contains(&Scope::Email));
/// assert_eq!(scopes.to_space_separated(), "email guilds.join identify");
/// assert_eq!(serde_json::to_string(&scopes).unwrap(), r#"["email","guilds.join","identify"]"#);
/// let from_string: Scopes = serde_json::from_str(r#""identify email guilds.join""#).unwrap();
/// assert_eq!(from_string, scopes);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Scopes(BTreeSet<Scope>);

impl Scopes {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Parses a whitespace-separated list (`"identify guilds"`); empty items are skipped.
    pub fn parse(space_separated: &str) -> Self {
        space_separated
            .split_whitespace()
            .map(Scope::from)
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
    type Err = Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Scopes::parse(s))
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
        Ok(Scopes::parse(v))
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
            assert_eq!(&Scope::from(scope.as_str()), scope);
            assert!(matches!(Scope::from(scope.as_str()), ref s if !matches!(s, Scope::Other(_))));
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
        let scope = Scope::from("x.y");
        assert_eq!(scope, Scope::Other("x.y".into()));
        assert_eq!(Scope::Other("identify".into()), Scope::Identify);
        let scopes: Scopes = serde_json::from_str(r#"["x.y","identify"]"#).unwrap();
        let json = serde_json::to_string(&scopes).unwrap();
        assert_eq!(json, r#"["identify","x.y"]"#);
        assert_eq!(serde_json::from_str::<Scopes>(&json).unwrap(), scopes);
    }

    #[test]
    fn set_operations() {
        let mut scopes = Scopes::parse(" identify\tguilds  identify ");
        assert_eq!(scopes.len(), 2);
        assert!(Scopes::parse("").is_empty());
        assert!(Scopes::parse("   ").is_empty());
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
