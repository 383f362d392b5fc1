//! [`User`]: a Discord account, as `/users/@me` returns it.

use std::fmt;
use std::hash::{Hash, Hasher};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{AvatarDecorationData, Collectibles, PremiumType, PrimaryGuild, UserFlags, UserId};
use crate::cdn::{self, ImageFormat, ImageHash, ImageSize};

/// A Discord user.
///
/// Which fields are present depends on the token's scopes: `email` and
/// `verified` need `email`, `premium_type` needs `identify.premium` (Discord
/// sends `0` without it). Unknown JSON fields are ignored.
///
/// Two `User` values are **equal, and hash the same, when their ids are
/// equal**, whatever their other fields (a fresher copy of the same account
/// equals the stale one). Compare fields explicitly to detect changes.
///
/// ```
/// use disco_oauth2::model::User;
///
/// let user: User = serde_json::from_str(r#"{
///     "id": "80351110224678912", "username": "nelly", "discriminator": "0",
///     "global_name": "Nelly", "avatar": null, "accent_color": 255
/// }"#).unwrap();
/// assert_eq!(user.to_string(), "nelly");
/// assert_eq!(user.display_name(), "Nelly");
/// assert_eq!(user.mention(), "<@80351110224678912>");
/// assert_eq!(user.accent_colour().as_deref(), Some("#0000ff"));
/// assert_eq!(user.display_avatar_url(None, None), "https://cdn.discordapp.com/embed/avatars/5.png");
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct User {
    /// The user's id.
    pub id: UserId,
    /// The unique username (lowercase for migrated accounts).
    pub username: String,
    /// `"0"` for accounts migrated to unique usernames, else the legacy four
    /// digits (`"1337"`). `"0"` when Discord leaves it out.
    #[serde(default = "migrated_discriminator")]
    pub discriminator: String,
    /// The display name, if the user set one.
    #[serde(default)]
    pub global_name: Option<String>,
    /// The avatar hash, if the user set an avatar.
    #[serde(default)]
    pub avatar: Option<ImageHash>,
    /// Whether the account is a bot (`false` when absent).
    #[serde(default)]
    pub bot: bool,
    /// Whether the account is an official Discord system account (`false` when absent).
    #[serde(default)]
    pub system: bool,
    /// Whether two-factor authentication is on.
    #[serde(default)]
    pub mfa_enabled: Option<bool>,
    /// The profile banner hash.
    #[serde(default)]
    pub banner: Option<ImageHash>,
    /// The banner colour as `0xRRGGBB`.
    #[serde(default)]
    pub accent_color: Option<u32>,
    /// The chosen language, e.g. `en-US`.
    #[serde(default)]
    pub locale: Option<String>,
    /// Whether the e-mail address is verified (needs the `email` scope).
    #[serde(default)]
    pub verified: Option<bool>,
    /// The e-mail address (needs the `email` scope).
    #[serde(default)]
    pub email: Option<String>,
    /// The account's flags.
    #[serde(default)]
    pub flags: Option<UserFlags>,
    /// The Nitro subscription (needs `identify.premium`).
    #[serde(default)]
    pub premium_type: Option<PremiumType>,
    /// The public flags (badges).
    #[serde(default)]
    pub public_flags: Option<UserFlags>,
    /// The avatar decoration.
    #[serde(default)]
    pub avatar_decoration_data: Option<AvatarDecorationData>,
    /// Collectibles (nameplate).
    #[serde(default)]
    pub collectibles: Option<Collectibles>,
    /// The guild whose tag the user displays.
    #[serde(default)]
    pub primary_guild: Option<PrimaryGuild>,
}

fn migrated_discriminator() -> String {
    "0".to_owned()
}

impl User {
    /// The mention markup, `<@id>`.
    pub fn mention(&self) -> String {
        format!("<@{}>", self.id)
    }

    /// The name to show: `global_name` when set (and not empty), else `username`.
    pub fn display_name(&self) -> &str {
        match self.global_name.as_deref() {
            Some(name) if !name.is_empty() => name,
            _ => &self.username,
        }
    }

    /// Whether the account moved to unique usernames (its discriminator is
    /// `"0"`, or anything that is not a non-zero number).
    pub fn is_migrated(&self) -> bool {
        !matches!(self.discriminator.parse::<u16>(), Ok(n) if n != 0)
    }

    /// When the account was created (from its id).
    pub fn created_at(&self) -> DateTime<Utc> {
        self.id.created_at()
    }

    /// The banner colour as `#rrggbb`, or `None` when the user has none.
    pub fn accent_colour(&self) -> Option<String> {
        self.accent_color
            .map(|colour| format!("#{:06x}", colour & 0xFF_FFFF))
    }

    /// The avatar's URL, or `None` without a custom avatar (see
    /// [`display_avatar_url`](Self::display_avatar_url)). Format rules: [`crate::cdn`].
    pub fn avatar_url(
        &self,
        format: Option<ImageFormat>,
        size: Option<ImageSize>,
    ) -> Option<String> {
        self.avatar
            .as_ref()
            .map(|hash| cdn::user_avatar(self.id, hash, format, size))
    }

    /// The profile banner's URL, or `None` without a banner.
    pub fn banner_url(
        &self,
        format: Option<ImageFormat>,
        size: Option<ImageSize>,
    ) -> Option<String> {
        self.banner
            .as_ref()
            .map(|hash| cdn::user_banner(self.id, hash, format, size))
    }

    /// Which default avatar (0–5) the user gets: `(id >> 22) % 6` when
    /// migrated, `discriminator % 5` otherwise.
    pub fn default_avatar_index(&self) -> u8 {
        cdn::default_avatar_index(self.id, &self.discriminator)
    }

    /// The default avatar's URL (PNG, no size).
    pub fn default_avatar_url(&self) -> String {
        cdn::default_avatar(self.default_avatar_index())
    }

    /// The custom avatar's URL, else the default avatar's.
    pub fn display_avatar_url(
        &self,
        format: Option<ImageFormat>,
        size: Option<ImageSize>,
    ) -> String {
        self.avatar_url(format, size)
            .unwrap_or_else(|| self.default_avatar_url())
    }

    /// The avatar decoration's URL, if the user has one.
    pub fn avatar_decoration_url(&self, size: Option<ImageSize>) -> Option<String> {
        self.avatar_decoration_data
            .as_ref()
            .map(|data| data.url(size))
    }
}

impl fmt::Display for User {
    /// `username` for migrated users, `username#1234` for legacy ones; never the id.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_migrated() {
            f.write_str(&self.username)
        } else {
            write!(f, "{}#{}", self.username, self.discriminator)
        }
    }
}

impl PartialEq for User {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for User {}

impl Hash for User {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.id.hash(state);
    }
}
