//! Plain derive structs with the same fields as the library's models: what a
//! user would write by hand over a raw HTTP client. Ids, hashes and bit sets
//! stay strings and integers, as Discord sends them.
// The fields are Discord's own, named as in its documentation.
#![allow(dead_code, missing_docs)]

use serde::Deserialize;

/// The token endpoint's answer.
#[derive(Debug, Deserialize)]
pub struct PlainToken {
    pub access_token: String,
    pub token_type: String,
    pub expires_in: u64,
    #[serde(default)]
    pub refresh_token: Option<String>,
    #[serde(default)]
    pub scope: Option<String>,
}

/// `/users/@me`.
#[derive(Debug, Deserialize)]
pub struct PlainUser {
    pub id: String,
    pub username: String,
    #[serde(default)]
    pub discriminator: String,
    #[serde(default)]
    pub global_name: Option<String>,
    #[serde(default)]
    pub avatar: Option<String>,
    #[serde(default)]
    pub bot: bool,
    #[serde(default)]
    pub system: bool,
    #[serde(default)]
    pub mfa_enabled: Option<bool>,
    #[serde(default)]
    pub banner: Option<String>,
    #[serde(default)]
    pub accent_color: Option<u32>,
    #[serde(default)]
    pub locale: Option<String>,
    #[serde(default)]
    pub verified: Option<bool>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub flags: Option<u64>,
    #[serde(default)]
    pub premium_type: Option<u8>,
    #[serde(default)]
    pub public_flags: Option<u64>,
    #[serde(default)]
    pub avatar_decoration_data: Option<PlainDecoration>,
    #[serde(default)]
    pub collectibles: Option<PlainCollectibles>,
    #[serde(default)]
    pub primary_guild: Option<PlainPrimaryGuild>,
}

/// A user's avatar decoration.
#[derive(Debug, Deserialize)]
pub struct PlainDecoration {
    pub asset: String,
    #[serde(default)]
    pub sku_id: Option<String>,
}

/// A user's collectibles.
#[derive(Debug, Deserialize)]
pub struct PlainCollectibles {
    #[serde(default)]
    pub nameplate: Option<PlainNameplate>,
}

/// A nameplate collectible.
#[derive(Debug, Deserialize)]
pub struct PlainNameplate {
    #[serde(default)]
    pub sku_id: Option<String>,
    #[serde(default)]
    pub asset: String,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub palette: String,
}

/// A user's primary guild (server tag).
#[derive(Debug, Deserialize)]
pub struct PlainPrimaryGuild {
    #[serde(default)]
    pub identity_guild_id: Option<String>,
    #[serde(default)]
    pub identity_enabled: Option<bool>,
    #[serde(default)]
    pub tag: Option<String>,
    #[serde(default)]
    pub badge: Option<String>,
}

/// One entry of `/users/@me/guilds`.
#[derive(Debug, Deserialize)]
pub struct PlainGuild {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub icon: Option<String>,
    #[serde(default)]
    pub banner: Option<String>,
    #[serde(default)]
    pub owner: bool,
    #[serde(default)]
    pub permissions: String,
    #[serde(default)]
    pub features: Vec<String>,
    #[serde(default)]
    pub approximate_member_count: Option<u64>,
    #[serde(default)]
    pub approximate_presence_count: Option<u64>,
}

/// One entry of `/users/@me/connections`.
#[derive(Debug, Deserialize)]
pub struct PlainConnection {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub revoked: Option<bool>,
    #[serde(default)]
    pub integrations: Vec<serde_json::Value>,
    #[serde(default)]
    pub verified: bool,
    #[serde(default)]
    pub friend_sync: bool,
    #[serde(default)]
    pub show_activity: bool,
    #[serde(default)]
    pub two_way_link: bool,
    #[serde(default)]
    pub visibility: u8,
}
