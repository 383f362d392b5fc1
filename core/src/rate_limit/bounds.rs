//! Memory bounds: how the limiter's maps are kept small, forgetting the
//! least useful knowledge first.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use super::bucket::{Bucket, BucketKey};
use crate::route::Route;

/// Brings `buckets` down to three quarters of `cap`, forgetting those past
/// their reset first, then those not blocking, then those unblocking soonest,
/// so that shrinking happens rarely (amortised O(1)).
pub(super) fn shrink_buckets(buckets: &mut HashMap<BucketKey, Bucket>, cap: usize, now: Instant) {
    let target = cap / 4 * 3;
    buckets.retain(|_, bucket| !bucket.is_expired(now));
    if buckets.len() > target {
        buckets.retain(|_, bucket| bucket.blocked_until(now).is_some());
    }
    if buckets.len() <= target {
        return;
    }
    // Keep those blocking longest.
    let mut untils: Vec<Instant> = buckets
        .values()
        .filter_map(|bucket| bucket.blocked_until(now))
        .collect();
    let cut = untils.len() - target;
    let (_, threshold, _) = untils.select_nth_unstable(cut);
    let threshold = *threshold;
    buckets.retain(|_, bucket| bucket.blocked_until(now).is_some_and(|u| u >= threshold));
    // Ties at the threshold may leave a few too many.
    if buckets.len() > target {
        let mut excess = buckets.len() - target;
        buckets.retain(|_, bucket| {
            if excess > 0 && bucket.blocked_until(now) == Some(threshold) {
                excess -= 1;
                false
            } else {
                true
            }
        });
    }
}

/// Brings the route → bucket `routes` down to three quarters of `cap`: first
/// those whose bucket is no longer tracked, then arbitrary ones (a forgotten
/// mapping is learnt again from the route's next response).
pub(super) fn shrink_routes(
    routes: &mut HashMap<Route, Arc<str>>,
    buckets: &HashMap<BucketKey, Bucket>,
    cap: usize,
) {
    let target = cap / 4 * 3;
    routes.retain(|route, id| {
        buckets.contains_key(&BucketKey::Discord {
            id: Arc::clone(id),
            major: route.major,
            identity: route.identity,
        })
    });
    if routes.len() > target {
        let mut excess = routes.len() - target;
        routes.retain(|_, _| {
            if excess > 0 {
                excess -= 1;
                false
            } else {
                true
            }
        });
    }
}
