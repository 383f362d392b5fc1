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
//!   harness): a [`driver::Call`] is a sans-IO state machine for one whole
//!   call — the rate limiter, the send, 429 and 5xx retries, the deadline.
//!   Ask it what to do with [`Driver::poll`](driver::Driver::poll), send the
//!   request it hands you, and feed it the response; see [`driver`] for its
//!   states and the loop, and the `raw_tcp` example for one over a plain
//!   `TcpStream`.
//!
//!   ```
//!   use std::time::Instant;
//!   use disco_oauth2::driver::{Call, Driver, Now, Received, Step};
//!   use disco_oauth2::{BearerToken, Client};
//!
//!   let client = Client::builder(157730590492196864).build()?;
//!   let mut limiter = client.rate_limiter();
//!   let mut call = Call::new(&client, client.current_user(&BearerToken::new("token")));
//!   let now: chrono::DateTime<chrono::Utc> = "2026-11-24T12:00:00Z".parse()?; // your clock
//!   let now = Now::new(Instant::now(), now);
//!
//!   let Step::Send(transmit) = call.poll(now, &mut limiter) else { unreachable!() };
//!   assert_eq!(transmit.request.uri(), "https://discord.com/api/v10/users/@me");
//!   // … send `transmit.request` with any client, then:
//!   let body = br#"{"id":"80351110224678912","username":"nelly","discriminator":"0","global_name":"Nelly","avatar":null}"#;
//!   call.handle_response(Received::new(http::StatusCode::OK, http::HeaderMap::new(), body.to_vec()), now);
//!   let Step::Done(user) = call.poll(now, &mut limiter) else { unreachable!() };
//!   assert_eq!(user?.display_name(), "Nelly");
//!   # Ok::<(), Box<dyn std::error::Error>>(())
//!   ```
//!
//!   Every operation also splits into a bare request and a [`Pending`] half
//!   that parses only that operation's response
//!   ([`Operation::into_parts`]), for a single send without the driver.
//!
//! ## Map
//!
//! - [`Client`] and [`ClientBuilder`]: the application's configuration, and
//!   the [`Policy`] bounding every call (body size, retries, waits, deadline,
//!   the bot's global rate limit).
//! - [`driver`]: the sans-IO call driver ([`driver::Call`], [`driver::GuildWalk`]).
//! - [`api`]: every operation, by API section ([`api::oauth2`], [`api::users`], [`api::guilds`]);
//!   [`Operation`], [`Pending`] and [`RequestBody`] are what they share.
//! - [`authorize`]: the authorization URL, CSRF state, PKCE, and the redirect.
//! - [`model`]: users, guilds, members, connections, tokens, permissions, ids.
//! - [`oidc`]: OpenID Connect: ID token verification, the key set and its cache, userinfo.
//! - [`cdn`]: avatar, banner and icon URLs.
//! - [`error`]: the one [`Error`] type and what each variant carries.
//! - [`RateLimiter`], [`Permit`] and [`RateLimitHeaders`]: Discord's rate
//!   limits, as pure bookkeeping; [`Route`] is what they are keyed by.
//! - [`session`]: one user's token and the operations made with it.
//! - Secrets ([`ClientSecret`], [`BearerToken`], [`PkceVerifier`], …): values
//!   whose `Debug` is redacted.
//! - [`token_store`]: tokens kept in a store, refreshed before expiry, one
//!   refresh at a time across processes ([`token_store::SessionCall`]).
//! - [`guide`]: a login in a web app, storing tokens, errors as HTTP
//!   responses, testing with the fake Discord.
//! - [`login`]: "Login with Discord" with no server-side state: the
//!   authorization URL and a sealed cookie, then the checked callback.
//! - [`sealing`]: tokens sealed (AES-256-GCM) before they leave the process.
#![warn(missing_docs)]
#![forbid(unsafe_code)]
#![warn(unreachable_pub)]

pub mod api;
#[doc(hidden)]
pub mod api_table;
pub mod authorize;
pub mod cdn;
mod client;
pub mod driver;
pub mod error;
#[doc = include_str!("../docs/guide.md")]
pub mod guide {}
pub mod login;
pub mod model;
pub mod oidc;
mod operation;
mod rate_limit;
mod route;
pub mod sealing;
mod secret;
pub mod session;
pub mod token_store;

pub use api::guilds::AddedMember;
pub use client::{
    Client, ClientAuth, ClientBuilder, DEFAULT_API_BASE, DEFAULT_AUTHORIZE_URL,
    DEFAULT_GLOBAL_RATE_LIMIT, DEFAULT_MAX_BODY_SIZE, DEFAULT_MAX_RATE_LIMIT_RETRIES,
    DEFAULT_MAX_RETRY_WAIT, DEFAULT_MAX_SERVER_ERROR_RETRIES, Policy, REPOSITORY_URL,
};
pub use error::{
    ApiError, BodyExcerpt, DecodeError, Error, FieldError, FormErrors, InvalidInput, JsonErrorCode,
    OAuth2Error, OAuth2ErrorCode, RateLimitScope, RateLimited, Result,
};
pub use operation::{Operation, Pending, RequestBody, Response};
pub use rate_limit::{Acquire, Permit, RateLimitHeaders, RateLimiter};
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
