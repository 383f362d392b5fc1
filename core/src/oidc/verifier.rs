//! [`IdTokenVerifier`]: checks an ID token's signature and claims.

use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use ring::signature::{RSA_PKCS1_2048_8192_SHA256, RsaPublicKeyComponents};

use super::DISCORD_ISSUER;
use super::error::{IdTokenError, bounded};
use super::jwks::Jwks;
use super::jwt::Jws;
use crate::model::{ApplicationId, IdTokenClaims};
use crate::secret::{IdToken, Nonce, constant_time_eq};

/// The clock skew allowed by default when checking `exp` and `iat`.
pub const DEFAULT_LEEWAY: Duration = Duration::from_secs(60);

/// Verifies ID tokens for one client (OpenID Connect Core §3.1.3.7):
///
/// 1. the token is a compact JWS of at most
///    [`MAX_ID_TOKEN_LEN`](super::MAX_ID_TOKEN_LEN) bytes whose header says
///    `alg: RS256` — `none`, `HS256` and every other algorithm are refused,
///    and the key is never taken from the header: `kid` only selects among the
///    key set's keys;
/// 2. the RSA PKCS#1 v1.5 SHA-256 signature verifies with that key;
/// 3. `iss` is the issuer (default [`DISCORD_ISSUER`]);
/// 4. `aud` holds the client id, and `azp`, when present, is the client id;
/// 5. `exp` has not passed and `iat` is not in the future, by the caller's
///    clock give or take the leeway (default [`DEFAULT_LEEWAY`]);
/// 6. when the authorization URL sent a nonce, `nonce` is that nonce.
///
/// ```no_run
/// use disco_oauth2::oidc::{IdTokenVerifier, Jwks};
/// use disco_oauth2::{IdToken, Nonce};
///
/// # fn f(jwks: Jwks, id_token: IdToken, nonce: Nonce) -> Result<(), disco_oauth2::oidc::IdTokenError> {
/// let verifier = IdTokenVerifier::new(157730590492196864).nonce(nonce);
/// let claims = verifier.verify(&id_token, &jwks, chrono::DateTime::UNIX_EPOCH)?;
/// println!("signed in as {}", claims.sub);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct IdTokenVerifier {
    client_id: String,
    issuer: String,
    leeway: Duration,
    nonce: Option<Nonce>,
}

impl IdTokenVerifier {
    /// A verifier for tokens meant for `client_id`, issued by Discord.
    pub fn new(client_id: impl Into<ApplicationId>) -> Self {
        Self {
            client_id: client_id.into().to_string(),
            issuer: DISCORD_ISSUER.to_owned(),
            leeway: DEFAULT_LEEWAY,
            nonce: None,
        }
    }

    /// Expects another issuer (a test server's).
    pub fn issuer(mut self, issuer: impl Into<String>) -> Self {
        self.issuer = issuer.into();
        self
    }

    /// Allows this much clock skew on `exp` and `iat`.
    pub fn leeway(mut self, leeway: Duration) -> Self {
        self.leeway = leeway;
        self
    }

    /// Expects the nonce the authorization URL was built with. Keep it with
    /// the session's CSRF state and use it once.
    pub fn nonce(mut self, nonce: Nonce) -> Self {
        self.nonce = Some(nonce);
        self
    }

    /// Verifies `token` against `keys` at `now` and returns its claims.
    ///
    /// # Errors
    /// The [`IdTokenError`] naming the first check that failed.
    pub fn verify(
        &self,
        token: &IdToken,
        keys: &Jwks,
        now: DateTime<Utc>,
    ) -> Result<IdTokenClaims, IdTokenError> {
        let jws = Jws::parse(token.secret())?;
        let key = keys
            .find(jws.kid.as_deref())
            .ok_or_else(|| IdTokenError::UnknownKey(jws.kid.as_deref().map(bounded)))?;
        RsaPublicKeyComponents {
            n: &key.n,
            e: &key.e,
        }
        .verify(
            &RSA_PKCS1_2048_8192_SHA256,
            jws.signing_input,
            &jws.signature,
        )
        .map_err(|_| IdTokenError::BadSignature)?;
        let claims: IdTokenClaims = serde_json::from_slice(&jws.payload)
            .map_err(|e| IdTokenError::InvalidClaims(bounded(&e.to_string())))?;
        self.check_claims(&claims, now)?;
        Ok(claims)
    }

    fn check_claims(&self, claims: &IdTokenClaims, now: DateTime<Utc>) -> Result<(), IdTokenError> {
        if claims.iss != self.issuer {
            return Err(IdTokenError::WrongIssuer {
                expected: self.issuer.clone(),
                found: bounded(&claims.iss),
            });
        }
        let azp_ok = claims.azp.as_ref().is_none_or(|azp| *azp == self.client_id);
        if !claims.aud.contains(&self.client_id) || !azp_ok {
            return Err(IdTokenError::WrongAudience {
                expected: self.client_id.clone(),
                found: claims.aud.iter().take(4).map(|a| bounded(a)).collect(),
            });
        }
        let leeway = TimeDelta::from_std(self.leeway).unwrap_or(TimeDelta::zero());
        let exp = claims
            .exp
            .checked_add_signed(leeway)
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        if now >= exp {
            return Err(IdTokenError::Expired(claims.exp));
        }
        let latest = now
            .checked_add_signed(leeway)
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        if claims.iat > latest {
            return Err(IdTokenError::IssuedInFuture(claims.iat));
        }
        if let Some(expected) = &self.nonce {
            let found = claims.nonce.as_ref().ok_or(IdTokenError::MissingNonce)?;
            if !constant_time_eq(found.secret().as_bytes(), expected.secret().as_bytes()) {
                return Err(IdTokenError::NonceMismatch);
            }
        }
        Ok(())
    }
}
