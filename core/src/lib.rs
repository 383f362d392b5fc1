//! # disco-oauth2
//!
//! A sans-IO client for Discord's OAuth2 API.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod api;
pub mod authorize;
pub mod client;
pub mod error;
pub mod operation;
pub mod route;
pub mod secret;

pub use api::guilds::AddedMember;
pub use client::{Client, ClientAuth, ClientBuilder};
pub use error::{
    ApiError, BodyExcerpt, DecodeError, Error, FieldError, FormErrors, InvalidInput, JsonErrorCode,
    OAuth2Error, OAuth2ErrorCode, RateLimitScope, RateLimited, Result,
};
pub use operation::{Operation, Pending, Response};
pub use route::Route;
pub use secret::{
    AuthorizationCode, BearerToken, BotToken, ClientSecret, CsrfState, PkceVerifier, RefreshToken,
};
