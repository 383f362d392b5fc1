//! [`SealError`]: why a value could not be sealed or opened.

/// Why a value could not be sealed or opened. None of these texts holds
/// the value, the key or the token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SealError {
    /// The value is shorter than the smallest sealed value.
    #[error(
        "the sealed value is {len} bytes, shorter than the {min} bytes of the smallest sealed value"
    )]
    TooShort {
        /// The value's length.
        len: usize,
        /// The smallest sealed value's length.
        min: usize,
    },
    /// The value's first byte names no format this library reads: it was not
    /// sealed by this library, or by a newer version of it.
    #[error("the value is not in a sealed format this library reads (format byte {format})")]
    UnknownFormat {
        /// The first byte found.
        format: u8,
    },
    /// The value does not open: a different sealing key, a value altered
    /// after sealing, or one sealed under another store key.
    #[error(
        "the sealed value does not open: wrong sealing key, altered value, or a value moved from another store key"
    )]
    Unauthentic,
    /// The operating system could not provide a nonce.
    #[error("the operating system's random number generator failed: {0}")]
    RandomUnavailable(String),
}
