//! # disco-oauth2
//!
//! Discord's OAuth2 API as a sans-IO protocol core: "Login with Discord",
//! tokens (code with PKCE, refresh, client credentials, revocation), the
//! current user, their guilds, connections and memberships, adding them to a
//! guild, and linked roles — with typed models and typed errors.
//!
//! This crate builds [`http::Request`] values and parses response bytes. It
//! does no IO, reads no clock, and needs no async runtime: the caller owns
//! the sockets and the time. Two runtimes run it for you:
//!
//! - **`disco-oauth2-blocking`** — over ureq, for programs and CLIs:
//!
//!   ```ignore
//!   let client = disco_oauth2_blocking::Client::builder(client_id)
//!       .client_secret(secret)
//!       .redirect_uri("https://example.com/callback")
//!       .scopes([Scope::Identify, Scope::Guilds])
//!       .build()?;
//!   let token = client.exchange_code(code)?;
//!   let mut user = client.user(token);
//!   println!("{} is in {} guilds", user.fetch_user()?, user.fetch_all_guilds()?.len());
//!   ```
//!
//! - **`disco-oauth2-async`** — over reqwest on tokio, for web apps (axum, actix):
//!
//!   ```ignore
//!   let client = disco_oauth2_async::Client::builder(client_id)
//!       .client_secret(secret)
//!       .redirect_uri("https://example.com/callback")
//!       .scopes([Scope::Identify, Scope::Guilds])
//!       .build()?;
//!   let token = client.exchange_code(code).await?;
//!   let mut user = client.user(token);
//!   println!("{}", user.fetch_user().await?);
//!   ```
//!
//! - **Your own HTTP stack** (hyper, a corporate client, WASM, a test
//!   harness): every operation splits into a request and a pending half that
//!   parses only that operation's response.
//!
//!   ```
//!   use disco_oauth2::{BearerToken, Client, Operation};
//!
//!   let client = Client::builder(157730590492196864).build()?;
//!   let (request, pending) = client.current_user(&BearerToken::new("token")).into_parts()?;
//!   assert_eq!(request.uri(), "https://discord.com/api/v10/users/@me");
//!
//!   // … send `request` with any client, then:
//!   let response = http::Response::builder()
//!       .status(200)
//!       .body(br#"{"id":"80351110224678912","username":"nelly","discriminator":"0","global_name":"Nelly","avatar":null}"#.to_vec())?;
//!   let now: chrono::DateTime<chrono::Utc> = "2026-11-24T12:00:00Z".parse()?; // your clock
//!   let user = pending.parse(&response, now)?;
//!   assert_eq!(user.display_name(), "Nelly");
//!   # Ok::<(), Box<dyn std::error::Error>>(())
//!   ```
//!
//! ## Map
//!
//! - [`client`]: the application's configuration ([`Client`]).
//! - [`authorize`]: the authorization URL, CSRF state, PKCE, and the redirect.
//! - [`api`]: every operation, by API section ([`api::oauth2`], [`api::users`], [`api::guilds`]).
//! - [`operation`]: the request/response contract ([`Operation`], [`Pending`]).
//! - [`model`]: users, guilds, members, connections, tokens, permissions, ids.
//! - [`oidc`]: OpenID Connect: ID token verification, the key set and its cache, userinfo.
//! - [`cdn`]: avatar, banner and icon URLs.
//! - [`error`]: the one [`Error`] type and what each variant carries.
//! - [`rate_limit`]: Discord's rate-limit headers and a pure limiter.
//! - [`session`]: one user's token and the operations made with it ([`session::UserContext`]).
//! - [`runtime`]: what every runtime shares: limits, retry decisions, the client builder.
//! - [`secret`]: redacted secrets.
//! - [`session`]: a user's token and the operations made with it.
//! - [`runtime`]: what every runtime shares: its builder, limits and retry
//!   decisions, as pure code (the two runtimes are built on it; so can yours be).
#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod api;
pub mod authorize;
pub mod cdn;
pub mod client;
pub mod driver;
pub mod error;
pub mod model;
pub mod oidc;
pub mod operation;
pub mod rate_limit;
pub mod route;
pub mod runtime;
pub mod secret;
pub mod session;

pub use api::guilds::AddedMember;
pub use client::{Client, ClientAuth, ClientBuilder};
pub use error::{
    ApiError, BodyExcerpt, DecodeError, Error, FieldError, FormErrors, InvalidInput, JsonErrorCode,
    OAuth2Error, OAuth2ErrorCode, RateLimitScope, RateLimited, Result,
};
pub use operation::{Operation, Pending, RequestBody, Response};
pub use rate_limit::{RateLimitHeaders, RateLimiter};
pub use route::Route;
pub use secret::{
    AuthorizationCode, BearerToken, BotToken, ClientSecret, CsrfState, DeviceCode, IdToken, Nonce,
    PkceVerifier, RefreshToken, UndecodedJson, WebhookToken,
};

pub use model::{
    AccessToken, Application, ApplicationId, Authorization, Connection, Guild, GuildId, Id,
    Integration, Member, Permissions, RoleConnection, RoleConnectionUpdate, RoleId, Scope, Scopes,
    User, UserId, Webhook,
};
