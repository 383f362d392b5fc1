//! The fake's default world: one application, one user, a few guilds and connections.

use serde_json::{Value, json};

/// Default application (client) id.
pub const CLIENT_ID: u64 = 159_799_960_412_356_608;
/// Default client secret.
pub const CLIENT_SECRET: &str = "fake-client-secret-R4nd0mL00k1ng";
/// Default registered redirect URI (nothing needs to listen there).
pub const REDIRECT_URI: &str = "http://127.0.0.1:8080/callback";
/// Default bot token of the application's bot.
pub const BOT_TOKEN: &str = "MTU5Nzk5OTYwNDEyMzU2NjA4.fake.bot-token-for-tests";
/// Default application name.
pub const APP_NAME: &str = "AIRHORN SOLUTIONS";
/// Default user id (the user who "logs in").
pub const USER_ID: u64 = 80_351_110_224_678_912;
/// Id of the application owner (the user behind client-credentials tokens).
pub const OWNER_ID: u64 = 172_150_183_260_323_840;

/// Guild "Discord API": the user is a member (with a nick) and the bot is present.
pub const GUILD_DISCORD_API: u64 = 81_384_788_765_712_384;
/// Guild "Discord Testers": the user is a plain member; the bot is absent.
pub const GUILD_TESTERS: u64 = 197_038_439_483_310_086;
/// Guild "SomeTest": the bot is present, the user is not a member (add-member target).
pub const GUILD_BOT_ONLY: u64 = 290_926_798_626_357_250;
/// Guild "1337 Krew": the user is the owner; the bot is absent.
pub const GUILD_OWNED: u64 = 613_425_648_685_547_541;

/// A guild in the fake's world, and the configured user's place in it.
#[derive(Clone, Debug, PartialEq)]
pub struct FakeGuild {
    /// Snowflake id.
    pub id: u64,
    /// Guild name.
    pub name: String,
    /// Icon hash.
    pub icon: Option<String>,
    /// Banner hash.
    pub banner: Option<String>,
    /// Guild features.
    pub features: Vec<String>,
    /// Whether the configured user owns the guild.
    pub owner: bool,
    /// Whether the configured user is a member (listed by `/users/@me/guilds`).
    pub member: bool,
    /// The user's total permissions in the guild, as Discord's decimal string.
    pub permissions: String,
    /// The user's nickname there.
    pub nick: Option<String>,
    /// The user's role ids there.
    pub roles: Vec<String>,
    /// Whether the application's bot is in the guild (needed for add-member).
    pub bot_present: bool,
    /// `approximate_member_count` (only sent with `with_counts=true`).
    pub approximate_member_count: u64,
    /// `approximate_presence_count` (only sent with `with_counts=true`).
    pub approximate_presence_count: u64,
}

impl FakeGuild {
    /// A guild the user is a plain member of, without the bot.
    pub fn new(id: u64, name: impl Into<String>) -> FakeGuild {
        FakeGuild {
            id,
            name: name.into(),
            icon: None,
            banner: None,
            features: Vec::new(),
            owner: false,
            member: true,
            permissions: "104324673".to_owned(),
            nick: None,
            roles: Vec::new(),
            bot_present: false,
            approximate_member_count: 2,
            approximate_presence_count: 1,
        }
    }
}

/// The default configured user: `user_example_1.json` with a migrated username.
pub fn default_user() -> Value {
    json!({
        "id": USER_ID.to_string(),
        "username": "nelly",
        "global_name": "Nelly",
        "discriminator": "0",
        "avatar": "8342729096ea3675442027381ff50dfe",
        "bot": false,
        "system": false,
        "mfa_enabled": true,
        "locale": "en-US",
        "verified": true,
        "email": "nelly@discord.com",
        "flags": 64,
        "banner": "06c16474723fe537c283b8efa61a30c8",
        "accent_color": 16711680,
        "premium_type": 1,
        "public_flags": 64,
        "avatar_decoration_data": {
            "sku_id": "1144058844004233369",
            "asset": "a_fed43ab12698df65902ba06727e20c0e"
        },
        "collectibles": {
            "nameplate": {
                "sku_id": "2247558840304243311",
                "asset": "nameplates/nameplates/twilight/",
                "label": "",
                "palette": "cobalt"
            }
        },
        "primary_guild": {
            "identity_guild_id": "1234647491267808778",
            "identity_enabled": true,
            "tag": "DISC",
            "badge": "7d1734ae5a615e82bc7a4033b98fade8"
        }
    })
}

