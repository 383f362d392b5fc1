//! [`Integration`]: a guild integration (Twitch, YouTube, a bot, a
//! subscription), with its [`IntegrationAccount`], [`IntegrationApplication`]
//! and [`ExpireBehavior`].

use std::fmt;
use std::hash::{Hash, Hasher};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::open_enum::{int_enum, str_enum};
use super::{ApplicationId, IntegrationId, RoleId, Scopes, User};
use crate::cdn::{self, ImageFormat, ImageHash, ImageSize};

/// A guild integration. Connections carry *partial* integrations and audit
/// logs even thinner ones, so everything but `id`, `name` and `type` is
/// optional.
///
/// Equal, and hashed, **by id** only.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Integration {
    /// The integration's id.
    pub id: IntegrationId,
    /// The integration's name.
    pub name: String,
    /// The integration type (`type` in JSON).
    #[serde(rename = "type")]
    pub kind: IntegrationType,
    /// Whether the integration is enabled.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// Whether it is syncing.
    #[serde(default)]
    pub syncing: Option<bool>,
    /// The role subscribers get.
    #[serde(default)]
    pub role_id: Option<RoleId>,
    /// Whether emoticons are synced (Twitch only).
    #[serde(default)]
    pub enable_emoticons: Option<bool>,
    /// What happens when a subscription expires.
    #[serde(default)]
    pub expire_behavior: Option<ExpireBehavior>,
    /// Grace period in days before expiring subscribers.
    #[serde(default)]
    pub expire_grace_period: Option<i64>,
    /// The user of the integration.
    #[serde(default)]
    pub user: Option<User>,
    /// The account on the service.
    #[serde(default)]
    pub account: Option<IntegrationAccount>,
    /// When it was last synced.
    #[serde(default)]
    pub synced_at: Option<DateTime<Utc>>,
    /// How many subscribers it has.
    #[serde(default)]
    pub subscriber_count: Option<u64>,
    /// Whether it was revoked.
    #[serde(default)]
    pub revoked: Option<bool>,
    /// The bot or OAuth2 application.
    #[serde(default)]
    pub application: Option<IntegrationApplication>,
    /// The application's id (audit-log partial integrations).
    #[serde(default)]
    pub application_id: Option<ApplicationId>,
    /// The scopes the application was authorized with.
    #[serde(default)]
    pub scopes: Option<Scopes>,
}

impl PartialEq for Integration {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for Integration {}

impl Hash for Integration {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.id.hash(state);
    }
}

impl fmt::Display for Integration {
    /// The integration's name, never its id.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

str_enum! {
    /// The type of an [`Integration`].
    IntegrationType {
        /// Twitch.
        Twitch = "twitch",
        /// YouTube.
        YouTube = "youtube",
        /// A Discord application (bot).
        Discord = "discord",
        /// A guild role subscription.
        GuildSubscription = "guild_subscription",
    }
}

int_enum! {
    /// What happens to a subscriber whose subscription expired.
    ExpireBehavior {
        /// The subscriber role is removed.
        RemoveRole = 0,
        /// The member is kicked.
        Kick = 1,
    }
}

/// The account an integration is tied to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IntegrationAccount {
    /// The account's id on the service (a string: YouTube ids are `UC…`).
    pub id: String,
    /// The account's name.
    #[serde(default)]
    pub name: String,
}

/// The application of a bot or OAuth2 integration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntegrationApplication {
    /// The application's id.
    pub id: ApplicationId,
    /// The application's name.
    #[serde(default)]
    pub name: String,
    /// The icon hash.
    #[serde(default)]
    pub icon: Option<ImageHash>,
    /// The description.
    #[serde(default)]
    pub description: String,
    /// The application's bot.
    #[serde(default)]
    pub bot: Option<User>,
}

impl IntegrationApplication {
    /// The icon's URL, if the application has one.
    pub fn icon_url(&self, format: Option<ImageFormat>, size: Option<ImageSize>) -> Option<String> {
        self.icon
            .as_ref()
            .map(|icon| cdn::application_icon(self.id, icon, format, size))
    }
}
