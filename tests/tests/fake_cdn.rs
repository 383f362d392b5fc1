//! The fake's CDN over real loopback sockets: small valid PNGs at Discord's CDN paths.

// Tests state their expectations with unwrap; a panic is the failure report.
#![allow(clippy::unwrap_used)]

mod fake_support;

use disco_oauth2_fake::{FakeDiscord, FakeGuild, GUILD_OWNED, GUILD_TESTERS, USER_ID};
use fake_support::*;
use serde_json::json;

/// Checks the PNG signature and IHDR, returning (width, height).
#[track_caller]
fn png_size(body: &[u8]) -> (u32, u32) {
    assert_eq!(&body[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(&body[12..16], b"IHDR");
    let w = u32::from_be_bytes(body[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(body[20..24].try_into().unwrap());
    assert!(body.ends_with(b"IEND\xAE\x42\x60\x82"));
    (w, h)
}

#[track_caller]
fn image(fake: &FakeDiscord, path: &str) -> Resp {
    let resp = get(&format!("{}{path}", fake.cdn_base()), &[]);
    assert_eq!(resp.status, 200, "{path}: {}", resp.text());
    assert_eq!(resp.header("content-type"), Some("image/png"));
    assert_eq!(png_size(&resp.body), (16, 16));
    resp
}

#[test]
fn users_and_guilds_have_their_images() {
    let fake = FakeDiscord::start();
    let user = fake.user();
    let avatar = user["avatar"].as_str().unwrap();
    let banner = user["banner"].as_str().unwrap();
    let a = image(&fake, &format!("/avatars/{USER_ID}/{avatar}.png?size=256"));
    image(&fake, &format!("/avatars/{USER_ID}/{avatar}.webp"));
    image(&fake, &format!("/banners/{USER_ID}/{banner}.png"));
    image(
        &fake,
        &format!("/icons/{GUILD_OWNED}/8342729096ea3675442027381ff50dfe.png"),
    );
    let b = image(
        &fake,
        &format!("/banners/{GUILD_TESTERS}/9b6439a7de04f1d26af92f84ac9e1e4a.jpg"),
    );
    assert_ne!(a.body, b.body, "different images get different colours");
    for n in 0..6 {
        image(&fake, &format!("/embed/avatars/{n}.png"));
    }
    // Requests to the CDN are recorded like any other.
    assert!(
        fake.requests()
            .iter()
            .any(|r| r.path == format!("/avatars/{USER_ID}/{avatar}.png"))
    );
}

#[test]
fn unknown_images_are_404() {
    let fake = FakeDiscord::start();
    let avatar = fake.user()["avatar"].as_str().unwrap().to_owned();
    for path in [
        format!("/avatars/{USER_ID}/0000.png"),
        format!("/avatars/1/{avatar}.png"),
        format!("/avatars/{USER_ID}/{avatar}"),
        format!("/avatars/{USER_ID}/{avatar}.exe"),
        format!("/avatars/not-a-snowflake/{avatar}.png"),
        format!("/icons/{GUILD_TESTERS}/{avatar}.png"),
        "/embed/avatars/6.png".to_owned(),
        "/embed/avatars/0.gif".to_owned(),
    ] {
        let resp = get(&format!("{}{path}", fake.cdn_base()), &[]);
        assert_eq!(resp.status, 404, "{path}");
        assert_eq!(resp.json(), json!({"message": "404: Not Found", "code": 0}));
    }
}

#[test]
fn configured_users_and_guilds_get_images_too() {
    let other = json!({"id": "42", "username": "other", "discriminator": "0",
                       "global_name": null, "avatar": "a_cafe"});
    let fake = FakeDiscord::builder()
        .other_user(other)
        .guild(FakeGuild {
            icon: Some("beef".to_owned()),
            ..FakeGuild::new(7, "Seven")
        })
        .start();
    image(&fake, "/avatars/42/a_cafe.gif");
    image(&fake, "/icons/7/beef.png");
    // The other user can hold tokens and log in.
    let tokens = fake.grant_for(42, &["identify"]).unwrap();
    let me = bearer_get(&fake, "/users/@me", &tokens.access_token).json();
    assert_eq!(me["username"], "other");
    assert!(fake.grant_for(43, &["identify"]).is_none());
    assert!(fake.set_current_user(42));
    assert!(!fake.set_current_user(43));
    let token = access_token(&fake, "identify");
    assert_eq!(bearer_get(&fake, "/users/@me", &token).json()["id"], "42");
}
