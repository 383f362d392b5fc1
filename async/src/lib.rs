//! # disco-oauth2-async
//!
//! Discord's OAuth2 API for async programs on tokio (axum, actix…): the
//! [`disco-oauth2`](disco_oauth2) sans-IO core, run over
//! [reqwest](https://docs.rs/reqwest). One [`Client`] owns one connection
//! pool and one rate limiter; every core operation runs through
//! [`Client::run`]. Every future is `Send`, and dropping it cancels the call.
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
//! use disco_oauth2_async::authorize::{AuthorizationCallback, PkceChallenge};
//! use disco_oauth2_async::{BotToken, Client, CsrfState, GuildId, Scope};
//!
//! # async fn login() -> Result<(), Box<dyn std::error::Error>> {
//! // Build it once, share it (it is cheap to clone).
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
//! // 2. Discord redirects back to your handler; check the state, take the code.
//! let redirect = "https://nicememe.website/callback?code=NhhvTDYsFcdgNLnnLijcl7Ku7bEEeee&state=…";
//! let callback = AuthorizationCallback::parse_verified(redirect, &state)?;
//!
//! // 3. Trade the code for a token, and act as the user.
//! let token = client.exchange_code_with_pkce(callback.code, verifier).await?;
//! let mut user = client.user(token);
//! let me = user.fetch_user().await?;
//! let guilds = user.fetch_all_guilds().await?;
//! println!("{me} is in {} guilds", guilds.len());
//!
//! // Add them to your guild with your bot's token: added, or already there.
//! let bot = BotToken::new(std::env::var("DISCORD_BOT_TOKEN")?);
//! let added = user.add_to_guild(&bot, GuildId::new(81384788765712384), |op| op.nick("Nelly")).await?;
//! println!("newly added: {}", added.member().is_some());
//!
//! // Later: refresh (store the new token), and finally log out.
//! let fresh = user.refresh().await?.clone();
//! # let _ = fresh;
//! user.revoke().await?;
//! # Ok(())
//! # }
//! ```
//!
//! ## Login with Discord in axum
//!
//! The login flow keeps nothing on the server between `/login` and
//! `/callback`: [`Client::start_login`] gives the authorization URL and a
//! sealed cookie (state, PKCE verifier, redirect URI, expiry; AES-256-GCM
//! with your [`SealingKey`](sealing::SealingKey)), and
//! [`Client::finish_login`] checks the callback against it and returns the
//! token. The callback's query is axum's `Query<CallbackQuery>`.
//!
//! ```ignore
//! async fn login(State(app): State<Arc<App>>) -> Result<Response, AppError> {
//!     let start = app.client.start_login(&app.key)?;
//!     let cookie = AppendHeaders([(SET_COOKIE, start.set_cookie_header())]);
//!     Ok((cookie, Redirect::to(start.url().as_str())).into_response())
//! }
//!
//! async fn callback(State(app): State<Arc<App>>, headers: HeaderMap, Query(query): Query<CallbackQuery>)
//!     -> Result<Response, AppError> {
//!     let cookie = login::cookie_value(&headers, login::DEFAULT_COOKIE_NAME).unwrap_or_default();
//!     let token = app.client.finish_login(&app.key, cookie, &query).await?;
//!     // keep the token server-side, under a session id in another cookie …
//! }
//! ```
//!
//! The whole app — `/`, `/login`, `/callback` with the user, their guilds
//! and avatar, `/logout` with revocation, and an `AppError` answering each
//! [`ErrorKind`] with an HTTP status — is the
//! [`axum_login` example](https://github.com/disco-oauth2/disco-oauth2/blob/main/async/examples/axum_login.rs):
//! `cargo run -p disco-oauth2-async --example axum_login` runs it against a
//! fake Discord, and a test drives it in headless Chromium.
//!
//! ## Devices, public clients, OpenID Connect, linked roles
//!
//! - **Device-code login** (RFC 8628), for consoles and programs without a
//!   browser: [`Client::start_device_login`] gives the code to show and the
//!   link; [`Client::wait_for_device_login`] polls at Discord's pace and
//!   returns the token; dropping its future cancels the login.
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
//! key (their user id, or your session id) and makes every per-user call
//! with it: it refreshes the token when it expires within a margin, one
//! refresh at a time for everyone sharing the store (the others wait and
//! use its result), and after a 401 refreshes once and sends the call
//! again. Discord rotates refresh tokens, so two refreshes racing with the
//! same one would log the user out; the store's refresh lease and its
//! compare-and-swap on the token's version make that impossible.
//!
//! In one process (an axum app), the in-memory [`MemoryStore`]:
//!
//! ```no_run
//! use std::sync::Arc;
//! use axum::extract::{Path, State};
//! use axum::{Router, routing::get};
//! use disco_oauth2_async::disco_oauth2::token_store::PlainJson;
//! use disco_oauth2_async::{Client, MemoryStore, StoredSession};
//!
//! #[derive(Clone)]
//! struct App {
//!     client: Client,
//!     tokens: Arc<MemoryStore>,
//! }
//!
//! impl App {
//!     fn session(&self, user: u64) -> StoredSession<MemoryStore> {
//!         // Tokens never leave the process: plain JSON is enough.
//!         self.client.stored_session(format!("user:{user}"), self.tokens.clone(), Arc::new(PlainJson))
//!     }
//! }
//!
//! async fn guilds(State(app): State<App>, Path(user): Path<u64>) -> Result<String, String> {
//!     // Refreshed first if it is due; many requests at once share one refresh.
//!     let guilds = app.session(user).fetch_guilds().await.map_err(|e| e.to_string())?;
//!     Ok(format!("{} guilds", guilds.len()))
//! }
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = Client::builder(157730590492196864)
//!     .client_secret(std::env::var("DISCORD_CLIENT_SECRET")?)
//!     .build()?;
//! let app = App { client, tokens: MemoryStore::new() };
//! // In the OAuth2 callback handler, after the code exchange:
//! # let token: disco_oauth2_async::AccessToken = todo!();
//! app.session(80351110224678912).login(&token).await?;
//!
//! let router = Router::new().route("/users/{user}/guilds", get(guilds)).with_state(app);
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
//! axum::serve(listener, router).await?;
//! # Ok(())
//! # }
//! ```
//!
//! Several instances behind a load balancer share the token through Redis
//! (`RedisStore`, feature `redis`), sealed with an AES-256-GCM key so that
//! Redis never holds a usable token:
//!
//! ```no_run
//! # #[cfg(feature = "redis")]
//! # async fn run(client: disco_oauth2_async::Client, token: disco_oauth2_async::AccessToken, key: [u8; 32])
//! # -> Result<(), disco_oauth2_async::Error> {
//! use std::sync::Arc;
//! use std::time::Duration;
//! use disco_oauth2_async::disco_oauth2::sealing::SealingKey;
//! use disco_oauth2_async::disco_oauth2::token_store::{RedisLayout, RefreshPolicy};
//! use disco_oauth2_async::RedisStore;
//!
//! // Once per instance: one multiplexed connection, shared by every task,
//! // reopened after a failure.
//! let store = Arc::new(RedisStore::connect("redis://redis.internal:6379", RedisLayout::new("myapp:tokens:")).await?);
//! // The same 32 bytes in every instance, from your secret manager.
//! let sealing = Arc::new(SealingKey::from_bytes(key));
//! let policy = RefreshPolicy::default()
//!     .margin(Duration::from_secs(120))
//!     .lease_ttl(Duration::from_secs(30));
//!
//! let session = client.stored_session("user:80351110224678912", store, sealing).with_policy(policy);
//! session.login(&token).await?; // after the code exchange, on any instance
//! let me = session.fetch_user().await?; // on any instance: one refresh among all of them
//! # let _ = me;
//! # Ok(())
//! # }
//! ```
//!
//! What to configure:
//!
//! - **the key**: stable per user (their Discord id, or your session id);
//!   sealed values are bound to it, so a value copied under another key
//!   does not open;
//! - **the margin** ([`RefreshPolicy::margin`](disco_oauth2::token_store::RefreshPolicy::margin),
//!   default 60 s): how long before `expires_at` a token is refreshed;
//! - **the lease's time-to-live** ([`RefreshPolicy::lease_ttl`](disco_oauth2::token_store::RefreshPolicy::lease_ttl),
//!   default 30 s): how long the others wait for an instance that crashed
//!   while refreshing; it should outlast one refresh request with its
//!   retries: the refresh is cut when the lease ends, so it never races the
//!   next holder's; waiting gives up 5 s after it;
//! - **the sealing key** (`SealingKey`, 32 bytes, feature `redis` brings
//!   it): the same in every instance; a wrong key or a tampered value is
//!   `StoreError::Unsealable`, and the value is left as it is;
//! - the Redis key prefix ([`RedisLayout`](disco_oauth2::token_store::RedisLayout)).
//!
//! **When Redis is down**, every call of a stored session fails with
//! [`Error::Session`] (`StoreError::Unavailable`): no request is made with a
//! token that may be stale, and nothing is written. A lease held when Redis
//! went away ends by its time-to-live; the stored token is intact when
//! Redis comes back, and the store reconnects by itself: a call fails
//! within 3 s while Redis is unreachable, and the first call once it is back
//! works.
//!
//! In one process, sessions waiting for another's refresh sleep until its
//! token is written (`MemoryStore` wakes them); across instances they
//! re-read Redis every 50 ms, backing off to 1 s.
//!
//! A plain [`UserSession`] refreshes too, when asked:
//! [`run_fresh`](UserSession::run_fresh) refreshes before expiry and once
//! after a 401, and hands each new token to your callback to persist.
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
//! - no proxy from the environment; rustls with ring (native-tls with the
//!   `native-tls` feature); one `reqwest::Client` per client, so connections
//!   are reused.
//!
//! ## Security
//!
//! - **Secrets** (client secret, codes, PKCE verifier, CSRF state, tokens)
//!   never appear in this crate's `Debug`, `Display`, errors or logs, and
//!   reqwest logs no headers or bodies.
//! - **Redirects**: the `reqwest::Client` this crate builds never follows
//!   one. A client you hand over with
//!   [`http_client`](ClientBuilder::http_client) keeps its own policy, which
//!   reqwest does not let this crate read: with reqwest's default it follows
//!   redirects and re-sends token requests (code, PKCE verifier, refresh
//!   token) and add-member requests (the user's access token) to the target
//!   before this crate can refuse the answer ([`Error::Redirected`]). Build
//!   yours with `.redirect(reqwest::redirect::Policy::none())`.
//! - **TRACE logs**: neither this crate nor reqwest and hyper log request
//!   headers or bodies; transport errors are shown without their URL.
//!
//! ## Tracing
//!
//! Each request runs in a `discord.request` span (level `DEBUG`) with the
//! fields `operation`, `method`, `path`, `attempt` and `status`. No token,
//! body or query string is ever recorded.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

mod api_urls;
mod builder;
mod client;
mod error;
mod session;
mod store;

#[cfg(feature = "redis")]
pub use store::RedisStore;
pub use {
    builder::{ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT},
    client::Client,
    error::Error,
    session::UserSession,
    store::{MemoryStore, StoredSession, TokenStore},
};
disco_oauth2::__runtime_reexports!();

/// Installs rustls's ring provider as the process's default, if no default
/// is installed yet. The clients this crate builds call it; call it yourself
/// before building your own `reqwest::Client` for
/// [`ClientBuilder::http_client`] (reqwest's rustls backend panics without
/// a provider). Without the `rustls` feature it does nothing.
pub fn install_crypto_provider() {
    // An error means a provider is already installed: that one is used.
    #[cfg(feature = "rustls")]
    let _ = rustls::crypto::ring::default_provider().install_default();
}
