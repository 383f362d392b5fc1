//! [`RefreshPolicy`] and [`Freshness`]: when a token is refreshed, and how
//! long a session waits for another instance's refresh.

use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::model::AccessToken;

/// When a session refreshes its token and how it shares the refresh with
/// other instances.
///
/// ```
/// use std::time::Duration;
/// use disco_oauth2::token_store::RefreshPolicy;
///
/// let policy = RefreshPolicy::default().margin(Duration::from_secs(300));
/// assert_eq!(policy.lease_ttl, Duration::from_secs(30));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RefreshPolicy {
    /// Refresh when the token expires within this margin (default 60 s).
    pub margin: Duration,
    /// How long a refresh lease lasts if its holder never releases it (it
    /// crashed): the others wait at most this long (default 30 s). It should
    /// outlast one refresh request with its retries: the request is cut
    /// when the lease ends, so that it never races the next holder's.
    pub lease_ttl: Duration,
    /// The first pause before re-reading the store while another instance
    /// refreshes (default 50 ms); it doubles up to `max_backoff`.
    pub first_backoff: Duration,
    /// The longest pause between two reads of the store (default 1 s).
    pub max_backoff: Duration,
    /// How long a session waits for another instance's refresh before
    /// giving up (default: `lease_ttl` + 5 s, so a crashed holder's lease
    /// ends first).
    pub max_wait: Duration,
    /// Renew a token that has no refresh token by asking for a new
    /// client-credentials token (for the application owner's own token).
    /// Off by default: a user's token without a refresh token (implicit
    /// grant) can only be renewed by the user.
    pub client_credentials: bool,
}

impl Default for RefreshPolicy {
    fn default() -> Self {
        Self {
            margin: Duration::from_secs(60),
            lease_ttl: Duration::from_secs(30),
            first_backoff: Duration::from_millis(50),
            max_backoff: Duration::from_secs(1),
            max_wait: Duration::from_secs(35),
            client_credentials: false,
        }
    }
}

impl RefreshPolicy {
    /// The same policy with this refresh margin.
    pub fn margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self
    }

    /// The same policy with this lease time-to-live; the wait limit follows
    /// (`ttl` + 5 s).
    pub fn lease_ttl(mut self, ttl: Duration) -> Self {
        self.lease_ttl = ttl;
        self.max_wait = ttl.saturating_add(Duration::from_secs(5));
        self
    }

    /// The same policy with this backoff between reads of the store.
    pub fn backoff(mut self, first: Duration, max: Duration) -> Self {
        self.first_backoff = first;
        self.max_backoff = max.max(first);
        self
    }

    /// The same policy with this wait limit.
    pub fn max_wait(mut self, max_wait: Duration) -> Self {
        self.max_wait = max_wait;
        self
    }

    /// The same policy, renewing tokens without a refresh token through the
    /// client-credentials grant.
    pub fn client_credentials(mut self, on: bool) -> Self {
        self.client_credentials = on;
        self
    }

    /// What to do with `token` at `now`.
    ///
    /// ```
    /// use std::time::Duration;
    /// use disco_oauth2::{AccessToken, token_store::{Freshness, RefreshPolicy}};
    ///
    /// let now: chrono::DateTime<chrono::Utc> = "2026-11-24T12:00:00Z".parse()?;
    /// let token = AccessToken::from_response_body(
    ///     br#"{"access_token": "a", "expires_in": 3600, "refresh_token": "r"}"#, now)?;
    /// let policy = RefreshPolicy::default();
    /// assert_eq!(policy.freshness(&token, now), Freshness::Fresh);
    /// let later = now + chrono::TimeDelta::seconds(3550);
    /// assert_eq!(policy.freshness(&token, later), Freshness::Refresh);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn freshness(&self, token: &AccessToken, now: DateTime<Utc>) -> Freshness {
        if !token.expires_within(now, self.margin) {
            Freshness::Fresh
        } else if token.refresh_token.is_some() {
            Freshness::Refresh
        } else if self.client_credentials {
            Freshness::Renew
        } else if !token.is_expired(now) {
            Freshness::Fresh
        } else {
            Freshness::Expired
        }
    }
}

/// What a session does with its token before a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// Use it as it is.
    Fresh,
    /// Refresh it first (`grant_type=refresh_token`).
    Refresh,
    /// Ask for a new client-credentials token first.
    Renew,
    /// It expired and nothing can renew it: the user has to authorize again.
    Expired,
}
