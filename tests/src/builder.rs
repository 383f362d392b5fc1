//! [`FakeDiscordBuilder`]: configure the fake's world before starting it.

use std::collections::{BTreeMap, HashMap};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

use crate::FakeDiscord;
use crate::defaults::{self, FakeGuild};
use crate::server::Running;
use crate::state::{AppRecord, DEFAULT_TOKEN_LIFETIME, GuildRecord, MemberRecord, Shared, State};

/// Configuration for a [`FakeDiscord`]; start with [`FakeDiscord::builder`].
#[derive(Clone, Debug)]
pub struct FakeDiscordBuilder {
    client_id: u64,
    client_secret: String,
    app_name: String,
    redirect_uris: Vec<String>,
    bot_token: String,
    public_client: bool,
    user: Value,
    other_users: Vec<Value>,
    connections: Vec<Value>,
    guilds: Vec<FakeGuild>,
    interactive: bool,
    rate_limit: u32,
    token_lifetime: Duration,
    refresh_reuse_revokes_grant: bool,
    scopes: Vec<String>,
    addr: SocketAddr,
}

impl Default for FakeDiscordBuilder {
    fn default() -> Self {
        FakeDiscordBuilder {
            client_id: defaults::CLIENT_ID,
            client_secret: defaults::CLIENT_SECRET.to_owned(),
            app_name: defaults::APP_NAME.to_owned(),
            redirect_uris: vec![defaults::REDIRECT_URI.to_owned()],
            bot_token: defaults::BOT_TOKEN.to_owned(),
            public_client: false,
            user: defaults::default_user(),
            other_users: Vec::new(),
            connections: defaults::default_connections(),
            guilds: defaults::default_guilds(),
            interactive: false,
            rate_limit: 50,
            token_lifetime: DEFAULT_TOKEN_LIFETIME,
            refresh_reuse_revokes_grant: false,
            scopes: defaults::KNOWN_SCOPES
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
        }
    }
}

impl FakeDiscordBuilder {
    /// The application's id (`client_id`).
    pub fn client_id(mut self, id: u64) -> Self {
        self.client_id = id;
        self
    }

    /// The client secret (may contain characters that need form-encoding in HTTP Basic).
    pub fn client_secret(mut self, secret: impl Into<String>) -> Self {
        self.client_secret = secret.into();
        self
    }

    /// The application's name.
    pub fn app_name(mut self, name: impl Into<String>) -> Self {
        self.app_name = name.into();
        self
    }

    /// Registers one more redirect URI (compared as exact strings).
    pub fn redirect_uri(mut self, uri: impl Into<String>) -> Self {
        self.redirect_uris.push(uri.into());
        self
    }

    /// Forgets all registered redirect URIs, including the default one.
    pub fn clear_redirect_uris(mut self) -> Self {
        self.redirect_uris.clear();
        self
    }

    /// The bot token accepted by `Authorization: Bot …`.
    pub fn bot_token(mut self, token: impl Into<String>) -> Self {
        self.bot_token = token.into();
        self
    }

    /// A public client may use the token endpoint with `client_id` only (PKCE required).
    pub fn public_client(mut self, public: bool) -> Self {
        self.public_client = public;
        self
    }

    /// Replaces the configured user (a Discord user object; `id` must be a snowflake string).
    ///
    /// # Panics
    ///
    /// At [`start`](Self::start) if `user["id"]` is not a snowflake string.
    pub fn user(mut self, user: Value) -> Self {
        self.user = user;
        self
    }

    /// Adds another user to the world (a Discord user object with a snowflake `id`):
    /// their avatar and banner are served by the CDN routes, and
    /// [`FakeDiscord::grant_for`] issues tokens for them. The configured user
    /// ([`user`](Self::user)) stays the one who logs in through `/oauth2/authorize`
    /// until [`FakeDiscord::set_current_user`] switches.
    ///
    /// Users without a valid `id` are ignored.
    pub fn other_user(mut self, user: Value) -> Self {
        self.other_users.push(user);
        self
    }

    /// Replaces the user's connections.
    pub fn connections(mut self, connections: Vec<Value>) -> Self {
        self.connections = connections;
        self
    }

    /// Adds a guild (replacing one with the same id).
    pub fn guild(mut self, guild: FakeGuild) -> Self {
        self.guilds.retain(|g| g.id != guild.id);
        self.guilds.push(guild);
        self
    }

    /// Removes all guilds, including the default ones.
    pub fn clear_guilds(mut self) -> Self {
        self.guilds.clear();
        self
    }

    /// Interactive mode: `GET /oauth2/authorize` shows an HTML consent page instead of
    /// redirecting at once.
    pub fn interactive(mut self, interactive: bool) -> Self {
        self.interactive = interactive;
        self
    }

    /// `X-RateLimit-Limit` per route and one-second window (default 50; never enforced).
    pub fn rate_limit(mut self, limit: u32) -> Self {
        self.rate_limit = limit.max(1);
        self
    }

    /// How long access tokens live (`expires_in`; default 604800 s, Discord's 7 days),
    /// in whole seconds (at least one). Tokens stop working after it by the fake's clock,
    /// which [`FakeDiscord::advance`] moves forward.
    pub fn token_lifetime(mut self, lifetime: Duration) -> Self {
        self.token_lifetime = Duration::from_secs(lifetime.as_secs().max(1));
        self
    }

