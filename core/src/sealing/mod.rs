//! Sealing: tokens encrypted and authenticated before they leave the
//! process, so that a store's dump, backup or `MONITOR` output holds no
//! usable token.
//!
//! A sealed value is AES-256-GCM over the token's bytes with a fresh random
//! 96-bit nonce, and the store key as associated data: a value copied under
//! another key does not open. Opening with the wrong key, or a value that was
//! cut, altered or written by something else, is a [`SealError`], never a
//! panic.
//!
//! The format, version 1:
//!
//! ```text
//! ┌──────┬────────────────┬──────────────────────────┬──────────────┐
//! │ 0x01 │ nonce (12 B)   │ ciphertext (len of data) │ tag (16 B)   │
//! └──────┴────────────────┴──────────────────────────┴──────────────┘
//! ```
//!
//! `SealingKey` needs the `sealing` feature (it brings in `ring`).
#![cfg_attr(
    feature = "sealing",
    doc = r#"
```
use disco_oauth2::sealing::SealingKey;

let key = SealingKey::from_bytes([7; 32]);
let sealed = key.seal(b"user:80351110224678912", b"the token")?;
assert_eq!(key.open(b"user:80351110224678912", &sealed)?, b"the token");
// Moved under another key, it does not open.
assert!(key.open(b"user:1", &sealed).is_err());
# Ok::<(), disco_oauth2::sealing::SealError>(())
```
"#
)]

mod error;
#[cfg(feature = "sealing")]
mod key;

pub use error::SealError;
#[cfg(feature = "sealing")]
pub use key::SealingKey;

/// The first byte of a sealed value: the format's version.
pub const FORMAT_VERSION: u8 = 1;

/// The length of the nonce, in bytes (96 bits).
pub const NONCE_LEN: usize = 12;

/// The length of the authentication tag, in bytes.
pub const TAG_LEN: usize = 16;

/// The shortest sealed value: version byte, nonce and tag around no data.
pub const MIN_SEALED_LEN: usize = 1 + NONCE_LEN + TAG_LEN;
