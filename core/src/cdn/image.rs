//! [`ImageFormat`], [`ImageSize`] and [`ImageHash`].

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::InvalidInput;

/// The file format of a CDN image (its extension).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ImageFormat {
    /// `.png`: every image asset serves it.
    Png,
    /// `.jpg`.
    Jpeg,
    /// `.webp` (for an animated hash the URL also asks for `animated=true`).
    WebP,
    /// `.gif`: only animated hashes (`a_…`) of GIF-capable assets; anything
    /// else asked for as GIF is served as PNG.
    Gif,
}

impl ImageFormat {
    /// The file extension, without the dot (`"jpg"` for [`ImageFormat::Jpeg`]).
    pub const fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpg",
            ImageFormat::WebP => "webp",
            ImageFormat::Gif => "gif",
        }
    }
}

impl fmt::Display for ImageFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

/// A CDN image size: a power of two from 16 to 4096, appended as `?size=N`.
///
/// ```
/// use disco_oauth2::cdn::ImageSize;
///
/// assert_eq!(ImageSize::new(256).unwrap().get(), 256);
/// assert!(ImageSize::new(100).is_err());
/// assert!(ImageSize::new(8192).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ImageSize(u16);

impl ImageSize {
    /// The smallest size, 16.
    pub const MIN: ImageSize = ImageSize(16);
    /// The largest size, 4096.
    pub const MAX: ImageSize = ImageSize(4096);

    /// A size, refused unless it is a power of two between 16 and 4096.
    pub fn new(size: u16) -> Result<ImageSize, InvalidInput> {
        if (16..=4096).contains(&size) && size.is_power_of_two() {
            Ok(ImageSize(size))
        } else {
            Err(InvalidInput::new(
                "size",
                format!("{size} is not a power of two between 16 and 4096"),
            ))
        }
    }

    /// The size in pixels.
    pub const fn get(self) -> u16 {
        self.0
    }
}

impl TryFrom<u16> for ImageSize {
    type Error = InvalidInput;

    fn try_from(size: u16) -> Result<Self, Self::Error> {
        ImageSize::new(size)
    }
}

impl fmt::Display for ImageSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// An image hash as Discord sends it (`"8342729096ea3675442027381ff50dfe"`);
/// hashes starting with `a_` are animated.
///
/// ```
/// use disco_oauth2::cdn::ImageHash;
///
/// assert!(ImageHash::new("a_fed43ab12698df65902ba06727e20c0e").is_animated());
/// assert!(!ImageHash::new("8342729096ea3675442027381ff50dfe").is_animated());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ImageHash(String);

impl ImageHash {
    /// Wraps a hash.
    pub fn new(hash: impl Into<String>) -> Self {
        Self(hash.into())
    }

    /// The hash text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the image is animated (the hash starts with `a_`).
    pub fn is_animated(&self) -> bool {
        self.0.starts_with("a_")
    }
}

impl fmt::Display for ImageHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for ImageHash {
    fn from(hash: &str) -> Self {
        Self::new(hash)
    }
}

impl From<String> for ImageHash {
    fn from(hash: String) -> Self {
        Self(hash)
    }
}

impl AsRef<str> for ImageHash {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn every_valid_size_and_some_invalid() {
        let valid: Vec<u16> = (0..=u16::MAX)
            .filter(|n| ImageSize::new(*n).is_ok())
            .collect();
        assert_eq!(valid, vec![16, 32, 64, 128, 256, 512, 1024, 2048, 4096]);
        let err = ImageSize::new(0).unwrap_err();
        assert_eq!(err.field, "size");
        assert_eq!(
            err.to_string(),
            "invalid size: 0 is not a power of two between 16 and 4096"
        );
        assert!(ImageSize::try_from(8).is_err());
        assert_eq!(ImageSize::MIN.get(), 16);
        assert_eq!(ImageSize::MAX.to_string(), "4096");
    }

    #[test]
    fn extensions() {
        assert_eq!(ImageFormat::Jpeg.extension(), "jpg");
        assert_eq!(ImageFormat::WebP.to_string(), "webp");
        assert_eq!(ImageFormat::Gif.extension(), "gif");
        assert_eq!(ImageFormat::Png.extension(), "png");
    }
}
