use std::fmt;
use std::time::Duration;

/// HTTP 429: a rate limit was hit. Wait [`retry_after`](Self::retry_after), then try again.
#[derive(Debug, Clone, PartialEq)]
pub struct RateLimited {
    /// How long to wait: the body's `retry_after`, else the `Retry-After` header,
    /// else `X-RateLimit-Reset-After`.
    pub retry_after: Duration,
    /// Whether the global (per-application) limit was hit.
    pub global: bool,
    /// `X-RateLimit-Scope`: whose limit it was.
    pub scope: Option<RateLimitScope>,
    /// `X-RateLimit-Bucket`, when sent.
    pub bucket: Option<String>,
    /// Discord's `message`.
    pub message: Option<String>,
    /// Discord's JSON error `code`, when sent.
    pub code: Option<i64>,
    /// Whether the client's own rate limiter predicted this 429 from
    /// Discord's earlier answers, so that nothing was sent; `false` for a 429
    /// Discord sent.
    pub predicted: bool,
}

impl fmt::Display for RateLimited {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "rate limited {} ({}{}): retry after {:.3} s",
            if self.predicted {
                "(predicted by the client; not sent)"
            } else {
                "by Discord"
            },
            if self.global { "global" } else { "route" },
            match &self.scope {
                Some(scope) => format!(", scope {scope}"),
                None => String::new(),
            },
            self.retry_after.as_secs_f64()
        )
    }
}

impl std::error::Error for RateLimited {}

/// `X-RateLimit-Scope`: which limit a 429 counts against.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RateLimitScope {
    /// `user`: this application's (or user's) own limit.
    User,
    /// `global`: the per-application global limit.
    Global,
    /// `shared`: a limit shared by everyone on the resource; it does not count
    /// against the invalid-request limit.
    Shared,
    /// A scope Discord may add later, verbatim.
    Other(String),
}

impl RateLimitScope {
    /// Parses the header value (never fails: unknown values are kept).
    pub fn parse(value: &str) -> Self {
        match value {
            "user" => Self::User,
            "global" => Self::Global,
            "shared" => Self::Shared,
            other => Self::Other(other.to_owned()),
        }
    }

    /// The value as Discord spells it.
    pub fn as_str(&self) -> &str {
        match self {
            Self::User => "user",
            Self::Global => "global",
            Self::Shared => "shared",
            Self::Other(other) => other,
        }
    }
}

impl fmt::Display for RateLimitScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
