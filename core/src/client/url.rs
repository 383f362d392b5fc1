use std::fmt;

use http::uri::{Authority, Parts, PathAndQuery, Scheme};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::error::InvalidInput;

/// Everything but RFC 3986's unreserved characters gets percent-encoded.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes a query component (spaces become `%20`, never `+`).
pub(crate) fn encode_component(value: &str) -> impl fmt::Display + '_ {
    utf8_percent_encode(value, COMPONENT)
}

/// A checked absolute URL: a scheme, no whitespace or fragment; http and https
/// URLs need a host. Trailing slashes are trimmed for bases.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct AbsoluteUrl {
    text: String,
    /// For bases: the scheme and authority, parsed once, so that request
    /// URIs are assembled without formatting and re-parsing the base.
    origin: Option<Origin>,
}

/// A base's parts, as request URIs need them.
#[derive(Clone, PartialEq, Eq)]
struct Origin {
    scheme: Scheme,
    authority: Authority,
    /// Where the base's path starts in its text (its length when it has none).
    path_start: usize,
}

impl AbsoluteUrl {
    /// Checks a redirect URI (any scheme, as mobile apps use custom ones).
    pub(crate) fn redirect_uri(value: &str) -> Result<Self, InvalidInput> {
        Self::check("redirect_uri", value, false).map(|text| Self { text, origin: None })
    }

    /// Checks an API or authorize base (http or https only), trimming a trailing slash.
    pub(crate) fn base(field: &'static str, value: &str) -> Result<Self, InvalidInput> {
        let checked = Self::check(field, value, true)?;
        if checked.contains('?') {
            return Err(InvalidInput::new(field, "must not carry a query string"));
        }
        // `scheme://user:password@host/…`: credentials in a base would go
        // with every request and be printed by HTTP stacks' logs. The
        // value is not quoted in the error, as it holds them.
        let authority = checked
            .split_once("://")
            .map_or("", |(_, rest)| rest.split('/').next().unwrap_or(""));
        if authority.contains('@') {
            return Err(InvalidInput::new(
                field,
                "must not carry credentials (user:password@)",
            ));
        }
        let text = checked.trim_end_matches('/').to_owned();
        let uri: http::Uri = text
            .parse()
            .map_err(|e| InvalidInput::new(field, format!("is not a valid absolute URL ({e})")))?;
        let parts = uri.into_parts();
        let after_scheme = text.find("://").map_or(text.len(), |at| at + 3);
        let path_start = text[after_scheme..]
            .find('/')
            .map_or(text.len(), |at| after_scheme + at);
        let origin = parts
            .scheme
            .zip(parts.authority)
            .map(|(scheme, authority)| Origin {
                scheme,
                authority,
                path_start,
            });
        Ok(Self { text, origin })
    }

    /// The path of a base (empty for `https://host`), which request paths follow.
    pub(crate) fn base_path(&self) -> &str {
        self.origin
            .as_ref()
            .map_or("", |origin| &self.text[origin.path_start..])
    }

    /// Whether `uri` is on this base's scheme and authority, as
    /// [`uri_with`](Self::uri_with) writes them (the same bytes).
    pub(crate) fn is_origin_of(&self, uri: &http::Uri) -> bool {
        self.origin.as_ref().is_some_and(|origin| {
            uri.authority().map(Authority::as_str) == Some(origin.authority.as_str())
                && uri.scheme() == Some(&origin.scheme)
        })
    }

    /// The URI of `path_and_query` (which starts with [`base_path`](Self::base_path))
    /// on this base's scheme and authority; a URL that is not a base is
    /// formatted and parsed.
    pub(crate) fn uri_with(&self, path_and_query: String) -> Result<http::Uri, http::Error> {
        let Some(origin) = &self.origin else {
            return Ok(format!("{}{path_and_query}", self.text).parse()?);
        };
        let mut parts = Parts::default();
        parts.scheme = Some(origin.scheme.clone());
        parts.authority = Some(origin.authority.clone());
        parts.path_and_query = Some(PathAndQuery::try_from(path_and_query)?);
        Ok(http::Uri::from_parts(parts)?)
    }

