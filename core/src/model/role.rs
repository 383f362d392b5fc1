//! [`Role`]: a guild role (inside the full guild of a bot-flow token response).

use std::hash::{Hash, Hasher};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{ApplicationId, IntegrationId, Permissions, RoleId, SkuId, UserId};
use crate::cdn::{self, ImageFormat, ImageHash, ImageSize};

/// A guild role.
///
/// Old payloads (like the bot-authorization token response) carry a legacy
/// integer `permissions` next to a string `permissions_new`; when
/// `permissions_new` is present it wins. A role serializes with `permissions`
/// as a string only.
///
/// Equal, and hashed, **by id** only.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(from = "RoleWire")]
pub struct Role {
    /// The role's id (the `@everyone` role shares the guild's id).
    pub id: RoleId,
    /// The role's name.
    pub name: String,
    /// The colour as `0xRRGGBB` (`0` = none; deprecated in favour of `colors`).
    pub color: u32,
    /// The role's colours (gradient roles have a secondary and tertiary one).
    pub colors: Option<RoleColors>,
    /// Whether members with the role are listed separately.
    pub hoist: bool,
    /// The role icon hash.
    pub icon: Option<ImageHash>,
    /// The role's unicode emoji.
    pub unicode_emoji: Option<String>,
    /// Position in the role list.
    pub position: i64,
    /// The role's permissions.
    pub permissions: Permissions,
    /// Whether an integration manages the role.
    pub managed: bool,
    /// Whether the role can be mentioned.
    pub mentionable: bool,
    /// Tags (bot, integration, booster, subscription roles).
    pub tags: Option<RoleTags>,
    /// Role flags (`1 << 0` = IN_PROMPT: selectable in onboarding).
    pub flags: u64,
}

#[derive(Deserialize)]
struct RoleWire {
    id: RoleId,
    #[serde(default)]
    name: String,
    #[serde(default)]
    color: u32,
    #[serde(default)]
    colors: Option<RoleColors>,
    #[serde(default)]
    hoist: bool,
    #[serde(default)]
    icon: Option<ImageHash>,
    #[serde(default)]
    unicode_emoji: Option<String>,
    #[serde(default)]
    position: i64,
    #[serde(default)]
    permissions: Permissions,
    #[serde(default)]
    permissions_new: Option<Permissions>,
    #[serde(default)]
    managed: bool,
    #[serde(default)]
    mentionable: bool,
    #[serde(default)]
    tags: Option<RoleTags>,
    #[serde(default)]
    flags: u64,
}

impl From<RoleWire> for Role {
    fn from(wire: RoleWire) -> Self {
        Role {
            id: wire.id,
            name: wire.name,
            color: wire.color,
            colors: wire.colors,
            hoist: wire.hoist,
            icon: wire.icon,
            unicode_emoji: wire.unicode_emoji,
            position: wire.position,
            permissions: wire.permissions_new.unwrap_or(wire.permissions),
            managed: wire.managed,
            mentionable: wire.mentionable,
            tags: wire.tags,
            flags: wire.flags,
        }
    }
}

impl Role {
    /// The mention markup, `<@&id>`.
    pub fn mention(&self) -> String {
        format!("<@&{}>", self.id)
    }

    /// The role icon's URL, if the role has an icon.
    pub fn icon_url(&self, format: Option<ImageFormat>, size: Option<ImageSize>) -> Option<String> {
        self.icon
            .as_ref()
            .map(|hash| cdn::role_icon(self.id, hash, format, size))
    }
}

impl PartialEq for Role {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for Role {}

impl Hash for Role {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.id.hash(state);
    }
}

/// A role's colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct RoleColors {
    /// The main colour.
    #[serde(default)]
    pub primary_color: u32,
    /// The gradient's second colour.
    #[serde(default)]
    pub secondary_color: Option<u32>,
    /// The holographic style's third colour.
    #[serde(default)]
    pub tertiary_color: Option<u32>,
}

/// What a role is tied to. Discord marks the boolean tags by sending the key
/// with `null`; here they are `bool`s (`true` when the key was present).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct RoleTags {
    /// The bot the role belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bot_id: Option<UserId>,
    /// The integration the role belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integration_id: Option<IntegrationId>,
    /// Whether this is the guild's booster role.
    #[serde(default, skip_serializing_if = "is_false", with = "presence")]
    pub premium_subscriber: bool,
    /// The role subscription listing's SKU.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_listing_id: Option<SkuId>,
    /// Whether the role can be bought.
    #[serde(default, skip_serializing_if = "is_false", with = "presence")]
    pub available_for_purchase: bool,
    /// Whether the role is a linked role.
    #[serde(default, skip_serializing_if = "is_false", with = "presence")]
    pub guild_connections: bool,
    /// The application whose linked role this is (undocumented in tags; kept when sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_id: Option<ApplicationId>,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// A key present with `null` means `true`.
mod presence {
    use super::*;

    pub(super) fn serialize<S: Serializer>(_: &bool, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_none()
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<bool, D::Error> {
        // Accept `null` (Discord's form) and, leniently, a boolean.
        Option::<bool>::deserialize(deserializer).map(|value| value.unwrap_or(true))
    }
}
