//! A stateful fake of Discord's OAuth2 and user API on loopback, for your tests and demos.
//!
//! Point a `disco-oauth2` client (or any OAuth2 client, in any language) at it and run the
//! whole login — authorize, code exchange with PKCE, refresh, revoke — plus the user, guild,
//! connection and role-connection reads, with no network and no Discord application.
//!
//! [`FakeDiscord::start`] binds a free port on `127.0.0.1` and serves on its own OS thread
//! with its own tokio runtime, so it works the same from plain `#[test]`s and from
//! `#[tokio::test]`s. It speaks raw HTTP and JSON exactly as Discord documents it (status
//! codes, error bodies, rate-limit headers), keeps real grant state (codes are single-use,
//! refresh tokens rotate and work once, revocation kills the whole authorization, scopes are
//! enforced, tokens expire by the fake's clock), serves CDN images for its users and guilds,
//! and lets a test inject faults and inspect every request it received. Dropping the handle
//! stops the server.
//!
//! ```no_run
//! use std::time::Duration;
//! use disco_oauth2_fake::{Fault, FakeDiscord};
//!
//! let fake = FakeDiscord::builder()
//!     .token_lifetime(Duration::from_secs(3600))
//!     .refresh_reuse_revokes_grant(true)
//!     .start();
//! // Point a client at the fake:
//! let api_base = fake.api_base(); // http://127.0.0.1:PORT/api/v10
//! let authorize = fake.authorize_url(); // http://127.0.0.1:PORT/oauth2/authorize
//! let cdn_base = fake.cdn_base(); // http://127.0.0.1:PORT
//! let (id, secret, redirect) = (fake.client_id(), fake.client_secret(), fake.redirect_uri());
//! # let _ = (api_base, authorize, cdn_base, id, secret, redirect);
//!
//! // Skip the browser: get a code (or tokens) directly.
//! let tokens = fake.grant(&["identify", "guilds"]);
//! // An hour later by the fake's clock, the access token is dead.
//! fake.advance(Duration::from_secs(3600));
//! assert!(!fake.access_token_alive(&tokens.access_token));
//! assert_eq!(fake.refresh_count(&tokens.refresh_token), 0);
//!
//! // Make the next API request fail with a 429, then count what the client sent.
//! fake.inject(Fault::rate_limited(0.05), 1);
//! assert!(fake.requests().is_empty());
//! ```
//!
//! # With the blocking runtime
//!
//! ```ignore
//! use disco_oauth2_blocking::{Client, disco_oauth2};
//! use disco_oauth2_fake::FakeDiscord;
//!
//! let fake = FakeDiscord::start();
//! let core = disco_oauth2::Client::builder(fake.client_id())
//!     .client_secret(fake.client_secret())
//!     .redirect_uri(fake.redirect_uri())
//!     .api_base(fake.api_base())
//!     .authorize_url(fake.authorize_url())
//!     .cdn_base(fake.cdn_base())
//!     .build()?;
//! let client = Client::from_core(core);
//! let code = fake.authorize_code(&["identify", "guilds"], None);
//! let token = client.exchange_code(code)?;
//! let session = client.user(token);
//! let me = session.fetch_user()?;
//! assert_eq!(me.username, "nelly");
//! // The avatar loads from the fake's CDN.
//! let avatar = client.core().cdn().rebase(&me.avatar_url(None, None).unwrap_or_default());
//! assert!(avatar.starts_with(&fake.cdn_base()));
//! ```
//!
//! # With the async runtime
//!
//! ```ignore
//! use disco_oauth2_async::Client;
//! use disco_oauth2_fake::FakeDiscord;
//!
//! #[tokio::test]
//! async fn login_against_the_fake() -> Result<(), Box<dyn std::error::Error>> {
//!     // The fake runs on its own thread: starting it inside a tokio test is fine.
//!     let fake = FakeDiscord::start();
//!     let client = Client::builder(fake.client_id())
//!         .client_secret(fake.client_secret())
//!         .redirect_uri(fake.redirect_uri())
//!         .api_base(fake.api_base())
//!         .authorize_url(fake.authorize_url())
//!         .build()?;
//!     let code = fake.authorize_code(&["identify", "guilds"], None);
//!     let token = client.exchange_code(code).await?;
//!     let guilds = client.user(token).fetch_guilds().await?;
//!     assert_eq!(guilds.len(), 3);
//!     assert_eq!(fake.requests().len(), 2);
//!     Ok(())
//! }
//! ```
//!
//! (See the runtime crates' documentation for their full API.)
//!
//! # As a separate process
//!
//! `cargo run -p disco-oauth2-fake -- --port 8080` (or the installed `disco-oauth2-fake`
//! binary) serves the default world on `127.0.0.1:8080`, prints its URLs and the client
//! credentials, and runs until Ctrl-C or until its standard input closes. Options:
//! `--host ADDR`, `--port N`, `--lifetime SECS`, `--redirect-uri URI` (repeatable),
//! `--interactive` (an HTML consent page), `--refresh-reuse-revokes-grant`.
//!
//! # Routes
//!
//! | route | behaviour |
//! |---|---|
//! | `GET /oauth2/authorize` | validates, then 302 to `redirect_uri?code=…&state=…` (or `#access_token=…` for `response_type=token`); 400 text page for invalid requests; HTML consent page in interactive mode |
//! | `POST /oauth2/authorize` | the consent form (`action=authorize` or `cancel` → `error=access_denied`) |
//! | `POST /api/v10/oauth2/token` | `authorization_code` (+ PKCE S256), `refresh_token` (rotating, single-use), `client_credentials`, the device code; an `id_token` (with the authorize request's `nonce`) when `openid` is granted |
//! | `POST /api/v10/oauth2/token/revoke` | RFC 7009; kills the whole authorization; 200 `{}` |
//! | `GET /api/v10/oauth2/@me` | current authorization |
//! | `GET /api/v10/oauth2/applications/@me` | the application, with `Authorization: Bot …` |
//! | `GET /api/v10/users/@me` | `identify` (+`email`) |
//! | `GET /api/v10/users/@me/guilds` | `guilds`; `before`, `after`, `limit` (1–200), `with_counts` |
//! | `GET /api/v10/users/@me/guilds/{id}/member` | `guilds.members.read` |
//! | `GET /api/v10/users/@me/connections` | `connections` |
//! | `GET/PUT/DELETE /api/v10/users/@me/applications/{id}/role-connection` | `role_connections.write` |
//! | `PUT /api/v10/guilds/{id}/members/{user_id}` | `Authorization: Bot …`; 201 then 204 |
//! | `GET /avatars/{user_id}/{hash}.{ext}` | a user's avatar (16×16 PNG) |
//! | `GET /banners/{id}/{hash}.{ext}` | a user's or a guild's banner |
//! | `GET /icons/{guild_id}/{hash}.{ext}` | a guild's icon |
//! | `GET /embed/avatars/{0-5}.png` | the default avatars |
//! | `POST /api/v10/oauth2/device/authorize` | RFC 8628 device login (`client_id`, `scope`); the token endpoint takes `urn:ietf:params:oauth:grant-type:device_code` |
//! | `GET/POST /activate` | the page where the user enters the code and approves or denies ([`FakeDiscord::approve_device`] skips it) |
//! | `GET /.well-known/openid-configuration` | the discovery document (issuer `https://discord.com`, the fake's endpoints) |
//! | `GET /api/oauth2/keys` | the key set of the ID tokens (RS256; [`FakeDiscord::rotate_signing_key`]) |
//! | `GET /api/v10/oauth2/userinfo` | `openid` |
//! | `GET/PUT /api/v10/applications/{id}/role-connections/metadata` | `Authorization: Bot …`; at most 5 records |
//!
//! Error bodies: a dead, expired or missing bearer token gets 401
//! `{"message": "401: Unauthorized", "code": 0}`; a token without the route's scope gets 403
//! `{"message": "Missing required OAuth2 scope", "code": 50026}`; unknown routes (and CDN
//! hashes the world does not hold) 404 `{"message": "404: Not Found", "code": 0}`; wrong
//! methods 405 `{"message": "405: Method Not Allowed", "code": 0}`; request bodies over
//! 64 KiB 413. The token and revoke endpoints answer with RFC 6749 bodies (`invalid_client`
//! with 401, `invalid_request`, `invalid_grant`, `unsupported_grant_type`, `invalid_scope`
//! with 400). Every response carries `X-RateLimit-Limit`, `-Remaining`, `-Reset`,
//! `-Reset-After` and `-Bucket` (stable per route).
//!
//! # Refresh tokens and time
//!
//! Each refresh token works once: the refresh returns a new one and a rotated token answers
//! `invalid_grant`. With [`FakeDiscordBuilder::refresh_reuse_revokes_grant`], a rotated token
//! coming back is treated as theft (RFC 9700 §4.14.2) and the whole grant is revoked.
//! [`FakeDiscord::refresh_count`] tells how many refreshes a grant saw, so a test can check
//! that concurrent callers refreshed exactly once. Access tokens live
//! [`token_lifetime`](FakeDiscordBuilder::token_lifetime) seconds by the fake's clock;
//! [`FakeDiscord::advance`] moves that clock forward, so tests need no sleeps.
//!
//! # The default world
//!
//! - Application [`CLIENT_ID`] `159799960412356608` ("AIRHORN SOLUTIONS"), secret
//!   [`CLIENT_SECRET`], registered redirect [`REDIRECT_URI`] `http://127.0.0.1:8080/callback`
//!   (nothing needs to listen there: tests read the `Location` header), bot token
//!   [`BOT_TOKEN`], owner [`OWNER_ID`] (the user behind client-credentials tokens).
//! - User [`USER_ID`] `80351110224678912`: username `nelly`, discriminator `"0"`, global
//!   name `Nelly`, email `nelly@discord.com` (verified), with an avatar and a banner.
//! - Guilds (ascending): [`GUILD_DISCORD_API`] (member with nick, bot present),
//!   [`GUILD_TESTERS`] (member), [`GUILD_BOT_ONLY`] (bot present, user not a member: the
//!   add-member target), [`GUILD_OWNED`] (owner, all permissions, counts 3268/784).
//! - Connections: GitHub (visible, not two-way) and Twitch (hidden, two-way link).
//!
//! Everything can be changed on the [`FakeDiscordBuilder`]: the application, the user and
//! other users, guilds ([`FakeGuild`]), connections, the scopes the app may get, token
//! lifetimes, theft detection, interactive consent and the listening address.
//!
//! # Faults and observation
//!
//! [`FakeDiscord::inject`] queues a [`Fault`] for the next N requests under `/api/`
//! ([`FakeDiscord::inject_at`] takes a path prefix); [`FakeDiscord::requests`] returns every
//! request as received (before faults), so a test can count a client's retries.

