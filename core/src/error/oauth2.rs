use std::fmt;

use http::StatusCode;

/// An RFC 6749 §5.2 (token endpoint) or §4.1.2.1 (authorization redirect) error.
///
/// ```
/// # use disco_oauth2::{OAuth2Error, OAuth2ErrorCode};
/// let err = OAuth2Error::new(OAuth2ErrorCode::InvalidGrant)
///     .with_description("Invalid \"refresh_token\" in request");
/// assert_eq!(
///     err.to_string(),
///     "Discord refused the grant (invalid_grant: Invalid \"refresh_token\" in request); the code or refresh token is invalid, expired, used or revoked: authorize again"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct OAuth2Error {
    /// The HTTP status, when the error came in a response (none for a redirect).
    #[serde(skip)]
    pub status: Option<StatusCode>,
    /// The `error` code.
    #[serde(rename = "error")]
    pub code: OAuth2ErrorCode,
    /// The `error_description`, a sentence for the developer.
    #[serde(
        rename = "error_description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// The `error_uri`, a page about the error.
    #[serde(rename = "error_uri", default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
}

impl OAuth2Error {
    /// An error with only a code.
    pub fn new(code: OAuth2ErrorCode) -> Self {
        Self {
            status: None,
            code,
            description: None,
            uri: None,
        }
    }

    /// The same error with an `error_description`.
    pub fn with_description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }
}

impl fmt::Display for OAuth2Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let advice = match self.code {
            OAuth2ErrorCode::InvalidGrant => {
                "Discord refused the grant; the code or refresh token is invalid, expired, used or revoked: authorize again"
            }
            OAuth2ErrorCode::InvalidClient => {
                "Discord refused the client credentials: check the client id and secret"
            }
            OAuth2ErrorCode::AccessDenied => "the user or Discord denied the authorization",
            OAuth2ErrorCode::InvalidScope => {
                "Discord refused the requested scopes: check them against the application's settings"
            }
            OAuth2ErrorCode::InvalidRequest => {
                "Discord refused the OAuth2 request as malformed (a redirect_uri that does not match is a common cause)"
            }
            OAuth2ErrorCode::UnauthorizedClient => "this application may not use this grant type",
            OAuth2ErrorCode::UnsupportedGrantType => "Discord does not support this grant type",
            OAuth2ErrorCode::UnsupportedResponseType => {
                "Discord does not support this response type"
            }
            OAuth2ErrorCode::ServerError | OAuth2ErrorCode::TemporarilyUnavailable => {
                "Discord could not complete the authorization right now: try again later"
            }
            OAuth2ErrorCode::Other(_) => "Discord answered with an OAuth2 error",
        };
        // Put the code (and description) in the first clause, before the advice.
        let (head, tail) = advice.split_once(';').unwrap_or((advice, ""));
        write!(f, "{head} ({}", self.code)?;
        if let Some(description) = &self.description {
            write!(f, ": {description}")?;
        }
        write!(
            f,
            "){}",
            if tail.is_empty() {
                String::new()
            } else {
                format!(";{tail}")
            }
        )
    }
}

impl std::error::Error for OAuth2Error {}

/// The `error` code of an [`OAuth2Error`]: RFC 6749's codes, and any other
/// string Discord may send, kept as is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OAuth2ErrorCode {
    /// `invalid_request`
    InvalidRequest,
    /// `invalid_client`
    InvalidClient,
    /// `invalid_grant`
    InvalidGrant,
    /// `unauthorized_client`
    UnauthorizedClient,
    /// `unsupported_grant_type`
    UnsupportedGrantType,
    /// `invalid_scope`
    InvalidScope,
    /// `access_denied`
    AccessDenied,
    /// `unsupported_response_type`
    UnsupportedResponseType,
    /// `server_error`
    ServerError,
    /// `temporarily_unavailable`
    TemporarilyUnavailable,
    /// Any other code, verbatim.
    Other(String),
}

impl OAuth2ErrorCode {
    /// The code as Discord spells it.
    pub fn as_str(&self) -> &str {
        match self {
            Self::InvalidRequest => "invalid_request",
            Self::InvalidClient => "invalid_client",
            Self::InvalidGrant => "invalid_grant",
            Self::UnauthorizedClient => "unauthorized_client",
            Self::UnsupportedGrantType => "unsupported_grant_type",
            Self::InvalidScope => "invalid_scope",
            Self::AccessDenied => "access_denied",
            Self::UnsupportedResponseType => "unsupported_response_type",
            Self::ServerError => "server_error",
            Self::TemporarilyUnavailable => "temporarily_unavailable",
            Self::Other(other) => other,
        }
    }
}

impl From<&str> for OAuth2ErrorCode {
    fn from(value: &str) -> Self {
        match value {
            "invalid_request" => Self::InvalidRequest,
            "invalid_client" => Self::InvalidClient,
            "invalid_grant" => Self::InvalidGrant,
            "unauthorized_client" => Self::UnauthorizedClient,
            "unsupported_grant_type" => Self::UnsupportedGrantType,
            "invalid_scope" => Self::InvalidScope,
            "access_denied" => Self::AccessDenied,
            "unsupported_response_type" => Self::UnsupportedResponseType,
            "server_error" => Self::ServerError,
            "temporarily_unavailable" => Self::TemporarilyUnavailable,
            other => Self::Other(other.to_owned()),
        }
    }
}

impl fmt::Display for OAuth2ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for OAuth2ErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for OAuth2ErrorCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Ok(Self::from(s.as_ref()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for code in [
            "invalid_request",
            "invalid_client",
            "invalid_grant",
            "unauthorized_client",
            "unsupported_grant_type",
            "invalid_scope",
            "access_denied",
            "unsupported_response_type",
            "server_error",
            "temporarily_unavailable",
            "something_new",
        ] {
            assert_eq!(OAuth2ErrorCode::from(code).as_str(), code);
        }
        assert_eq!(
            OAuth2ErrorCode::from("something_new"),
            OAuth2ErrorCode::Other("something_new".into())
        );
    }

    #[test]
    fn display_without_description() {
        let err = OAuth2Error::new(OAuth2ErrorCode::InvalidClient);
        assert_eq!(
            err.to_string(),
            "Discord refused the client credentials: check the client id and secret (invalid_client)"
        );
    }
}
