//! # disco-oauth2-blocking
//!
//! Discord's OAuth2 API for programs that block: the
//! [`disco-oauth2`](disco_oauth2) sans-IO core, run over
//! [ureq](https://docs.rs/ureq). One [`Client`] owns one connection pool and
//! one rate limiter; every core operation runs through [`Client::run`], and
//! the calls of the Python `disco-oauth2` package sit on top of it.
//!
//! ## "Login with Discord", start to end
//!
//! ```no_run
//! use disco_oauth2_blocking::authorize::{AuthorizationCallback, PkceChallenge};
//! use disco_oauth2_blocking::{BotToken, Client, CsrfState, GuildId, Scope};
//!
//! let client = Client::builder(157730590492196864)
//!     .client_secret(std::env::var("DISCORD_CLIENT_SECRET")?)
//!     .redirect_uri("https://nicememe.website/callback")
//!     .scopes([Scope::Identify, Scope::Guilds, Scope::GuildsJoin])
//!     .build()?;
//!
//! // 1. Send the browser to Discord, keeping the state and the PKCE verifier
//! //    in the user's session.
//! let state = CsrfState::generate()?;
//! let (challenge, verifier) = PkceChallenge::generate()?;
//! let url = client.authorize_url().state(&state).pkce_challenge(&challenge).build()?;
//! println!("log in at {url}");
//!
//! // 2. Discord redirects back; check the state, take the code.
//! let redirect = "https://nicememe.website/callback?code=NhhvTDYsFcdgNLnnLijcl7Ku7bEEeee&state=…";
//! let callback = AuthorizationCallback::parse_verified(redirect, &state)?;
//!
//! // 3. Trade the code for a token, and act as the user.
//! let token = client.exchange_code_with_pkce(callback.code, verifier)?;
//! let mut user = client.user(token);
//! let me = user.fetch_user()?;
//! let guilds = user.fetch_all_guilds()?;
//! println!("{me} is in {} guilds", guilds.len());
//!
//! // Add them to your guild with your bot's token: added, or already there.
//! let bot = BotToken::new(std::env::var("DISCORD_BOT_TOKEN")?);
//! let added = user.add_to_guild(&bot, GuildId::new(81384788765712384), |op| op.nick("Nelly"))?;
//! println!("newly added: {}", added.member().is_some());
//!
//! // Later: refresh (store the new token), and finally log out.
//! let fresh = user.refresh()?.clone();
//! # let _ = fresh;
//! user.revoke()?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Defaults
//!
//! - connect timeout 10 s, overall timeout 30 s (body included);
//! - redirects are not followed: a 3xx reaches the core and becomes
//!   [`UnexpectedStatus`](disco_oauth2::Error::UnexpectedStatus);
//! - 4xx/5xx bodies are read and classified by the core (never lost in a transport error);
//! - response bodies are capped at 4 MiB ([`Error::BodyTooLarge`] beyond);
//! - a 429 is retried 3 times at most, after its `retry_after`, unless it
//!   asks for more than 60 s; each wait is logged with `tracing::warn!`;
//! - rate-limit headers feed a [`RateLimiter`] shared by the client's
//!   clones, which delays requests on exhausted buckets;
//! - rustls with the ring provider (native-tls with the `native-tls` feature);
//! - one agent per client, so connections are reused; dropping the last
//!   clone of the client closes them.
//!
//! ## Tracing
//!
//! Each request runs in a `discord.request` span with the fields
//! `operation`, `method`, `route`, `status` and `attempt`. No token, body or
//! query string is ever recorded.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

mod builder;
mod client;
mod error;
mod session;

pub use builder::ClientBuilder;
pub use client::Client;
pub use error::Error;
pub use session::UserSession;

/// The sans-IO core this runtime runs, for everything not re-exported here.
pub use disco_oauth2;
pub use disco_oauth2::Error as CoreError;
pub use disco_oauth2::authorize::{AuthorizationCallback, PkceChallenge};
pub use disco_oauth2::model::{
    AccessToken, ApplicationId, Authorization, Connection, Guild, GuildId, Member, Permissions,
    RoleConnection, RoleConnectionUpdate, RoleId, Scope, Scopes, User, UserId,
};
pub use disco_oauth2::runtime::{
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY_SIZE, DEFAULT_MAX_RATE_LIMIT_RETRIES,
    DEFAULT_MAX_RETRY_WAIT, DEFAULT_TIMEOUT,
};
pub use disco_oauth2::{
    AddedMember, ApiError, AuthorizationCode, BearerToken, BotToken, ClientAuth, ClientSecret,
    CsrfState, InvalidInput, JsonErrorCode, OAuth2Error, OAuth2ErrorCode, Operation, PkceVerifier,
    RateLimitScope, RateLimited, RateLimiter, RefreshToken, Route, api, authorize, model,
};
