//! Secrets: values that must never reach a log line.
//!
//! Every secret has a redacted [`Debug`], no [`Display`](std::fmt::Display),
//! and an explicit `secret()` accessor, in the manner of oauth2-rs. Comparing
//! two secrets runs in constant time. Most are a newtype over `String`; a
//! [`BearerToken`] keeps its `Authorization` value, made once.
//!
//! ```
//! use disco_oauth2::ClientSecret;
//!
//! let secret = ClientSecret::new("hunter2");
//! assert_eq!(format!("{secret:?}"), "ClientSecret([redacted])");
//! assert_eq!(secret.secret(), "hunter2");
//! ```

use std::fmt;

mod bearer;

pub use bearer::BearerToken;

/// Compares two byte strings in time that depends only on their lengths.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(diff) == 0
}

macro_rules! secret_type {
    // What every secret has: the type, its accessors, a redacted `Debug` and
    // a constant-time `Eq`.
    (@common $(#[$doc:meta])* $name:ident, $serde:meta) => {
        $(#[$doc])*
        #[derive(serde::Serialize, serde::Deserialize)]
        #[$serde]
        pub struct $name(pub(crate) String);

        impl $name {
            /// The secret itself. Handle with care: never log it.
            pub fn secret(&self) -> &str {
                &self.0
            }

            /// Unwraps the secret into its `String`.
            pub fn into_secret(self) -> String {
                self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($name), "([redacted])"))
            }
        }

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                constant_time_eq(self.0.as_bytes(), other.0.as_bytes())
            }
        }

        impl Eq for $name {}
    };
    // A secret any string may be: infallible constructors, and `Clone`.
    ($(#[$doc:meta])* $name:ident) => {
        secret_type!(@common $(#[$doc])* $name, serde(transparent));

        impl Clone for $name {
            fn clone(&self) -> Self {
                Self(self.0.clone())
            }
        }

        impl $name {
            /// Wraps a secret value.
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                Self(value)
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self(value.to_owned())
            }
        }
    };
}

secret_type!(
    /// The application's client secret, from the Developer Portal's OAuth2 page.
    ClientSecret
);
secret_type!(
    /// An OAuth2 refresh token, traded at the token endpoint for a new access token.
    RefreshToken
);
secret_type!(
    /// A webhook's token (from the `webhook.incoming` flow): whoever holds it
    /// can post through the webhook.
    WebhookToken
);
secret_type!(
    /// Raw JSON that Discord sent but that did not decode into its model; kept
    /// so that nothing is lost, and redacted because it may hold a secret (a
    /// webhook's token, say).
    UndecodedJson
);
secret_type!(
    /// A bot token, sent as `Authorization: Bot …` (needed to add a user to a guild).
    BotToken
);
secret_type!(
    /// An authorization code from the redirect, traded once for a token.
    AuthorizationCode
);
secret_type!(
    /// The CSRF `state` of an authorization URL: made fresh for each
    /// authorization, kept in the user's session, and checked in constant
    /// time when the redirect comes back (see [`crate::authorize`]).
    CsrfState
);
secret_type!(@common
    /// A PKCE code verifier (RFC 7636): kept until the code exchange, while
    /// its S256 challenge goes into the authorization URL (see [`crate::authorize`]).
    ///
    /// Every way to make one checks RFC 7636 §4.1's rule — 43 to 128
    /// characters of `[A-Za-z0-9-._~]` — so a verifier the token endpoint
    /// would refuse is caught before anything is sent:
    /// [`new`](Self::new) and [`parse`](Self::parse) are fallible, and so is
    /// deserializing one. It is used once, so it is not `Clone`.
    ///
    /// ```
    /// use disco_oauth2::PkceVerifier;
    ///
    /// assert!(PkceVerifier::new("short").is_err());
    /// let verifier = PkceVerifier::new("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")?;
    /// assert_eq!(format!("{verifier:?}"), "PkceVerifier([redacted])");
    /// assert!(serde_json::from_str::<PkceVerifier>(r#""short""#).is_err());
    /// # Ok::<(), disco_oauth2::Error>(())
    /// ```
    PkceVerifier, serde(try_from = "String")
);

secret_type!(
    /// A device code (RFC 8628): what a device polls the token endpoint with
    /// while the user approves the login elsewhere (see [`crate::driver::DeviceLogin`]).
    DeviceCode
);
secret_type!(
    /// The OpenID Connect `nonce` of an authorization URL: made fresh for each
    /// authorization, kept in the user's session, and matched against the ID
    /// token's `nonce` claim (see [`crate::oidc`]).
    Nonce
);
secret_type!(
    /// An OpenID Connect ID token as received: a compact JWT, unverified until
    /// [`crate::oidc::IdTokenVerifier`] checks it. Redacted: it carries the
    /// user's identity (and email, with that scope).
    IdToken
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted() {
        assert_eq!(
            format!("{:?}", BearerToken::new("abc")),
            "BearerToken([redacted])"
        );
        assert_eq!(
            format!("{:?}", RefreshToken::new("abc")),
            "RefreshToken([redacted])"
        );
        assert_eq!(
            format!("{:?}", BotToken::new("abc")),
            "BotToken([redacted])"
        );
        assert_eq!(
            format!("{:?}", AuthorizationCode::new("abc")),
            "AuthorizationCode([redacted])"
        );
    }

    #[test]
    fn equality_compares_contents() {
        assert_eq!(BearerToken::new("abc"), BearerToken::new("abc"));
        assert_ne!(BearerToken::new("abc"), BearerToken::new("abd"));
        assert_ne!(BearerToken::new("abc"), BearerToken::new("abcd"));
        assert!(constant_time_eq(b"", b""));
        assert!(!constant_time_eq(b"a", b""));
    }

    #[test]
    fn serde_is_transparent() {
        let token: BearerToken = serde_json::from_str("\"xyz\"").unwrap();
        assert_eq!(token.secret(), "xyz");
        assert_eq!(serde_json::to_string(&token).unwrap(), "\"xyz\"");
    }
}
