//! The fake's world and its OAuth2 grant bookkeeping: apps, users, guilds, codes, tokens.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::faults::FaultRule;
use crate::ratelimit_headers::Buckets;
use crate::record::RecordedRequest;

/// Default lifetime of an access token (Discord's 7 days).
pub(crate) const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(604_800);
/// Lifetime of an authorization code.
pub(crate) const CODE_LIFETIME: Duration = Duration::from_secs(600);
/// Discord epoch in milliseconds.
const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;

/// The registered application.
#[derive(Clone, Debug)]
pub(crate) struct AppRecord {
    pub id: u64,
    pub name: String,
    pub secret: String,
    pub redirect_uris: Vec<String>,
    pub bot_token: String,
    pub public_client: bool,
    pub owner_id: u64,
    pub verify_key: String,
}

/// A guild.
#[derive(Clone, Debug)]
pub(crate) struct GuildRecord {
    pub id: u64,
    pub name: String,
    pub icon: Option<String>,
    pub banner: Option<String>,
    pub features: Vec<String>,
    pub owner_id: u64,
    pub bot_present: bool,
    pub approximate_member_count: u64,
    pub approximate_presence_count: u64,
}

/// A user's membership in a guild.
#[derive(Clone, Debug)]
pub(crate) struct MemberRecord {
    pub nick: Option<String>,
    pub roles: Vec<String>,
    pub joined_at: String,
    pub mute: bool,
    pub deaf: bool,
    pub permissions: String,
}

/// An authorization code waiting to be exchanged.
#[derive(Clone, Debug)]
pub(crate) struct CodeRecord {
    pub user_id: u64,
    pub scopes: Vec<String>,
    pub redirect_uri: String,
    /// Whether the authorize request named `redirect_uri` (then the exchange must repeat it).
    pub redirect_given: bool,
    pub challenge: Option<String>,
    pub created: Instant,
    pub used: bool,
    pub issued_grant: Option<u64>,
    pub guild_id: Option<u64>,
}

/// One authorization: the tokens issued from one code (and its refreshes) share it.
#[derive(Clone, Debug)]
pub(crate) struct Grant {
    pub user_id: u64,
    pub scopes: Vec<String>,
    pub alive: bool,
    /// Successful `refresh_token` grants on this authorization.
    pub refreshes: u64,
    /// Whether it was revoked because a rotated refresh token came back.
    pub revoked_for_reuse: bool,
}

/// An access token.
#[derive(Clone, Debug)]
pub(crate) struct AccessRecord {
    pub grant: u64,
    pub expires_at: SystemTime,
    pub alive: bool,
}

/// An OAuth2 error as the token endpoint reports it (RFC 6749 §5.2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct OAuthError {
    pub status: u16,
    pub error: &'static str,
    pub description: Option<&'static str>,
}

impl OAuthError {
    pub fn invalid_grant(description: &'static str) -> OAuthError {
        OAuthError {
            status: 400,
            error: "invalid_grant",
            description: Some(description),
        }
    }
}

/// Tokens freshly issued for a grant.
#[derive(Clone, Debug)]
pub(crate) struct Issued {
    pub grant: u64,
    pub access_token: String,
    pub refresh_token: Option<String>,
    pub scopes: Vec<String>,
    pub guild_id: Option<u64>,
}

/// The whole mutable world.
#[derive(Debug)]
pub(crate) struct State {
    pub app: AppRecord,
    pub base_url: String,
    pub users: BTreeMap<u64, Value>,
    pub user_id: u64,
    pub connections: BTreeMap<u64, Vec<Value>>,
    pub guilds: BTreeMap<u64, GuildRecord>,
    pub members: BTreeMap<(u64, u64), MemberRecord>,
    pub role_connections: HashMap<u64, Value>,
    pub role_connection_metadata: Vec<Value>,
    pub devices: crate::routes::device::DeviceState,
    pub oidc: crate::routes::oidc::OidcState,
    pub codes: HashMap<String, CodeRecord>,
    pub grants: HashMap<u64, Grant>,
    pub access: HashMap<String, AccessRecord>,
    pub refresh: HashMap<String, u64>,
    /// Refresh tokens already used once, and their grant.
    pub rotated: HashMap<String, u64>,
    /// Whether presenting a rotated refresh token revokes its whole grant.
    pub refresh_reuse_revokes_grant: bool,
    /// `expires_in` of every access token.
    pub token_lifetime: Duration,
    /// How far the fake's clock runs ahead of the real one.
    pub clock_offset: Duration,
    /// The scopes `/oauth2/authorize` and client credentials accept.
    pub allowed_scopes: Vec<String>,
    pub next_id: u64,
    pub interactive: bool,
    pub deny_next: usize,
    pub faults: Vec<FaultRule>,
    pub requests: std::collections::VecDeque<RecordedRequest>,
    /// The body bytes held in `requests`.
    pub recorded_body_bytes: usize,
    pub buckets: Buckets,
    pub rate_limit: u32,
}

