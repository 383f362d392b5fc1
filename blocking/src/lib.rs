//! # disco-oauth2-blocking
//!
//! Discord's OAuth2 API for programs that block: the
//! [`disco-oauth2`](disco_oauth2) sans-IO core, run over
//! [ureq](https://docs.rs/ureq). One [`Client`] owns one connection pool and
//! one rate limiter; every core operation runs through [`Client::run`].
//!
//! ## How a call runs
//!
//! Each call is a [`Driver`](disco_oauth2::driver) from the core, which
//! decides everything: limiter waits, 429 and 5xx retries, pages, deadlines.
//! [`Client::drive`] only asks it what now: it sends the request it is given
//! (no redirects, the body capped) and feeds back the response, sleeps
//! until the instant it names, or returns its result.
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
//! - connect timeout 10 s, request timeout 30 s (body included);
//! - redirects are not followed: a 3xx becomes
//!   [`UnexpectedStatus`](disco_oauth2::Error::UnexpectedStatus);
//! - 4xx/5xx bodies are read and classified by the core;
//! - response bodies are capped at 4 MiB ([`Error::BodyTooLarge`] beyond);
//! - a 429 is retried 3 times at most, after its `retry_after`, unless it
//!   asks for more than 60 s; a wait of a second or more is logged with
//!   `tracing::warn!`;
//! - one agent per client, so connections are reused.
//!
//! ## Security
//!
//! - **Secrets** (client secret, codes, PKCE verifier, CSRF state, tokens)
//!   never appear in this crate's `Debug`, `Display`, errors or logs.
//! - **Redirects** are never followed: the agent this crate builds has
//!   `max_redirects(0)`, and so has every request sent on your own
//!   [`agent`](ClientBuilder::agent). Token requests (code, verifier,
//!   refresh token) and add-member requests (the user's access token)
//!   therefore never reach another host.
//! - **TRACE logs of ureq**: ureq's protocol crate, `ureq_proto`, hex-dumps
//!   every request head and body, and every response, at `TRACE` through the
//!   `log` crate — the `Authorization` header (client secret, bearer and bot
//!   tokens) and token responses included. No setting of ureq turns it off.
//!   If your subscriber shows `log` records at `TRACE`, filter that target:
//!   `RUST_LOG=trace,ureq_proto=debug` (or
//!   `EnvFilter::new("trace,ureq_proto=debug")`).
//!
//! ## Tracing
//!
//! Each request runs in a `discord.request` span (level `DEBUG`) with the
//! fields `operation`, `method`, `path`, `attempt` and `status`. No token,
//! body or query string is ever recorded.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

mod builder;
mod client;
mod error;
mod session;
mod store;

pub use builder::{ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};
pub use client::Client;
pub use error::Error;
pub use session::UserSession;
#[cfg(feature = "redis")]
pub use store::RedisStore;
pub use store::{MemoryStore, StoredSession, TokenStore};
disco_oauth2::__runtime_reexports!();