    fn check(field: &'static str, value: &str, http_only: bool) -> Result<String, InvalidInput> {
        if value.is_empty() {
            return Err(InvalidInput::new(field, "is empty"));
        }
        if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(InvalidInput::new(
                field,
                "must not contain whitespace or control characters",
            ));
        }
        if value.contains('#') {
            return Err(InvalidInput::new(
                field,
                "must not contain a fragment (RFC 6749 §3.1.2)",
            ));
        }
        let has_scheme = value.split_once(':').is_some_and(|(scheme, _)| {
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        });
        if !has_scheme {
            return Err(InvalidInput::new(
                field,
                "must be an absolute URL with a scheme",
            ));
        }
        let uri: http::Uri = value
            .parse()
            .map_err(|e| InvalidInput::new(field, format!("is not a valid absolute URL ({e})")))?;
        let scheme = uri
            .scheme_str()
            .ok_or_else(|| InvalidInput::new(field, "must be an absolute URL with a scheme"))?;
        let is_http = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
        if http_only && !is_http {
            return Err(InvalidInput::new(field, "must be an http or https URL"));
        }
        if is_http && uri.host().is_none_or(str::is_empty) {
            return Err(InvalidInput::new(field, "must name a host"));
        }
        Ok(value.to_owned())
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Debug for AbsoluteUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.text, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_good_urls() {
        assert_eq!(
            AbsoluteUrl::redirect_uri("https://nicememe.website")
                .unwrap()
                .as_str(),
            "https://nicememe.website"
        );
        assert!(AbsoluteUrl::redirect_uri("http://127.0.0.1:8000/cb?x=1&y=2").is_ok());
        assert!(AbsoluteUrl::redirect_uri("discord-1234://authorize/callback").is_ok());
        assert_eq!(
            AbsoluteUrl::base("api_base", "http://127.0.0.1:9/api/v10/")
                .unwrap()
                .as_str(),
            "http://127.0.0.1:9/api/v10"
        );
    }

    #[test]
    fn refuses_bad_urls() {
        let cases = [
            ("", "invalid redirect_uri: is empty"),
            (
                "/callback",
                "invalid redirect_uri: must be an absolute URL with a scheme",
            ),
            (
                "https://a.b/c d",
                "invalid redirect_uri: must not contain whitespace or control characters",
            ),
            (
                "https://a.b/#frag",
                "invalid redirect_uri: must not contain a fragment (RFC 6749 §3.1.2)",
            ),
            (
                "not a url",
                "invalid redirect_uri: must not contain whitespace or control characters",
            ),
        ];
        for (input, message) in cases {
            assert_eq!(
                AbsoluteUrl::redirect_uri(input).unwrap_err().to_string(),
                message,
                "{input}"
            );
        }
        assert!(AbsoluteUrl::redirect_uri("nicememe.website").is_err());
        assert_eq!(
            AbsoluteUrl::base("api_base", "ftp://x.y/api")
                .unwrap_err()
                .to_string(),
            "invalid api_base: must be an http or https URL"
        );
        assert_eq!(
            AbsoluteUrl::base("api_base", "https://x.y/api?v=10")
                .unwrap_err()
                .to_string(),
            "invalid api_base: must not carry a query string"
        );
        for base in [
            "https://user:hunter2@discord.com/api/v10",
            "http://hunter2@127.0.0.1:9/api",
            "https://:hunter2@discord.com",
        ] {
            let err = AbsoluteUrl::base("api_base", base).unwrap_err().to_string();
            assert_eq!(
                err,
                "invalid api_base: must not carry credentials (user:password@)"
            );
        }
        assert!(AbsoluteUrl::base("api_base", "https://discord.com/api/@me").is_ok());
    }

    #[test]
    fn request_uris_follow_the_base() {
        let base = AbsoluteUrl::base("api_base", "http://127.0.0.1:9/api/v10/").unwrap();
        assert_eq!(base.base_path(), "/api/v10");
        let uri = base
            .uri_with("/api/v10/users/@me?limit=5".to_owned())
            .unwrap();
        assert_eq!(uri, "http://127.0.0.1:9/api/v10/users/@me?limit=5");
        let bare = AbsoluteUrl::base("api_base", "https://Example.COM:8443").unwrap();
        assert_eq!(bare.base_path(), "");
        let uri = bare.uri_with("/users/@me".to_owned()).unwrap();
        assert_eq!(uri.to_string(), "https://Example.COM:8443/users/@me");
        assert!(base.uri_with("/api/v10/a b".to_owned()).is_err());
    }

    #[test]
    fn encodes_components() {
        assert_eq!(
            encode_component("identify guilds.join").to_string(),
            "identify%20guilds.join"
        );
        assert_eq!(
            encode_component("https://nicememe.website").to_string(),
            "https%3A%2F%2Fnicememe.website"
        );
        assert_eq!(
            encode_component("a b/c&d=é~").to_string(),
            "a%20b%2Fc%26d%3D%C3%A9~"
        );
    }
}
