//! [`Cdn`]: image URLs built against a CDN base.

use std::fmt::Write as _;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use super::{CDN_BASE, ImageFormat, ImageHash, ImageSize};
use crate::client::AbsoluteUrl;
use crate::error::InvalidInput;
use crate::model::{ApplicationId, GuildId, RoleId, TeamId, UserId};

/// Characters escaped in a path segment.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Whether an asset may be animated.
#[derive(Clone, Copy)]
enum Kind {
    /// GIF-capable: animated hashes default to GIF.
    Animatable,
    /// PNG, JPEG or WebP.
    Static,
}

/// Builds image URLs against one CDN base: Discord's ([`Cdn::DISCORD`], what
/// the free functions of this module and the models' `…_url` helpers use) or
/// another one, such as a fake Discord's on loopback.
///
/// A [`Client`](crate::Client) built with
/// [`cdn_base`](crate::ClientBuilder::cdn_base) hands out its own with
/// [`Client::cdn`](crate::Client::cdn).
///
/// ```
/// use disco_oauth2::cdn::{Cdn, ImageHash};
/// use disco_oauth2::model::UserId;
///
/// let cdn = Cdn::new("http://127.0.0.1:8080/cdn/")?;
/// let hash = ImageHash::new("8342729096ea3675442027381ff50dfe");
/// assert_eq!(
///     cdn.user_avatar(UserId::new(80351110224678912), &hash, None, None),
///     "http://127.0.0.1:8080/cdn/avatars/80351110224678912/8342729096ea3675442027381ff50dfe.png"
/// );
/// // A URL from a model helper, moved onto this base:
/// assert_eq!(
///     cdn.rebase("https://cdn.discordapp.com/embed/avatars/2.png"),
///     "http://127.0.0.1:8080/cdn/embed/avatars/2.png"
/// );
/// # Ok::<(), disco_oauth2::InvalidInput>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cdn<'a> {
    base: &'a str,
}

impl Default for Cdn<'_> {
    fn default() -> Self {
        Cdn::DISCORD
    }
}

impl<'a> Cdn<'a> {
    /// Discord's CDN, [`CDN_BASE`].
    pub const DISCORD: Cdn<'static> = Cdn { base: CDN_BASE };

