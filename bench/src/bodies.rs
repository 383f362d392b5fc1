//! The bodies the loopback server answers: Discord's own example payloads
//! (the core's test fixtures), in the sizes a real login sees.

/// The token endpoint's answer to an authorization-code exchange.
pub const TOKEN: &str = r#"{
  "access_token": "6qrZcUqja7812RVdnEKjpzOL4CvHBFG",
  "token_type": "Bearer",
  "expires_in": 604800,
  "refresh_token": "D43f5y0ahjqew82jZ4NViEr2YafMKhue",
  "scope": "identify email guilds connections"
}"#;

/// `/users/@me`: one full user (Discord's example).
pub const USER: &str = include_str!("../../core/tests/fixtures/user_example_1.json");

/// One partial guild as `/users/@me/guilds` lists it (Discord's example).
pub const PARTIAL_GUILD: &str =
    include_str!("../../core/tests/fixtures/partial_guild_example_1.json");

/// How many guilds the guild page holds: a full page.
pub const GUILDS_PER_PAGE: usize = 200;

/// How many connections [`connections`] holds.
pub const CONNECTIONS: usize = 2;

/// `/users/@me/guilds`: a full page of [`GUILDS_PER_PAGE`] partial guilds.
pub fn guild_page() -> String {
    format!("[{}]", vec![PARTIAL_GUILD; GUILDS_PER_PAGE].join(","))
}

/// `/users/@me/connections`: a GitHub and a Twitch account.
pub fn connections() -> String {
    r#"[
  {"id": "1234567", "name": "nelly-gh", "type": "github", "revoked": false,
   "integrations": [], "verified": true, "friend_sync": false,
   "show_activity": true, "two_way_link": false, "visibility": 1},
  {"id": "98765432", "name": "nellystreams", "type": "twitch", "revoked": false,
   "integrations": [], "verified": true, "friend_sync": true,
   "show_activity": true, "two_way_link": true, "visibility": 0}
]"#
    .to_owned()
}