// Handlers return `Result<_, Response>` with axum's (large) response as the error on purpose.
#![allow(clippy::result_large_err)]

mod builder;
mod defaults;
mod faults;
mod png;
mod ratelimit_headers;
mod record;
#[cfg(unix)]
pub mod redis_server;
mod reply;
mod routes;
mod server;
mod state;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;

pub use builder::FakeDiscordBuilder;
pub use defaults::{
    BOT_TOKEN, CLIENT_ID, CLIENT_SECRET, FakeGuild, GUILD_BOT_ONLY, GUILD_DISCORD_API, GUILD_OWNED,
    GUILD_TESTERS, KNOWN_SCOPES, OWNER_ID, REDIRECT_URI, USER_ID,
};
pub use faults::{Fault, RateLimitScope};
pub use record::RecordedRequest;

use faults::FaultRule;
use server::Running;
use state::Shared;

/// Tokens issued directly by [`FakeDiscord::grant`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tokens {
    /// The access token.
    pub access_token: String,
    /// The refresh token.
    pub refresh_token: String,
}

/// A running fake Discord; dropping it shuts the server down.
pub struct FakeDiscord {
    shared: Arc<Shared>,
    running: Running,
}

/// Shows where it listens, not its world (its secrets and request log).
impl std::fmt::Debug for FakeDiscord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeDiscord")
            .field("addr", &self.addr())
            .finish_non_exhaustive()
    }
}

