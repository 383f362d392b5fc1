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
//! ## Login from a command-line program
//!
//! [`LoopbackRedirect`] listens on `127.0.0.1` for the redirect, and the
//! login flow ([`Client::start_login`], [`Client::finish_login`]) checks it
//! and returns the token; see the
//! [`cli_login` example](https://github.com/disco-oauth2/disco-oauth2/blob/main/blocking/examples/cli_login.rs)
//! (`cargo run -p disco-oauth2-blocking --example cli_login`). For a web
//! app, the async runtime's docs have "Login with Discord in axum".
//!
//! ## Devices, public clients, OpenID Connect, linked roles
//!
//! - **Device-code login** (RFC 8628), for consoles and programs without a
//!   browser: [`Client::start_device_login`] gives the code to show and the
//!   link; [`Client::wait_for_device_login`] polls at Discord's pace and
//!   returns the token (see the
//!   [`device_login` example](https://github.com/disco-oauth2/disco-oauth2/blob/main/blocking/examples/device_login.rs),
//!   which draws the link as a QR code).
//! - **Public clients** (no secret, PKCE only):
//!   [`ClientBuilder::public_client`].
//! - **OpenID Connect**: [`Client::verify_id_token`] checks an ID token
//!   against Discord's keys, kept in one cache per client;
//!   [`UserSession::fetch_userinfo`], [`Client::discovery_document`].
//! - **Linked roles, the app's side**:
//!   [`Client::fetch_role_connection_metadata`] and
//!   [`Client::replace_role_connection_metadata`] (bot token), with
//!   Discord's limits checked before sending.
//!
//! ## Token stores
//!
//! A [`StoredSession`] keeps a user's token in a [`TokenStore`] under your
//! key (their user id, or your session id) and makes each per-user call
//! with it. Before a call it refreshes a token that expires within the
//! policy's margin — one refresh at a time for every thread and process
//! sharing the store, the others waiting for its result — and after a 401
//! it refreshes once and sends the call again. Discord rotates refresh
//! tokens: two refreshes racing with one refresh token would log the user
//! out, which the store's lease and its compare-and-swap on the token's
//! version rule out.
//!
//! In one process (a threaded web server, a bot), the in-memory
//! [`MemoryStore`], shared by every thread:
//!
//! ```no_run
//! use std::sync::Arc;
//! use disco_oauth2_blocking::disco_oauth2::token_store::PlainJson;
//! use disco_oauth2_blocking::{Client, MemoryStore};
//!
//! let client = Client::builder(157730590492196864)
//!     .client_secret(std::env::var("DISCORD_CLIENT_SECRET")?)
//!     .build()?;
//! let tokens = MemoryStore::new();
//! let session = client.stored_session("user:80351110224678912", tokens, Arc::new(PlainJson));
//! # let token: disco_oauth2_blocking::AccessToken = todo!();
//! session.login(&token)?; // after the code exchange
//!
//! // From any number of request threads: one refresh when it is due.
//! let handlers: Vec<_> = (0..8)
//!     .map(|_| {
//!         let session = session.clone();
//!         std::thread::spawn(move || session.fetch_guilds().map(|g| g.len()))
//!     })
//!     .collect();
//! for handler in handlers {
//!     println!("{} guilds", handler.join().unwrap()?);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! (For an axum app, use `disco-oauth2-async`, whose docs show one.)
//! Several instances share the token through Redis (`RedisStore`, feature
//! `redis`), sealed with an AES-256-GCM key, so that Redis never holds a
//! usable token:
//!
//! ```no_run
//! # #[cfg(feature = "redis")]
//! # fn run(client: disco_oauth2_blocking::Client, token: disco_oauth2_blocking::AccessToken, key: [u8; 32])
//! # -> Result<(), disco_oauth2_blocking::Error> {
//! use std::sync::Arc;
//! use std::time::Duration;
//! use disco_oauth2_blocking::disco_oauth2::sealing::SealingKey;
//! use disco_oauth2_blocking::disco_oauth2::token_store::{RedisLayout, RefreshPolicy};
//! use disco_oauth2_blocking::RedisStore;
//!
//! // Once per instance: a pool of connections, shared by every thread.
//! let store = Arc::new(RedisStore::open("redis://redis.internal:6379", RedisLayout::new("myapp:tokens:"))?);
//! // The same 32 bytes in every instance, from your secret manager.
//! let sealing = Arc::new(SealingKey::from_bytes(key));
//! let policy = RefreshPolicy::default().margin(Duration::from_secs(120)).lease_ttl(Duration::from_secs(30));
//!
//! let session = client.stored_session("user:80351110224678912", store, sealing).with_policy(policy);
//! session.login(&token)?; // on the instance that made the code exchange
//! let me = session.fetch_user()?; // on any instance: one refresh among all of them
//! # let _ = me;
//! # Ok(())
//! # }
//! ```
//!
//! What to configure: the **key** (stable per user; a sealed value is bound
//! to it), the **margin** (default 60 s before `expires_at`), the lease's
//! **time-to-live** (default 30 s: how long the others wait for an instance
//! that crashed mid-refresh; it should outlast one refresh with its
//! retries: the refresh is cut when the lease ends, so it never races the
//! next holder's),
//! and for Redis the **sealing key** (`SealingKey`, 32 bytes, the same in
//! every instance; a wrong key or a tampered value is
//! `StoreError::Unsealable` and the value is left alone) and the key
//! prefix (`RedisLayout`).
//!
//! **When Redis is down**, each call of a stored session fails within 5 s
//! with [`Error::Session`] (`StoreError::Unavailable`): no request is made
//! with a possibly stale token and nothing is written. A lease held when it
//! went away ends by its time-to-live; the pool reconnects when it is back.
//!
//! In one process, sessions waiting for another's refresh sleep until its
//! token is written (`MemoryStore` wakes them); across instances they
//! re-read Redis every 50 ms, backing off to 1 s.
//!
//! A plain [`UserSession`] refreshes too, when asked:
//! [`run_fresh`](UserSession::run_fresh) refreshes before expiry and once
//! after a 401, handing each new token to your callback to persist.
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
mod loopback;
mod session;
mod store;

pub use builder::{ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};
pub use client::Client;
pub use error::Error;
pub use loopback::LoopbackRedirect;
pub use session::UserSession;
#[cfg(feature = "redis")]
pub use store::RedisStore;
pub use store::{MemoryStore, StoredSession, TokenStore};
disco_oauth2::__runtime_reexports!();
