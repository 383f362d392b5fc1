//! Image URLs on Discord's CDN, one pure function per asset.
//!
//! Each function takes the ids and hash it needs, an optional [`ImageFormat`]
//! and an optional [`ImageSize`] (appended as `?size=N`).
//!
//! Format rules for assets that can be animated (avatars, banners, guild
//! icons, member avatars and banners):
//! - no format given: `gif` for animated hashes (`a_…`), else `png`;
//! - [`ImageFormat::Gif`] for a static hash falls back to `png` (Discord has
//!   no GIF of a static image);
//! - [`ImageFormat::WebP`] for an animated hash adds `animated=true`, so
//!   Discord serves the animated WebP.
//!
//! Assets that are never animated (application icons, guild tag badges, team
//! and role icons) serve `png` for no format and for [`ImageFormat::Gif`].
//! Default avatars and avatar decorations are PNG only.
//!
//! Hashes are inserted percent-encoded as path segments, so a malformed hash
//! can not change the URL's path or query.
//!
//! The free functions here, like the models' `…_url` helpers, build URLs on
//! Discord's CDN ([`CDN_BASE`]). To load images from somewhere else — a fake
//! Discord in tests, a caching proxy — set
//! [`ClientBuilder::cdn_base`](crate::ClientBuilder::cdn_base) and build URLs
//! with [`Client::cdn`](crate::Client::cdn), or move a helper's URL there with
//! [`Cdn::rebase`]:
//!
//! ```
//! use disco_oauth2::Client;
//!
//! // `fake.cdn_base()` of `disco-oauth2-fake` gives such a base.
//! let client = Client::builder(159799960412356608)
//!     .cdn_base("http://127.0.0.1:8080/cdn")
//!     .build()?;
//! let from_a_model = "https://cdn.discordapp.com/embed/avatars/0.png";
//! assert_eq!(
//!     client.cdn().rebase(from_a_model),
//!     "http://127.0.0.1:8080/cdn/embed/avatars/0.png"
//! );
//! # Ok::<(), disco_oauth2::Error>(())
//! ```
//!
//! ```
//! use disco_oauth2::cdn::{self, ImageFormat, ImageHash, ImageSize};
//! use disco_oauth2::model::UserId;
//!
//! let user = UserId::new(80351110224678912);
//! let hash = ImageHash::new("8342729096ea3675442027381ff50dfe");
//! assert_eq!(
//!     cdn::user_avatar(user, &hash, None, Some(ImageSize::new(256)?)),
//!     "https://cdn.discordapp.com/avatars/80351110224678912/8342729096ea3675442027381ff50dfe.png?size=256"
//! );
//! assert_eq!(
//!     cdn::user_avatar(user, &ImageHash::new("a_1f"), None, None),
//!     "https://cdn.discordapp.com/avatars/80351110224678912/a_1f.gif"
//! );
//! assert_eq!(
//!     cdn::user_avatar(user, &hash, Some(ImageFormat::Gif), None),
//!     "https://cdn.discordapp.com/avatars/80351110224678912/8342729096ea3675442027381ff50dfe.png"
//! );
//! # Ok::<(), disco_oauth2::InvalidInput>(())
//! ```

mod base;
mod image;

pub use base::Cdn;
pub use image::{ImageFormat, ImageHash, ImageSize};

use crate::model::{ApplicationId, GuildId, RoleId, TeamId, UserId};

/// The CDN's base URL (no trailing slash).
pub const CDN_BASE: &str = "https://cdn.discordapp.com";

/// A user's avatar: `avatars/{user_id}/{hash}`.
///
/// Built against [`CDN_BASE`]; see [`Cdn`] for another base.
pub fn user_avatar(
    user_id: UserId,
    hash: &ImageHash,
    format: Option<ImageFormat>,
    size: Option<ImageSize>,
) -> String {
    Cdn::DISCORD.user_avatar(user_id, hash, format, size)
}

/// A user's profile banner: `banners/{user_id}/{hash}`.
///
/// Built against [`CDN_BASE`]; see [`Cdn`] for another base.
pub fn user_banner(
    user_id: UserId,
    hash: &ImageHash,
    format: Option<ImageFormat>,
    size: Option<ImageSize>,
) -> String {
    Cdn::DISCORD.user_banner(user_id, hash, format, size)
}

