//! OpenID Connect: ID tokens signed with the fake's own RSA key, the key set
//! (`GET /api/oauth2/keys`, with rotation for tests), the discovery document
//! (`GET /.well-known/openid-configuration`) and userinfo
//! (`GET /api/v10/oauth2/userinfo`).
//!
//! The signing keys are two fixed 2048-bit test keys (PKCS#8 DER, made once
//! with `openssl genpkey` for this fake; they protect nothing) signed with
//! `ring`, which can sign with a given key but cannot generate RSA keys.
//! The issuer is `https://discord.com`, as in Discord's tokens, so that a
//! client verifies the fake's tokens exactly as it verifies Discord's.

use std::collections::HashMap;
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use base64::Engine as _;
use ring::rand::SystemRandom;
use ring::signature::{RSA_PKCS1_SHA256, RsaKeyPair, RsaPublicKeyComponents};
use serde_json::{Value, json};

use super::{AppState, bearer, either, need};
use crate::reply;
use crate::state::{Issued, State as World};

/// The `iss` of the fake's ID tokens, the same as Discord's.
pub const ISSUER: &str = "https://discord.com";
/// How long an ID token lives, in seconds.
pub(crate) const ID_TOKEN_LIFETIME_SECS: u64 = 3600;

const KEYS: [&[u8]; 2] = [
    include_bytes!("../keys/signing_key_1.p8.der"),
    include_bytes!("../keys/signing_key_2.p8.der"),
];

/// The fake's signing keys and the nonces waiting for their token.
pub(crate) struct OidcState {
    /// How many times the key was rotated: the key id is `fake-key-{generation}`.
    generation: usize,
    /// Authorization code → the `nonce` of its authorize request.
    code_nonces: HashMap<String, String>,
    /// Grant → the nonce its first ID token carries.
    grant_nonces: HashMap<u64, String>,
}

impl Default for OidcState {
    fn default() -> Self {
        Self {
            generation: 1,
            code_nonces: HashMap::new(),
            grant_nonces: HashMap::new(),
        }
    }
}

/// Shows no nonce.
impl fmt::Debug for OidcState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OidcState")
            .field("generation", &self.generation)
            .finish_non_exhaustive()
    }
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn key_pair(generation: usize) -> RsaKeyPair {
    // The embedded keys are valid PKCS#8: checked by the tests of this module.
    RsaKeyPair::from_pkcs8(KEYS[(generation + 1) % 2]).expect("embedded test key")
}

fn kid(generation: usize) -> String {
    format!("fake-key-{generation}")
}

fn jwk(generation: usize) -> Value {
    let public: RsaPublicKeyComponents<Vec<u8>> = key_pair(generation).public().into();
    json!({
        "kty": "RSA",
        "use": "sig",
        "alg": "RS256",
        "kid": kid(generation),
        "n": b64(&public.n),
        "e": b64(&public.e),
    })
}

impl OidcState {
    /// Keeps the `nonce` of the authorize request that made `code`.
    pub(crate) fn remember_code(&mut self, code: &str, authorize_params: &[(String, String)]) {
        if let Some(nonce) = super::param(authorize_params, "nonce") {
            self.code_nonces.insert(code.to_owned(), nonce.to_owned());
        }
    }

    /// The code was exchanged for `grant`: its ID token carries the nonce.
    pub(crate) fn code_exchanged(&mut self, code: &str, grant: u64) {
        if let Some(nonce) = self.code_nonces.remove(code) {
            self.grant_nonces.insert(grant, nonce);
        }
    }

    /// The current key set: the signing key and, after a rotation, the one before.
    pub(crate) fn jwks(&self) -> Value {
        let mut keys = vec![jwk(self.generation)];
        if self.generation > 1 {
            keys.push(jwk(self.generation - 1));
        }
        json!({ "keys": keys })
    }

    /// Signs `claims` as a compact JWS with the current key.
    pub(crate) fn sign(&self, claims: &Value) -> String {
        let header = json!({"alg": "RS256", "typ": "JWT", "kid": kid(self.generation)});
        let input = format!(
            "{}.{}",
            b64(header.to_string().as_bytes()),
            b64(claims.to_string().as_bytes())
        );
        let pair = key_pair(self.generation);
        let mut signature = vec![0; pair.public().modulus_len()];
        // Signing with a valid key into a buffer of the modulus' length cannot fail.
        let _ = pair.sign(
            &RSA_PKCS1_SHA256,
            &SystemRandom::new(),
            input.as_bytes(),
            &mut signature,
        );
        format!("{input}.{}", b64(&signature))
    }
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs()
}

/// The OpenID claims about `user_id` for `scopes` (the profile and, with
/// `email`, the email claims).
fn user_claims(world: &World, user_id: u64, scopes: &[String]) -> serde_json::Map<String, Value> {
    let user = world.users.get(&user_id).cloned().unwrap_or(Value::Null);
    let mut claims = serde_json::Map::new();
    claims.insert("sub".into(), json!(user_id.to_string()));
    claims.insert("preferred_username".into(), user["username"].clone());
    if let Some(name) = user["global_name"].as_str() {
        claims.insert("nickname".into(), json!(name));
    }
    if let Some(avatar) = user["avatar"].as_str() {
        claims.insert(
            "picture".into(),
            json!(format!(
                "https://cdn.discordapp.com/avatars/{user_id}/{avatar}.png"
            )),
        );
    }
    if let Some(locale) = user["locale"].as_str() {
        claims.insert("locale".into(), json!(locale));
    }
    if scopes.iter().any(|s| s == "email") {
        claims.insert("email".into(), user["email"].clone());
        claims.insert("email_verified".into(), user["verified"].clone());
    }
    claims
}

