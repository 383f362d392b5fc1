//! [`Application`]: a (partial) Discord application, as `/oauth2/@me` and
//! `/oauth2/applications/@me` return it.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};

use super::{ApplicationId, GuildId, Permissions, Scopes, SkuId, Team, User};
use crate::cdn::{self, ImageFormat, ImageHash, ImageSize};

/// A Discord application. Only `id` and `name` are required: the
/// `/oauth2/@me` form is partial, and every other field is an `Option` (or
/// empty) when missing.
///
/// Equal, and hashed, **by id** only.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Application {
    /// The application's id.
    pub id: ApplicationId,
    /// The application's name.
    pub name: String,
    /// The icon hash.
    #[serde(default)]
    pub icon: Option<ImageHash>,
    /// The description (empty when absent).
    #[serde(default)]
    pub description: String,
    /// Whether the application has a webhook (`/oauth2/@me` only, undocumented).
    #[serde(default)]
    pub hook: Option<bool>,
    /// RPC origin URLs.
    #[serde(default)]
    pub rpc_origins: Option<Vec<String>>,
    /// Whether anyone can add the bot.
    #[serde(default)]
    pub bot_public: Option<bool>,
    /// Whether adding the bot needs the full code grant.
    #[serde(default)]
    pub bot_require_code_grant: Option<bool>,
    /// The application's bot user (partial).
    #[serde(default)]
    pub bot: Option<User>,
    /// Terms of service URL.
    #[serde(default)]
    pub terms_of_service_url: Option<String>,
    /// Privacy policy URL.
    #[serde(default)]
    pub privacy_policy_url: Option<String>,
    /// The owner (partial user).
    #[serde(default)]
    pub owner: Option<User>,
    /// Hex key for verifying interactions and GameSDK tickets.
    #[serde(default)]
    pub verify_key: Option<String>,
    /// The owning team, if a team owns it.
    #[serde(default)]
    pub team: Option<Team>,
    /// The guild associated with the application (e.g. its support server).
    #[serde(default)]
    pub guild_id: Option<GuildId>,
    /// The game SKU, for games sold on Discord.
    #[serde(default)]
    pub primary_sku_id: Option<SkuId>,
    /// The store page slug, for games sold on Discord.
    #[serde(default)]
    pub slug: Option<String>,
    /// The rich-presence invite cover image hash.
    #[serde(default)]
    pub cover_image: Option<ImageHash>,
    /// Application flags (integer).
    #[serde(default)]
    pub flags: Option<u64>,
    /// Application flags as a decimal string (added 2026-05-07).
    #[serde(default)]
    pub flags_new: Option<String>,
    /// Approximate number of guilds the app is in.
    #[serde(default)]
    pub approximate_guild_count: Option<u64>,
    /// Approximate number of user installs.
    #[serde(default)]
    pub approximate_user_install_count: Option<u64>,
    /// Approximate number of users who authorized the app.
    #[serde(default)]
    pub approximate_user_authorization_count: Option<u64>,
    /// Registered redirect URIs.
    #[serde(default)]
    pub redirect_uris: Option<Vec<String>>,
    /// Interactions endpoint URL.
    #[serde(default)]
    pub interactions_endpoint_url: Option<String>,
    /// Linked-roles verification URL.
    #[serde(default)]
    pub role_connections_verification_url: Option<String>,
    /// Event webhooks URL.
    #[serde(default)]
    pub event_webhooks_url: Option<String>,
    /// Event webhooks status (1 disabled, 2 enabled, 3 disabled by Discord).
    #[serde(default)]
    pub event_webhooks_status: Option<i64>,
    /// Event webhook types subscribed to.
    #[serde(default)]
    pub event_webhooks_types: Option<Vec<String>>,
    /// Up to five tags.
    #[serde(default)]
    pub tags: Option<Vec<String>>,
    /// Default in-app authorization settings.
    #[serde(default)]
    pub install_params: Option<InstallParams>,
    /// Per installation context (`"0"` guild, `"1"` user) settings.
    #[serde(default)]
    pub integration_types_config: Option<BTreeMap<String, IntegrationTypeConfig>>,
    /// Default custom authorization URL.
    #[serde(default)]
    pub custom_install_url: Option<String>,
}

impl Application {
    /// The icon's URL, if the application has one.
    pub fn icon_url(&self, format: Option<ImageFormat>, size: Option<ImageSize>) -> Option<String> {
        self.icon
            .as_ref()
            .map(|icon| cdn::application_icon(self.id, icon, format, size))
    }

    /// The cover image's URL, if the application has one.
    pub fn cover_image_url(
        &self,
        format: Option<ImageFormat>,
        size: Option<ImageSize>,
    ) -> Option<String> {
        self.cover_image
            .as_ref()
            .map(|cover| cdn::application_cover(self.id, cover, format, size))
    }
}

impl PartialEq for Application {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for Application {}

impl Hash for Application {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.id.hash(state);
    }
}

/// Scopes and bot permissions an install link asks for.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct InstallParams {
    /// The scopes.
    #[serde(default)]
    pub scopes: Scopes,
    /// The bot role's permissions.
    #[serde(default)]
    pub permissions: Permissions,
}

/// The settings of one installation context.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct IntegrationTypeConfig {
    /// The install parameters for this context.
    #[serde(default)]
    pub oauth2_install_params: Option<InstallParams>,
}