    /// Treats a rotated refresh token coming back as theft (RFC 9700 §4.14.2): besides
    /// the `invalid_grant` every reused refresh token gets, the whole grant is revoked —
    /// all of its access and refresh tokens stop working. Off by default.
    pub fn refresh_reuse_revokes_grant(mut self, revoke: bool) -> Self {
        self.refresh_reuse_revokes_grant = revoke;
        self
    }

    /// The scopes the application may be granted (default [`KNOWN_SCOPES`](crate::KNOWN_SCOPES),
    /// every scope Discord documents). Others are refused by `/oauth2/authorize` (400) and
    /// client credentials (`invalid_scope`), as for an application not approved for them.
    pub fn scopes<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// Where to listen (default `127.0.0.1:0`, a free loopback port). A fixed port suits a
    /// fake run as a separate process, e.g. `127.0.0.1:8080`; the fake has no TLS and no
    /// real secrets, so keep it on loopback.
    pub fn addr(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// Starts the server.
    ///
    /// # Panics
    ///
    /// If binding a loopback port or spawning the server thread fails, or the configured
    /// user has no snowflake `id`.
    pub fn start(self) -> FakeDiscord {
        match self.try_start() {
            Ok(fake) => fake,
            Err(e) => panic!("the fake Discord could not start: {e}"),
        }
    }

    /// Starts the server, reporting IO failures.
    ///
    /// # Panics
    ///
    /// If the configured user has no snowflake `id`.
    pub fn try_start(self) -> std::io::Result<FakeDiscord> {
        let user_id: u64 = self
            .user
            .get("id")
            .and_then(Value::as_str)
            .and_then(crate::routes::snowflake)
            .expect("the fake's user needs an \"id\" snowflake string");
        let addr = self.addr;
        let shared = Arc::new(Shared::new(self.into_state(user_id)));
        let running = Running::spawn(shared.clone(), addr)?;
        let base_url = format!("http://{}/api/v10", running.addr);
        shared.lock().base_url = base_url;
        Ok(FakeDiscord { shared, running })
    }

    fn into_state(self, user_id: u64) -> State {
        let mut users = BTreeMap::new();
        users.insert(defaults::OWNER_ID, defaults::owner_user());
        for other in self.other_users {
            if let Some(id) = other
                .get("id")
                .and_then(Value::as_str)
                .and_then(crate::routes::snowflake)
            {
                users.insert(id, other);
            }
        }
        users.insert(user_id, self.user);
        let mut connections = BTreeMap::new();
        connections.insert(user_id, self.connections);
        let mut guilds = BTreeMap::new();
        let mut members = BTreeMap::new();
        for g in self.guilds {
            guilds.insert(
                g.id,
                GuildRecord {
                    id: g.id,
                    name: g.name,
                    icon: g.icon,
                    banner: g.banner,
                    features: g.features,
                    owner_id: if g.owner { user_id } else { defaults::OWNER_ID },
                    bot_present: g.bot_present,
                    approximate_member_count: g.approximate_member_count,
                    approximate_presence_count: g.approximate_presence_count,
                },
            );
            if g.member || g.owner {
                members.insert(
                    (g.id, user_id),
                    MemberRecord {
                        nick: g.nick,
                        roles: g.roles,
                        joined_at: "2015-04-26T06:26:56.936000+00:00".to_owned(),
                        mute: false,
                        deaf: false,
                        permissions: g.permissions,
                    },
                );
            }
        }
        State {
            app: AppRecord {
                id: self.client_id,
                name: self.app_name,
                secret: self.client_secret,
                redirect_uris: self.redirect_uris,
                bot_token: self.bot_token,
                public_client: self.public_client,
                owner_id: defaults::OWNER_ID,
                verify_key: "c8cde6a3c8c6e49d86af3191287b3ce255872be1fff6dc285bdb420c06a2c3c8"
                    .to_owned(),
            },
            users,
            user_id,
            connections,
            guilds,
            members,
            interactive: self.interactive,
            rate_limit: self.rate_limit,
            token_lifetime: self.token_lifetime,
            refresh_reuse_revokes_grant: self.refresh_reuse_revokes_grant,
            allowed_scopes: self.scopes,
            ..empty_state()
        }
    }
}

fn empty_state() -> State {
    State {
        app: AppRecord {
            id: 0,
            name: String::new(),
            secret: String::new(),
            redirect_uris: Vec::new(),
            bot_token: String::new(),
            public_client: false,
            owner_id: 0,
            verify_key: String::new(),
        },
        base_url: String::new(),
        users: BTreeMap::new(),
        user_id: 0,
        connections: BTreeMap::new(),
        guilds: BTreeMap::new(),
        members: BTreeMap::new(),
        role_connections: HashMap::new(),
        role_connection_metadata: Vec::new(),
        devices: Default::default(),
        oidc: Default::default(),
        codes: HashMap::new(),
        grants: HashMap::new(),
        access: HashMap::new(),
        refresh: HashMap::new(),
        rotated: HashMap::new(),
        refresh_reuse_revokes_grant: false,
        token_lifetime: DEFAULT_TOKEN_LIFETIME,
        clock_offset: Duration::ZERO,
        allowed_scopes: Vec::new(),
        next_id: 0,
        interactive: false,
        deny_next: 0,
        faults: Vec::new(),
        requests: std::collections::VecDeque::new(),
        recorded_body_bytes: 0,
        buckets: Default::default(),
        rate_limit: 50,
    }
}
