//! A stateful fake of Discord's OAuth2 and user API, served on loopback for tests and demos.
//!
//! [`FakeDiscord::start`] binds `127.0.0.1:0` and serves on its own OS thread with its own
//! tokio runtime, so it works the same from plain `#[test]`s and from `#[tokio::test]`s.
//! It speaks raw HTTP and JSON exactly as Discord documents it (status codes, error bodies,
//! rate-limit headers), keeps real grant state (codes are single-use, refresh tokens rotate,
//! revocation kills the whole authorization, scopes are enforced), and lets a test inject
//! faults and inspect every request it received. Dropping the handle stops the server.
//!
//! ```no_run
//! use disco_oauth2_fake::{Fault, FakeDiscord};
//!
//! let fake = FakeDiscord::start();
//! // Point a client at the fake:
//! let api_base = fake.base_url(); // http://127.0.0.1:PORT/api/v10
//! let authorize = fake.authorize_url(); // http://127.0.0.1:PORT/oauth2/authorize
//! let (id, secret, redirect) = (fake.client_id(), fake.client_secret(), fake.redirect_uri());
//! # let _ = (api_base, authorize, id, secret, redirect);
//!
//! // Skip the browser: get a code (or tokens) directly.
//! let code = fake.authorize_code(&["identify", "guilds"], None);
//! # let _ = code;
//!
//! // Make the next API request fail with a 429, then count what the client sent.
//! fake.inject(Fault::rate_limited(0.05), 1);
//! assert!(fake.requests().is_empty());
//! ```
//!
//! # Routes
//!
//! | route | behaviour |
//! |---|---|
//! | `GET /oauth2/authorize` | validates, then 302 to `redirect_uri?code=…&state=…` (or `#access_token=…` for `response_type=token`); 400 text page for invalid requests; HTML consent page in interactive mode |
//! | `POST /oauth2/authorize` | the consent form (`action=authorize` or `cancel` → `error=access_denied`) |
//! | `POST /api/v10/oauth2/token` | `authorization_code` (+ PKCE S256), `refresh_token` (rotating), `client_credentials` |
//! | `POST /api/v10/oauth2/token/revoke` | RFC 7009; kills the whole authorization; 200 `{}` |
//! | `GET /api/v10/oauth2/@me` | current authorization |
//! | `GET /api/v10/oauth2/applications/@me` | the application, with `Authorization: Bot …` |
//! | `GET /api/v10/users/@me` | `identify` (+`email`) |
//! | `GET /api/v10/users/@me/guilds` | `guilds`; `before`, `after`, `limit` (1–200), `with_counts` |
//! | `GET /api/v10/users/@me/guilds/{id}/member` | `guilds.members.read` |
//! | `GET /api/v10/users/@me/connections` | `connections` |
//! | `GET/PUT/DELETE /api/v10/users/@me/applications/{id}/role-connection` | `role_connections.write` |
//! | `PUT /api/v10/guilds/{id}/members/{user_id}` | `Authorization: Bot …`; 201 then 204 |
//!
//! Error bodies: a dead, expired or missing bearer token gets 401
//! `{"message": "401: Unauthorized", "code": 0}`; a token without the route's scope gets 403
//! `{"message": "Missing required OAuth2 scope", "code": 50026}`; unknown routes 404
//! `{"message": "404: Not Found", "code": 0}`; wrong methods 405
//! `{"message": "405: Method Not Allowed", "code": 0}`; request bodies over 64 KiB 413.
//! The token and revoke endpoints answer with RFC 6749 bodies (`invalid_client` with 401,
//! `invalid_request`, `invalid_grant`, `unsupported_grant_type`, `invalid_scope` with 400).
//! Every response carries `X-RateLimit-Limit`, `-Remaining`, `-Reset`, `-Reset-After` and
//! `-Bucket` (stable per route).
//!
//! # Seed data
//!
//! - Application [`CLIENT_ID`] `159799960412356608` ("AIRHORN SOLUTIONS"), secret
//!   [`CLIENT_SECRET`], registered redirect [`REDIRECT_URI`] `http://127.0.0.1:8080/callback`
//!   (nothing needs to listen there: tests read the `Location` header), bot token
//!   [`BOT_TOKEN`], owner [`OWNER_ID`] (the user behind client-credentials tokens).
//! - User [`USER_ID`] `80351110224678912`: `user_example_1.json` migrated to username `nelly`,
//!   discriminator `"0"`, global name `Nelly`, email `nelly@discord.com` (verified).
//! - Guilds (ascending): [`GUILD_DISCORD_API`] (member with nick, bot present),
//!   [`GUILD_TESTERS`] (member), [`GUILD_BOT_ONLY`] (bot present, user not a member: the
//!   add-member target), [`GUILD_OWNED`] (owner, all permissions, counts 3268/784).
//! - Connections: GitHub (visible, not two-way) and Twitch (hidden, two-way link).
//!
//! # Faults and observation
//!
//! [`FakeDiscord::inject`] queues a [`Fault`] for the next N requests under `/api/`
//! ([`FakeDiscord::inject_at`] takes a path prefix); [`FakeDiscord::requests`] returns every
//! request as received (before faults), so a test can count a client's retries.

// Handlers return `Result<_, Response>` with axum's (large) response as the error on purpose.
#![allow(clippy::result_large_err)]

mod builder;
mod faults;
mod ratelimit_headers;
mod record;
#[cfg(unix)]
pub mod redis_server;
mod reply;
mod routes;
mod seed;
mod server;
mod state;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::UNIX_EPOCH;

use serde_json::Value;

pub use builder::FakeDiscordBuilder;
pub use faults::{Fault, RateLimitScope};
pub use record::RecordedRequest;
pub use seed::{
    BOT_TOKEN, CLIENT_ID, CLIENT_SECRET, FakeGuild, GUILD_BOT_ONLY, GUILD_DISCORD_API, GUILD_OWNED,
    GUILD_TESTERS, KNOWN_SCOPES, OWNER_ID, REDIRECT_URI, USER_ID,
};

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

    /// The API base, `http://127.0.0.1:PORT/api/v10`.
    pub fn base_url(&self) -> String {
        format!("{}/api/v10", self.origin())
    }

    /// The authorize URL, `http://127.0.0.1:PORT/oauth2/authorize`.
    pub fn authorize_url(&self) -> String {
        format!("{}/oauth2/authorize", self.origin())
    }

    /// The application id as a string.
    pub fn client_id(&self) -> String {
        self.application_id().to_string()
    }

    /// The application id.
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

    /// The configured user's stored role connection, if one was PUT.
    pub fn role_connection(&self) -> Option<Value> {
        let world = self.shared.lock();
        world.role_connections.get(&world.user_id).cloned()
    }
}
