//! [`SealingKey`]: the application's AES-256-GCM key for sealing tokens.

use std::fmt;

use ring::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN as RING_NONCE_LEN, Nonce, UnboundKey};

use super::{FORMAT_VERSION, MIN_SEALED_LEN, NONCE_LEN, SealError};

const _: () = assert!(NONCE_LEN == RING_NONCE_LEN);

/// An AES-256-GCM key for sealing tokens, provided by the application (from
/// its secret manager, 32 random bytes).
///
/// `Debug` is redacted and the key is not `Clone`: share it behind an `Arc`.
pub struct SealingKey {
    key: LessSafeKey,
}

impl SealingKey {
    /// The key from its 32 bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        // AES-256-GCM takes any 32 bytes, so this cannot fail.
        let unbound = match UnboundKey::new(&AES_256_GCM, &bytes) {
            Ok(key) => key,
            Err(_) => unreachable!("AES-256-GCM accepts every 32-byte key"),
        };
        Self {
            key: LessSafeKey::new(unbound),
        }
    }

    /// A new random key (for tests and first setup; keep it, or every sealed
    /// value becomes unreadable).
    ///
    /// # Errors
    /// [`SealError::RandomUnavailable`] when the operating system has no randomness.
    pub fn generate() -> Result<Self, SealError> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| SealError::RandomUnavailable(e.to_string()))?;
        Ok(Self::from_bytes(bytes))
    }

    /// Seals `plaintext` for the store key `associated`: a fresh random nonce
    /// per call, so sealing the same value twice gives two different values.
    ///
    /// # Errors
    /// [`SealError::RandomUnavailable`] when no nonce can be drawn.
    pub fn seal(&self, associated: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, SealError> {
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::fill(&mut nonce).map_err(|e| SealError::RandomUnavailable(e.to_string()))?;
        self.seal_with_nonce(nonce, associated, plaintext)
    }

    /// Seals with a given nonce: for golden tests only (a nonce must never
    /// be used twice under one key).
    pub(crate) fn seal_with_nonce(
        &self,
        nonce: [u8; NONCE_LEN],
        associated: &[u8],
        plaintext: &[u8],
    ) -> Result<Vec<u8>, SealError> {
        let mut in_out = plaintext.to_vec();
        self.key
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(associated),
                &mut in_out,
            )
            .map_err(|_| SealError::Unauthentic)?;
        let mut sealed = Vec::with_capacity(1 + NONCE_LEN + in_out.len());
        sealed.push(FORMAT_VERSION);
        sealed.extend_from_slice(&nonce);
        sealed.extend_from_slice(&in_out);
        Ok(sealed)
    }

    /// Opens a value sealed for the store key `associated`.
    ///
    /// # Errors
    /// [`SealError::TooShort`], [`SealError::UnknownFormat`], or
    /// [`SealError::Unauthentic`] for a wrong key, an altered value or one
    /// sealed under another store key.
    pub fn open(&self, associated: &[u8], sealed: &[u8]) -> Result<Vec<u8>, SealError> {
        if sealed.len() < MIN_SEALED_LEN {
            return Err(SealError::TooShort {
                len: sealed.len(),
                min: MIN_SEALED_LEN,
            });
        }
        let (format, rest) = (sealed[0], &sealed[1..]);
        if format != FORMAT_VERSION {
            return Err(SealError::UnknownFormat { format });
        }
        let (nonce, ciphertext) = rest.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| SealError::Unauthentic)?;
        let mut in_out = ciphertext.to_vec();
        let plaintext = self
            .key
            .open_in_place(nonce, Aad::from(associated), &mut in_out)
            .map_err(|_| SealError::Unauthentic)?;
        Ok(plaintext.to_vec())
    }
}

impl fmt::Debug for SealingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SealingKey([redacted])")
    }
}