/// What a live bearer token grants.
#[derive(Clone, Debug)]
pub(crate) struct Bearer {
    pub user_id: u64,
    pub scopes: Vec<String>,
    pub expires_at: SystemTime,
}

impl Bearer {
    pub fn has(&self, scope: &str) -> bool {
        self.scopes.iter().any(|s| s == scope)
    }
}

/// `len` random alphanumeric characters.
pub(crate) fn random_token(len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut buf = vec![0u8; len];
    if getrandom::fill(&mut buf).is_err() {
        // Fall back to a clock-seeded xorshift; uniqueness also comes from the caller's counter.
        let mut x = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos() as u64
            | 1;
        for b in &mut buf {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            *b = x as u8;
        }
    }
    buf.iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect()
}

/// ISO 8601 with microseconds and `+00:00`, as Discord writes timestamps.
pub(crate) fn iso8601(t: SystemTime) -> String {
    let d = t.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
    match chrono::DateTime::from_timestamp(secs, d.subsec_nanos()) {
        Some(dt) => dt.format("%Y-%m-%dT%H:%M:%S%.6f+00:00").to_string(),
        None => "1970-01-01T00:00:00.000000+00:00".to_owned(),
    }
}

/// PKCE S256: `BASE64URL-NOPAD(SHA256(verifier))`.
pub(crate) fn s256(verifier: &str) -> String {
    use base64::Engine as _;
    let digest = Sha256::digest(verifier.as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest)
}

/// Constant-time-ish string comparison (the fake has no real secrets, but it's a good habit).
pub(crate) fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

impl State {
    /// The fake's wall-clock time (real time plus `clock_offset`).
    pub fn now(&self) -> SystemTime {
        SystemTime::now() + self.clock_offset
    }

    /// The fake's monotonic time (real time plus `clock_offset`).
    pub fn now_instant(&self) -> Instant {
        Instant::now() + self.clock_offset
    }

    /// Whether the application may be granted `scope`.
    pub fn scope_allowed(&self, scope: &str) -> bool {
        self.allowed_scopes.iter().any(|s| s == scope)
    }

    /// A fresh snowflake (timestamp now, increment from a counter).
    pub fn new_snowflake(&mut self) -> u64 {
        self.next_id += 1;
        let ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_millis() as u64;
        (ms.saturating_sub(DISCORD_EPOCH_MS) << 22) | (self.next_id & 0xFFF)
    }

    fn new_token(&mut self) -> String {
        self.next_id += 1;
        // 30 characters like Discord's, with a counter suffix so collisions are impossible.
        let suffix = format!("{:x}", self.next_id);
        let mut t = random_token(30usize.saturating_sub(suffix.len()).max(8));
        t.push_str(&suffix);
        t
    }

    /// Creates an authorization code.
    pub fn issue_code(
        &mut self,
        scopes: Vec<String>,
        redirect_uri: String,
        redirect_given: bool,
        challenge: Option<String>,
        guild_id: Option<u64>,
    ) -> String {
        let code = self.new_token();
        let created = self.now_instant();
        self.codes.insert(
            code.clone(),
            CodeRecord {
                user_id: self.user_id,
                scopes,
                redirect_uri,
                redirect_given,
                challenge,
                created,
                used: false,
                issued_grant: None,
                guild_id,
            },
        );
        code
    }

    /// Creates a grant and its first tokens.
    pub fn issue_grant(
        &mut self,
        user_id: u64,
        scopes: Vec<String>,
        with_refresh: bool,
        guild_id: Option<u64>,
    ) -> Issued {
        self.next_id += 1;
        let grant = self.next_id;
        self.grants.insert(
            grant,
            Grant {
                user_id,
                scopes: scopes.clone(),
                alive: true,
                refreshes: 0,
                revoked_for_reuse: false,
            },
        );
        let (access_token, refresh_token) = self.issue_tokens(grant, with_refresh);
        Issued {
            grant,
            access_token,
            refresh_token,
            scopes,
            guild_id,
        }
    }

