//! Discord's example payloads parsed into the models, field by field, and the
//! documented vectors of the derived values.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use disco_oauth2::model::*;
use disco_oauth2::{DecodeError, cdn};
use serde::de::DeserializeOwned;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn parse<T: DeserializeOwned>(name: &str) -> T {
    serde_json::from_slice(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Serializes and parses again; the JSON of both must be identical.
fn round_trip<T: DeserializeOwned + serde::Serialize>(value: &T) -> T {
    let json = serde_json::to_value(value).unwrap();
    let again: T = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(serde_json::to_value(&again).unwrap(), json);
    again
}

fn time(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
}

#[test]
fn user_example_1() {
    let user: User = parse("user_example_1.json");
    assert_eq!(user.id, UserId::new(80351110224678912));
    assert_eq!(user.username, "Nelly");
    assert_eq!(user.global_name, None);
    assert_eq!(user.discriminator, "1337");
    assert_eq!(
        user.avatar,
        Some(ImageHash::new("8342729096ea3675442027381ff50dfe"))
    );
    assert_eq!(user.verified, Some(true));
    assert_eq!(user.email.as_deref(), Some("nelly@discord.com"));
    assert_eq!(user.flags, Some(UserFlags::HYPESQUAD_ONLINE_HOUSE_1));
    assert_eq!(
        user.banner,
        Some(ImageHash::new("06c16474723fe537c283b8efa61a30c8"))
    );
    assert_eq!(user.accent_color, Some(16711680));
    assert_eq!(user.premium_type, Some(PremiumType::None));
    assert_eq!(user.public_flags.unwrap().bits(), 64);
    assert!(!user.bot && !user.system);
    assert_eq!(user.mfa_enabled, None);
    assert_eq!(user.locale, None);
    let decoration = user.avatar_decoration_data.clone().unwrap();
    assert_eq!(decoration.sku_id, Some(SkuId::new(1144058844004233369)));
    assert_eq!(decoration.asset, "a_fed43ab12698df65902ba06727e20c0e");
    let nameplate = user.collectibles.clone().unwrap().nameplate.unwrap();
    assert_eq!(nameplate.sku_id, Some(SkuId::new(2247558840304243311)));
    assert_eq!(nameplate.asset, "nameplates/nameplates/twilight/");
    assert_eq!(nameplate.label, "");
    assert_eq!(nameplate.palette, "cobalt");
    let primary = user.primary_guild.clone().unwrap();
    assert_eq!(
        primary.identity_guild_id,
        Some(GuildId::new(1234647491267808778))
    );
    assert_eq!(primary.identity_enabled, Some(true));
    assert_eq!(primary.tag.as_deref(), Some("DISC"));
    assert_eq!(
        primary.badge,
        Some(ImageHash::new("7d1734ae5a615e82bc7a4033b98fade8"))
    );
    assert_eq!(
        primary.badge_url(None, None).unwrap(),
        "https://cdn.discordapp.com/guild-tag-badges/1234647491267808778/7d1734ae5a615e82bc7a4033b98fade8.png"
    );

    // Derived values.
    assert!(!user.is_migrated());
    assert_eq!(user.to_string(), "Nelly#1337");
    assert_eq!(user.display_name(), "Nelly");
    assert_eq!(user.mention(), "<@80351110224678912>");
    assert_eq!(user.created_at(), time("2015-08-10T17:26:37.529Z"));
    assert_eq!(user.accent_colour().as_deref(), Some("#ff0000"));
    assert_eq!(
        user.default_avatar_url(),
        "https://cdn.discordapp.com/embed/avatars/2.png"
    );
    assert_eq!(
        user.avatar_url(None, None).unwrap(),
        "https://cdn.discordapp.com/avatars/80351110224678912/8342729096ea3675442027381ff50dfe.png"
    );
    assert_eq!(
        user.display_avatar_url(None, None),
        user.avatar_url(None, None).unwrap()
    );
    assert_eq!(
        user.banner_url(
            Some(ImageFormat::WebP),
            Some(ImageSize::new(600 - 88).unwrap())
        )
        .unwrap(),
        "https://cdn.discordapp.com/banners/80351110224678912/06c16474723fe537c283b8efa61a30c8.webp?size=512"
    );
    assert_eq!(
        user.avatar_decoration_url(None).unwrap(),
        "https://cdn.discordapp.com/avatar-decoration-presets/a_fed43ab12698df65902ba06727e20c0e.png"
    );

    let again = round_trip(&user);
    assert_eq!(again.collectibles, user.collectibles);
    assert_eq!(again.email, user.email);
}

#[test]
fn user_example_2_migrated() {
    let user: User = parse("user_example_2_migrated.json");
    assert_eq!(user.id, UserId::new(80351110224678912));
    assert_eq!(user.username, "nelly");
    assert_eq!(user.discriminator, "0");
    assert_eq!(user.global_name.as_deref(), Some("Nelly"));
    assert_eq!(user.premium_type, Some(PremiumType::NitroClassic));
    assert_eq!(user.flags, Some(UserFlags::HYPESQUAD_ONLINE_HOUSE_1));
    assert!(
        user.avatar_decoration_data.is_none()
            && user.collectibles.is_none()
            && user.primary_guild.is_none()
    );
    assert!(user.is_migrated());
    assert_eq!(user.to_string(), "nelly");
    assert_eq!(user.display_name(), "Nelly");
    assert_eq!(
        user.default_avatar_url(),
        "https://cdn.discordapp.com/embed/avatars/5.png"
    );
    round_trip(&user);
}

#[test]
fn user_derived_values_edge_cases() {
    let mut user: User = serde_json::from_str(
        r#"{"id": "80351110224678912", "username": "x", "discriminator": "0", "avatar": null}"#,
    )
    .unwrap();
    assert_eq!(user.accent_colour(), None);
    assert_eq!(user.avatar_url(None, None), None);
    assert_eq!(user.banner_url(None, None), None);
    assert_eq!(
        user.display_avatar_url(None, Some(ImageSize::MAX)),
        "https://cdn.discordapp.com/embed/avatars/5.png"
    );
    assert_eq!(user.display_name(), "x");
    user.global_name = Some(String::new());
    assert_eq!(
        user.display_name(),
        "x",
        "an empty global name falls back to the username"
    );
    user.accent_color = Some(255);
    assert_eq!(user.accent_colour().as_deref(), Some("#0000ff"));
    user.accent_color = Some(0);
    assert_eq!(user.accent_colour().as_deref(), Some("#000000"));
    user.avatar = Some(ImageHash::new("a_abc"));
    assert_eq!(
        user.display_avatar_url(None, None),
        "https://cdn.discordapp.com/avatars/80351110224678912/a_abc.gif"
    );
    // Equality and hashing are by id.
    let mut other = user.clone();
    other.username = "renamed".into();
    assert_eq!(user, other);
    let set: std::collections::HashSet<User> = [user.clone(), other].into_iter().collect();
    assert_eq!(set.len(), 1);
    // A missing discriminator counts as migrated.
    let user: User = serde_json::from_str(r#"{"id": "1", "username": "y"}"#).unwrap();
    assert_eq!(user.discriminator, "0");
    assert_eq!(user.to_string(), "y");
    // Required fields.
    assert!(serde_json::from_str::<User>(r#"{"username": "y"}"#).is_err());
    assert!(serde_json::from_str::<User>(r#"{"id": "1"}"#).is_err());
}

#[test]
fn partial_guild_example_1() {
    let guild: Guild = parse("partial_guild_example_1.json");
    assert_eq!(guild.id, GuildId::new(80351110224678912));
    assert_eq!(guild.name, "1337 Krew");
    assert_eq!(
        guild.icon,
        Some(ImageHash::new("8342729096ea3675442027381ff50dfe"))
    );
    assert_eq!(
        guild.banner,
        Some(ImageHash::new("bb42bdc37653b7cf58c4c8cc622e76cb"))
    );
    assert!(guild.owner && guild.is_owner());
    assert_eq!(guild.permissions.bits(), 36953089);
    assert_eq!(
        guild.permissions,
        Permissions::CREATE_INSTANT_INVITE
            | Permissions::VIEW_CHANNEL
            | Permissions::SEND_MESSAGES
            | Permissions::SEND_TTS_MESSAGES
            | Permissions::EMBED_LINKS
            | Permissions::ATTACH_FILES
            | Permissions::READ_MESSAGE_HISTORY
            | Permissions::MENTION_EVERYONE
            | Permissions::CONNECT
            | Permissions::SPEAK
            | Permissions::USE_VAD
    );
    assert_eq!(
        guild.features,
        [
            "COMMUNITY",
            "NEWS",
            "ANIMATED_ICON",
            "INVITE_SPLASH",
            "BANNER",
            "ROLE_ICONS"
        ]
        .map(GuildFeature::from)
    );
    assert_eq!(guild.features[0], GuildFeature::Community);
    assert!(guild.has_feature(&GuildFeature::RoleIcons));
    assert_eq!(guild.approximate_member_count, Some(3268));
    assert_eq!(guild.approximate_presence_count, Some(784));
    assert_eq!(guild.effective_permissions(), Permissions::all());
    assert_eq!(
        guild
            .icon_url(None, Some(ImageSize::new(64).unwrap()))
            .unwrap(),
        "https://cdn.discordapp.com/icons/80351110224678912/8342729096ea3675442027381ff50dfe.png?size=64"
    );
    assert_eq!(
        guild.banner_url(Some(ImageFormat::Jpeg), None).unwrap(),
        "https://cdn.discordapp.com/banners/80351110224678912/bb42bdc37653b7cf58c4c8cc622e76cb.jpg"
    );
    let again = round_trip(&guild);
    assert_eq!(again.permissions, guild.permissions);
    assert_eq!(
        serde_json::to_value(&guild).unwrap()["permissions"],
        "36953089"
    );

    let minimal: Guild =
        serde_json::from_str(r#"{"id": "1", "name": "n", "features": ["NEW_THING"]}"#).unwrap();
    assert!(!minimal.owner);
    assert_eq!(minimal.permissions, Permissions::empty());
    assert_eq!(
        minimal.features,
        vec![GuildFeature::Other("NEW_THING".into())]
    );
    assert_eq!(minimal.approximate_member_count, None);
    assert_eq!(minimal.icon_url(None, None), None);
    assert_eq!(
        serde_json::to_value(&minimal).unwrap()["features"][0],
        "NEW_THING"
    );
}

#[test]
fn guild_member_example_1() {
    let member: Member = parse("guild_member_example_1.json");
    assert_eq!(member.user, None, "the docs' `\"user\": {{}}` is no user");
    assert_eq!(member.guild_id, None);
    assert_eq!(member.nick.as_deref(), Some("NOT API SUPPORT"));
    assert_eq!(member.avatar, None);
    assert_eq!(member.banner, None);
    assert!(member.roles.is_empty());
    assert_eq!(member.joined_at, Some(time("2015-04-26T06:26:56.936Z")));
    assert!(!member.deaf && !member.mute);
    assert_eq!(member.flags, MemberFlags::empty());
    assert_eq!(member.pending, None);
    assert_eq!(member.permissions, None);
    assert_eq!(member.communication_disabled_until, None);
    assert_eq!(member.display_name(), Some("NOT API SUPPORT"));
    assert_eq!(member.mention(), None);
    assert_eq!(member.display_avatar_url(None, None), None);
    assert!(!member.is_timed_out(now()));
    let member = member.with_guild_id(GuildId::new(42));
    assert_eq!(member.guild_id, Some(GuildId::new(42)));
    assert_eq!(round_trip(&member), member);
}

#[test]
fn member_with_user_and_timeout() {
    let body = r#"{
        "user": {"id": "80351110224678912", "username": "nelly", "discriminator": "0", "global_name": "Nelly",
                 "avatar": "a_1"},
        "nick": null, "avatar": "a_2", "banner": "3", "roles": ["41771983423143936", 5],
        "joined_at": null, "premium_since": "2020-01-01T00:00:00.123456Z", "deaf": true, "mute": false,
        "flags": 1026, "pending": false, "permissions": "8",
        "communication_disabled_until": "2026-11-24T12:00:01+00:00",
        "avatar_decoration_data": {"asset": "deco", "sku_id": "1"}
    }"#;
    let member: Member = serde_json::from_str(body).unwrap();
    let user = member.user.as_ref().unwrap();
    assert_eq!(user.id, UserId::new(80351110224678912));
    assert_eq!(
        member.roles,
        vec![RoleId::new(41771983423143936), RoleId::new(5)]
    );
    assert_eq!(member.joined_at, None);
    assert_eq!(
        member.premium_since.unwrap().timestamp_subsec_micros(),
        123456
    );
    assert!(member.deaf);
    assert_eq!(member.flags.bits(), 1026);
    assert!(member.flags.contains(MemberFlags::COMPLETED_ONBOARDING));
    assert_eq!(member.pending, Some(false));
    assert_eq!(member.permissions, Some(Permissions::ADMINISTRATOR));
    assert_eq!(member.display_name(), Some("Nelly"));
    assert_eq!(member.mention().as_deref(), Some("<@80351110224678912>"));

    // Timeout: future → timed out; past or equal → not; null → not.
    let until = time("2026-11-24T12:00:01Z");
    assert!(member.is_timed_out(now()));
    assert!(!member.is_timed_out(until));
    assert!(!member.is_timed_out(until + TimeDelta::days(1)));

    // URLs need the guild id.
    assert_eq!(member.guild_avatar_url(None, None), None);
    assert_eq!(
        member.display_avatar_url(None, None).unwrap(),
        "https://cdn.discordapp.com/avatars/80351110224678912/a_1.gif"
    );
    let member = member.with_guild_id(GuildId::new(7));
    assert_eq!(
        member.guild_avatar_url(None, None).unwrap(),
        "https://cdn.discordapp.com/guilds/7/users/80351110224678912/avatars/a_2.gif"
    );
    assert_eq!(
        member
            .guild_banner_url(None, Some(ImageSize::new(32).unwrap()))
            .unwrap(),
        "https://cdn.discordapp.com/guilds/7/users/80351110224678912/banners/3.png?size=32"
    );
    assert_eq!(
        member.display_avatar_url(None, None),
        member.guild_avatar_url(None, None)
    );
    assert_eq!(round_trip(&member), member);

    // A nick wins; null user parses; a non-empty invalid user is an error.
    let member: Member =
        serde_json::from_str(r#"{"user": null, "nick": "n", "roles": []}"#).unwrap();
    assert_eq!(member.display_name(), Some("n"));
    let member: Member = serde_json::from_str(r#"{"roles": []}"#).unwrap();
    assert_eq!(member.display_name(), None);
    assert!(serde_json::from_str::<Member>(r#"{"user": {"username": "x"}}"#).is_err());
    assert!(serde_json::from_str::<Member>(r#"{"user": []}"#).is_err());
    assert!(serde_json::from_str::<Member>(r#"{"user": 5}"#).is_err());
}

#[test]
fn integration_partial_example_1() {
    let integration: Integration = parse("integration_partial_example_1.json");
    assert_eq!(integration.id, IntegrationId::new(33590653072239123));
    assert_eq!(integration.name, "A Name");
    assert_eq!(integration.kind, IntegrationType::Twitch);
    let account = integration.account.clone().unwrap();
    assert_eq!(account.id, "1234567");
    assert_eq!(account.name, "twitchusername");
    assert_eq!(
        integration.application_id,
        Some(ApplicationId::new(94651234501213162))
    );
    assert_eq!(integration.enabled, None);
    assert_eq!(integration.expire_behavior, None);
    assert_eq!(integration.scopes, None);
    assert!(integration.application.is_none() && integration.user.is_none());
    let again = round_trip(&integration);
    assert_eq!(again.account, integration.account);
}

#[test]
fn full_integration_with_unknowns() {
    let body = r#"{
        "id": "1", "name": "YT", "type": "youtube", "enabled": true, "syncing": false, "role_id": "2",
        "enable_emoticons": false, "expire_behavior": 7, "expire_grace_period": 3,
        "account": {"id": "UCabc", "name": "chan"}, "synced_at": "2024-05-06T07:08:09.000000+00:00",
        "subscriber_count": 10, "revoked": false,
        "application": {"id": "3", "name": "app", "icon": "ic", "description": "d",
                        "bot": {"id": "4", "username": "botty", "discriminator": "0000", "bot": true}},
        "scopes": ["bot", "applications.commands", "brand.new"]
    }"#;
    let integration: Integration = serde_json::from_str(body).unwrap();
    assert_eq!(integration.kind, IntegrationType::YouTube);
    assert_eq!(
        integration.expire_behavior,
        Some(ExpireBehavior::Unknown(7))
    );
    assert_eq!(integration.account.as_ref().unwrap().id, "UCabc");
    assert_eq!(integration.synced_at, Some(time("2024-05-06T07:08:09Z")));
    let application = integration.application.as_ref().unwrap();
    assert!(application.bot.as_ref().unwrap().bot);
    assert_eq!(
        application.icon_url(None, None).unwrap(),
        "https://cdn.discordapp.com/app-icons/3/ic.png"
    );
    let scopes = integration.scopes.as_ref().unwrap();
    assert!(scopes.contains(&Scope::Bot) && scopes.contains(&Scope::parse("brand.new").unwrap()));
    let json = serde_json::to_value(&integration).unwrap();
    assert_eq!(json["expire_behavior"], 7);
    assert_eq!(json["type"], "youtube");
    round_trip(&integration);
    let kick: Integration = serde_json::from_str(
        r#"{"id": "1", "name": "n", "type": "guild_subscription", "expire_behavior": 1}"#,
    )
    .unwrap();
    assert_eq!(kick.expire_behavior, Some(ExpireBehavior::Kick));
    assert_eq!(kick.kind, IntegrationType::GuildSubscription);
}

#[test]
fn connections() {
    let body = r#"[
        {"id": "12345", "name": "nelly", "type": "github", "verified": true, "friend_sync": false,
         "show_activity": true, "two_way_link": false, "visibility": 1, "integrations": []},
        {"id": "UC1", "name": "yt", "type": "youtube", "revoked": true, "visibility": 0,
         "integrations": [{"id": "9", "name": "YT", "type": "youtube", "account": {"id": "UC1", "name": "yt"}}]},
        {"id": "x", "name": "y", "type": "myspace", "visibility": 2}
    ]"#;
    let connections: Vec<Connection> = serde_json::from_str(body).unwrap();
    let c = &connections[0];
    assert_eq!((c.id.as_str(), c.name.as_str()), ("12345", "nelly"));
    assert_eq!(c.kind, ConnectionService::GitHub);
    assert_eq!(c.revoked, None);
    assert!(c.verified && !c.friend_sync && c.show_activity && !c.two_way_link);
    assert_eq!(c.visibility, Visibility::Everyone);
    let c = &connections[1];
    assert_eq!(c.revoked, Some(true));
    assert!(
        !c.verified && !c.friend_sync && !c.show_activity,
        "missing booleans are false"
    );
    assert_eq!(c.visibility, Visibility::None);
    assert_eq!(c.integrations[0].id, IntegrationId::new(9));
    let c = &connections[2];
    assert_eq!(c.kind, ConnectionService::Other("myspace".into()));
    assert_eq!(c.visibility, Visibility::Unknown(2));
    let json = serde_json::to_value(c).unwrap();
    assert_eq!(json["type"], "myspace");
    assert_eq!(json["visibility"], 2);
    for c in &connections {
        round_trip(c);
    }
    let services = ConnectionService::KNOWN
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>();
    for documented in [
        "amazon-music",
        "battlenet",
        "bungie",
        "bluesky",
        "crunchyroll",
        "domain",
        "ebay",
        "epicgames",
        "facebook",
        "github",
        "instagram",
        "mastodon",
        "paypal",
        "playstation",
        "reddit",
        "roblox",
        "spotify",
        "skype",
        "steam",
        "tiktok",
        "twitch",
        "twitter",
        "xbox",
        "youtube",
    ] {
        assert!(services.contains(&documented), "{documented}");
        assert!(!matches!(
            ConnectionService::from(documented),
            ConnectionService::Other(_)
        ));
    }
}

#[test]
fn oauth2_current_authorization_example_1() {
    let auth: Authorization = parse("oauth2_current_authorization_example_1.json");
    let app = &auth.application;
    assert_eq!(app.id, ApplicationId::new(159799960412356608));
    assert_eq!(app.name, "AIRHORN SOLUTIONS");
    assert_eq!(
        app.icon,
        Some(ImageHash::new("f03590d3eb764081d154a66340ea7d6d"))
    );
    assert_eq!(app.description, "");
    assert_eq!(app.hook, Some(true));
    assert_eq!(app.bot_public, Some(true));
    assert_eq!(app.bot_require_code_grant, Some(false));
    assert_eq!(
        app.verify_key.as_deref(),
        Some("c8cde6a3c8c6e49d86af3191287b3ce255872be1fff6dc285bdb420c06a2c3c8")
    );
    assert_eq!(
        app.icon_url(None, None).unwrap(),
        "https://cdn.discordapp.com/app-icons/159799960412356608/f03590d3eb764081d154a66340ea7d6d.png"
    );
    assert_eq!(
        auth.scopes,
        Scopes::from([Scope::GuildsJoin, Scope::Identify])
    );
    assert_eq!(auth.expires, time("2021-01-23T02:33:17.017Z"));
    assert!(auth.is_expired(now()));
    let user = auth.user.as_ref().unwrap();
    assert_eq!(user.id, UserId::new(268473310986240001));
    assert_eq!(user.username, "discord");
    assert_eq!(user.global_name.as_deref(), Some("Discord"));
    assert_eq!(user.public_flags, Some(UserFlags::VERIFIED_DEVELOPER));
    let again = round_trip(&auth);
    assert_eq!(again.expires, auth.expires);
    assert_eq!(
        serde_json::to_value(&auth).unwrap()["expires"],
        "2021-01-23T02:33:17.017Z"
    );
}

#[test]
fn application_example_1() {
    let app: Application = parse("application_example_1.json");
    assert_eq!(app.id, ApplicationId::new(172150183260323840));
    assert_eq!(app.name, "Baba O-Riley");
    assert_eq!(app.icon, None);
    assert_eq!(app.description, "Test");
    assert_eq!(app.bot_public, Some(true));
    assert_eq!(app.bot_require_code_grant, Some(false));
    assert_eq!(
        app.cover_image,
        Some(ImageHash::new("31deabb7e45b6c8ecfef77d2f99c81a5"))
    );
    assert_eq!(app.flags, Some(8192));
    assert_eq!(app.flags_new.as_deref(), Some("8192"));
    assert_eq!(app.guild_id, Some(GuildId::new(290926798626357260)));
    assert_eq!(app.interactions_endpoint_url, None);
    assert_eq!(app.role_connections_verification_url, None);
    assert_eq!(app.event_webhooks_url, None);
    assert_eq!(app.event_webhooks_status, Some(1));
    assert_eq!(app.primary_sku_id, Some(SkuId::new(172150183260323840)));
    assert_eq!(app.slug.as_deref(), Some("test"));
    assert_eq!(
        app.verify_key.as_deref(),
        Some("1e0a356058d627ca38a5c8c9648818061d49e49bd9da9e3ab17d98ad4d6bg2u8")
    );
    let owner = app.owner.as_ref().unwrap();
    assert_eq!(owner.username, "i own a bot");
    assert_eq!(owner.flags, Some(UserFlags::TEAM_PSEUDO_USER));
    let team = app.team.as_ref().unwrap();
    assert_eq!(team.id, TeamId::new(531992624043786253));
    assert_eq!(team.name, "A team");
    assert_eq!(team.owner_user_id, Some(UserId::new(511972282709709995)));
    assert_eq!(team.members.len(), 1);
    assert_eq!(team.members[0].membership_state, 2);
    assert_eq!(team.members[0].permissions, vec!["*".to_owned()]);
    assert_eq!(team.members[0].user.username, "Mr Owner");
    assert_eq!(
        team.icon_url(None, None).unwrap(),
        "https://cdn.discordapp.com/team-icons/531992624043786253/dd9b7dcfdf5351b9c3de0fe167bacbe1.png"
    );
    let config = app.integration_types_config.as_ref().unwrap();
    let guild_install = config["0"].oauth2_install_params.as_ref().unwrap();
    assert_eq!(
        guild_install.scopes,
        Scopes::from([Scope::ApplicationsCommands, Scope::Bot])
    );
    assert_eq!(guild_install.permissions, Permissions::SEND_MESSAGES);
    let user_install = config["1"].oauth2_install_params.as_ref().unwrap();
    assert_eq!(user_install.permissions, Permissions::empty());
    assert_eq!(app.icon_url(None, None), None);
    assert_eq!(
        app.cover_image_url(None, None).unwrap(),
        "https://cdn.discordapp.com/app-icons/172150183260323840/31deabb7e45b6c8ecfef77d2f99c81a5.png"
    );
    let again = round_trip(&app);
    assert_eq!(again.integration_types_config, app.integration_types_config);
}

#[test]
fn webhook_incoming_example_1() {
    let webhook: Webhook = parse("webhook_incoming_example_1.json");
    assert_eq!(webhook.id, WebhookId::new(223704706495545344));
    assert_eq!(webhook.kind, WebhookType::Incoming);
    assert_eq!(webhook.name.as_deref(), Some("test webhook"));
    assert_eq!(webhook.channel_id, Some(ChannelId::new(199737254929760256)));
    assert_eq!(webhook.guild_id, Some(GuildId::new(199737254929760256)));
    assert_eq!(webhook.avatar, None);
    assert_eq!(webhook.application_id, None);
    assert_eq!(webhook.url, None);
    let token = webhook.token.as_ref().unwrap();
    assert!(token.secret().starts_with("3d89bb7572e0fb30"));
    let user = webhook.user.as_ref().unwrap();
    assert_eq!(user.id, UserId::new(190320984123768832));
    assert_eq!(user.discriminator, "7479");
    assert_eq!(user.public_flags.unwrap().bits(), 131328);
    assert!(!format!("{webhook:?}").contains("3d89bb7572e0fb30"));
    let again = round_trip(&webhook);
    assert_eq!(again.token, webhook.token);
}

#[test]
fn role_example_1() {
    let role: Role = parse("role_example_1.json");
    assert_eq!(role.id, RoleId::new(41771983423143936));
    assert_eq!(role.name, "WE DEM BOYZZ!!!!!!");
    assert_eq!(role.color, 3447003);
    assert_eq!(
        role.colors,
        Some(RoleColors {
            primary_color: 3447003,
            secondary_color: None,
            tertiary_color: None
        })
    );
    assert!(role.hoist);
    assert_eq!(
        role.icon,
        Some(ImageHash::new("cf3ced8600b777c9486c6d8d84fb4327"))
    );
    assert_eq!(role.unicode_emoji, None);
    assert_eq!(role.position, 1);
    assert_eq!(role.permissions.bits(), 66321471);
    assert!(!role.managed && !role.mentionable);
    assert_eq!(role.flags, 0);
    assert_eq!(role.tags, None);
    assert_eq!(role.mention(), "<@&41771983423143936>");
    assert_eq!(
        role.icon_url(None, None).unwrap(),
        "https://cdn.discordapp.com/role-icons/41771983423143936/cf3ced8600b777c9486c6d8d84fb4327.png"
    );
    round_trip(&role);

    let tagged: Role = serde_json::from_str(
        r#"{"id": "1", "name": "boost", "permissions": "0", "tags": {"premium_subscriber": null, "bot_id": "5"}}"#,
    )
    .unwrap();
    let tags = tagged.tags.as_ref().unwrap();
    assert!(tags.premium_subscriber && !tags.available_for_purchase && !tags.guild_connections);
    assert_eq!(tags.bot_id, Some(UserId::new(5)));
    let json = serde_json::to_value(&tagged).unwrap();
    assert_eq!(
        json["tags"],
        serde_json::json!({"bot_id": "5", "premium_subscriber": null})
    );
    assert!(round_trip(&tagged).tags.unwrap().premium_subscriber);
}

#[test]
fn token_response_authorization_code() {
    let token = AccessToken::from_response_body(
        &fixture("token_response_authorization_code_example_1.json"),
        now(),
    )
    .unwrap();
    assert_eq!(
        token.access_token.secret(),
        "6qrZcUqja7812RVdnEKjpzOL4CvHBFG"
    );
    assert_eq!(token.bearer().secret(), "6qrZcUqja7812RVdnEKjpzOL4CvHBFG");
    assert_eq!(token.token_type, "Bearer");
    assert_eq!(token.expires_in, Duration::from_secs(604800));
    assert_eq!(token.expires_at, now() + TimeDelta::days(7));
    assert!(
        token.expires_at > now(),
        "the expiry is in the future, not the past"
    );
    assert_eq!(
        token.refresh_token.as_ref().unwrap().secret(),
        "D43f5y0ahjqew82jZ4NViEr2YafMKhue"
    );
    assert_eq!(token.scopes, Scopes::from([Scope::Identify]));
    assert!(token.guild.is_none() && token.webhook.is_none());
    assert!(!token.is_expired(now()));
    assert!(token.is_expired(now() + TimeDelta::days(7)));
    assert!(!token.expires_within(now(), Duration::from_secs(86400)));
    assert!(token.expires_within(now() + TimeDelta::days(6), Duration::from_secs(86400)));

    // Persistence: its own field names, secrets included.
    let json = serde_json::to_value(&token).unwrap();
    assert_eq!(json["access_token"], "6qrZcUqja7812RVdnEKjpzOL4CvHBFG");
    assert_eq!(json["refresh_token"], "D43f5y0ahjqew82jZ4NViEr2YafMKhue");
    assert_eq!(json["expires_in"], 604800);
    assert_eq!(json["expires_at"], "2026-12-01T12:00:00Z");
    assert_eq!(json["scopes"], serde_json::json!(["identify"]));
    let again: AccessToken = serde_json::from_value(json).unwrap();
    assert_eq!(again, token);
    assert!(!format!("{token:?}").contains("6qrZcUqja7812RVdnEKjpzOL4CvHBFG"));
    assert!(!format!("{token:?}").contains("D43f5y0ahjqew82jZ4NViEr2YafMKhue"));
}

#[test]
fn token_response_client_credentials() {
    let token = AccessToken::from_response_body(
        &fixture("token_response_client_credentials_example_1.json"),
        now(),
    )
    .unwrap();
    assert_eq!(
        token.access_token.secret(),
        "6qrZcUqja7812RVdnEKjpzOL4CvHBFG"
    );
    assert_eq!(token.refresh_token, None);
    assert_eq!(
        token.scopes,
        Scopes::from([Scope::Identify, Scope::Connections])
    );
    assert_eq!(token.expires_in, Duration::from_secs(604800));
    assert_eq!(
        serde_json::from_value::<AccessToken>(serde_json::to_value(&token).unwrap()).unwrap(),
        token
    );
}

#[test]
fn token_response_bot_authorization() {
    let token = AccessToken::from_response_body(
        &fixture("token_response_bot_authorization_example_1.json"),
        now(),
    )
    .unwrap();
    assert_eq!(
        token.access_token.secret(),
        "zMndOe7jFLXGawdlxMOdNvXjjOce5X"
    );
    assert_eq!(
        token.refresh_token.as_ref().unwrap().secret(),
        "mgp8qnvBwJcmadwgCYKyYD5CAzGAX4"
    );
    assert_eq!(token.scopes, Scopes::from([Scope::Bot]));
    let guild = token.guild.as_ref().unwrap();
    assert_eq!(guild.id, GuildId::new(2909267986347357250));
    assert_eq!(guild.name, "SomeTest");
    assert_eq!(guild.mfa_level, Some(0));
    assert_eq!(guild.application_id, None);
    assert_eq!(guild.afk_timeout, Some(300));
    assert_eq!(guild.region.as_deref(), Some("us-east"));
    assert_eq!(guild.default_message_notifications, Some(1));
    assert_eq!(guild.explicit_content_filter, Some(0));
    assert_eq!(guild.widget_enabled, Some(false));
    assert_eq!(guild.verification_level, Some(0));
    assert_eq!(guild.owner_id, Some(UserId::new(53908232999183680)));
    assert_eq!(guild.max_members, Some(100000));
    assert_eq!(guild.max_presences, None);
    assert_eq!(guild.max_video_channel_users, Some(25));
    assert_eq!(guild.premium_tier, Some(0));
    assert_eq!(guild.preferred_locale.as_deref(), Some("en-US"));
    assert!(guild.features.is_empty());
    assert_eq!(guild.icon_url(None, None), None);
    assert_eq!(guild.roles.len(), 1);
    let everyone = &guild.roles[0];
    assert_eq!(everyone.id, RoleId::new(290926798626357250));
    assert_eq!(everyone.name, "@everyone");
    assert_eq!(
        everyone.permissions.bits(),
        49794241,
        "permissions_new and the legacy integer agree"
    );
    assert_eq!(everyone.position, 0);
    assert!(!everyone.hoist && !everyone.managed && !everyone.mentionable);
    // The docs' example role id is not the guild id, so no @everyone is found.
    assert!(guild.everyone_role().is_none());
    let again: AccessToken = serde_json::from_value(serde_json::to_value(&token).unwrap()).unwrap();
    assert_eq!(again.guild.unwrap().roles[0].permissions.bits(), 49794241);

    // permissions_new wins over a (truncated) legacy integer.
    let role: Role = serde_json::from_str(
        r#"{"id": "1", "permissions": 8, "permissions_new": "4503599627370504"}"#,
    )
    .unwrap();
    assert_eq!(
        role.permissions,
        Permissions::ADMINISTRATOR | Permissions::BYPASS_SLOWMODE
    );
    assert_eq!(
        serde_json::to_value(&role).unwrap()["permissions"],
        "4503599627370504"
    );
}

#[test]
fn token_response_webhook() {
    let token =
        AccessToken::from_response_body(&fixture("token_response_webhook_example_1.json"), now())
            .unwrap();
    assert_eq!(token.scopes, Scopes::from([Scope::WebhookIncoming]));
    let webhook = token.webhook.as_ref().unwrap();
    assert_eq!(webhook.id, WebhookId::new(347114750880120863));
    assert_eq!(webhook.kind, WebhookType::Incoming);
    assert_eq!(
        webhook.application_id,
        Some(ApplicationId::new(310954232226357250))
    );
    assert_eq!(webhook.name.as_deref(), Some("testwebhook"));
    assert_eq!(webhook.channel_id, Some(ChannelId::new(345626669224982402)));
    assert_eq!(webhook.guild_id, Some(GuildId::new(290926792226357250)));
    assert_eq!(webhook.avatar, None);
    let secret = "kKDdjXa1g9tKNs0-_yOwLyALC9gydEWP6gr9sHabuK1vuofjhQDDnlOclJeRIvYK-pj_";
    assert_eq!(webhook.token.as_ref().unwrap().secret(), secret);
    assert_eq!(
        webhook.url.as_deref(),
        Some(format!("https://discord.com/api/webhooks/347114750880120863/{secret}").as_str())
    );
    let debug = format!("{token:?}");
    assert!(!debug.contains("kKDdjXa1g9tKNs0"), "{debug}");
    assert!(debug.contains("WebhookToken([redacted])"), "{debug}");
    let again: AccessToken = serde_json::from_value(serde_json::to_value(&token).unwrap()).unwrap();
    assert_eq!(again.webhook.unwrap().token.unwrap().secret(), secret);
}

#[test]
fn token_decode_errors_name_the_path() {
    let err: DecodeError =
        AccessToken::from_response_body(br#"{"access_token": 5, "expires_in": 1}"#, now())
            .unwrap_err();
    assert_eq!(err.what, "token");
    assert_eq!(err.path, "access_token");
    // A bot-flow guild that does not decode is kept as raw JSON; the token survives.
    let token = AccessToken::from_response_body(
        br#"{"access_token": "a", "expires_in": 1, "guild": {"id": "1", "name": "g", "roles": [{"id": "x"}]}}"#,
        now(),
    )
    .unwrap();
    assert!(token.guild.is_none());
    assert_eq!(
        token.undecoded["guild"].secret(),
        r#"{"id": "1", "name": "g", "roles": [{"id": "x"}]}"#
    );
    assert!(AccessToken::from_response_body(b"", now()).is_err());
    assert!(AccessToken::from_response_body(b"[]", now()).is_err());
}

#[test]
fn timestamps_accept_both_offsets() {
    for text in [
        "2015-04-26T06:26:56.936000+00:00",
        "2015-04-26T06:26:56.936Z",
        "2015-04-26T06:26:56.936+00:00",
        "2015-04-26T08:26:56.936+02:00",
    ] {
        let member: Member =
            serde_json::from_str(&format!(r#"{{"roles": [], "joined_at": "{text}"}}"#)).unwrap();
        assert_eq!(
            member.joined_at,
            Some(time("2015-04-26T06:26:56.936Z")),
            "{text}"
        );
    }
    assert!(serde_json::from_str::<Member>(r#"{"joined_at": "yesterday"}"#).is_err());
}

#[test]
fn known_vectors() {
    let id = GuildId::new(175928847299117063);
    assert_eq!(id.created_at(), time("2016-04-30T11:18:25.796Z"));
    assert_eq!(
        UserId::new(80351110224678912).created_at(),
        time("2015-08-10T17:26:37.529Z")
    );
    assert_eq!(Permissions::all().bits(), 8866461766385663);
    assert_eq!(
        cdn::default_avatar_index(UserId::new(80351110224678912), "1337"),
        2
    );
    assert_eq!(
        cdn::default_avatar_index(UserId::new(80351110224678912), "0"),
        5
    );
}

#[test]
fn role_connection_round_trip() {
    let rc: RoleConnection = serde_json::from_str(
        r#"{"platform_name": "Chess", "platform_username": "nelly", "metadata": {"elo": "1800"}}"#,
    )
    .unwrap();
    assert_eq!(
        rc.metadata,
        BTreeMap::from([("elo".to_owned(), "1800".to_owned())])
    );
    assert_eq!(round_trip(&rc), rc);
    let update = RoleConnectionUpdate::from(rc);
    assert_eq!(
        serde_json::to_string(&update).unwrap(),
        r#"{"platform_name":"Chess","platform_username":"nelly","metadata":{"elo":"1800"}}"#
    );
}
