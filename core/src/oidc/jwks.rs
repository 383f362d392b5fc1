//! [`Jwks`]: a JSON Web Key Set (RFC 7517 §5) holding RSA signing keys.

use base64::Engine as _;
use serde::Deserialize;

use crate::error::DecodeError;

/// A JSON Web Key Set: the RSA keys Discord signs ID tokens with.
///
/// Only keys usable for RS256 signatures are kept (`kty: RSA`, `use` absent
/// or `sig`, `alg` absent or `RS256`); others are skipped, as RFC 7517 §5
/// asks. The moduli must be 2048 to 8192 bits.
///
/// ```
/// use disco_oauth2::oidc::Jwks;
///
/// let n = "sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1WlUzewbgBHod5pcM9H95GQRV3JDXboIRROSBigeC5yjU1hGzHHyXss8UDprecbAYxknTcQkhslANGRUZmdTOQ5qTRsLAt6BTYuyvVRdhS8exSZEy_c4gs_7svlJJQ4H9_NxsiIoLwAEk7-Q3UXERGYw_75IDrGA84-lA_-Ct4eTlXHBIY2EaV7t7LjJaynVJCpkv4LKjTTAumiGUIuQhrNhZLuF_RJLqHpM2kgWFLU7-VTdL1VbC2tejvcI2BlMkEpk1BzBZI0KQB0GaDWFLN-aEAw3vRw";
/// let body = format!(r#"{{"keys": [
///     {{"kty": "RSA", "use": "sig", "alg": "RS256", "kid": "k1", "n": "{n}", "e": "AQAB"}},
///     {{"kty": "EC", "crv": "P-256", "x": "…", "y": "…"}}
/// ]}}"#);
/// let jwks = Jwks::from_slice(body.as_bytes())?;
/// assert_eq!(jwks.len(), 1);
/// assert!(jwks.find(Some("k1")).is_some());
/// # Ok::<(), disco_oauth2::DecodeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jwks {
    keys: Vec<Jwk>,
}

/// One RSA public key of a [`Jwks`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jwk {
    /// The key id (`kid`), which ID tokens name in their header.
    pub kid: Option<String>,
    /// The modulus, big-endian.
    pub n: Vec<u8>,
    /// The public exponent, big-endian.
    pub e: Vec<u8>,
}

#[derive(Deserialize)]
struct WireSet {
    keys: Vec<WireKey>,
}

#[derive(Deserialize)]
struct WireKey {
    kty: String,
    #[serde(default, rename = "use")]
    use_: Option<String>,
    #[serde(default)]
    alg: Option<String>,
    #[serde(default)]
    kid: Option<String>,
    #[serde(default)]
    n: Option<String>,
    #[serde(default)]
    e: Option<String>,
}

impl Jwks {
    /// The most keys a set may hold.
    pub const MAX_KEYS: usize = 32;
    /// The largest set read, in bytes.
    pub const MAX_LEN: usize = 256 * 1024;

    /// Parses a key set.
    ///
    /// # Errors
    /// A [`DecodeError`] for a body that is not a key set, over
    /// [`MAX_LEN`](Self::MAX_LEN) bytes or [`MAX_KEYS`](Self::MAX_KEYS) keys,
    /// or an RSA signing key whose `n` or `e` is missing, not base64url, or
    /// out of bounds.
    pub fn from_slice(body: &[u8]) -> Result<Self, DecodeError> {
        const WHAT: &str = "jwks";
        if body.len() > Self::MAX_LEN {
            return Err(DecodeError::new(WHAT, ".", "the key set is too large"));
        }
        let wire: WireSet = crate::error::from_slice(WHAT, body)?;
        if wire.keys.len() > Self::MAX_KEYS {
            return Err(DecodeError::new(WHAT, "keys", "holds too many keys"));
        }
        let mut keys = Vec::new();
        for (i, key) in wire.keys.into_iter().enumerate() {
            let usable = key.kty == "RSA"
                && key.use_.as_deref().is_none_or(|u| u == "sig")
                && key.alg.as_deref().is_none_or(|a| a == "RS256");
            if !usable {
                continue;
            }
            let field = |value: Option<String>, name: &str, max: usize| {
                let fail =
                    |reason: &str| DecodeError::new(WHAT, format!("keys[{i}].{name}"), reason);
                let value = value.ok_or_else(|| fail("is missing"))?;
                let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
                    .decode(value.trim_end_matches('='))
                    .map_err(|_| fail("is not base64url"))?;
                let significant = bytes.iter().skip_while(|b| **b == 0).count();
                if significant == 0 || significant > max {
                    return Err(fail("is out of bounds"));
                }
                Ok(bytes)
            };
            let n = field(key.n, "n", 8192 / 8)?;
            let e = field(key.e, "e", 8)?;
            keys.push(Jwk { kid: key.kid, n, e });
        }
        Ok(Self { keys })
    }

    /// A set of the given keys.
    pub fn new(keys: Vec<Jwk>) -> Self {
        Self { keys }
    }

    /// The keys.
    pub fn keys(&self) -> &[Jwk] {
        &self.keys
    }

    /// How many keys the set holds.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the set holds no key.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The key an ID token's `kid` names; with no `kid`, the only key (when
    /// there is exactly one).
    pub fn find(&self, kid: Option<&str>) -> Option<&Jwk> {
        match kid {
            Some(kid) => self.keys.iter().find(|k| k.kid.as_deref() == Some(kid)),
            None if self.keys.len() == 1 => self.keys.first(),
            None => None,
        }
    }
}
