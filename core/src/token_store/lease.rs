//! [`LeaseHolder`]: who holds a key's refresh lease.

use std::fmt;

use crate::error::{Error, Result};

/// The name a refresh writes into a key's lease, so that only its holder
/// releases it. Each refresh attempt draws its own, so two sessions in one
/// process never mistake each other's lease for their own.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct LeaseHolder(String);

impl LeaseHolder {
    /// A holder with this name (tests; anything unique per attempt).
    pub fn new(name: impl Into<String>) -> Self {
        Self(name.into())
    }

    /// A random 128-bit holder name, as 32 hex digits.
    ///
    /// # Errors
    /// [`Error::RandomUnavailable`] when the operating system has no randomness.
    pub fn random() -> Result<Self> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).map_err(|e| Error::RandomUnavailable(e.to_string()))?;
        Ok(Self(bytes.iter().map(|b| format!("{b:02x}")).collect()))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for LeaseHolder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LeaseHolder({})", self.0)
    }
}