    fn issue_tokens(&mut self, grant: u64, with_refresh: bool) -> (String, Option<String>) {
        let access = self.new_token();
        let expires_at = self.now() + self.token_lifetime;
        self.access.insert(
            access.clone(),
            AccessRecord {
                grant,
                expires_at,
                alive: true,
            },
        );
        let refresh = with_refresh.then(|| {
            let r = self.new_token();
            self.refresh.insert(r.clone(), grant);
            r
        });
        (access, refresh)
    }

    /// Exchanges a code (`grant_type=authorization_code`).
    pub fn exchange_code(
        &mut self,
        code: &str,
        redirect_uri: Option<&str>,
        verifier: Option<&str>,
    ) -> Result<Issued, OAuthError> {
        let bad_code = OAuthError::invalid_grant("Invalid \"code\" in request.");
        let now = self.now_instant();
        let Some(rec) = self.codes.get_mut(code) else {
            return Err(bad_code);
        };
        if rec.used {
            // RFC 6749 §4.1.2: a replayed code revokes what it issued.
            let issued = rec.issued_grant;
            if let Some(g) = issued {
                self.revoke_grant(g);
            }
            return Err(bad_code);
        }
        if now.saturating_duration_since(rec.created) > CODE_LIFETIME {
            return Err(bad_code);
        }
        let redirect_ok = match redirect_uri {
            Some(uri) => uri == rec.redirect_uri,
            None => !rec.redirect_given,
        };
        if !redirect_ok {
            return Err(OAuthError::invalid_grant(
                "Invalid \"redirect_uri\" in request.",
            ));
        }
        if let Some(challenge) = &rec.challenge {
            let ok = verifier
                .is_some_and(|v| (43..=128).contains(&v.len()) && same(&s256(v), challenge));
            if !ok {
                return Err(OAuthError::invalid_grant(
                    "Invalid \"code_verifier\" in request.",
                ));
            }
        }
        rec.used = true;
        let (user_id, scopes, guild_id) = (rec.user_id, rec.scopes.clone(), rec.guild_id);
        let issued = self.issue_grant(user_id, scopes, true, guild_id);
        if let Some(rec) = self.codes.get_mut(code) {
            rec.issued_grant = Some(issued.grant);
        }
        Ok(issued)
    }

    /// Rotates a refresh token (`grant_type=refresh_token`): each one works once; a
    /// rotated one answers `invalid_grant` and, with theft detection on, revokes its grant.
    pub fn refresh(&mut self, token: &str) -> Result<Issued, OAuthError> {
        let bad = OAuthError::invalid_grant("Invalid \"refresh_token\" in request");
        let Some(grant) = self.refresh.remove(token) else {
            if let Some(&grant) = self.rotated.get(token)
                && self.refresh_reuse_revokes_grant
                && self.grants.get(&grant).is_some_and(|g| g.alive)
            {
                // RFC 9700 §4.14.2: a rotated token coming back means it leaked.
                self.revoke_grant(grant);
                if let Some(g) = self.grants.get_mut(&grant) {
                    g.revoked_for_reuse = true;
                }
            }
            return Err(bad);
        };
        self.rotated.insert(token.to_owned(), grant);
        let Some(g) = self.grants.get_mut(&grant).filter(|g| g.alive) else {
            return Err(bad);
        };
        g.refreshes += 1;
        let g = g.clone();
        for rec in self.access.values_mut().filter(|a| a.grant == grant) {
            rec.alive = false;
        }
        let (access_token, refresh_token) = self.issue_tokens(grant, true);
        Ok(Issued {
            grant,
            access_token,
            refresh_token,
            scopes: g.scopes,
            guild_id: None,
        })
    }

    /// Kills a grant and every token issued under it.
    pub fn revoke_grant(&mut self, grant: u64) {
        if let Some(g) = self.grants.get_mut(&grant) {
            g.alive = false;
        }
        for rec in self.access.values_mut().filter(|a| a.grant == grant) {
            rec.alive = false;
        }
        self.refresh.retain(|_, g| *g != grant);
    }

    /// Revokes the grant that `token` (access or refresh) belongs to; unknown tokens are ignored.
    pub fn revoke_token(&mut self, token: &str) -> bool {
        let grant = self
            .access
            .get(token)
            .map(|a| a.grant)
            .or_else(|| self.refresh.get(token).copied());
        match grant {
            Some(g) => {
                self.revoke_grant(g);
                true
            }
            None => false,
        }
    }