/// The application owner (a legacy-discriminator user).
pub fn owner_user() -> Value {
    json!({
        "id": OWNER_ID.to_string(),
        "username": "i own a bot",
        "global_name": null,
        "discriminator": "1738",
        "avatar": null,
        "verified": true,
        "email": "owner@example.com",
        "flags": 1024,
        "premium_type": 0,
        "public_flags": 1024
    })
}

/// The default guilds (ids ascending).
pub fn default_guilds() -> Vec<FakeGuild> {
    vec![
        FakeGuild {
            nick: Some("NOT API SUPPORT".to_owned()),
            roles: vec!["41771983423143936".to_owned()],
            bot_present: true,
            icon: Some("f64c482b807da4f539cff778d174971c".to_owned()),
            features: vec!["COMMUNITY".to_owned(), "NEWS".to_owned()],
            approximate_member_count: 120_000,
            approximate_presence_count: 35_000,
            ..FakeGuild::new(GUILD_DISCORD_API, "Discord API")
        },
        FakeGuild {
            features: vec![
                "ANIMATED_ICON".to_owned(),
                "VERIFIED".to_owned(),
                "VANITY_URL".to_owned(),
            ],
            icon: Some("f64c482b807da4f539cff778d174971c".to_owned()),
            banner: Some("9b6439a7de04f1d26af92f84ac9e1e4a".to_owned()),
            approximate_member_count: 250_000,
            approximate_presence_count: 40_000,
            ..FakeGuild::new(GUILD_TESTERS, "Discord Testers")
        },
        FakeGuild {
            member: false,
            bot_present: true,
            permissions: "0".to_owned(),
            ..FakeGuild::new(GUILD_BOT_ONLY, "SomeTest")
        },
        FakeGuild {
            owner: true,
            permissions: "8866461766385663".to_owned(),
            icon: Some("8342729096ea3675442027381ff50dfe".to_owned()),
            banner: Some("bb42bdc37653b7cf58c4c8cc622e76cb".to_owned()),
            features: [
                "COMMUNITY",
                "NEWS",
                "ANIMATED_ICON",
                "INVITE_SPLASH",
                "BANNER",
                "ROLE_ICONS",
            ]
            .map(str::to_owned)
            .to_vec(),
            approximate_member_count: 3268,
            approximate_presence_count: 784,
            ..FakeGuild::new(GUILD_OWNED, "1337 Krew")
        },
    ]
}

/// The default connections of the configured user (GitHub and Twitch).
pub fn default_connections() -> Vec<Value> {
    vec![
        json!({
            "id": "1234567",
            "name": "nelly-gh",
            "type": "github",
            "revoked": false,
            "integrations": [],
            "verified": true,
            "friend_sync": false,
            "show_activity": true,
            "two_way_link": false,
            "visibility": 1
        }),
        json!({
            "id": "98765432",
            "name": "nellystreams",
            "type": "twitch",
            "revoked": false,
            "integrations": [],
            "verified": true,
            "friend_sync": true,
            "show_activity": true,
            "two_way_link": true,
            "visibility": 0
        }),
    ]
}

/// All scopes Discord documents (plus the Social SDK's), i.e. those `/oauth2/authorize` accepts.
pub const KNOWN_SCOPES: &[&str] = &[
    "activities.read",
    "activities.write",
    "applications.builds.read",
    "applications.builds.upload",
    "applications.commands",
    "applications.commands.update",
    "applications.commands.permissions.update",
    "applications.entitlements",
    "applications.store.update",
    "bot",
    "connections",
    "dm_channels.read",
    "email",
    "gdm.join",
    "guilds",
    "guilds.join",
    "guilds.members.read",
    "identify",
    "identify.premium",
    "messages.read",
    "relationships.read",
    "role_connections.write",
    "rpc",
    "rpc.activities.write",
    "rpc.notifications.read",
    "rpc.voice.read",
    "rpc.voice.write",
    "voice",
    "webhook.incoming",
    "openid",
    "sdk.social_layer_presence",
    "sdk.social_layer",
];
