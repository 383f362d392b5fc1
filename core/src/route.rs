//! Routes: what Discord's per-route rate limits are keyed by.

use std::fmt;
use std::hash::Hash;

use http::Method;

use crate::secret::BearerToken;

/// A rate-limit route: the method, the path template, and the major parameter.
///
/// Discord keys its per-route limits by route, with the top-level resource
/// (`/guilds/{guild.id}`, `/channels/{channel.id}`, `/webhooks/{webhook.id}`)
/// counted apart, and tells which routes share a bucket through the
/// `X-RateLimit-Bucket` header.
///
/// ```
/// use disco_oauth2::Route;
/// use http::Method;
///
/// let route = Route::new(Method::PUT, "/guilds/{guild.id}/members/{user.id}").with_major(81384788765712384);
/// assert_eq!(route.to_string(), "PUT /guilds/81384788765712384/members/{user.id}");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Route {
    /// The HTTP method.
    pub method: Method,
    /// The path template below the API base, e.g. `/users/@me/guilds`.
    pub template: &'static str,
    /// The id of the top-level resource, for routes under `/guilds/{guild.id}`.
    pub major: Option<u64>,
    /// Whose limits the request counts against, for requests made with a
    /// user's bearer token: Discord limits each user apart, so one user's
    /// exhausted bucket must not hold back another's. A hash of the token,
    /// never the token itself; not shown by `Display`.
    pub identity: Option<u64>,
    /// Whether the request is made with a bot token (`Authorization: Bot`):
    /// Discord's global limit (50 requests per second) counts bot requests,
    /// so only these are paced by the client's global window.
    pub bot: bool,
}

impl Route {
    /// A route without a major parameter.
    pub const fn new(method: Method, template: &'static str) -> Self {
        Self {
            method,
            template,
            major: None,
            identity: None,
            bot: false,
        }
    }

    /// The same route for one top-level resource.
    pub const fn with_major(mut self, major: u64) -> Self {
        self.major = Some(major);
        self
    }

    /// The same route, made with a bot token (see [`bot`](Self::bot)).
    ///
    /// ```
    /// use disco_oauth2::Route;
    /// use http::Method;
    ///
    /// let route = Route::new(Method::GET, "/oauth2/applications/@me").for_bot();
    /// assert!(route.bot);
    /// ```
    pub const fn for_bot(mut self) -> Self {
        self.bot = true;
        self
    }

    /// The same route for the user whose bearer token this is (see [`identity`](Self::identity)).
    ///
    /// ```
    /// use disco_oauth2::{BearerToken, Route};
    /// use http::Method;
    ///
    /// let alice = Route::new(Method::GET, "/users/@me").for_bearer(&BearerToken::new("alice"));
    /// let bob = Route::new(Method::GET, "/users/@me").for_bearer(&BearerToken::new("bob"));
    /// assert_ne!(alice, bob);
    /// assert_eq!(alice.to_string(), "GET /users/@me");
    /// assert!(!format!("{alice:?}").contains("alice"));
    /// ```
    pub fn for_bearer(mut self, token: &BearerToken) -> Self {
        self.identity = Some(token.fingerprint());
        self
    }
}

/// A 64-bit FNV-1a hash: a token's fingerprint, to tell users apart. Tokens
/// are Discord's random strings, not chosen by whoever sends them, so a fast
/// non-keyed hash does (the limiter's maps hash the result again with their
/// own keyed hasher).
pub(crate) fn fingerprint(bytes: &[u8]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    bytes.iter().fold(OFFSET, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(PRIME)
    })
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.major {
            Some(major) => {
                // Show the major id in place of its placeholder.
                let shown = match self.template.find('{').zip(self.template.find('}')) {
                    Some((open, close)) if open < close => format!(
                        "{}{}{}",
                        &self.template[..open],
                        major,
                        &self.template[close + 1..]
                    ),
                    _ => format!("{} [{major}]", self.template),
                };
                write!(f, "{} {}", self.method, shown)
            }
            None => write!(f, "{} {}", self.method, self.template),
        }
    }
}