    /// The grant any token ever issued belongs to (access, refresh or rotated refresh).
    pub fn grant_of(&self, token: &str) -> Option<u64> {
        self.access
            .get(token)
            .map(|a| a.grant)
            .or_else(|| self.refresh.get(token).copied())
            .or_else(|| self.rotated.get(token).copied())
    }

    /// The live grant behind an access token.
    pub fn bearer(&self, token: &str) -> Option<Bearer> {
        let rec = self.access.get(token)?;
        if !rec.alive || rec.expires_at <= self.now() {
            return None;
        }
        let grant = self.grants.get(&rec.grant).filter(|g| g.alive)?;
        Some(Bearer {
            user_id: grant.user_id,
            scopes: grant.scopes.clone(),
            expires_at: rec.expires_at,
        })
    }

    /// A user object as other people see it (no `email`/`verified`, `premium_type` only with
    /// `identify.premium`).
    pub fn public_user(&self, user_id: u64) -> Value {
        let mut user = self.users.get(&user_id).cloned().unwrap_or(Value::Null);
        if let Some(obj) = user.as_object_mut() {
            obj.remove("email");
            obj.remove("verified");
            obj.remove("premium_type");
        }
        user
    }

    /// The partial application object of `/oauth2/@me`.
    pub fn app_json(&self) -> Value {
        serde_json::json!({
            "id": self.app.id.to_string(),
            "name": self.app.name,
            "icon": null,
            "description": "",
            "hook": true,
            "bot_public": true,
            "bot_require_code_grant": false,
            "verify_key": self.app.verify_key,
        })
    }

    /// A member object (with its `user`).
    pub fn member_json(&self, guild_id: u64, user_id: u64) -> Option<Value> {
        let m = self.members.get(&(guild_id, user_id))?;
        Some(serde_json::json!({
            "user": self.public_user(user_id),
            "nick": m.nick,
            "avatar": null,
            "banner": null,
            "roles": m.roles,
            "joined_at": m.joined_at,
            "premium_since": null,
            "deaf": m.deaf,
            "mute": m.mute,
            "flags": 0,
            "pending": false,
            "communication_disabled_until": null,
        }))
    }

    /// The full guild object sent in a `bot` token response.
    pub fn full_guild_json(&self, guild_id: u64) -> Option<Value> {
        let g = self.guilds.get(&guild_id)?;
        Some(serde_json::json!({
            "id": g.id.to_string(),
            "name": g.name,
            "icon": g.icon,
            "description": null,
            "splash": null,
            "discovery_splash": null,
            "features": g.features,
            "emojis": [],
            "stickers": [],
            "banner": g.banner,
            "owner_id": g.owner_id.to_string(),
            "application_id": null,
            "region": null,
            "afk_channel_id": null,
            "afk_timeout": 300,
            "system_channel_id": null,
            "widget_enabled": false,
            "widget_channel_id": null,
            "verification_level": 0,
            "roles": [{
                "id": g.id.to_string(),
                "name": "@everyone",
                "permissions": "49794752",
                "position": 0,
                "color": 0,
                "colors": {"primary_color": 0, "secondary_color": null, "tertiary_color": null},
                "hoist": false,
                "managed": false,
                "mentionable": false,
                "flags": 0
            }],
            "default_message_notifications": 1,
            "mfa_level": 0,
            "explicit_content_filter": 0,
            "max_presences": null,
            "max_members": 250000,
            "max_video_channel_users": 25,
            "vanity_url_code": null,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "system_channel_flags": 0,
            "preferred_locale": "en-US",
            "rules_channel_id": null,
            "public_updates_channel_id": null,
            "safety_alerts_channel_id": null,
            "nsfw_level": 0,
            "premium_progress_bar_enabled": false
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s256_matches_rfc7636_appendix_b() {
        assert_eq!(
            s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn iso8601_is_discord_shaped() {
        let t = UNIX_EPOCH + Duration::from_millis(1_611_369_197_017);
        assert_eq!(iso8601(t), "2021-01-23T02:33:17.017000+00:00");
    }

    #[test]
    fn random_tokens_are_alphanumeric() {
        let t = random_token(30);
        assert_eq!(t.len(), 30);
        assert!(t.bytes().all(|b| b.is_ascii_alphanumeric()));
    }
}

/// The state shared between the handle and the server thread.
#[derive(Debug)]
pub(crate) struct Shared {
    state: std::sync::Mutex<State>,
}

impl Shared {
    pub fn new(state: State) -> Shared {
        Shared {
            state: std::sync::Mutex::new(state),
        }
    }

    /// Locks the state; a panic elsewhere never makes the fake unusable.
    pub fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}