/// Adds a signed `id_token` to a token response when `openid` was granted.
pub(crate) fn add_id_token(world: &mut World, issued: &Issued, body: &mut Value) {
    if !issued.scopes.iter().any(|s| s == "openid") {
        return;
    }
    let Some(user_id) = world.grants.get(&issued.grant).map(|g| g.user_id) else {
        return;
    };
    let now = now_secs();
    let mut claims = user_claims(world, user_id, &issued.scopes);
    claims.insert("iss".into(), json!(ISSUER));
    claims.insert("aud".into(), json!(world.app.id.to_string()));
    claims.insert("iat".into(), json!(now));
    claims.insert("exp".into(), json!(now + ID_TOKEN_LIFETIME_SECS));
    claims.insert("auth_time".into(), json!(now));
    if let Some(nonce) = world.oidc.grant_nonces.remove(&issued.grant) {
        claims.insert("nonce".into(), json!(nonce));
    }
    body["id_token"] = json!(world.oidc.sign(&Value::Object(claims)));
}

/// `GET /api/oauth2/keys`.
pub(crate) async fn keys(State(state): State<AppState>) -> Response {
    reply::ok(&state.lock().oidc.jwks())
}

/// `GET /.well-known/openid-configuration`: Discord's document, with the
/// fake's own endpoints.
pub(crate) async fn discovery(State(state): State<AppState>) -> Response {
    let world = state.lock();
    let api = world.base_url.clone();
    let origin = api.trim_end_matches("/api/v10").to_owned();
    reply::ok(&json!({
        "issuer": ISSUER,
        "authorization_endpoint": format!("{origin}/oauth2/authorize"),
        "token_endpoint": format!("{api}/oauth2/token"),
        "revocation_endpoint": format!("{api}/oauth2/token/revoke"),
        "device_authorization_endpoint": format!("{api}/oauth2/device/authorize"),
        "userinfo_endpoint": format!("{api}/oauth2/userinfo"),
        "jwks_uri": format!("{origin}/api/oauth2/keys"),
        "scopes_supported": crate::defaults::KNOWN_SCOPES,
        "response_types_supported": ["code", "token"],
        "grant_types_supported": [
            "authorization_code", "refresh_token", "client_credentials",
            super::device::GRANT_TYPE,
        ],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
        "code_challenge_methods_supported": ["S256"],
        "claims_supported": [
            "iss", "sub", "aud", "exp", "iat", "auth_time", "nonce",
            "preferred_username", "nickname", "picture", "locale", "email", "email_verified",
        ],
        "authorization_response_iss_parameter_supported": true,
    }))
}

/// `GET /api/v10/oauth2/userinfo`: needs `openid` (else 403 50026).
pub(crate) async fn userinfo(State(state): State<AppState>, headers: HeaderMap) -> Response {
    either((|| {
        let b = bearer(&state, &headers)?;
        need(&b, "openid")?;
        let world = state.lock();
        Ok(reply::ok(&Value::Object(user_claims(
            &world, b.user_id, &b.scopes,
        ))))
    })())
}

impl crate::FakeDiscord {
    /// Rotates the ID-token signing key: new tokens carry a new `kid`, and the
    /// key set serves the new key and the one before.
    pub fn rotate_signing_key(&self) {
        self.shared.lock().oidc.generation += 1;
    }

    /// The key id new ID tokens are signed with.
    pub fn signing_key_id(&self) -> String {
        kid(self.shared.lock().oidc.generation)
    }

    /// As [`authorize_code`](Self::authorize_code), for an authorize request
    /// that sent `nonce`: the ID token of the exchange carries it.
    pub fn authorize_code_with_nonce(
        &self,
        scopes: &[&str],
        code_challenge: Option<&str>,
        nonce: &str,
    ) -> String {
        let code = self.authorize_code(scopes, code_challenge);
        self.shared
            .lock()
            .oidc
            .remember_code(&code, &[("nonce".to_owned(), nonce.to_owned())]);
        code
    }

    /// Signs arbitrary claims with the current key (for tests of a verifier).
    pub fn sign_id_token(&self, claims: &Value) -> String {
        self.shared.lock().oidc.sign(claims)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_embedded_keys_load_and_rotate() {
        let mut state = OidcState::default();
        assert_eq!(state.jwks()["keys"].as_array().unwrap().len(), 1);
        let first = state.jwks()["keys"][0]["n"].clone();
        state.generation += 1;
        let keys = state.jwks();
        assert_eq!(keys["keys"][0]["kid"], "fake-key-2");
        assert_eq!(keys["keys"][1]["kid"], "fake-key-1");
        assert_ne!(keys["keys"][0]["n"], first);
        assert_eq!(keys["keys"][1]["n"], first);
        assert_eq!(state.sign(&json!({})).split('.').count(), 3);
    }
}
