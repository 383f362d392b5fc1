//! The baseline for the async runtime: the same calls over a raw reqwest
//! 0.13 client configured as the runtime configures its own (timeouts, no
//! redirects, no proxy, Discord's `User-Agent`), decoded with `serde_json` into
//! [`plain`](crate::plain) structs.

use std::time::Duration;

use crate::BenchError;
use crate::plain::{PlainConnection, PlainGuild, PlainToken, PlainUser};

/// A raw reqwest client pointed at the loopback server. Cheap to clone.
#[derive(Clone)]
pub struct RawAsync {
    http: reqwest::Client,
    base: String,
    client_id: String,
    client_secret: String,
    redirect_uri: String,
}

impl RawAsync {
    /// A client with the runtime's default settings, for the API at `base`.
    pub fn new(
        base: &str,
        client_id: u64,
        client_secret: &str,
        redirect_uri: &str,
    ) -> Result<Self, BenchError> {
        // An error means a provider is already installed: that one is used.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(30))
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .user_agent(crate::DISCORD_USER_AGENT)
            .default_headers(reqwest::header::HeaderMap::from_iter([(
                reqwest::header::ACCEPT,
                reqwest::header::HeaderValue::from_static("application/json"),
            )]))
            .build()?;
        Ok(Self {
            http,
            base: base.to_owned(),
            client_id: client_id.to_string(),
            client_secret: client_secret.to_owned(),
            redirect_uri: redirect_uri.to_owned(),
        })
    }

    async fn get<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        bearer: &str,
    ) -> Result<T, BenchError> {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .header(reqwest::header::AUTHORIZATION, format!("Bearer {bearer}"))
            .send()
            .await?;
        if response.status() != 200 {
            return Err(format!("GET {path}: {}", response.status()).into());
        }
        let body = response.bytes().await?;
        Ok(serde_json::from_slice(&body)?)
    }

    /// `GET /users/@me`.
    pub async fn fetch_user(&self, bearer: &str) -> Result<PlainUser, BenchError> {
        self.get("/users/@me", bearer).await
    }

    /// `GET /users/@me/guilds`.
    pub async fn fetch_guilds(&self, bearer: &str) -> Result<Vec<PlainGuild>, BenchError> {
        self.get("/users/@me/guilds", bearer).await
    }

    /// `GET /users/@me/connections`.
    pub async fn fetch_connections(
        &self,
        bearer: &str,
    ) -> Result<Vec<PlainConnection>, BenchError> {
        self.get("/users/@me/connections", bearer).await
    }

    /// `POST /oauth2/token` with an authorization code.
    pub async fn exchange_code(&self, code: &str) -> Result<PlainToken, BenchError> {
        let form = form_urlencoded::Serializer::new(String::new())
            .append_pair("grant_type", "authorization_code")
            .append_pair("code", code)
            .append_pair("redirect_uri", &self.redirect_uri)
            .append_pair("client_id", &self.client_id)
            .append_pair("client_secret", &self.client_secret)
            .finish();
        let response = self
            .http
            .post(format!("{}/oauth2/token", self.base))
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(form)
            .send()
            .await?;
        if response.status() != 200 {
            return Err(format!("POST /oauth2/token: {}", response.status()).into());
        }
        let body = response.bytes().await?;
        Ok(serde_json::from_slice(&body)?)
    }
}
