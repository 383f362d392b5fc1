//! [`DiscoveryDocument`] and [`GetDiscoveryDocument`]: the OpenID provider
//! configuration at `/.well-known/openid-configuration`.

use std::collections::BTreeMap;

use http::Method;
use serde::{Deserialize, Serialize};

use super::request::{get, origin};
use crate::client::Client;
use crate::error::Result;
use crate::operation::{Operation, Response, decode};
use crate::route::Route;

/// The discovery document's path below the issuer.
const PATH: &str = "/.well-known/openid-configuration";

/// The OpenID provider configuration (OpenID Connect Discovery 1.0 §3).
/// Lists default to empty when the document leaves them out; every other
/// field is kept in [`extra`](Self::extra).
///
/// ```
/// use disco_oauth2::oidc::DiscoveryDocument;
///
/// let doc: DiscoveryDocument = serde_json::from_str(r#"{
///     "issuer": "https://discord.com",
///     "authorization_endpoint": "https://discord.com/oauth2/authorize",
///     "token_endpoint": "https://discord.com/api/oauth2/token",
///     "jwks_uri": "https://discord.com/api/oauth2/keys",
///     "id_token_signing_alg_values_supported": ["RS256"]
/// }"#)?;
/// assert_eq!(doc.jwks_uri, "https://discord.com/api/oauth2/keys");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiscoveryDocument {
    /// The issuer, the `iss` of every ID token (`https://discord.com`).
    pub issuer: String,
    /// The authorization page.
    pub authorization_endpoint: String,
    /// The token endpoint.
    pub token_endpoint: String,
    /// The userinfo endpoint.
    #[serde(default)]
    pub userinfo_endpoint: Option<String>,
    /// The key set's URL.
    pub jwks_uri: String,
    /// The revocation endpoint.
    #[serde(default)]
    pub revocation_endpoint: Option<String>,
    /// The device authorization endpoint (RFC 8628 §4).
    #[serde(default)]
    pub device_authorization_endpoint: Option<String>,
    /// The scopes supported.
    #[serde(default)]
    pub scopes_supported: Vec<String>,
    /// The `response_type`s supported.
    #[serde(default)]
    pub response_types_supported: Vec<String>,
    /// The grant types supported.
    #[serde(default)]
    pub grant_types_supported: Vec<String>,
    /// The subject types supported (`public`).
    #[serde(default)]
    pub subject_types_supported: Vec<String>,
    /// The ID token signing algorithms (`RS256`).
    #[serde(default)]
    pub id_token_signing_alg_values_supported: Vec<String>,
    /// How clients authenticate at the token endpoint (`client_secret_basic`,
    /// `client_secret_post`, `none` for public clients).
    #[serde(default)]
    pub token_endpoint_auth_methods_supported: Vec<String>,
    /// The claims the provider may send.
    #[serde(default)]
    pub claims_supported: Vec<String>,
    /// The PKCE methods supported (`S256`).
    #[serde(default)]
    pub code_challenge_methods_supported: Vec<String>,
    /// Whether the authorization redirect carries `iss` (RFC 9207).
    #[serde(default)]
    pub authorization_response_iss_parameter_supported: bool,
    /// Every other field, by name.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// Fetches the discovery document: `GET /.well-known/openid-configuration`
/// at the API base's origin (`https://discord.com`). Made by
/// [`Client::discovery_document`].
#[derive(Debug, Clone)]
#[must_use = "an operation does nothing until sent"]
pub struct GetDiscoveryDocument {
    client: Client,
}

impl Client {
    /// The OpenID provider configuration.
    ///
    /// ```
    /// use disco_oauth2::{Client, Operation};
    ///
    /// let client = Client::builder(1234).build()?;
    /// let (request, _pending) = client.discovery_document().into_parts()?;
    /// assert_eq!(request.uri(), "https://discord.com/.well-known/openid-configuration");
    /// # Ok::<(), disco_oauth2::Error>(())
    /// ```
    pub fn discovery_document(&self) -> GetDiscoveryDocument {
        GetDiscoveryDocument {
            client: self.clone(),
        }
    }
}

impl Operation for GetDiscoveryDocument {
    type Output = DiscoveryDocument;
    type Context = ();
    const NAME: &'static str = "discovery_document";

    fn route(&self) -> Route {
        Route::new(Method::GET, PATH)
    }

    fn build(
        &self,
        _: crate::operation::Sealed,
    ) -> Result<(http::Request<crate::operation::RequestBody>, ())> {
        let url = format!("{}{PATH}", origin(&self.client));
        Ok((get(&self.client, "discovery_document", &url)?, ()))
    }

    fn parse_success(
        _: (),
        response: Response<'_>,
        _: crate::operation::Sealed,
    ) -> Result<DiscoveryDocument> {
        decode(Self::NAME, &response)
    }
}
