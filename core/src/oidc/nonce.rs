//! Making and checking the `nonce` of an OpenID Connect authorization.

use crate::authorize::CsrfState;
use crate::error::Result;
use crate::secret::{Nonce, constant_time_eq};

impl Nonce {
    /// A fresh nonce: 256 bits from the operating system's RNG, base64url
    /// (43 characters), as [`CsrfState::generate`] makes.
    ///
    /// ```
    /// use disco_oauth2::Nonce;
    ///
    /// let nonce = Nonce::generate()?;
    /// assert_eq!(nonce.secret().len(), 43);
    /// assert_ne!(nonce, Nonce::generate()?);
    /// # Ok::<(), disco_oauth2::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::RandomUnavailable`](crate::Error::RandomUnavailable) when the
    /// operating system gives no randomness.
    pub fn generate() -> Result<Self> {
        Ok(Nonce::new(CsrfState::generate()?.into_secret()))
    }

    /// Whether `returned` is this nonce (in constant time).
    pub fn matches(&self, returned: &str) -> bool {
        constant_time_eq(self.secret().as_bytes(), returned.as_bytes())
    }
}