/// Which of the six default avatars a user without an avatar gets:
/// `(user_id >> 22) % 6` for migrated users (discriminator `"0"`),
/// `discriminator % 5` for users still on a legacy `#1234` discriminator
/// (a discriminator that is not a number counts as migrated).
///
/// ```
/// use disco_oauth2::cdn::default_avatar_index;
/// use disco_oauth2::model::UserId;
///
/// let id = UserId::new(80351110224678912);
/// assert_eq!(default_avatar_index(id, "1337"), 2);
/// assert_eq!(default_avatar_index(id, "0"), 5);
/// ```
pub fn default_avatar_index(user_id: UserId, discriminator: &str) -> u8 {
    match discriminator.parse::<u16>() {
        Ok(legacy) if legacy != 0 => (legacy % 5) as u8,
        _ => ((user_id.get() >> 22) % 6) as u8,
    }
}

/// A default avatar: `embed/avatars/{index}.png` (PNG only, no size).
///
/// Built against [`CDN_BASE`]; see [`Cdn`] for another base.
pub fn default_avatar(index: u8) -> String {
    Cdn::DISCORD.default_avatar(index)
}

/// A guild's icon: `icons/{guild_id}/{hash}`.
///
/// Built against [`CDN_BASE`]; see [`Cdn`] for another base.
pub fn guild_icon(
    guild_id: GuildId,
    hash: &ImageHash,
    format: Option<ImageFormat>,
    size: Option<ImageSize>,
) -> String {
    Cdn::DISCORD.guild_icon(guild_id, hash, format, size)
}

/// A guild's banner: `banners/{guild_id}/{hash}`.
///
/// Built against [`CDN_BASE`]; see [`Cdn`] for another base.
pub fn guild_banner(
    guild_id: GuildId,
    hash: &ImageHash,
    format: Option<ImageFormat>,
    size: Option<ImageSize>,
) -> String {
    Cdn::DISCORD.guild_banner(guild_id, hash, format, size)
}

/// A guild's invite splash: `splashes/{guild_id}/{hash}` (never animated).
///
/// Built against [`CDN_BASE`]; see [`Cdn`] for another base.
pub fn guild_splash(
    guild_id: GuildId,
    hash: &ImageHash,
    format: Option<ImageFormat>,
    size: Option<ImageSize>,
) -> String {
    Cdn::DISCORD.guild_splash(guild_id, hash, format, size)
}

/// A member's per-guild avatar: `guilds/{guild_id}/users/{user_id}/avatars/{hash}`.
///
/// Built against [`CDN_BASE`]; see [`Cdn`] for another base.
pub fn member_avatar(
    guild_id: GuildId,
    user_id: UserId,
    hash: &ImageHash,
    format: Option<ImageFormat>,
    size: Option<ImageSize>,
) -> String {
    Cdn::DISCORD.member_avatar(guild_id, user_id, hash, format, size)
}

/// A member's per-guild banner: `guilds/{guild_id}/users/{user_id}/banners/{hash}`.
///
/// Built against [`CDN_BASE`]; see [`Cdn`] for another base.
pub fn member_banner(
    guild_id: GuildId,
    user_id: UserId,
    hash: &ImageHash,
    format: Option<ImageFormat>,
    size: Option<ImageSize>,
) -> String {
    Cdn::DISCORD.member_banner(guild_id, user_id, hash, format, size)
}

/// An avatar decoration: `avatar-decoration-presets/{asset}.png` (PNG only;
/// the asset may start with `a_`, the PNG is then animated).
///
/// Built against [`CDN_BASE`]; see [`Cdn`] for another base.
pub fn avatar_decoration(asset: &str, size: Option<ImageSize>) -> String {
    Cdn::DISCORD.avatar_decoration(asset, size)
}

