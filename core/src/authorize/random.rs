use base64::Engine as _;

use crate::error::{Error, Result};

/// 32 bytes from the operating system's RNG, base64url-encoded without
/// padding: 43 characters, 256 bits.
pub(super) fn random_token() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| Error::RandomUnavailable(e.to_string()))?;
    Ok(encode(&bytes))
}

pub(super) fn encode(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}
