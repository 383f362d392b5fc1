//! Model identity and printing: aliases of older flag names, members equal
//! by who they are, and `Display` that shows names, never ids or secrets.
#![allow(clippy::unwrap_used)]

use std::collections::HashSet;

use disco_oauth2::GuildId;
use disco_oauth2::model::{Connection, Guild, Integration, Member, UserFlags};

#[test]
fn older_user_flag_names_are_aliases() {
    for (alias, name, bit) in [
        (UserFlags::BUG_HUNTER, UserFlags::BUG_HUNTER_LEVEL_1, 3),
        (
            UserFlags::HYPESQUAD_BRAVERY,
            UserFlags::HYPESQUAD_ONLINE_HOUSE_1,
            6,
        ),
        (
            UserFlags::HYPESQUAD_BRILLIANCE,
            UserFlags::HYPESQUAD_ONLINE_HOUSE_2,
            7,
        ),
        (
            UserFlags::HYPESQUAD_BALANCE,
            UserFlags::HYPESQUAD_ONLINE_HOUSE_3,
            8,
        ),
        (UserFlags::TEAM_USER, UserFlags::TEAM_PSEUDO_USER, 10),
    ] {
        assert_eq!(alias, name);
        assert_eq!(alias.bits(), 1 << bit);
        assert!(UserFlags::all().contains(alias));
    }
    assert_eq!(
        UserFlags::HYPESQUAD_BRAVERY.to_string(),
        "HYPESQUAD_ONLINE_HOUSE_1"
    );
    assert_eq!(
        UserFlags::all().bits().count_ones(),
        14,
        "aliases add no bits"
    );
}

fn member(user_id: &str, nick: Option<&str>) -> Member {
    let nick = nick.map_or("null".to_owned(), |n| format!("\"{n}\""));
    serde_json::from_str(&format!(
        r#"{{"user": {{"id": "{user_id}", "username": "nelly", "discriminator": "0", "global_name": "Nelly"}},
            "nick": {nick}, "roles": [], "joined_at": "2015-04-26T06:26:56.936000+00:00", "deaf": false, "mute": false}}"#
    ))
    .unwrap()
}

#[test]
fn members_are_equal_by_user_and_guild() {
    let a = member("80351110224678912", Some("old nick")).with_guild_id(GuildId::new(1));
    let mut renamed = member("80351110224678912", Some("new nick")).with_guild_id(GuildId::new(1));
    renamed.mute = true;
    assert_eq!(a, renamed, "the same user in the same guild");
    let other_guild = member("80351110224678912", Some("old nick")).with_guild_id(GuildId::new(2));
    assert_ne!(a, other_guild);
    let other_user = member("80351110224678913", Some("old nick")).with_guild_id(GuildId::new(1));
    assert_ne!(a, other_user);
    let set: HashSet<Member> = [a.clone(), renamed, other_guild, other_user]
        .into_iter()
        .collect();
    assert_eq!(set.len(), 3);

    // Without a user a member has no identity: only identical fields are equal.
    let anonymous: Member =
        serde_json::from_str(r#"{"user": {}, "nick": "x", "roles": []}"#).unwrap();
    let mut changed = anonymous.clone();
    assert_eq!(anonymous, changed);
    changed.nick = Some("y".into());
    assert_ne!(anonymous, changed);
    assert_ne!(anonymous, a);
}

#[test]
fn display_shows_names_never_ids() {
    assert_eq!(member("80351110224678912", Some("Nel")).to_string(), "Nel");
    assert_eq!(member("80351110224678912", None).to_string(), "Nelly");
    let nobody: Member = serde_json::from_str(r#"{"roles": []}"#).unwrap();
    assert_eq!(nobody.to_string(), "");

    let guild: Guild = serde_json::from_str(
        r#"{"id": "80351110224678912", "name": "1337 Krew", "icon": null, "owner": true,
            "permissions": "36953089", "features": []}"#,
    )
    .unwrap();
    assert_eq!(guild.to_string(), "1337 Krew");

    let connection: Connection = serde_json::from_str(
        r#"{"id": "UC12345", "name": "nelly", "type": "twitch", "verified": true,
            "friend_sync": false, "show_activity": true, "two_way_link": false, "visibility": 1}"#,
    )
    .unwrap();
    assert_eq!(connection.to_string(), "twitch: nelly");

    let integration: Integration = serde_json::from_str(
        r#"{"id": "33590653072239123", "name": "A Name", "type": "twitch", "enabled": true}"#,
    )
    .unwrap();
    assert_eq!(integration.to_string(), "A Name");
}
