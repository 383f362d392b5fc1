//! [`AuthorizedGuild`]: the full guild object of a bot-flow token response.

use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};

use super::{ApplicationId, ChannelId, GuildFeature, GuildId, Role, UserId};
use crate::cdn::{self, ImageFormat, ImageHash, ImageSize};

/// The guild a bot was added to, as the token response of the advanced bot
/// authorization flow carries it (`guild`). Every field but `id` and `name`
/// is lenient (missing → `None`, empty or `false`); emojis, stickers and other
/// unlisted fields are ignored.
///
/// Equal, and hashed, **by id** only.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AuthorizedGuild {
    /// The guild's id.
    pub id: GuildId,
    /// The guild's name.
    pub name: String,
    /// The icon hash.
    #[serde(default)]
    pub icon: Option<ImageHash>,
    /// The invite splash hash.
    #[serde(default)]
    pub splash: Option<ImageHash>,
    /// The discovery splash hash.
    #[serde(default)]
    pub discovery_splash: Option<ImageHash>,
    /// The banner hash.
    #[serde(default)]
    pub banner: Option<ImageHash>,
    /// The description (community guilds).
    #[serde(default)]
    pub description: Option<String>,
    /// The owner's id.
    #[serde(default)]
    pub owner_id: Option<UserId>,
    /// The AFK voice channel.
    #[serde(default)]
    pub afk_channel_id: Option<ChannelId>,
    /// AFK timeout in seconds.
    #[serde(default)]
    pub afk_timeout: Option<u64>,
    /// Whether the widget is enabled.
    #[serde(default)]
    pub widget_enabled: Option<bool>,
    /// The widget's channel.
    #[serde(default)]
    pub widget_channel_id: Option<ChannelId>,
    /// Verification level (0 none … 4 very high).
    #[serde(default)]
    pub verification_level: Option<u8>,
    /// Default notification level (0 all messages, 1 only mentions).
    #[serde(default)]
    pub default_message_notifications: Option<u8>,
    /// Explicit content filter level (0 disabled … 2 all members).
    #[serde(default)]
    pub explicit_content_filter: Option<u8>,
    /// The guild's roles.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// The guild's features.
    #[serde(default)]
    pub features: Vec<GuildFeature>,
    /// Required MFA level for moderation (0 none, 1 elevated).
    #[serde(default)]
    pub mfa_level: Option<u8>,
    /// The application that created the guild, if a bot did.
    #[serde(default)]
    pub application_id: Option<ApplicationId>,
    /// Where system messages go.
    #[serde(default)]
    pub system_channel_id: Option<ChannelId>,
    /// System channel flags.
    #[serde(default)]
    pub system_channel_flags: Option<u64>,
    /// The rules channel (community guilds).
    #[serde(default)]
    pub rules_channel_id: Option<ChannelId>,
    /// Maximum presences (`null` except for the largest guilds).
    #[serde(default)]
    pub max_presences: Option<u64>,
    /// Maximum members.
    #[serde(default)]
    pub max_members: Option<u64>,
    /// The vanity invite code.
    #[serde(default)]
    pub vanity_url_code: Option<String>,
    /// Boost tier (0–3).
    #[serde(default)]
    pub premium_tier: Option<u8>,
    /// Number of boosts.
    #[serde(default)]
    pub premium_subscription_count: Option<u64>,
    /// The community guild's preferred locale.
    #[serde(default)]
    pub preferred_locale: Option<String>,
    /// Where Discord sends community updates.
    #[serde(default)]
    pub public_updates_channel_id: Option<ChannelId>,
    /// Maximum users in a video channel.
    #[serde(default)]
    pub max_video_channel_users: Option<u64>,
    /// Where Discord sends safety alerts.
    #[serde(default)]
    pub safety_alerts_channel_id: Option<ChannelId>,
    /// NSFW level (0 default … 3 age restricted).
    #[serde(default)]
    pub nsfw_level: Option<u8>,
    /// Whether the boost progress bar is shown.
    #[serde(default)]
    pub premium_progress_bar_enabled: Option<bool>,
    /// Approximate member count.
    #[serde(default)]
    pub approximate_member_count: Option<u64>,
    /// Approximate online member count.
    #[serde(default)]
    pub approximate_presence_count: Option<u64>,
    /// Deprecated voice region (old payloads).
    #[serde(default)]
    pub region: Option<String>,
}

impl AuthorizedGuild {
    /// The icon's URL, if the guild has an icon.
    pub fn icon_url(&self, format: Option<ImageFormat>, size: Option<ImageSize>) -> Option<String> {
        self.icon
            .as_ref()
            .map(|hash| cdn::guild_icon(self.id, hash, format, size))
    }

    /// The banner's URL, if the guild has a banner.
    pub fn banner_url(
        &self,
        format: Option<ImageFormat>,
        size: Option<ImageSize>,
    ) -> Option<String> {
        self.banner
            .as_ref()
            .map(|hash| cdn::guild_banner(self.id, hash, format, size))
    }

    /// The `@everyone` role (its id is the guild's), if listed.
    pub fn everyone_role(&self) -> Option<&Role> {
        self.roles
            .iter()
            .find(|role| role.id.get() == self.id.get())
    }
}

impl PartialEq for AuthorizedGuild {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for AuthorizedGuild {}

impl Hash for AuthorizedGuild {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.id.hash(state);
    }
}
