//! [`PrimaryGuild`]: the guild tag a user shows.

use serde::{Deserialize, Serialize};

use super::GuildId;
use crate::cdn::{self, ImageFormat, ImageHash, ImageSize};

/// The guild whose tag a user shows next to their name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct PrimaryGuild {
    /// The guild's id (`null` when the user cleared their tag).
    #[serde(default)]
    pub identity_guild_id: Option<GuildId>,
    /// Whether the tag is shown (`null` when Discord reset it).
    #[serde(default)]
    pub identity_enabled: Option<bool>,
    /// The tag text (up to 4 characters).
    #[serde(default)]
    pub tag: Option<String>,
    /// The badge hash.
    #[serde(default)]
    pub badge: Option<ImageHash>,
}

impl PrimaryGuild {
    /// The badge's URL (`guild-tag-badges/{identity_guild_id}/{badge}`), when both are known.
    pub fn badge_url(
        &self,
        format: Option<ImageFormat>,
        size: Option<ImageSize>,
    ) -> Option<String> {
        let guild_id = self.identity_guild_id?;
        let badge = self.badge.as_ref()?;
        Some(cdn::guild_tag_badge(guild_id, badge, format, size))
    }
}
