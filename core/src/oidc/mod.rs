//! OpenID Connect: the ID token that comes with the `openid` scope, verified.
//!
//! With [`Scope::OpenId`](crate::Scope::OpenId), Discord's token response
//! carries an `id_token` ([`AccessToken::id_token`](crate::AccessToken::id_token)):
//! a JWT signed with RS256 by one of the keys of Discord's key set (the
//! discovery document's `jwks_uri`, `https://discord.com/api/oauth2/keys`).
//!
//! - [`Client::discovery_document`](crate::Client::discovery_document) →
//!   [`DiscoveryDocument`]; [`Client::fetch_jwks`](crate::Client::fetch_jwks) →
//!   [`Jwks`]; [`Client::userinfo`](crate::Client::userinfo) → [`UserInfo`].
//! - [`IdTokenVerifier`] checks the signature, `iss`, `aud`, `exp`/`iat` and
//!   the [`Nonce`](crate::Nonce) against the caller's clock.
//! - [`JwksCache`] keeps the key set and says when to fetch it: when it is
//!   stale, and once when a token names an unknown key (never more than once
//!   per interval).
//!
//! Both runtimes run this for you: their `Client::verify_id_token` keeps one
//! cache per client and never holds its lock while the key set is fetched.
//!
//! ```text
//! authorize URL (+ nonce) → redirect → exchange_code → AccessToken.id_token
//!     cache.verify(verifier, id_token, now) ─┬─ Verified(claims)
//!                                            └─ FetchKeys → fetch_jwks → cache.insert → verify again
//! ```
//!
//! The signature check uses `ring`'s RSA PKCS#1 v1.5 SHA-256 verification
//! (`RSA_PKCS1_2048_8192_SHA256`): rustls already builds `ring` for both
//! runtimes, so it adds no new crate; it verifies only — the parts a JWT
//! library would add (choosing the algorithm from the header, HMAC, key
//! decoding from PEM) are exactly what must not be used here. The JWS and JWK
//! parsing around it is small and bounded (sizes, key counts, modulus
//! lengths), and fuzzed.

mod discovery;
mod error;
mod fetch_jwks;
mod jwks;
mod jwks_cache;
mod jwt;
mod nonce;
mod request;
mod userinfo;
mod verifier;

pub use discovery::{DiscoveryDocument, GetDiscoveryDocument};
pub use error::IdTokenError;
pub use fetch_jwks::{DEFAULT_JWKS_PATH, FetchJwks};
pub use jwks::{Jwk, Jwks};
pub use jwks_cache::{JwksCache, Verification};
pub use jwt::MAX_ID_TOKEN_LEN;
pub use userinfo::{GetUserInfo, UserInfo};
pub use verifier::{DEFAULT_LEEWAY, IdTokenVerifier};

/// Discord's issuer: the `iss` of its ID tokens.
pub const DISCORD_ISSUER: &str = "https://discord.com";
