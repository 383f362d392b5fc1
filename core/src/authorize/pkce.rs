use sha2::{Digest, Sha256};

use super::random::{encode, random_token};
use crate::error::{InvalidInput, Result};
use crate::secret::PkceVerifier;

/// A PKCE S256 code challenge (RFC 7636 §4.2): `BASE64URL(SHA256(verifier))`.
///
/// ```
/// use disco_oauth2::PkceVerifier;
/// use disco_oauth2::authorize::PkceChallenge;
///
/// // RFC 7636 Appendix B.
/// let verifier = PkceVerifier::parse("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")?;
/// assert_eq!(PkceChallenge::from_verifier(&verifier).as_str(), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
/// # Ok::<(), disco_oauth2::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PkceChallenge(String);

impl PkceChallenge {
    /// The only method Discord documents, and the only one this crate sends.
    pub const METHOD: &'static str = "S256";

    /// A fresh verifier of 256 bits from the OS RNG, and its challenge.
    ///
    /// # Errors
    /// [`Error::RandomUnavailable`](crate::Error::RandomUnavailable) when the OS has no randomness to give.
    pub fn generate() -> Result<(Self, PkceVerifier)> {
        let verifier = PkceVerifier::new(random_token()?)?;
        Ok((Self::from_verifier(&verifier), verifier))
    }

    /// The S256 challenge of `verifier`.
    pub fn from_verifier(verifier: &PkceVerifier) -> Self {
        Self(encode(&Sha256::digest(verifier.secret().as_bytes())))
    }

    /// The challenge, as sent in `code_challenge`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl PkceVerifier {
    /// A verifier from given bytes (base64url-encoded), for deterministic tests.
    /// 32 bytes make the 43 characters RFC 7636 recommends.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) when the encoding is
    /// not 43 to 128 characters long (fewer than 32 or more than 96 bytes).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        Self::parse(&encode(bytes))
    }

    /// Checks a verifier made elsewhere: 43 to 128 characters of
    /// `[A-Za-z0-9-._~]` (RFC 7636 §4.1).
    ///
    /// # Errors
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) otherwise.
    pub fn new(value: impl Into<String>) -> Result<Self> {
        let value = value.into();
        check_verifier(&value)?;
        Ok(Self(value))
    }

    /// The same check as [`new`](Self::new), from a borrowed string.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) as for `new`.
    pub fn parse(value: &str) -> Result<Self> {
        Self::new(value)
    }
}

impl TryFrom<String> for PkceVerifier {
    type Error = InvalidInput;

    fn try_from(value: String) -> std::result::Result<Self, InvalidInput> {
        check_verifier(&value)?;
        Ok(Self(value))
    }
}

/// RFC 7636 §4.1: `code-verifier = 43*128unreserved`. The value is never quoted.
fn check_verifier(value: &str) -> std::result::Result<(), InvalidInput> {
    if !(43..=128).contains(&value.len()) {
        return Err(InvalidInput::new(
            "code_verifier",
            format!("must be 43 to 128 characters, not {}", value.len()),
        ));
    }
    if !value
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
    {
        return Err(InvalidInput::new(
            "code_verifier",
            "may only contain A-Z, a-z, 0-9, '-', '.', '_' and '~'",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7636_appendix_b() {
        let bytes = [
            116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212,
            37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
        ];
        let verifier = PkceVerifier::from_bytes(&bytes).unwrap();
        assert_eq!(
            verifier.secret(),
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        );
        assert_eq!(
            PkceChallenge::from_verifier(&verifier).as_str(),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn generated_pairs_match() {
        let (challenge, verifier) = PkceChallenge::generate().unwrap();
        assert_eq!(verifier.secret().len(), 43);
        assert_eq!(PkceChallenge::from_verifier(&verifier), challenge);
    }

    #[test]
    fn refuses_bad_verifiers() {
        assert_eq!(
            PkceVerifier::parse("short").unwrap_err().to_string(),
            "invalid code_verifier: must be 43 to 128 characters, not 5"
        );
        assert!(PkceVerifier::parse(&"a".repeat(129)).is_err());
        assert!(PkceVerifier::parse(&format!("{}+", "a".repeat(43))).is_err());
        assert!(PkceVerifier::parse(&"a~.-_".repeat(9)).is_ok());
        assert!(PkceVerifier::from_bytes(&[0; 31]).is_err());
        assert_eq!(
            PkceVerifier::new("short").unwrap_err().to_string(),
            "invalid code_verifier: must be 43 to 128 characters, not 5"
        );
        assert!(PkceVerifier::new(format!("{}\u{202E}", "a".repeat(43))).is_err());
    }
}
