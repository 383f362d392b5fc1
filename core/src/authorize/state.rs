use super::random::{encode, random_token};
use crate::error::Result;
use crate::secret::{CsrfState, constant_time_eq};

impl CsrfState {
    /// A fresh state of 256 bits from the operating system's RNG.
    ///
    /// # Errors
    /// [`Error::RandomUnavailable`](crate::Error::RandomUnavailable) when the OS has no randomness to give.
    pub fn generate() -> Result<Self> {
        random_token().map(Self::new)
    }

    /// A state made of given bytes (base64url), for deterministic tests.
    pub fn from_bytes(bytes: &[u8]) -> Self {
        Self::new(encode(bytes))
    }

    /// Whether `returned` (the redirect's `state`) is this state, compared in constant time.
    ///
    /// ```
    /// use disco_oauth2::CsrfState;
    ///
    /// let state = CsrfState::new("15773059ghq9183habn");
    /// assert!(state.matches("15773059ghq9183habn"));
    /// assert!(!state.matches("15773059ghq9183habm"));
    /// ```
    pub fn matches(&self, returned: &str) -> bool {
        constant_time_eq(self.secret().as_bytes(), returned.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_states_are_long_and_distinct() {
        let a = CsrfState::generate().unwrap();
        let b = CsrfState::generate().unwrap();
        assert_eq!(a.secret().len(), 43);
        assert_ne!(a, b);
        assert!(
            a.secret()
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        );
    }

    #[test]
    fn from_bytes_is_base64url() {
        assert_eq!(CsrfState::from_bytes(&[0xfb, 0xff]).secret(), "-_8");
    }
}
