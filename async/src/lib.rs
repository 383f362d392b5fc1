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
/// a provider).
pub fn install_crypto_provider() {
    // An error means a provider is already installed: that one is used.
    let _ = rustls::crypto::ring::default_provider().install_default();
}