impl FakeDiscord {
    /// Starts a fake with the default world (see the crate's constants).
    ///
    /// # Panics
    ///
    /// If no loopback port can be bound.
    pub fn start() -> FakeDiscord {
        FakeDiscord::builder().start()
    }

    /// A builder to change the world before starting.
    pub fn builder() -> FakeDiscordBuilder {
        FakeDiscordBuilder::default()
    }

    /// The socket address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.running.addr
    }

    /// `http://127.0.0.1:PORT`.
    pub fn origin(&self) -> String {
        format!("http://{}", self.running.addr)
    }

    /// The API base, `http://127.0.0.1:PORT/api/v10` (a client builder's `api_base`).
    pub fn api_base(&self) -> String {
        format!("{}/api/v10", self.origin())
    }

    /// The authorize URL, `http://127.0.0.1:PORT/oauth2/authorize`.
    pub fn authorize_url(&self) -> String {
        format!("{}/oauth2/authorize", self.origin())
    }

    /// The token URL, `http://127.0.0.1:PORT/api/v10/oauth2/token`.
    pub fn token_url(&self) -> String {
        format!("{}/oauth2/token", self.api_base())
    }

    /// The CDN base, `http://127.0.0.1:PORT` (a client builder's `cdn_base`): avatars,
    /// banners and icons of the fake's users and guilds load from there.
    pub fn cdn_base(&self) -> String {
        self.origin()
    }

    /// The application (client) id, as `Client::builder` takes it.
    pub fn client_id(&self) -> u64 {
        self.application_id()
    }

    /// The application id (the same as [`client_id`](Self::client_id)).
    pub fn application_id(&self) -> u64 {
        self.shared.lock().app.id
    }

    /// The client secret.
    pub fn client_secret(&self) -> String {
        self.shared.lock().app.secret.clone()
    }

    /// The first registered redirect URI (empty if none is registered).
    pub fn redirect_uri(&self) -> String {
        self.redirect_uris().into_iter().next().unwrap_or_default()
    }

    /// All registered redirect URIs.
    pub fn redirect_uris(&self) -> Vec<String> {
        self.shared.lock().app.redirect_uris.clone()
    }

    /// The application's bot token.
    pub fn bot_token(&self) -> String {
        self.shared.lock().app.bot_token.clone()
    }

    /// The configured user's full object (with `email` and `verified`).
    pub fn user(&self) -> Value {
        let world = self.shared.lock();
        world
            .users
            .get(&world.user_id)
            .cloned()
            .unwrap_or(Value::Null)
    }

    /// The configured user's id.
    pub fn user_id(&self) -> u64 {
        self.shared.lock().user_id
    }

    /// Queues `fault` for the next `times` requests under `/api/`.
    pub fn inject(&self, fault: Fault, times: usize) {
        self.inject_at("/api/", fault, times);
    }

    /// Queues `fault` for the next `times` requests whose path starts with `path_prefix`
    /// (e.g. `"/api/v10/oauth2/token"` or `"/oauth2/authorize"`). Rules apply in queue order.
    pub fn inject_at(&self, path_prefix: &str, fault: Fault, times: usize) {
        if times == 0 {
            return;
        }
        self.shared.lock().faults.push(FaultRule {
            fault,
            remaining: times,
            path_prefix: path_prefix.to_owned(),
        });
    }

    /// Drops all queued faults.
    pub fn clear_faults(&self) {
        self.shared.lock().faults.clear();
    }

    /// Every request received so far (recorded before faults apply).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.lock().requests.iter().cloned().collect()
    }

    /// Forgets the recorded requests.
    pub fn clear_requests(&self) {
        let mut world = self.shared.lock();
        world.requests.clear();
        world.recorded_body_bytes = 0;
    }

    /// Makes `/oauth2/authorize` deny the next `n` authorizations (`error=access_denied`).
    pub fn deny_next_authorizations(&self, n: usize) {
        self.shared.lock().deny_next = n;
    }

    /// Switches interactive mode (HTML consent page) on or off.
    pub fn set_interactive(&self, interactive: bool) {
        self.shared.lock().interactive = interactive;
    }

    /// Issues an authorization code for the configured user, bound to [`Self::redirect_uri`],
    /// as if they had consented in a browser. `code_challenge` is an S256 challenge.
    pub fn authorize_code(&self, scopes: &[&str], code_challenge: Option<&str>) -> String {
        let redirect = self.redirect_uri();
        let scopes = scopes.iter().map(|s| (*s).to_owned()).collect();
        self.shared.lock().issue_code(
            scopes,
            redirect,
            true,
            code_challenge.map(str::to_owned),
            None,
        )
    }

    /// Issues access and refresh tokens for the configured user directly.
    pub fn grant(&self, scopes: &[&str]) -> Tokens {
        let mut world = self.shared.lock();
        let user = world.user_id;
        let scopes = scopes.iter().map(|s| (*s).to_owned()).collect();
        let issued = world.issue_grant(user, scopes, true, None);
        Tokens {
            access_token: issued.access_token,
            refresh_token: issued.refresh_token.unwrap_or_default(),
        }
    }

    /// Makes an access token expired; returns whether it was known.
    pub fn expire_access_token(&self, access_token: &str) -> bool {
        match self.shared.lock().access.get_mut(access_token) {
            Some(rec) => {
                rec.expires_at = UNIX_EPOCH;
                true
            }
            None => false,
        }
    }

    /// Revokes every authorization.
    pub fn revoke_all(&self) {
        let mut world = self.shared.lock();
        let grants: Vec<u64> = world.grants.keys().copied().collect();
        for g in grants {
            world.revoke_grant(g);
        }
    }

    /// Whether an access token is live (known, not revoked, not rotated, not expired).
    pub fn access_token_alive(&self, access_token: &str) -> bool {
        self.shared.lock().bearer(access_token).is_some()
    }

    /// Whether a refresh token can still be used.
    pub fn refresh_token_alive(&self, refresh_token: &str) -> bool {
        let world = self.shared.lock();
        world
            .refresh
            .get(refresh_token)
            .and_then(|g| world.grants.get(g))
            .is_some_and(|g| g.alive)
    }

    /// The scopes of a live access token.
    pub fn token_scopes(&self, access_token: &str) -> Option<Vec<String>> {
        self.shared.lock().bearer(access_token).map(|b| b.scopes)
    }

    /// Whether `user_id` is a member of `guild_id`.
    pub fn is_member(&self, guild_id: u64, user_id: u64) -> bool {
        self.shared
            .lock()
            .members
            .contains_key(&(guild_id, user_id))
    }

    /// Whether the bot is in `guild_id`.
    pub fn bot_in_guild(&self, guild_id: u64) -> bool {
        self.shared
            .lock()
            .guilds
            .get(&guild_id)
            .is_some_and(|g| g.bot_present)
    }

    /// Moves the fake's clock forward: tokens and codes expire as if `by` had passed.
    pub fn advance(&self, by: Duration) {
        let mut world = self.shared.lock();
        world.clock_offset = world.clock_offset.saturating_add(by);
    }

    /// The fake's current time (real time plus every [`advance`](Self::advance)).
    pub fn now(&self) -> SystemTime {
        self.shared.lock().now()
    }

    /// How many successful refreshes the grant of `token` has seen; `token` is any access or
    /// refresh token issued under it, rotated ones included (0 for unknown tokens).
    pub fn refresh_count(&self, token: &str) -> u64 {
        let world = self.shared.lock();
        world
            .grant_of(token)
            .and_then(|g| world.grants.get(&g))
            .map_or(0, |g| g.refreshes)
    }

    /// Successful refreshes over all grants.
    pub fn total_refreshes(&self) -> u64 {
        self.shared
            .lock()
            .grants
            .values()
            .map(|g| g.refreshes)
            .sum()
    }

    /// Whether the grant of `token` (any token issued under it) is still authorized.
    pub fn grant_alive(&self, token: &str) -> bool {
        let world = self.shared.lock();
        world
            .grant_of(token)
            .and_then(|g| world.grants.get(&g))
            .is_some_and(|g| g.alive)
    }

    /// Whether the grant of `token` was revoked because a rotated refresh token came back
    /// (see [`FakeDiscordBuilder::refresh_reuse_revokes_grant`]).
    pub fn grant_revoked_for_reuse(&self, token: &str) -> bool {
        let world = self.shared.lock();
        world
            .grant_of(token)
            .and_then(|g| world.grants.get(&g))
            .is_some_and(|g| g.revoked_for_reuse)
    }

    /// Issues access and refresh tokens for any user of the world (see
    /// [`FakeDiscordBuilder::other_user`]); `None` for an unknown user.
    pub fn grant_for(&self, user_id: u64, scopes: &[&str]) -> Option<Tokens> {
        let mut world = self.shared.lock();
        if !world.users.contains_key(&user_id) {
            return None;
        }
        let scopes = scopes.iter().map(|s| (*s).to_owned()).collect();
        let issued = world.issue_grant(user_id, scopes, true, None);
        Some(Tokens {
            access_token: issued.access_token,
            refresh_token: issued.refresh_token.unwrap_or_default(),
        })
    }

    /// Makes another user of the world the one who logs in through `/oauth2/authorize` and
    /// [`authorize_code`](Self::authorize_code); returns whether the user is known.
    pub fn set_current_user(&self, user_id: u64) -> bool {
        let mut world = self.shared.lock();
        let known = world.users.contains_key(&user_id);
        if known {
            world.user_id = user_id;
        }
        known
    }

    /// The configured user's stored role connection, if one was PUT.
    pub fn role_connection(&self) -> Option<Value> {
        let world = self.shared.lock();
        world.role_connections.get(&world.user_id).cloned()
    }
}
