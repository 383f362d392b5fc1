//! The baseline for the blocking runtime: the same calls over a raw ureq 3
//! agent configured as the runtime configures its own (timeouts, no
//! redirects, 4xx/5xx as responses, Discord's `User-Agent`), decoded with `serde_json` into
//! [`plain`](crate::plain) structs.

use std::time::Duration;

use crate::BenchError;
use crate::plain::{PlainConnection, PlainGuild, PlainToken, PlainUser};

/// A raw ureq agent pointed at the loopback server.
pub struct RawBlocking {
    agent: ureq::Agent,
    base: String,
    client_id: String,
    client_secret: String,
    redirect_uri: String,
}

impl RawBlocking {
    /// An agent with the runtime's default settings, for the API at `base`.
    pub fn new(base: &str, client_id: u64, client_secret: &str, redirect_uri: &str) -> Self {
        let config = ureq::Agent::config_builder()
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(Duration::from_secs(30)))
            .max_redirects(0)
            .http_status_as_error(false)
            .proxy(None)
            .user_agent(crate::DISCORD_USER_AGENT)
            .accept("application/json")
            .build();
        Self {
            agent: ureq::Agent::new_with_config(config),
            base: base.to_owned(),
            client_id: client_id.to_string(),
            client_secret: client_secret.to_owned(),
            redirect_uri: redirect_uri.to_owned(),
        }
    }

    fn get<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        bearer: &str,
    ) -> Result<T, BenchError> {
        let mut response = self
            .agent
            .get(format!("{}{path}", self.base))
            .header("authorization", format!("Bearer {bearer}"))
            .call()?;
        if response.status() != 200 {
            return Err(format!("GET {path}: {}", response.status()).into());
        }
        let body = response.body_mut().read_to_vec()?;
        Ok(serde_json::from_slice(&body)?)
    }

    /// `GET /users/@me`.
    pub fn fetch_user(&self, bearer: &str) -> Result<PlainUser, BenchError> {
        self.get("/users/@me", bearer)
    }

    /// `GET /users/@me/guilds`.
    pub fn fetch_guilds(&self, bearer: &str) -> Result<Vec<PlainGuild>, BenchError> {
        self.get("/users/@me/guilds", bearer)
    }

    /// `GET /users/@me/connections`.
    pub fn fetch_connections(&self, bearer: &str) -> Result<Vec<PlainConnection>, BenchError> {
        self.get("/users/@me/connections", bearer)
    }

    /// `POST /oauth2/token` with an authorization code.
    pub fn exchange_code(&self, code: &str) -> Result<PlainToken, BenchError> {
        let mut response = self
            .agent
            .post(format!("{}/oauth2/token", self.base))
            .send_form([
                ("grant_type", "authorization_code"),
                ("code", code),
                ("redirect_uri", self.redirect_uri.as_str()),
                ("client_id", self.client_id.as_str()),
                ("client_secret", self.client_secret.as_str()),
            ])?;
        if response.status() != 200 {
            return Err(format!("POST /oauth2/token: {}", response.status()).into());
        }
        let body = response.body_mut().read_to_vec()?;
        Ok(serde_json::from_slice(&body)?)
    }
}