    /// A CDN at `base`, an http(s) URL without query or fragment; trailing
    /// slashes are ignored.
    ///
    /// # Errors
    /// [`InvalidInput`] (field `cdn_base`) when `base` is not such a URL.
    pub fn new(base: &'a str) -> Result<Cdn<'a>, InvalidInput> {
        AbsoluteUrl::base("cdn_base", base)?;
        Ok(Cdn {
            base: base.trim_end_matches('/'),
        })
    }

    /// A base already checked (by the client builder).
    pub(crate) const fn checked(base: &'a str) -> Cdn<'a> {
        Cdn { base }
    }

    /// The base, without a trailing slash.
    pub const fn base(&self) -> &'a str {
        self.base
    }

    /// Moves a URL on Discord's CDN (as the models' `…_url` helpers return)
    /// onto this base; any other URL is returned unchanged.
    pub fn rebase(&self, url: &str) -> String {
        match url.strip_prefix(CDN_BASE) {
            Some(rest) if rest.is_empty() || rest.starts_with(['/', '?']) => {
                format!("{}{rest}", self.base)
            }
            _ => url.to_owned(),
        }
    }

    fn url(
        &self,
        path: &str,
        hash: &str,
        kind: Kind,
        format: Option<ImageFormat>,
        size: Option<ImageSize>,
    ) -> String {
        let animated = matches!(kind, Kind::Animatable) && hash.starts_with("a_");
        let format = match (format, animated) {
            (None, true) => ImageFormat::Gif,
            (None, false) | (Some(ImageFormat::Gif), false) => ImageFormat::Png,
            (Some(format), _) => format,
        };
        let mut out = String::with_capacity(self.base.len() + path.len() + hash.len() + 24);
        out.push_str(self.base);
        out.push('/');
        out.push_str(path);
        out.push('/');
        out.extend(utf8_percent_encode(hash, SEGMENT));
        out.push('.');
        out.push_str(format.extension());
        let mut separator = '?';
        if let Some(size) = size {
            let _ = write!(out, "{separator}size={size}");
            separator = '&';
        }
        if animated && format == ImageFormat::WebP {
            let _ = write!(out, "{separator}animated=true");
        }
        out
    }

    /// A user's avatar: `avatars/{user_id}/{hash}`.
    pub fn user_avatar(
        &self,
        user_id: UserId,
        hash: &ImageHash,
        format: Option<ImageFormat>,
        size: Option<ImageSize>,
    ) -> String {
        self.url(
            &format!("avatars/{user_id}"),
            hash.as_str(),
            Kind::Animatable,
            format,
            size,
        )
    }

    /// A user's profile banner: `banners/{user_id}/{hash}`.
    pub fn user_banner(
        &self,
        user_id: UserId,
        hash: &ImageHash,
        format: Option<ImageFormat>,
        size: Option<ImageSize>,
    ) -> String {
        self.url(
            &format!("banners/{user_id}"),
            hash.as_str(),
            Kind::Animatable,
            format,
            size,
        )
    }

    /// A default avatar: `embed/avatars/{index}.png` (PNG only, no size).
    pub fn default_avatar(&self, index: u8) -> String {
        format!("{}/embed/avatars/{index}.png", self.base)
    }

    /// A guild's icon: `icons/{guild_id}/{hash}`.
    pub fn guild_icon(
        &self,
        guild_id: GuildId,
        hash: &ImageHash,
        format: Option<ImageFormat>,
        size: Option<ImageSize>,
    ) -> String {
        self.url(
            &format!("icons/{guild_id}"),
            hash.as_str(),
            Kind::Animatable,
            format,
            size,
        )
    }

    /// A guild's banner: `banners/{guild_id}/{hash}`.
    pub fn guild_banner(
        &self,
        guild_id: GuildId,
        hash: &ImageHash,
        format: Option<ImageFormat>,
        size: Option<ImageSize>,
    ) -> String {
        self.url(
            &format!("banners/{guild_id}"),
            hash.as_str(),
            Kind::Animatable,
            format,
            size,
        )
    }

    /// A guild's invite splash: `splashes/{guild_id}/{hash}` (never animated).
    pub fn guild_splash(
        &self,
        guild_id: GuildId,
        hash: &ImageHash,
        format: Option<ImageFormat>,
        size: Option<ImageSize>,
    ) -> String {
        self.url(
            &format!("splashes/{guild_id}"),
            hash.as_str(),
            Kind::Static,
            format,
            size,
        )
    }

    /// A member's per-guild avatar: `guilds/{guild_id}/users/{user_id}/avatars/{hash}`.
    pub fn member_avatar(
        &self,
        guild_id: GuildId,
        user_id: UserId,
        hash: &ImageHash,
        format: Option<ImageFormat>,
        size: Option<ImageSize>,
    ) -> String {
        self.url(
            &format!("guilds/{guild_id}/users/{user_id}/avatars"),
            hash.as_str(),
            Kind::Animatable,
            format,
            size,
        )
    }

    /// A member's per-guild banner: `guilds/{guild_id}/users/{user_id}/banners/{hash}`.
    pub fn member_banner(
        &self,
        guild_id: GuildId,
        user_id: UserId,
        hash: &ImageHash,
        format: Option<ImageFormat>,
        size: Option<ImageSize>,
    ) -> String {
        self.url(
            &format!("guilds/{guild_id}/users/{user_id}/banners"),
            hash.as_str(),
            Kind::Animatable,
            format,
            size,
        )
    }

    /// An avatar decoration: `avatar-decoration-presets/{asset}.png` (PNG only;
    /// the asset may start with `a_`, the PNG is then animated).
    pub fn avatar_decoration(&self, asset: &str, size: Option<ImageSize>) -> String {
        self.url(
            "avatar-decoration-presets",
            asset,
            Kind::Static,
            Some(ImageFormat::Png),
            size,
        )
    }

    /// An application's icon: `app-icons/{application_id}/{icon}`.
    pub fn application_icon(
        &self,
        application_id: ApplicationId,
        icon: &ImageHash,
        format: Option<ImageFormat>,
        size: Option<ImageSize>,
    ) -> String {
        self.url(
            &format!("app-icons/{application_id}"),
            icon.as_str(),
            Kind::Static,
            format,
            size,
        )
    }

    /// An application's cover image: `app-icons/{application_id}/{cover_image}`.
    pub fn application_cover(
        &self,
        application_id: ApplicationId,
        cover_image: &ImageHash,
        format: Option<ImageFormat>,
        size: Option<ImageSize>,
    ) -> String {
        self.url(
            &format!("app-icons/{application_id}"),
            cover_image.as_str(),
            Kind::Static,
            format,
            size,
        )
    }

    /// A guild tag badge: `guild-tag-badges/{guild_id}/{badge}`, where `guild_id`
    /// is the user's `primary_guild.identity_guild_id`.
    pub fn guild_tag_badge(
        &self,
        guild_id: GuildId,
        badge: &ImageHash,
        format: Option<ImageFormat>,
        size: Option<ImageSize>,
    ) -> String {
        self.url(
            &format!("guild-tag-badges/{guild_id}"),
            badge.as_str(),
            Kind::Static,
            format,
            size,
        )
    }

    /// A team's icon: `team-icons/{team_id}/{icon}`.
    pub fn team_icon(
        &self,
        team_id: TeamId,
        icon: &ImageHash,
        format: Option<ImageFormat>,
        size: Option<ImageSize>,
    ) -> String {
        self.url(
            &format!("team-icons/{team_id}"),
            icon.as_str(),
            Kind::Static,
            format,
            size,
        )
    }

    /// A role's icon: `role-icons/{role_id}/{icon}`.
    pub fn role_icon(
        &self,
        role_id: RoleId,
        icon: &ImageHash,
        format: Option<ImageFormat>,
        size: Option<ImageSize>,
    ) -> String {
        self.url(
            &format!("role-icons/{role_id}"),
            icon.as_str(),
            Kind::Static,
            format,
            size,
        )
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::Client;

    const USER: UserId = UserId::new(80351110224678912);
    const GUILD: GuildId = GuildId::new(197038439483310086);

    #[test]
    fn another_base_changes_only_the_origin() {
        let cdn = Cdn::new("http://127.0.0.1:8080/cdn//").unwrap();
        assert_eq!(cdn.base(), "http://127.0.0.1:8080/cdn");
        let hash = ImageHash::new("a_f6");
        assert_eq!(
            cdn.guild_icon(GUILD, &hash, Some(ImageFormat::WebP), None),
            "http://127.0.0.1:8080/cdn/icons/197038439483310086/a_f6.webp?animated=true"
        );
        assert_eq!(
            cdn.user_banner(USER, &ImageHash::new("06"), None, None),
            "http://127.0.0.1:8080/cdn/banners/80351110224678912/06.png"
        );
        assert_eq!(
            cdn.default_avatar(5),
            "http://127.0.0.1:8080/cdn/embed/avatars/5.png"
        );
        assert_eq!(
            Cdn::default().user_avatar(USER, &hash, None, None),
            super::super::user_avatar(USER, &hash, None, None)
        );
    }

    #[test]
    fn rebase_moves_only_discord_cdn_urls() {
        let cdn = Cdn::new("http://localhost:1").unwrap();
        assert_eq!(
            cdn.rebase("https://cdn.discordapp.com/avatars/1/ab.png?size=64"),
            "http://localhost:1/avatars/1/ab.png?size=64"
        );
        assert_eq!(
            cdn.rebase("https://cdn.discordapp.com.evil.example/x.png"),
            "https://cdn.discordapp.com.evil.example/x.png"
        );
        assert_eq!(
            cdn.rebase("https://media.discordapp.net/x.png"),
            "https://media.discordapp.net/x.png"
        );
        assert_eq!(Cdn::DISCORD.rebase(CDN_BASE), CDN_BASE);
    }

    #[test]
    fn bad_bases_are_typed_errors() {
        for bad in [
            "",
            "cdn.example",
            "ftp://cdn.example",
            "http://x/?q=1",
            "http://x/#f",
        ] {
            let err = Cdn::new(bad).unwrap_err();
            assert_eq!(err.field, "cdn_base", "{bad:?}");
        }
        let err = Client::builder(1u64).cdn_base("nope").build().unwrap_err();
        assert!(err.to_string().contains("cdn_base"), "{err}");
    }

    #[test]
    fn the_client_hands_out_its_base() {
        let default = Client::builder(1u64).build().unwrap();
        assert_eq!(default.cdn(), Cdn::DISCORD);
        let fake = Client::builder(1u64)
            .cdn_base("http://127.0.0.1:9/cdn/")
            .build()
            .unwrap();
        assert_eq!(fake.cdn().base(), "http://127.0.0.1:9/cdn");
        assert_eq!(
            fake.cdn().avatar_decoration("a_fe", None),
            "http://127.0.0.1:9/cdn/avatar-decoration-presets/a_fe.png"
        );
    }
}
