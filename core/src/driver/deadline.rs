//! [`Deadline`]: the bound on a whole call (the client's `call_timeout`).

use std::time::{Duration, Instant};

use crate::error::Error;

/// When a call started and when it must be over, if ever.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Deadline {
    started: Instant,
    timeout: Option<Duration>,
    at: Option<Instant>,
}

impl Deadline {
    /// A call starting at `now`, to be over `timeout` later (a timeout too
    /// long for the platform's `Instant` is no deadline).
    pub(crate) fn start(now: Instant, timeout: Option<Duration>) -> Self {
        Self {
            started: now,
            timeout,
            at: timeout.and_then(|timeout| now.checked_add(timeout)),
        }
    }

    /// Whether a step ending at `until` leaves no time before the deadline.
    pub(crate) fn is_reached_by(&self, until: Instant) -> bool {
        self.at.is_some_and(|at| until >= at)
    }

    /// The time left at `now`, when there is a deadline.
    pub(crate) fn left(&self, now: Instant) -> Option<Duration> {
        self.at.map(|at| at.saturating_duration_since(now))
    }

    /// The error that ends the call at `now`.
    pub(crate) fn exceeded(&self, operation: &'static str, now: Instant) -> Error {
        Error::DeadlineExceeded {
            operation,
            waited: now.saturating_duration_since(self.started),
            timeout: self.timeout.unwrap_or_default(),
        }
    }
}
