//! [`BearerToken`]: an access token, kept ready to send.

use std::fmt;

use http::HeaderValue;

use super::constant_time_eq;
use crate::error::{InvalidInput, Result};

/// The scheme and space before the token in `Authorization`.
const PREFIX: &str = "Bearer ";

/// An OAuth2 access token, sent as `Authorization: Bearer …`.
///
/// The header value is made once, when the token is: every request the
/// token authenticates shares it (a clone is a reference count, not a
/// copy), and it is marked sensitive, so HTTP stacks that honour the flag
/// leave it out of their logs.
///
/// ```
/// use disco_oauth2::BearerToken;
///
/// let token = BearerToken::new("6qrZcUqja7812RVdnEKjpzOL4CvHBFG");
/// assert_eq!(token.secret(), "6qrZcUqja7812RVdnEKjpzOL4CvHBFG");
/// assert_eq!(format!("{token:?}"), "BearerToken([redacted])");
/// ```
///
/// Any string makes a token; one that an HTTP header cannot carry (empty,
/// or with control or non-ASCII characters) is refused with
/// [`Error::InvalidInput`](crate::Error::InvalidInput) when a request is
/// built with it, and nothing is sent.
#[derive(Clone)]
pub struct BearerToken {
    repr: Repr,
    /// The token's fingerprint, which tells users apart in the rate limiter.
    fingerprint: u64,
}

#[derive(Clone)]
enum Repr {
    /// `Bearer <token>`, sensitive, ready to send: the token is printable ASCII.
    Header(HeaderValue),
    /// Any other token, kept as given (a request built with it is refused).
    Text(String),
}

impl BearerToken {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        let token = value.into();
        let fingerprint = crate::route::fingerprint(token.as_bytes());
        let printable = !token.is_empty() && token.bytes().all(|b| (b' '..=b'~').contains(&b));
        let header = printable
            .then(|| HeaderValue::try_from([PREFIX, &token].concat()).ok())
            .flatten();
        let repr = match header {
            Some(mut header) => {
                header.set_sensitive(true);
                Repr::Header(header)
            }
            None => Repr::Text(token),
        };
        Self { repr, fingerprint }
    }

    /// The secret itself. Handle with care: never log it.
    pub fn secret(&self) -> &str {
        match &self.repr {
            // Printable ASCII by construction, so `to_str` accepts it.
            Repr::Header(header) => header
                .to_str()
                .map_or("", |text| text.get(PREFIX.len()..).unwrap_or("")),
            Repr::Text(token) => token,
        }
    }

    /// Unwraps the secret into its `String`.
    pub fn into_secret(self) -> String {
        match self.repr {
            Repr::Header(_) => self.secret().to_owned(),
            Repr::Text(token) => token,
        }
    }

    /// The `Authorization` value that sends the token (sensitive).
    pub(crate) fn authorization(&self) -> Result<HeaderValue> {
        match &self.repr {
            Repr::Header(header) => Ok(header.clone()),
            Repr::Text(token) if token.is_empty() => {
                Err(InvalidInput::new("access_token", "is empty").into())
            }
            Repr::Text(_) => Err(InvalidInput::new(
                "access_token",
                "contains characters not allowed in an HTTP header",
            )
            .into()),
        }
    }

    /// A hash of the token, to tell users apart (never the token itself).
    pub(crate) fn fingerprint(&self) -> u64 {
        self.fingerprint
    }
}

impl fmt::Debug for BearerToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BearerToken([redacted])")
    }
}

impl PartialEq for BearerToken {
    fn eq(&self, other: &Self) -> bool {
        constant_time_eq(self.secret().as_bytes(), other.secret().as_bytes())
    }
}

impl Eq for BearerToken {}

impl From<String> for BearerToken {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}

impl From<&str> for BearerToken {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

impl serde::Serialize for BearerToken {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.secret())
    }
}

impl<'de> serde::Deserialize<'de> for BearerToken {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_printable_token_is_sent_as_made() {
        let token = BearerToken::new("6qrZcUqja7812RVdnEKjpzOL4CvHBFG");
        let header = token.authorization().unwrap();
        assert_eq!(header.as_bytes(), b"Bearer 6qrZcUqja7812RVdnEKjpzOL4CvHBFG");
        assert!(header.is_sensitive());
        assert_eq!(token.secret(), "6qrZcUqja7812RVdnEKjpzOL4CvHBFG");
        assert_eq!(
            token.clone().into_secret(),
            "6qrZcUqja7812RVdnEKjpzOL4CvHBFG"
        );
        // A space is printable, and kept.
        assert_eq!(
            BearerToken::new("a b").authorization().unwrap(),
            "Bearer a b"
        );
    }

    #[test]
    fn a_token_a_header_cannot_carry_is_kept_and_refused_when_sent() {
        for (token, reason) in [
            ("", "is empty"),
            (
                "tok\nen",
                "contains characters not allowed in an HTTP header",
            ),
            (
                "tok\ten",
                "contains characters not allowed in an HTTP header",
            ),
            ("tökén", "contains characters not allowed in an HTTP header"),
        ] {
            let bearer = BearerToken::new(token);
            assert_eq!(bearer.secret(), token);
            assert_eq!(bearer.clone().into_secret(), token);
            let error = bearer.authorization().unwrap_err();
            assert_eq!(
                error,
                InvalidInput::new("access_token", reason).into(),
                "{token:?}"
            );
        }
    }

    #[test]
    fn equal_tokens_are_equal_whatever_their_form() {
        assert_eq!(BearerToken::new("abc"), BearerToken::from("abc".to_owned()));
        assert_ne!(BearerToken::new("abc"), BearerToken::new("abd"));
        assert_ne!(BearerToken::new("tök"), BearerToken::new("tok"));
        assert_eq!(
            BearerToken::new("abc").fingerprint(),
            BearerToken::new("abc").fingerprint()
        );
        assert_ne!(
            BearerToken::new("abc").fingerprint(),
            BearerToken::new("abd").fingerprint()
        );
    }
}
