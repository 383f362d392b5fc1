//! Shared serde and text plumbing for the bit-flag types.

use std::fmt;

use serde::de::{self, Visitor};

/// Accepts a bit set as a non-negative integer or a decimal string.
pub(crate) struct BitsVisitor;

impl Visitor<'_> for BitsVisitor {
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a bit set as a non-negative integer or a decimal string")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u64, E> {
        Ok(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u64, E> {
        u64::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<u64, E> {
        v.parse()
            .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

/// Implements `Display` (names joined by ` | `, unknown bits as hex, `(none)`
/// when empty), `FromStr` (decimal, or the `Display` form) and serde for a
/// bitflags type. `$as_string` chooses a decimal string (`true`, Discord's
/// permission format) or a JSON integer (`false`).
macro_rules! flag_plumbing {
    ($ty:ident, $as_string:expr) => {
        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                if self.is_empty() {
                    f.write_str("(none)")
                } else {
                    ::bitflags::parser::to_writer(self, f)
                }
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = $crate::InvalidInput;

            /// Parses a decimal value (`"2048"`), or names joined by `|`
            /// (`"VIEW_CHANNEL | SEND_MESSAGES | 0x800000000000000"`); unknown
            /// bits are kept.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let text = s.trim();
                if let Ok(bits) = text.parse::<u64>() {
                    return Ok(Self::from_bits_retain(bits));
                }
                if text == "(none)" {
                    return Ok(Self::empty());
                }
                ::bitflags::parser::from_str::<Self>(text).map_err(|err| {
                    $crate::InvalidInput::new(stringify!($ty), format!("`{text}`: {err}"))
                })
            }
        }

        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                if $as_string {
                    serializer.collect_str(&self.bits())
                } else {
                    serializer.serialize_u64(self.bits())
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                deserializer
                    .deserialize_any($crate::model::bits::BitsVisitor)
                    .map(Self::from_bits_retain)
            }
        }
    };
}

pub(crate) use flag_plumbing;