/// An application's icon: `app-icons/{application_id}/{icon}`.
///
/// Built against [`CDN_BASE`]; see [`Cdn`] for another base.
pub fn application_icon(
    application_id: ApplicationId,
    icon: &ImageHash,
    format: Option<ImageFormat>,
    size: Option<ImageSize>,
) -> String {
    Cdn::DISCORD.application_icon(application_id, icon, format, size)
}

/// An application's cover image: `app-icons/{application_id}/{cover_image}`.
///
/// Built against [`CDN_BASE`]; see [`Cdn`] for another base.
pub fn application_cover(
    application_id: ApplicationId,
    cover_image: &ImageHash,
    format: Option<ImageFormat>,
    size: Option<ImageSize>,
) -> String {
    Cdn::DISCORD.application_cover(application_id, cover_image, format, size)
}

/// A guild tag badge: `guild-tag-badges/{guild_id}/{badge}`, where `guild_id`
/// is the user's `primary_guild.identity_guild_id`.
///
/// Built against [`CDN_BASE`]; see [`Cdn`] for another base.
pub fn guild_tag_badge(
    guild_id: GuildId,
    badge: &ImageHash,
    format: Option<ImageFormat>,
    size: Option<ImageSize>,
) -> String {
    Cdn::DISCORD.guild_tag_badge(guild_id, badge, format, size)
}

/// A team's icon: `team-icons/{team_id}/{icon}`.
///
/// Built against [`CDN_BASE`]; see [`Cdn`] for another base.
pub fn team_icon(
    team_id: TeamId,
    icon: &ImageHash,
    format: Option<ImageFormat>,
    size: Option<ImageSize>,
) -> String {
    Cdn::DISCORD.team_icon(team_id, icon, format, size)
}

