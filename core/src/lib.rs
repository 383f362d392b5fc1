//! # disco-oauth2
//!
//! A sans-IO client for Discord's OAuth2 API.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod cdn;
pub mod error;
pub mod model;
pub mod secret;

pub use error::{
    ApiError, BodyExcerpt, DecodeError, Error, FieldError, FormErrors, InvalidInput, JsonErrorCode,
    OAuth2Error, OAuth2ErrorCode, RateLimitScope, RateLimited, Result,
};
pub use secret::{
    AuthorizationCode, BearerToken, BotToken, ClientSecret, RefreshToken, WebhookToken,
};

// Models (issue 3): the types most callers name.
pub use model::{
    AccessToken, Application, ApplicationId, Authorization, AuthorizedGuild, ChannelId, Connection,
    ConnectionService, Guild, GuildId, Id, Integration, IntegrationId, Member, MemberFlags,
    Permissions, PremiumType, Role, RoleConnection, RoleConnectionUpdate, RoleId, Scope, Scopes,
    SkuId, TeamId, User, UserFlags, UserId, Visibility, Webhook, WebhookId,
};
