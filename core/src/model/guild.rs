//! [`Guild`]: a partial guild, as `/users/@me/guilds` lists it.

use std::fmt;
use std::hash::{Hash, Hasher};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{GuildFeature, GuildId, Permissions};
use crate::cdn::{self, ImageFormat, ImageHash, ImageSize};

/// A guild the user is in, as `GET /users/@me/guilds` returns it.
///
/// `permissions` are the user's total permissions in the guild (roles folded,
/// channel overwrites excluded), exactly as Discord sends them; use
/// [`effective_permissions`](Self::effective_permissions) for the owner and
/// administrator rule. The member counts are only present when the list was
/// fetched `with_counts`.
///
/// Equal, and hashed, **by id** only.
///
/// ```
/// use disco_oauth2::model::{Guild, Permissions};
///
/// let guild: Guild = serde_json::from_str(
///     r#"{"id": "1", "name": "g", "icon": null, "owner": false, "permissions": "8", "features": []}"#,
/// ).unwrap();
/// assert_eq!(guild.permissions, Permissions::ADMINISTRATOR);
/// assert_eq!(guild.effective_permissions(), Permissions::all());
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Guild {
    /// The guild's id.
    pub id: GuildId,
    /// The guild's name.
    pub name: String,
    /// The icon hash.
    #[serde(default)]
    pub icon: Option<ImageHash>,
    /// The banner hash.
    #[serde(default)]
    pub banner: Option<ImageHash>,
    /// Whether the user owns the guild (`false` when absent).
    #[serde(default)]
    pub owner: bool,
    /// The user's permissions in the guild (empty when absent).
    #[serde(default)]
    pub permissions: Permissions,
    /// The guild's features.
    #[serde(default)]
    pub features: Vec<GuildFeature>,
    /// Approximate member count (only `with_counts`).
    #[serde(default)]
    pub approximate_member_count: Option<u64>,
    /// Approximate online member count (only `with_counts`).
    #[serde(default)]
    pub approximate_presence_count: Option<u64>,
}

impl Guild {
    /// Whether the user owns the guild.
    pub fn is_owner(&self) -> bool {
        self.owner
    }

    /// The user's permissions with Discord's base rule applied: the owner and
    /// administrators have every permission.
    pub fn effective_permissions(&self) -> Permissions {
        self.permissions.resolve(self.owner)
    }

    /// Whether the guild has `feature`.
    pub fn has_feature(&self, feature: &GuildFeature) -> bool {
        self.features.contains(feature)
    }

    /// When the guild was created (from its id).
    pub fn created_at(&self) -> DateTime<Utc> {
        self.id.created_at()
    }

    /// The icon's URL, if the guild has an icon. Format rules: [`crate::cdn`].
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
}

impl PartialEq for Guild {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for Guild {}

impl Hash for Guild {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.id.hash(state);
    }
}

impl fmt::Display for Guild {
    /// The guild's name, never its id.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}
