//! Discord's objects as plain data: `Clone + Debug + Serialize + Deserialize`.
//!
//! - Ids are typed snowflakes ([`Id`]): a [`UserId`] is not a [`GuildId`].
//! - Objects with an id ([`User`], [`Guild`], [`Role`], [`Integration`],
//!   [`Application`], [`Webhook`], …) are equal and hash by that id.
//! - Unknown JSON fields are ignored; unknown enum values (`Other`/`Unknown`
//!   variants) and unknown flag bits are kept, so they survive a parse →
//!   serialize → parse round trip.
//! - Timestamps are `chrono::DateTime<Utc>`: Discord's `+00:00` and `Z` forms
//!   (with or without microseconds) are accepted; they serialize as RFC 3339.
//! - Image URLs are built by [`crate::cdn`]; the models' `*_url` methods call it.

pub(crate) mod bits;
pub(crate) mod open_enum;

pub mod application;
pub mod authorization;
pub mod authorized_guild;
pub mod avatar_decoration;
pub mod collectibles;
pub mod connection;
pub mod device_authorization;
pub mod guild;
pub mod guild_feature;
pub mod id;
pub mod id_token;
pub mod integration;
pub mod member;
pub mod member_flags;
pub mod permissions;
pub mod premium_type;
pub mod primary_guild;
pub mod role;
pub mod role_connection;
pub mod role_connection_metadata;
pub mod scope;
pub mod team;
pub mod token;
pub mod user;
pub mod user_flags;
pub mod webhook;

pub use application::{Application, InstallParams, IntegrationTypeConfig};
pub use authorization::Authorization;
pub use authorized_guild::AuthorizedGuild;
pub use avatar_decoration::AvatarDecorationData;
pub use collectibles::{Collectibles, Nameplate};
pub use connection::{Connection, ConnectionService, Visibility};
pub use device_authorization::{DEFAULT_DEVICE_POLL_INTERVAL, DeviceAuthorization};
pub use guild::Guild;
pub use guild_feature::GuildFeature;
pub use id::{
    ApplicationId, ApplicationMarker, ChannelId, ChannelMarker, EmojiId, EmojiMarker, GuildId,
    GuildMarker, Id, IntegrationId, IntegrationMarker, RoleId, RoleMarker, SkuId, SkuMarker,
    TeamId, TeamMarker, UserId, UserMarker, WebhookId, WebhookMarker,
};
pub use id_token::{IdTokenClaims, ProfileClaims};
pub use integration::{
    ExpireBehavior, Integration, IntegrationAccount, IntegrationApplication, IntegrationType,
};
pub use member::Member;
pub use member_flags::MemberFlags;
pub use permissions::Permissions;
pub use premium_type::PremiumType;
pub use primary_guild::PrimaryGuild;
pub use role::{Role, RoleColors, RoleTags};
pub use role_connection::{RoleConnection, RoleConnectionUpdate};
pub use role_connection_metadata::{RoleConnectionMetadata, RoleConnectionMetadataType};
pub use scope::{OtherScope, Scope, Scopes};
pub use team::{Team, TeamMember};
pub use token::{AccessToken, MAX_TOKEN_LIFETIME};
pub use user::User;
pub use user_flags::UserFlags;
pub use webhook::{Webhook, WebhookType};

pub use crate::cdn::{ImageFormat, ImageHash, ImageSize};
