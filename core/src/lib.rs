//! # disco-oauth2
//!
//! A sans-IO client for Discord's OAuth2 API.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod error;
pub mod rate_limit;
pub mod route;
pub mod secret;

pub use error::{
    ApiError, BodyExcerpt, DecodeError, Error, FieldError, FormErrors, InvalidInput, JsonErrorCode,
    OAuth2Error, OAuth2ErrorCode, RateLimitScope, RateLimited, Result,
};
pub use rate_limit::{RateLimitHeaders, RateLimiter};
pub use route::Route;
pub use secret::{AuthorizationCode, BearerToken, BotToken, ClientSecret, RefreshToken};