/// A role's icon: `role-icons/{role_id}/{icon}`.
///
/// Built against [`CDN_BASE`]; see [`Cdn`] for another base.
pub fn role_icon(
    role_id: RoleId,
    icon: &ImageHash,
    format: Option<ImageFormat>,
    size: Option<ImageSize>,
) -> String {
    Cdn::DISCORD.role_icon(role_id, icon, format, size)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const USER: UserId = UserId::new(80351110224678912);
    const GUILD: GuildId = GuildId::new(197038439483310086);

    fn size(n: u16) -> Option<ImageSize> {
        Some(ImageSize::new(n).unwrap())
    }

    #[test]
    fn user_assets() {
        let still = ImageHash::new("8342729096ea3675442027381ff50dfe");
        let animated = ImageHash::new("a_8342729096ea3675442027381ff50dfe");
        let base = "https://cdn.discordapp.com/avatars/80351110224678912";
        assert_eq!(
            user_avatar(USER, &still, None, None),
            format!("{base}/8342729096ea3675442027381ff50dfe.png")
        );
        assert_eq!(
            user_avatar(USER, &still, Some(ImageFormat::Jpeg), size(64)),
            format!("{base}/8342729096ea3675442027381ff50dfe.jpg?size=64")
        );
        assert_eq!(
            user_avatar(USER, &still, Some(ImageFormat::WebP), None),
            format!("{base}/8342729096ea3675442027381ff50dfe.webp")
        );
        assert_eq!(
            user_avatar(USER, &animated, None, size(4096)),
            format!("{base}/a_8342729096ea3675442027381ff50dfe.gif?size=4096")
        );
        assert_eq!(
            user_avatar(USER, &animated, Some(ImageFormat::Png), None),
            format!("{base}/a_8342729096ea3675442027381ff50dfe.png")
        );
        assert_eq!(
            user_avatar(USER, &animated, Some(ImageFormat::WebP), size(16)),
            format!("{base}/a_8342729096ea3675442027381ff50dfe.webp?size=16&animated=true")
        );
        assert_eq!(
            user_avatar(USER, &animated, Some(ImageFormat::WebP), None),
            format!("{base}/a_8342729096ea3675442027381ff50dfe.webp?animated=true")
        );
        assert_eq!(
            user_banner(USER, &ImageHash::new("a_06c1"), None, size(512)),
            "https://cdn.discordapp.com/banners/80351110224678912/a_06c1.gif?size=512"
        );
    }

    #[test]
    fn default_avatars() {
        assert_eq!(default_avatar_index(USER, "1337"), 2);
        assert_eq!(default_avatar_index(USER, "0"), 5);
        assert_eq!(default_avatar_index(USER, "0000"), 5);
        assert_eq!(default_avatar_index(USER, "0005"), 0);
        assert_eq!(default_avatar_index(USER, ""), 5);
        assert_eq!(
            default_avatar(2),
            "https://cdn.discordapp.com/embed/avatars/2.png"
        );
        for id in [0u64, 1 << 22, u64::MAX] {
            assert!(default_avatar_index(UserId::new(id), "0") < 6);
        }
    }

    #[test]
    fn guild_and_member_assets() {
        let hash = ImageHash::new("f64c482b807da4f539cff778d174971c");
        assert_eq!(
            guild_icon(GUILD, &hash, None, None),
            "https://cdn.discordapp.com/icons/197038439483310086/f64c482b807da4f539cff778d174971c.png"
        );
        assert_eq!(
            guild_banner(
                GUILD,
                &ImageHash::new("a_9b"),
                Some(ImageFormat::Gif),
                size(1024)
            ),
            "https://cdn.discordapp.com/banners/197038439483310086/a_9b.gif?size=1024"
        );
        assert_eq!(
            guild_splash(GUILD, &ImageHash::new("a_9b"), None, None),
            "https://cdn.discordapp.com/splashes/197038439483310086/a_9b.png"
        );
        assert_eq!(
            member_avatar(GUILD, USER, &ImageHash::new("a_77"), None, None),
            "https://cdn.discordapp.com/guilds/197038439483310086/users/80351110224678912/avatars/a_77.gif"
        );
        assert_eq!(
            member_banner(GUILD, USER, &hash, Some(ImageFormat::WebP), size(128)),
            "https://cdn.discordapp.com/guilds/197038439483310086/users/80351110224678912/banners/f64c482b807da4f539cff778d174971c.webp?size=128"
        );
    }

    #[test]
    fn static_assets() {
        let app = ApplicationId::new(159799960412356608);
        let icon = ImageHash::new("f03590d3eb764081d154a66340ea7d6d");
        assert_eq!(
            application_icon(app, &icon, None, size(1024)),
            "https://cdn.discordapp.com/app-icons/159799960412356608/f03590d3eb764081d154a66340ea7d6d.png?size=1024"
        );
        assert_eq!(
            application_icon(app, &ImageHash::new("a_1"), Some(ImageFormat::Gif), None),
            "https://cdn.discordapp.com/app-icons/159799960412356608/a_1.png"
        );
        assert_eq!(
            application_cover(app, &icon, Some(ImageFormat::Jpeg), None),
            "https://cdn.discordapp.com/app-icons/159799960412356608/f03590d3eb764081d154a66340ea7d6d.jpg"
        );
        assert_eq!(
            avatar_decoration("a_fed43ab12698df65902ba06727e20c0e", None),
            "https://cdn.discordapp.com/avatar-decoration-presets/a_fed43ab12698df65902ba06727e20c0e.png"
        );
        assert_eq!(
            guild_tag_badge(
                GuildId::new(1234647491267808778),
                &ImageHash::new("7d17"),
                None,
                size(32)
            ),
            "https://cdn.discordapp.com/guild-tag-badges/1234647491267808778/7d17.png?size=32"
        );
        assert_eq!(
            team_icon(
                TeamId::new(5),
                &ImageHash::new("dd"),
                Some(ImageFormat::WebP),
                None
            ),
            "https://cdn.discordapp.com/team-icons/5/dd.webp"
        );
        assert_eq!(
            role_icon(RoleId::new(6), &ImageHash::new("cf"), None, None),
            "https://cdn.discordapp.com/role-icons/6/cf.png"
        );
    }

    #[test]
    fn hostile_hashes_stay_in_their_segment() {
        let hash = ImageHash::new("../../x?y=1#z");
        assert_eq!(
            user_avatar(USER, &hash, None, None),
            "https://cdn.discordapp.com/avatars/80351110224678912/..%2F..%2Fx%3Fy=1%23z.png"
        );
    }
}
