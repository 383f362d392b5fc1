//! [`JwksCache`]: the key set kept between verifications, sans-IO.

use std::time::{Duration, Instant};

use super::error::IdTokenError;
use super::jwks::Jwks;
use super::verifier::IdTokenVerifier;
use crate::driver::Now;
use crate::model::IdTokenClaims;
use crate::secret::IdToken;

/// What [`JwksCache::verify`] asks for.
#[derive(Debug, Clone, PartialEq)]
#[must_use = "a verification may need the key set fetched first"]
pub enum Verification {
    /// The token is verified: its claims.
    Verified(Box<IdTokenClaims>),
    /// Fetch the key set ([`Client::fetch_jwks`](crate::Client::fetch_jwks)),
    /// [`insert`](JwksCache::insert) it, and verify again.
    FetchKeys,
}

/// Discord's key set, cached: it tells the caller when to fetch it, and does
/// no IO itself.
///
/// - With no keys yet, or keys older than [`max_age`](Self::max_age)
///   (default one hour), [`verify`](Self::verify) asks for a fetch.
/// - When a token names a key the set does not hold (Discord rotated its
///   keys), it asks for one refetch.
/// - It never asks twice within [`min_refetch_interval`](Self::min_refetch_interval)
///   (default one minute): a flood of tokens with forged key ids costs at most
///   one fetch per interval; in between, such tokens fail with
///   [`IdTokenError::UnknownKey`], and stale keys go on being used.
///
/// A runtime keeps one per client, behind its lock:
///
/// ```
/// use std::time::Instant;
/// use disco_oauth2::driver::Now;
/// use disco_oauth2::oidc::{IdTokenVerifier, Jwks, JwksCache, Verification};
/// use disco_oauth2::IdToken;
///
/// let mut cache = JwksCache::new();
/// let verifier = IdTokenVerifier::new(1234);
/// let now = Now::new(Instant::now(), chrono::DateTime::UNIX_EPOCH);
/// let token = IdToken::new("e30.e30.e30");
/// // Nothing cached yet: the cache asks for the key set …
/// assert_eq!(cache.verify(&verifier, &token, now), Ok(Verification::FetchKeys));
/// cache.insert(Jwks::new(Vec::new()), now.instant); // … the runtime fetched it …
/// // … and within the interval it never asks again.
/// assert!(cache.verify(&verifier, &token, now).is_err());
/// ```
#[derive(Debug, Clone)]
pub struct JwksCache {
    keys: Option<Jwks>,
    fetched_at: Option<Instant>,
    last_request: Option<Instant>,
    max_age: Duration,
    min_refetch_interval: Duration,
}

impl Default for JwksCache {
    fn default() -> Self {
        Self::new()
    }
}

impl JwksCache {
    /// How long a fetched key set is used before it is fetched again, by default.
    pub const DEFAULT_MAX_AGE: Duration = Duration::from_secs(3600);
    /// The least time between two fetches it asks for, by default.
    pub const DEFAULT_MIN_REFETCH_INTERVAL: Duration = Duration::from_secs(60);

    /// An empty cache with the default ages.
    pub fn new() -> Self {
        Self {
            keys: None,
            fetched_at: None,
            last_request: None,
            max_age: Self::DEFAULT_MAX_AGE,
            min_refetch_interval: Self::DEFAULT_MIN_REFETCH_INTERVAL,
        }
    }

    /// How long a key set is used before it is stale.
    pub fn max_age(mut self, max_age: Duration) -> Self {
        self.max_age = max_age;
        self
    }

    /// The least time between two fetches.
    pub fn min_refetch_interval(mut self, interval: Duration) -> Self {
        self.min_refetch_interval = interval;
        self
    }

    /// The cached key set, if any.
    pub fn keys(&self) -> Option<&Jwks> {
        self.keys.as_ref()
    }

    /// Whether the cache has no keys or its keys are older than the max age at `now`.
    pub fn is_stale(&self, now: Instant) -> bool {
        self.fetched_at
            .is_none_or(|at| now.saturating_duration_since(at) >= self.max_age)
    }

    /// Keeps a key set fetched at `now`.
    pub fn insert(&mut self, keys: Jwks, now: Instant) {
        self.keys = Some(keys);
        self.fetched_at = Some(now);
    }

    /// Whether a fetch may be asked for at `now`; if so, remembers that it was.
    fn request_fetch(&mut self, now: Instant) -> bool {
        let allowed = self
            .last_request
            .is_none_or(|at| now.saturating_duration_since(at) >= self.min_refetch_interval);
        if allowed {
            self.last_request = Some(now);
        }
        allowed
    }

    /// Verifies `token` with the cached keys as they are, never asking for
    /// a fetch (for a caller that already fetched once for this token).
    ///
    /// # Errors
    /// The [`IdTokenError`] of the verification.
    pub fn verify_cached(
        &self,
        verifier: &IdTokenVerifier,
        token: &IdToken,
        now: Now,
    ) -> Result<IdTokenClaims, IdTokenError> {
        let empty = Jwks::new(Vec::new());
        verifier.verify(token, self.keys.as_ref().unwrap_or(&empty), now.utc)
    }

    /// Verifies `token` with the cached keys, or asks for the key set first.
    ///
    /// # Errors
    /// The [`IdTokenError`] of the verification; [`IdTokenError::UnknownKey`]
    /// when the token names a key the set lacks and a refetch was made (or
    /// asked for) within the interval.
    pub fn verify(
        &mut self,
        verifier: &IdTokenVerifier,
        token: &IdToken,
        now: Now,
    ) -> Result<Verification, IdTokenError> {
        if self.is_stale(now.instant) && self.request_fetch(now.instant) {
            return Ok(Verification::FetchKeys);
        }
        let empty = Jwks::new(Vec::new());
        match verifier.verify(token, self.keys.as_ref().unwrap_or(&empty), now.utc) {
            Ok(claims) => Ok(Verification::Verified(Box::new(claims))),
            Err(IdTokenError::UnknownKey(_)) if self.request_fetch(now.instant) => {
                Ok(Verification::FetchKeys)
            }
            Err(e) => Err(e),
        }
    }
}
