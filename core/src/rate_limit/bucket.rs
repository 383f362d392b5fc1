//! [`Bucket`]: what is known of one rate-limit bucket, and [`BucketKey`]:
//! what buckets are filed under.

use std::sync::Arc;
use std::time::Instant;

use crate::route::Route;

/// A bucket: Discord's id with the major parameter and the user, or, for a
/// route that got a 429 without ever naming its bucket, the route itself.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum BucketKey {
    /// A bucket Discord named in `X-RateLimit-Bucket`.
    Discord {
        id: Arc<str>,
        major: Option<u64>,
        identity: Option<u64>,
    },
    /// A route whose bucket is not known (yet).
    Route(Route),
    /// Everything one user (a [`Route::identity`]) sends: a global 429 on a
    /// user's bearer request blocks that user, not the application.
    User(u64),
}

/// The state of one bucket.
#[derive(Debug, Clone, Copy)]
pub(super) struct Bucket {
    /// Requests left until `reset_at`.
    pub(super) remaining: u32,
    /// When the window resets (and `remaining` refills).
    pub(super) reset_at: Instant,
    /// Until when a 429 blocks the bucket, whatever `remaining` says.
    pub(super) blocked_until: Option<Instant>,
}

impl Bucket {
    /// A bucket about which nothing is known yet: it blocks nothing.
    pub(super) fn unknown(now: Instant) -> Self {
        Self {
            remaining: u32::MAX,
            reset_at: now,
            blocked_until: None,
        }
    }

    /// When this bucket next lets a request through, if it blocks at `now`.
    pub(super) fn blocked_until(&self, now: Instant) -> Option<Instant> {
        let exhausted = (self.remaining == 0).then_some(self.reset_at);
        exhausted
            .into_iter()
            .chain(self.blocked_until)
            .filter(|until| *until > now)
            .max()
    }

    /// Learns `remaining` and the reset from a response received at `now`.
    /// While the current window lasts, the lower count and the later reset
    /// win, so a late answer to an earlier request cannot undo the counting
    /// of requests sent since.
    pub(super) fn learn(&mut self, remaining: u32, reset_at: Instant, now: Instant) {
        if self.reset_at > now {
            self.remaining = self.remaining.min(remaining);
            self.reset_at = self.reset_at.max(reset_at);
        } else {
            self.remaining = remaining;
            self.reset_at = reset_at;
        }
    }

    /// Counts one request sent at `now` against the current window.
    pub(super) fn count_send(&mut self, now: Instant) {
        if self.reset_at > now {
            self.remaining = self.remaining.saturating_sub(1);
        }
    }

    /// Combines what two records of the same bucket say, conservatively.
    pub(super) fn merge(&mut self, other: &Bucket, now: Instant) {
        match (self.reset_at > now, other.reset_at > now) {
            (true, true) => {
                self.remaining = self.remaining.min(other.remaining);
                self.reset_at = self.reset_at.max(other.reset_at);
            }
            (false, true) => {
                self.remaining = other.remaining;
                self.reset_at = other.reset_at;
            }
            _ => {}
        }
        self.blocked_until = self.blocked_until.max(other.blocked_until);
    }

    /// Whether the bucket holds no information any more at `now`.
    pub(super) fn is_expired(&self, now: Instant) -> bool {
        self.reset_at <= now && self.blocked_until.is_none_or(|until| until <= now)
    }
}
