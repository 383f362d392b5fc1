//! [`Connection`]: a third-party account linked to the user, with its
//! [`ConnectionService`] and [`Visibility`].

use std::fmt;
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};

use super::Integration;
use super::open_enum::{int_enum, str_enum};

/// A linked account, as `GET /users/@me/connections` lists it.
///
/// The booleans Discord documents as always present default to `false` when
/// missing, and `visibility` to [`Visibility::None`]; unknown services and
/// visibilities are kept.
///
/// Equal, and hashed, **by service and account id**.
///
/// ```
/// use disco_oauth2::model::{Connection, ConnectionService, Visibility};
///
/// let c: Connection = serde_json::from_str(
///     r#"{"id": "UC123", "name": "nelly", "type": "youtube", "verified": true, "visibility": 1}"#,
/// ).unwrap();
/// assert_eq!(c.kind, ConnectionService::YouTube);
/// assert_eq!(c.visibility, Visibility::Everyone);
/// assert!(c.integrations.is_empty());
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Connection {
    /// The account's id on the service (a string, not a snowflake).
    pub id: String,
    /// The account's name on the service.
    pub name: String,
    /// The service (`type` in JSON).
    #[serde(rename = "type")]
    pub kind: ConnectionService,
    /// Whether the connection was revoked.
    #[serde(default)]
    pub revoked: Option<bool>,
    /// Partial guild integrations tied to the connection.
    #[serde(default)]
    pub integrations: Vec<Integration>,
    /// Whether the connection is verified.
    #[serde(default)]
    pub verified: bool,
    /// Whether friend sync is on.
    #[serde(default)]
    pub friend_sync: bool,
    /// Whether activities from the connection show in presence.
    #[serde(default)]
    pub show_activity: bool,
    /// Whether the connection has a matching third-party OAuth2 token.
    #[serde(default)]
    pub two_way_link: bool,
    /// Who can see the connection.
    #[serde(default)]
    pub visibility: Visibility,
}

impl PartialEq for Connection {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind && self.id == other.id
    }
}

impl Eq for Connection {}

impl Hash for Connection {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.kind.hash(state);
        self.id.hash(state);
    }
}

impl fmt::Display for Connection {
    /// `service: name` (`twitch: nelly`), never the account's id.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.name)
    }
}

int_enum! {
    /// Who can see a connection on the user's profile.
    Visibility {
        /// Only the user.
        None = 0,
        /// Everyone.
        Everyone = 1,
    }
}

#[allow(clippy::derivable_impls)] // the enum is macro-generated
impl Default for Visibility {
    fn default() -> Self {
        Visibility::None
    }
}

str_enum! {
    /// The service of a [`Connection`] (`type`).
    ConnectionService {
        /// Amazon Music.
        AmazonMusic = "amazon-music",
        /// Battle.net.
        BattleNet = "battlenet",
        /// Bungie.net.
        Bungie = "bungie",
        /// Bluesky.
        Bluesky = "bluesky",
        /// Crunchyroll.
        Crunchyroll = "crunchyroll",
        /// A domain.
        Domain = "domain",
        /// eBay.
        Ebay = "ebay",
        /// Epic Games.
        EpicGames = "epicgames",
        /// Facebook.
        Facebook = "facebook",
        /// GitHub.
        GitHub = "github",
        /// Instagram (can no longer be added).
        Instagram = "instagram",
        /// League of Legends (no longer returned since 2026-07-10).
        LeagueOfLegends = "leagueoflegends",
        /// Mastodon.
        Mastodon = "mastodon",
        /// PayPal.
        PayPal = "paypal",
        /// PlayStation Network.
        PlayStation = "playstation",
        /// Reddit.
        Reddit = "reddit",
        /// Riot Games (no longer returned since 2026-07-10).
        RiotGames = "riotgames",
        /// Roblox.
        Roblox = "roblox",
        /// Spotify.
        Spotify = "spotify",
        /// Skype (can no longer be added).
        Skype = "skype",
        /// Steam.
        Steam = "steam",
        /// TikTok.
        TikTok = "tiktok",
        /// Twitch.
        Twitch = "twitch",
        /// X (Twitter).
        Twitter = "twitter",
        /// Xbox.
        Xbox = "xbox",
        /// YouTube.
        YouTube = "youtube",
    }
}
