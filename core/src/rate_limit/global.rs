//! [`GlobalWindow`]: the proactive pacing of bot requests to Discord's
//! global limit, as a sliding one-second window.

use std::collections::VecDeque;
use std::num::NonZeroU32;
use std::time::{Duration, Instant};

use super::later;

/// The send times of the latest bot requests, at most `limit` of them.
#[derive(Debug, Clone)]
pub(super) struct GlobalWindow {
    limit: Option<NonZeroU32>,
    /// Oldest first, kept sorted even when instants arrive out of order.
    sent: VecDeque<Instant>,
}

impl GlobalWindow {
    /// The width of the window.
    pub(super) const WIDTH: Duration = Duration::from_secs(1);

    pub(super) fn new(limit: Option<NonZeroU32>) -> Self {
        Self {
            limit,
            sent: VecDeque::new(),
        }
    }

    pub(super) fn limit(&self) -> Option<NonZeroU32> {
        self.limit
    }

    /// Changes the limit, forgetting sends beyond a lowered one.
    pub(super) fn set_limit(&mut self, limit: Option<NonZeroU32>) {
        self.limit = limit;
        let keep = limit.map_or(0, |limit| limit.get() as usize);
        while self.sent.len() > keep {
            self.sent.pop_front();
        }
    }

    /// Counts a send at `now`.
    pub(super) fn record(&mut self, now: Instant) {
        let Some(limit) = self.limit else { return };
        let at = self.sent.partition_point(|sent| *sent <= now);
        self.sent.insert(at, now);
        if self.sent.len() > limit.get() as usize {
            self.sent.pop_front();
        }
    }

    /// When the window has room again, if it is full: the oldest of the
    /// `limit` latest sends leaves it one second after it was sent.
    pub(super) fn free_at(&self) -> Option<Instant> {
        let limit = self.limit?.get() as usize;
        if self.sent.len() < limit {
            return None;
        }
        self.sent.front().map(|oldest| later(*oldest, Self::WIDTH))
    }

    /// Forgets sends that left the window before `now`.
    pub(super) fn prune(&mut self, now: Instant) {
        self.sent.retain(|sent| later(*sent, Self::WIDTH) > now);
    }

    #[cfg(test)]
    pub(super) fn is_empty(&self) -> bool {
        self.sent.is_empty()
    }
}
