//! The rate-limit state machine.

use std::collections::{HashMap, VecDeque};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::{Duration, Instant};

use http::StatusCode;

use super::RateLimitHeaders;
use crate::{RateLimitScope, RateLimited, Route};

/// Rate-limit bookkeeping for one application (one token / one IP), as a pure
/// state machine: it never reads the clock and never sleeps. The caller passes
/// `now` (an [`Instant`] from its own clock) to every call, asks
/// [`delay`](Self::delay) before sending, waits that long itself, and reports
/// what happened with [`on_send`](Self::on_send) and
/// [`on_response`](Self::on_response).
///
/// What it tracks:
///
/// - **Per-route buckets.** Discord names the bucket of a route in
///   `X-RateLimit-Bucket`; routes reporting the same id share a bucket, kept
///   apart per [major parameter](Route::major) (Discord's bucket ids exclude
///   the top-level resource) and per user ([`Route::identity`]: one user's
///   exhausted bucket does not hold back another's). A bucket with `remaining` 0 delays its routes
///   until `X-RateLimit-Reset-After` has passed. The absolute
///   `X-RateLimit-Reset` is not used: it is Discord's wall clock, and the
///   caller's may be skewed.
/// - **429s.** A per-route 429 blocks its bucket (or, without a bucket header,
///   its route) for the wait it asks; a global one (`X-RateLimit-Global` or
///   scope `global`) blocks every route — of that user, when it answered a
///   user's bearer request.
/// - **The global limit** (default [50 per second](Self::DEFAULT_GLOBAL_LIMIT)):
///   a sliding one-second window of the requests sent on the application's
///   behalf (token endpoints, bot requests); requests with a user's bearer
///   token count against that user's limits instead.
/// - **Invalid requests**: 401, 403 and 429 responses (except 429s of scope
///   `shared`) over the last ten minutes; Cloudflare bans an IP for a while
///   after [10,000](Self::INVALID_REQUEST_LIMIT) of them.
///
/// Memory stays bounded: buckets whose reset has passed are dropped, and the
/// maps never hold more than [`MAX_BUCKETS`](Self::MAX_BUCKETS) buckets and
/// [`MAX_ROUTES`](Self::MAX_ROUTES) routes.
///
/// Instants passed in need not be monotonic (several threads may share one
/// limiter behind a lock); an earlier `now` is simply an earlier point in time.
///
/// ```
/// use std::time::{Duration, Instant};
/// use disco_oauth2::{RateLimitHeaders, RateLimiter, Route};
/// use http::{HeaderMap, Method, StatusCode};
///
/// let route = Route::new(Method::GET, "/users/@me/guilds");
/// let mut limiter = RateLimiter::new();
/// let t0 = Instant::now();
///
/// // Nothing known yet: send now.
/// assert_eq!(limiter.delay(&route, t0), None);
/// limiter.on_send(&route, t0);
///
/// // Discord answers that the bucket is empty for 2.5 s.
/// let mut map = HeaderMap::new();
/// map.insert("x-ratelimit-bucket", "abcd1234".parse()?);
/// map.insert("x-ratelimit-remaining", "0".parse()?);
/// map.insert("x-ratelimit-reset-after", "2.5".parse()?);
/// limiter.on_response(&route, StatusCode::OK, &RateLimitHeaders::from_headers(&map), t0);
///
/// assert_eq!(limiter.delay(&route, t0), Some(Duration::from_millis(2500)));
/// assert_eq!(limiter.delay(&route, t0 + Duration::from_secs(1)), Some(Duration::from_millis(1500)));
/// assert_eq!(limiter.delay(&route, t0 + Duration::from_millis(2500)), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct RateLimiter {
    /// Requests allowed per second across all routes, if enforced.
    global_limit: Option<NonZeroU32>,
    /// Send times of the most recent requests, oldest first; at most
    /// `global_limit` of them.
    global_window: VecDeque<Instant>,
    /// Until when a global 429 blocks everything.
    global_blocked_until: Option<Instant>,
    /// What Discord said each route's bucket is.
    routes: HashMap<Route, Arc<str>>,
    /// What is known of each bucket.
    buckets: HashMap<BucketKey, Bucket>,
    /// Invalid responses, grouped: (first, last, count), oldest first.
    invalid: VecDeque<InvalidGroup>,
}

/// A bucket: Discord's id with the major parameter, or, for a route that got a
/// 429 without ever naming its bucket, the route itself.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum BucketKey {
    Discord {
        id: Arc<str>,
        major: Option<u64>,
        identity: Option<u64>,
    },
    Route(Route),
    /// Everything one user (a [`Route::identity`]) sends: a global 429 on a
    /// user's bearer request blocks that user, not the application.
    User(u64),
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    /// Requests left until `reset_at`.
    remaining: u32,
    /// When the window resets (and `remaining` refills).
    reset_at: Instant,
    /// Until when a 429 blocks the bucket, whatever `remaining` says.
    blocked_until: Option<Instant>,
}

impl Bucket {
    /// When this bucket next lets a request through, if it blocks at `now`.
    fn blocked_until(&self, now: Instant) -> Option<Instant> {
        let exhausted = (self.remaining == 0).then_some(self.reset_at);
        exhausted
            .into_iter()
            .chain(self.blocked_until)
            .filter(|until| *until > now)
            .max()
    }

    /// Combines what two records of the same bucket say, conservatively.
    fn merge(&mut self, other: &Bucket, now: Instant) {
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
    fn is_expired(&self, now: Instant) -> bool {
        self.reset_at <= now && self.blocked_until.is_none_or(|until| until <= now)
    }
}

#[derive(Debug, Clone, Copy)]
struct InvalidGroup {
    first: Instant,
    last: Instant,
    count: u32,
}

impl Default for RateLimiter {
    fn default() -> Self {
        Self::new()
    }
}

impl RateLimiter {
    /// Discord's global limit: 50 requests per second.
    pub const DEFAULT_GLOBAL_LIMIT: NonZeroU32 = match NonZeroU32::new(50) {
        Some(limit) => limit,
        None => unreachable!(),
    };

    /// The most buckets kept; beyond it, the least useful are forgotten (those
    /// past their reset first, then those not blocking, then those unblocking
    /// soonest).
    pub const MAX_BUCKETS: usize = 4096;

    /// The most route → bucket mappings kept; beyond it, mappings to buckets no
    /// longer tracked are forgotten first, then arbitrary ones. A forgotten
    /// mapping is learnt again from the route's next response.
    pub const MAX_ROUTES: usize = 4096;

    /// Cloudflare's invalid-request limit: this many 401, 403 and 429
    /// responses per [`INVALID_REQUEST_WINDOW`](Self::INVALID_REQUEST_WINDOW)
    /// get the IP banned for a while.
    pub const INVALID_REQUEST_LIMIT: u32 = 10_000;

    /// The window of the invalid-request limit: ten minutes.
    pub const INVALID_REQUEST_WINDOW: Duration = Duration::from_secs(600);

    /// The width of the global limit's window.
    const GLOBAL_WINDOW: Duration = Duration::from_secs(1);

    /// The most groups of invalid responses kept (one per second of the window
    /// suffices for ordered instants; the rest is slack for unordered ones).
    const MAX_INVALID_GROUPS: usize = 1024;

    /// A limiter knowing nothing yet, enforcing Discord's global limit of
    /// [50 requests per second](Self::DEFAULT_GLOBAL_LIMIT).
    pub fn new() -> Self {
        Self {
            global_limit: Some(Self::DEFAULT_GLOBAL_LIMIT),
            global_window: VecDeque::new(),
            global_blocked_until: None,
            routes: HashMap::new(),
            buckets: HashMap::new(),
            invalid: VecDeque::new(),
        }
    }

    /// The same limiter with another global limit in requests per second, or
    /// none (`None`: only per-route buckets and 429s delay requests).
    ///
    /// ```
    /// use std::num::NonZeroU32;
    /// use disco_oauth2::RateLimiter;
    ///
    /// let limiter = RateLimiter::new().with_global_limit(NonZeroU32::new(40));
    /// assert_eq!(limiter.global_limit(), NonZeroU32::new(40));
    /// let unlimited = RateLimiter::new().with_global_limit(None);
    /// assert_eq!(unlimited.global_limit(), None);
    /// ```
    pub fn with_global_limit(mut self, per_second: Option<NonZeroU32>) -> Self {
        self.global_limit = per_second;
        self.trim_global_window();
        self
    }

    /// The global limit in requests per second, if enforced.
    pub fn global_limit(&self) -> Option<NonZeroU32> {
        self.global_limit
    }

    /// How long to wait before sending a request on `route` at `now`; `None`
    /// means send now.
    ///
    /// It is the longest of: the route's bucket being empty until its reset,
    /// a 429 blocking the bucket or route, a global 429, and the global
    /// limit's window being full. A route never seen is delayed only by the
    /// global ones.
    pub fn delay(&self, route: &Route, now: Instant) -> Option<Duration> {
        let bucket = self
            .buckets
            .get(&self.key_of(route))
            .and_then(|bucket| bucket.blocked_until(now));
        let user = route
            .identity
            .and_then(|id| self.buckets.get(&BucketKey::User(id)))
            .and_then(|bucket| bucket.blocked_until(now));
        [
            bucket,
            user,
            self.global_blocked_until,
            self.global_window_free_at()
                .filter(|_| route.identity.is_none()),
        ]
        .into_iter()
        .flatten()
        .filter(|until| *until > now)
        .max()
        .map(|until| until.saturating_duration_since(now))
    }

    /// Records that a request on `route` is being sent at `now`: it counts
    /// towards the global window, and takes one from its bucket's `remaining`
    /// while the bucket's window is current (so that requests sent before the
    /// response arrives are accounted for).
    pub fn on_send(&mut self, route: &Route, now: Instant) {
        // The global limit is the application's (or its bot's); requests made
        // with a user's bearer token count against that user's limits.
        if let Some(limit) = self.global_limit.filter(|_| route.identity.is_none()) {
            // Keep the window sorted even if instants arrive out of order.
            let at = self.global_window.partition_point(|sent| *sent <= now);
            self.global_window.insert(at, now);
            if self.global_window.len() > limit.get() as usize {
                self.global_window.pop_front();
            }
        }
        let key = self.key_of(route);
        if let Some(bucket) = self.buckets.get_mut(&key)
            && bucket.reset_at > now
        {
            bucket.remaining = bucket.remaining.saturating_sub(1);
        }
    }

    /// Learns from a response to a request on `route`, received at `now`:
    ///
    /// - `X-RateLimit-Bucket` maps the route to its bucket;
    /// - `X-RateLimit-Remaining` and `X-RateLimit-Reset-After` (relative to
    ///   `now`) set the bucket's state; while the bucket's window is current,
    ///   the lower `remaining` and the later reset win, so that a late
    ///   response to an earlier request cannot undo [`on_send`](Self::on_send)'s
    ///   accounting;
    /// - a 429 blocks the bucket (the route, without a bucket header), or every
    ///   route if it is global, for its `Retry-After` (else
    ///   `X-RateLimit-Reset-After`); see [`on_rate_limited`](Self::on_rate_limited)
    ///   to use the body's more precise `retry_after` instead;
    /// - a 401, 403 or 429 (unless of scope `shared`) counts as an
    ///   [invalid request](Self::invalid_request_count).
    ///
    /// Call it for every response, whatever its status.
    pub fn on_response(
        &mut self,
        route: &Route,
        status: StatusCode,
        headers: &RateLimitHeaders,
        now: Instant,
    ) {
        let too_many = status == StatusCode::TOO_MANY_REQUESTS;
        if status == StatusCode::UNAUTHORIZED
            || status == StatusCode::FORBIDDEN
            || (too_many && headers.scope != Some(RateLimitScope::Shared))
        {
            self.record_invalid(now);
        }

        if let Some(id) = &headers.bucket {
            self.learn_bucket(route, id, now);
        }
        let key = self.key_of(route);

        if let (Some(remaining), Some(reset_after)) = (headers.remaining, headers.reset_after) {
            let reset_at = later(now, reset_after);
            let bucket = self.bucket_mut(key.clone(), now);
            if bucket.reset_at > now {
                bucket.remaining = bucket.remaining.min(remaining);
                bucket.reset_at = bucket.reset_at.max(reset_at);
            } else {
                bucket.remaining = remaining;
                bucket.reset_at = reset_at;
            }
        }

        if too_many {
            let wait = headers.retry_delay().unwrap_or(Duration::ZERO);
            let until = later(now, wait);
            if headers.is_global() {
                self.block_globally(route, until, now, false);
            } else {
                let bucket = self.bucket_mut(key, now);
                bucket.blocked_until = bucket.blocked_until.max(Some(until));
            }
        }
    }

    /// Applies a 429 parsed into a [`RateLimited`] error (whose `retry_after`
    /// comes from the body, more precise than the `Retry-After` header): blocks
    /// the bucket of `route` (the one named in `error.bucket` if any), or every
    /// route if it is global, for exactly `error.retry_after` from `now`,
    /// replacing the block set by [`on_response`](Self::on_response) for the
    /// same response.
    ///
    /// It does not count an invalid request; `on_response` does that.
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use disco_oauth2::{RateLimitScope, RateLimited, RateLimiter, Route};
    /// use http::Method;
    ///
    /// let mut limiter = RateLimiter::new();
    /// let route = Route::new(Method::GET, "/users/@me");
    /// let other = Route::new(Method::GET, "/users/@me/connections");
    /// let now = Instant::now();
    /// let error = RateLimited {
    ///     retry_after: Duration::from_millis(64_570),
    ///     global: true,
    ///     scope: Some(RateLimitScope::Global),
    ///     bucket: None,
    ///     message: Some("You are being rate limited.".into()),
    ///     code: None,
    ///     predicted: false,
    /// };
    /// limiter.on_rate_limited(&route, &error, now);
    /// assert_eq!(limiter.delay(&other, now), Some(Duration::from_millis(64_570)));
    /// ```
    pub fn on_rate_limited(&mut self, route: &Route, error: &RateLimited, now: Instant) {
        let until = later(now, error.retry_after);
        if error.global || error.scope == Some(RateLimitScope::Global) {
            self.block_globally(route, until, now, true);
            return;
        }
        if let Some(id) = error
            .bucket
            .as_deref()
            .filter(|id| !id.is_empty() && id.len() <= RateLimitHeaders::MAX_BUCKET_LEN)
        {
            self.learn_bucket(route, id, now);
        }
        let key = self.key_of(route);
        self.bucket_mut(key, now).blocked_until = Some(until);
    }

    /// A global 429: on a user's bearer request it blocks that user; on the
    /// application's own requests, everything.
    ///
    /// With `replace`, `until` replaces the block (the body's precise wait
    /// after the header's rounded one); else the later of the two stays.
    fn block_globally(&mut self, route: &Route, until: Instant, now: Instant, replace: bool) {
        let slot = match route.identity {
            Some(id) => &mut self.bucket_mut(BucketKey::User(id), now).blocked_until,
            None => &mut self.global_blocked_until,
        };
        *slot = if replace {
            Some(until)
        } else {
            (*slot).max(Some(until))
        };
    }

    /// Forgets what no longer matters at `now`: buckets past their reset and
    /// block, an expired global block, sends older than the global window and
    /// invalid responses older than ten minutes.
    ///
    /// The other calls prune as needed to stay bounded; call this to shrink an
    /// idle limiter.
    pub fn prune(&mut self, now: Instant) {
        self.buckets.retain(|_, bucket| !bucket.is_expired(now));
        if self.global_blocked_until.is_some_and(|until| until <= now) {
            self.global_blocked_until = None;
        }
        self.global_window
            .retain(|sent| later(*sent, Self::GLOBAL_WINDOW) > now);
        self.invalid
            .retain(|group| later(group.last, Self::INVALID_REQUEST_WINDOW) > now);
    }

    /// How many invalid responses (401, 403, and 429 other than scope
    /// `shared`) were seen in the ten minutes before `now`. Compare with
    /// [`INVALID_REQUEST_LIMIT`](Self::INVALID_REQUEST_LIMIT).
    ///
    /// Responses are counted in groups of up to one second and a group leaves
    /// the window when its last response does, so the count may run up to a
    /// second long, never short.
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use disco_oauth2::{RateLimitHeaders, RateLimiter, Route};
    /// use http::{Method, StatusCode};
    ///
    /// let mut limiter = RateLimiter::new();
    /// let route = Route::new(Method::GET, "/users/@me");
    /// let t0 = Instant::now();
    /// let none = RateLimitHeaders::default();
    /// limiter.on_response(&route, StatusCode::UNAUTHORIZED, &none, t0);
    /// limiter.on_response(&route, StatusCode::OK, &none, t0);
    /// assert_eq!(limiter.invalid_request_count(t0), 1);
    /// assert_eq!(limiter.invalid_request_count(t0 + Duration::from_secs(600)), 0);
    /// ```
    pub fn invalid_request_count(&self, now: Instant) -> u32 {
        self.invalid
            .iter()
            .filter(|group| {
                group.first <= now && later(group.last, Self::INVALID_REQUEST_WINDOW) > now
            })
            .fold(0u32, |sum, group| sum.saturating_add(group.count))
    }

    /// The bucket id Discord reported for `route`, if known.
    pub fn bucket_of(&self, route: &Route) -> Option<&str> {
        self.routes.get(route).map(|id| &**id)
    }

    /// How many buckets are tracked (at most [`MAX_BUCKETS`](Self::MAX_BUCKETS)).
    pub fn bucket_count(&self) -> usize {
        self.buckets.len()
    }

    /// How many route → bucket mappings are known (at most
    /// [`MAX_ROUTES`](Self::MAX_ROUTES)).
    pub fn route_count(&self) -> usize {
        self.routes.len()
    }

    fn key_of(&self, route: &Route) -> BucketKey {
        match self.routes.get(route) {
            Some(id) => BucketKey::Discord {
                id: Arc::clone(id),
                major: route.major,
                identity: route.identity,
            },
            None => BucketKey::Route(route.clone()),
        }
    }

    /// Maps `route` to the bucket `id`.
    fn learn_bucket(&mut self, route: &Route, id: &str, now: Instant) {
        if self.routes.get(route).is_some_and(|known| **known == *id) {
            return;
        }
        // A block set on the route before its bucket was known moves to the bucket.
        let orphan = self.buckets.remove(&BucketKey::Route(route.clone()));
        if !self.routes.contains_key(route) && self.routes.len() >= Self::MAX_ROUTES {
            self.shrink_routes();
        }
        let id: Arc<str> = Arc::from(id);
        self.routes.insert(route.clone(), Arc::clone(&id));
        if let Some(orphan) = orphan.filter(|orphan| !orphan.is_expired(now)) {
            let key = BucketKey::Discord {
                id,
                major: route.major,
                identity: route.identity,
            };
            if self.buckets.contains_key(&key) {
                self.bucket_mut(key, now).merge(&orphan, now);
            } else {
                *self.bucket_mut(key, now) = orphan;
            }
        }
    }

    /// The bucket under `key`, created empty-handed (not blocking) if absent.
    fn bucket_mut(&mut self, key: BucketKey, now: Instant) -> &mut Bucket {
        if !self.buckets.contains_key(&key) && self.buckets.len() >= Self::MAX_BUCKETS {
            self.shrink_buckets(now);
        }
        self.buckets.entry(key).or_insert(Bucket {
            remaining: u32::MAX,
            reset_at: now,
            blocked_until: None,
        })
    }

    /// Brings the buckets down to three quarters of the cap, forgetting the
    /// least useful first, so that shrinking happens rarely (amortised O(1)).
    fn shrink_buckets(&mut self, now: Instant) {
        let target = Self::MAX_BUCKETS / 4 * 3;
        self.buckets.retain(|_, bucket| !bucket.is_expired(now));
        if self.buckets.len() > target {
            self.buckets
                .retain(|_, bucket| bucket.blocked_until(now).is_some());
        }
        if self.buckets.len() > target {
            // Keep those blocking longest.
            let mut untils: Vec<Instant> = self
                .buckets
                .values()
                .filter_map(|bucket| bucket.blocked_until(now))
                .collect();
            let cut = untils.len() - target;
            let (_, threshold, _) = untils.select_nth_unstable(cut);
            let threshold = *threshold;
            self.buckets
                .retain(|_, bucket| bucket.blocked_until(now).is_some_and(|u| u >= threshold));
            // Ties at the threshold may leave a few too many.
            if self.buckets.len() > target {
                let excess = self.buckets.len() - target;
                let mut dropped = 0;
                self.buckets.retain(|_, bucket| {
                    if dropped < excess && bucket.blocked_until(now) == Some(threshold) {
                        dropped += 1;
                        false
                    } else {
                        true
                    }
                });
            }
        }
    }

    /// Brings the route mappings down to three quarters of the cap: first
    /// those whose bucket is no longer tracked, then arbitrary ones.
    fn shrink_routes(&mut self) {
        let target = Self::MAX_ROUTES / 4 * 3;
        let buckets = &self.buckets;
        self.routes.retain(|route, id| {
            buckets.contains_key(&BucketKey::Discord {
                id: Arc::clone(id),
                major: route.major,
                identity: route.identity,
            })
        });
        if self.routes.len() > target {
            let mut excess = self.routes.len() - target;
            self.routes.retain(|_, _| {
                if excess > 0 {
                    excess -= 1;
                    false
                } else {
                    true
                }
            });
        }
    }

    /// Drops sends beyond the global limit (after it was lowered).
    fn trim_global_window(&mut self) {
        let keep = self.global_limit.map_or(0, |limit| limit.get() as usize);
        while self.global_window.len() > keep {
            self.global_window.pop_front();
        }
    }

    /// When the global window has room again, if it is full.
    fn global_window_free_at(&self) -> Option<Instant> {
        let limit = self.global_limit?.get() as usize;
        if self.global_window.len() < limit {
            return None;
        }
        // The window holds the `limit` most recent sends; the oldest of them
        // leaves it one second after it was sent.
        self.global_window
            .front()
            .map(|oldest| later(*oldest, Self::GLOBAL_WINDOW))
    }

    fn record_invalid(&mut self, now: Instant) {
        if let Some(group) = self.invalid.back_mut()
            && group.first <= now
            && now < later(group.first, Duration::from_secs(1))
        {
            group.last = group.last.max(now);
            group.count = group.count.saturating_add(1);
            return;
        }
        // Forget groups that left the window before adding one.
        if self.invalid.len() >= Self::MAX_INVALID_GROUPS {
            self.invalid
                .retain(|group| later(group.last, Self::INVALID_REQUEST_WINDOW) > now);
        }
        if self.invalid.len() >= Self::MAX_INVALID_GROUPS {
            // Unordered instants: merge the two oldest groups, never losing counts.
            if let (Some(oldest), Some(next)) = (self.invalid.pop_front(), self.invalid.front_mut())
            {
                next.first = next.first.min(oldest.first);
                next.last = next.last.max(oldest.last);
                next.count = next.count.saturating_add(oldest.count);
            }
        }
        self.invalid.push_back(InvalidGroup {
            first: now,
            last: now,
            count: 1,
        });
    }
}

/// `at + wait`, or `at` itself in the (unrealistic) case the sum overflows the
/// platform's `Instant`.
fn later(at: Instant, wait: Duration) -> Instant {
    // A wait too long for `Instant` is as good as the longest one allowed.
    at.checked_add(wait.min(RateLimitHeaders::MAX_DURATION))
        .or_else(|| at.checked_add(Duration::from_secs(3600)))
        .unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::Method;

    const MS: fn(u64) -> Duration = Duration::from_millis;

    fn route(template: &'static str) -> Route {
        Route::new(Method::GET, template)
    }

    fn bucket(id: &str, remaining: u32, reset_after: Duration) -> RateLimitHeaders {
        RateLimitHeaders {
            bucket: Some(id.to_owned()),
            remaining: Some(remaining),
            limit: Some(5),
            reset_after: Some(reset_after),
            ..RateLimitHeaders::default()
        }
    }

    fn unlimited() -> RateLimiter {
        RateLimiter::new().with_global_limit(None)
    }

    #[test]
    fn unknown_route_sends_now() {
        let limiter = RateLimiter::new();
        let t0 = Instant::now();
        assert_eq!(limiter.delay(&route("/users/@me"), t0), None);
        assert_eq!(limiter.bucket_of(&route("/users/@me")), None);
    }

    #[test]
    fn empty_bucket_delays_until_reset_after() {
        let mut limiter = unlimited();
        let r = route("/users/@me/guilds");
        let t0 = Instant::now();
        limiter.on_response(&r, StatusCode::OK, &bucket("b1", 0, MS(2500)), t0);
        assert_eq!(limiter.bucket_of(&r), Some("b1"));
        assert_eq!(limiter.delay(&r, t0), Some(MS(2500)));
        assert_eq!(limiter.delay(&r, t0 + MS(1500)), Some(MS(1000)));
        assert_eq!(limiter.delay(&r, t0 + MS(2499)), Some(MS(1)));
        assert_eq!(limiter.delay(&r, t0 + MS(2500)), None);
        assert_eq!(limiter.delay(&r, t0 + MS(9000)), None);
    }

    #[test]
    fn absolute_reset_is_not_used() {
        let mut limiter = unlimited();
        let r = route("/users/@me");
        let t0 = Instant::now();
        let headers = RateLimitHeaders {
            remaining: Some(0),
            reset: Some(Duration::from_secs(4_000_000_000)),
            bucket: Some("b".to_owned()),
            ..RateLimitHeaders::default()
        };
        limiter.on_response(&r, StatusCode::OK, &headers, t0);
        assert_eq!(limiter.delay(&r, t0), None);
    }

    #[test]
    fn on_send_counts_down_to_a_delay() {
        let mut limiter = unlimited();
        let r = route("/users/@me");
        let t0 = Instant::now();
        limiter.on_response(&r, StatusCode::OK, &bucket("b1", 2, MS(1000)), t0);
        assert_eq!(limiter.delay(&r, t0), None);
        limiter.on_send(&r, t0);
        assert_eq!(limiter.delay(&r, t0), None);
        limiter.on_send(&r, t0 + MS(100));
        assert_eq!(limiter.delay(&r, t0 + MS(100)), Some(MS(900)));
        // A late response to the first request says 1 left: the lower count wins.
        limiter.on_response(&r, StatusCode::OK, &bucket("b1", 1, MS(900)), t0 + MS(100));
        assert_eq!(limiter.delay(&r, t0 + MS(200)), Some(MS(800)));
        // After the reset, the bucket is fresh and sends are no longer counted
        // against the old window.
        limiter.on_send(&r, t0 + MS(1000));
        assert_eq!(limiter.delay(&r, t0 + MS(1000)), None);
        // A response of the new window replaces the old state.
        limiter.on_response(
            &r,
            StatusCode::OK,
            &bucket("b1", 4, MS(1000)),
            t0 + MS(1100),
        );
        assert_eq!(limiter.delay(&r, t0 + MS(1100)), None);
    }

    #[test]
    fn routes_reporting_one_bucket_share_it() {
        let mut limiter = unlimited();
        let a = route("/users/@me");
        let b = route("/users/@me/connections");
        let c = route("/oauth2/@me");
        let t0 = Instant::now();
        limiter.on_response(&a, StatusCode::OK, &bucket("shared", 1, MS(3000)), t0);
        limiter.on_response(&b, StatusCode::OK, &bucket("shared", 1, MS(3000)), t0);
        limiter.on_response(&c, StatusCode::OK, &bucket("other", 1, MS(3000)), t0);
        // Sending on `a` exhausts `b` too, not `c`.
        limiter.on_send(&a, t0);
        assert_eq!(limiter.delay(&a, t0), Some(MS(3000)));
        assert_eq!(limiter.delay(&b, t0), Some(MS(3000)));
        assert_eq!(limiter.delay(&c, t0), None);
        assert_eq!(limiter.bucket_count(), 2);
        assert_eq!(limiter.route_count(), 3);
    }

    #[test]
    fn a_bucket_is_kept_apart_per_major_parameter() {
        let mut limiter = unlimited();
        let template = "/guilds/{guild.id}/members/{user.id}";
        let g1 = Route::new(Method::PUT, template).with_major(1);
        let g2 = Route::new(Method::PUT, template).with_major(2);
        let t0 = Instant::now();
        limiter.on_response(&g1, StatusCode::CREATED, &bucket("members", 0, MS(500)), t0);
        limiter.on_response(&g2, StatusCode::CREATED, &bucket("members", 3, MS(500)), t0);
        assert_eq!(limiter.delay(&g1, t0), Some(MS(500)));
        assert_eq!(limiter.delay(&g2, t0), None);
    }

    #[test]
    fn global_429_blocks_every_route() {
        let mut limiter = unlimited();
        let a = route("/users/@me");
        let b = route("/users/@me/guilds");
        let t0 = Instant::now();
        let headers = RateLimitHeaders {
            global: true,
            scope: Some(RateLimitScope::Global),
            retry_after: Some(Duration::from_secs(65)),
            ..RateLimitHeaders::default()
        };
        limiter.on_response(&a, StatusCode::TOO_MANY_REQUESTS, &headers, t0);
        assert_eq!(limiter.delay(&a, t0), Some(Duration::from_secs(65)));
        assert_eq!(
            limiter.delay(&b, t0 + MS(5000)),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            limiter.delay(&route("/never/seen"), t0),
            Some(Duration::from_secs(65))
        );
        assert_eq!(limiter.delay(&b, t0 + Duration::from_secs(65)), None);
        assert_eq!(limiter.invalid_request_count(t0), 1);
    }

    #[test]
    fn route_429_blocks_only_its_bucket() {
        let mut limiter = unlimited();
        let a = route("/users/@me");
        let b = route("/users/@me/connections");
        let c = route("/users/@me/guilds");
        let t0 = Instant::now();
        limiter.on_response(&b, StatusCode::OK, &bucket("abcd1234", 5, MS(1000)), t0);
        // The user fixture: Retry-After 65, Reset-After 64.57, remaining 0.
        let headers = RateLimitHeaders {
            limit: Some(10),
            remaining: Some(0),
            reset: Some(Duration::new(1_470_173_023, 123_000_000)),
            reset_after: Some(MS(64_570)),
            bucket: Some("abcd1234".to_owned()),
            global: false,
            scope: Some(RateLimitScope::User),
            retry_after: Some(Duration::from_secs(65)),
        };
        limiter.on_response(&a, StatusCode::TOO_MANY_REQUESTS, &headers, t0);
        assert_eq!(limiter.delay(&a, t0), Some(Duration::from_secs(65)));
        assert_eq!(limiter.delay(&b, t0), Some(Duration::from_secs(65)));
        assert_eq!(limiter.delay(&c, t0), None);
        assert_eq!(limiter.delay(&a, t0 + Duration::from_secs(65)), None);
    }

    #[test]
    fn route_429_without_bucket_blocks_the_route_until_its_bucket_is_known() {
        let mut limiter = unlimited();
        let a = route("/users/@me");
        let b = route("/users/@me/guilds");
        let t0 = Instant::now();
        let headers = RateLimitHeaders {
            retry_after: Some(Duration::from_secs(3)),
            ..RateLimitHeaders::default()
        };
        limiter.on_response(&a, StatusCode::TOO_MANY_REQUESTS, &headers, t0);
        assert_eq!(limiter.delay(&a, t0), Some(Duration::from_secs(3)));
        assert_eq!(limiter.delay(&b, t0), None);
        // Its bucket becomes known: the block moves with it.
        limiter.on_response(&a, StatusCode::OK, &bucket("b", 4, MS(100)), t0 + MS(1000));
        assert_eq!(limiter.delay(&a, t0 + MS(1000)), Some(MS(2000)));
        assert_eq!(limiter.bucket_count(), 1);
    }

    #[test]
    fn on_rate_limited_uses_the_body_wait() {
        let mut limiter = unlimited();
        let a = route("/users/@me");
        let b = route("/users/@me/connections");
        let t0 = Instant::now();
        let headers = RateLimitHeaders {
            bucket: Some("abcd1234".to_owned()),
            scope: Some(RateLimitScope::User),
            retry_after: Some(Duration::from_secs(65)),
            ..RateLimitHeaders::default()
        };
        limiter.on_response(&a, StatusCode::TOO_MANY_REQUESTS, &headers, t0);
        let error = RateLimited {
            retry_after: MS(64_570),
            global: false,
            scope: Some(RateLimitScope::User),
            bucket: Some("abcd1234".to_owned()),
            message: None,
            code: None,
            predicted: false,
        };
        limiter.on_rate_limited(&a, &error, t0);
        assert_eq!(limiter.delay(&a, t0), Some(MS(64_570)));
        assert_eq!(limiter.delay(&b, t0), None);
        assert_eq!(limiter.invalid_request_count(t0), 1);
        // Learnt from the error alone, too.
        limiter.on_rate_limited(&b, &error, t0 + MS(70));
        assert_eq!(limiter.bucket_of(&b), Some("abcd1234"));
        assert_eq!(limiter.delay(&a, t0 + MS(70)), Some(MS(64_570)));
    }

    #[test]
    fn global_window_allows_fifty_per_second() {
        let mut limiter = RateLimiter::new();
        let r = route("/users/@me");
        let t0 = Instant::now();
        for i in 0..50 {
            let at = t0 + MS(i * 10);
            assert_eq!(limiter.delay(&r, at), None, "request {i}");
            limiter.on_send(&r, at);
        }
        // The 51st must wait until the first leaves the window.
        assert_eq!(limiter.delay(&r, t0 + MS(500)), Some(MS(500)));
        assert_eq!(limiter.delay(&route("/other"), t0 + MS(999)), Some(MS(1)));
        assert_eq!(limiter.delay(&r, t0 + MS(1000)), None);
        limiter.on_send(&r, t0 + MS(1000));
        // Now the second (sent at 10 ms) is the oldest.
        assert_eq!(limiter.delay(&r, t0 + MS(1000)), Some(MS(10)));
        assert_eq!(limiter.delay(&r, t0 + MS(1010)), None);
    }

    #[test]
    fn global_limit_is_configurable() {
        let mut limiter = RateLimiter::new().with_global_limit(NonZeroU32::new(2));
        let r = route("/users/@me");
        let t0 = Instant::now();
        limiter.on_send(&r, t0);
        limiter.on_send(&r, t0);
        assert_eq!(limiter.delay(&r, t0), Some(Duration::from_secs(1)));
        let mut limiter = limiter.with_global_limit(None);
        for _ in 0..1000 {
            limiter.on_send(&r, t0);
        }
        assert_eq!(limiter.delay(&r, t0), None);
    }

    #[test]
    fn unordered_sends_keep_the_window_right() {
        let mut limiter = RateLimiter::new().with_global_limit(NonZeroU32::new(2));
        let r = route("/users/@me");
        let t0 = Instant::now();
        limiter.on_send(&r, t0 + MS(500));
        limiter.on_send(&r, t0 + MS(200));
        limiter.on_send(&r, t0 + MS(400));
        // The two latest (400, 500) are kept; room again at 1400.
        assert_eq!(limiter.delay(&r, t0 + MS(600)), Some(MS(800)));
    }

    #[test]
    fn invalid_requests_are_counted_over_ten_minutes() {
        let mut limiter = unlimited();
        let r = route("/users/@me");
        let t0 = Instant::now();
        let none = RateLimitHeaders::default();
        let shared = RateLimitHeaders {
            scope: Some(RateLimitScope::Shared),
            retry_after: Some(MS(1)),
            ..RateLimitHeaders::default()
        };
        for status in [
            StatusCode::UNAUTHORIZED,
            StatusCode::FORBIDDEN,
            StatusCode::TOO_MANY_REQUESTS,
            StatusCode::OK,
            StatusCode::NOT_FOUND,
            StatusCode::BAD_REQUEST,
        ] {
            limiter.on_response(&r, status, &none, t0);
        }
        limiter.on_response(&r, StatusCode::TOO_MANY_REQUESTS, &shared, t0);
        assert_eq!(limiter.invalid_request_count(t0), 3);
        limiter.on_response(
            &r,
            StatusCode::UNAUTHORIZED,
            &none,
            t0 + Duration::from_secs(300),
        );
        assert_eq!(
            limiter.invalid_request_count(t0 + Duration::from_secs(599)),
            4
        );
        assert_eq!(
            limiter.invalid_request_count(t0 + Duration::from_secs(600)),
            1
        );
        assert_eq!(
            limiter.invalid_request_count(t0 + Duration::from_secs(900)),
            0
        );
        // Many in a burst: groups stay few, the count exact.
        for i in 0..20_000u64 {
            limiter.on_response(&r, StatusCode::UNAUTHORIZED, &none, t0 + MS(301_000 + i));
        }
        let at = t0 + MS(321_000);
        assert_eq!(limiter.invalid_request_count(at), 20_004);
        assert!(limiter.invalid_request_count(at) > RateLimiter::INVALID_REQUEST_LIMIT);
        assert!(limiter.invalid.len() <= 25);
        limiter.prune(t0 + Duration::from_secs(3600));
        assert!(limiter.invalid.is_empty());
    }

    #[test]
    fn invalid_groups_stay_bounded_with_unordered_instants() {
        let mut limiter = unlimited();
        let r = route("/users/@me");
        let t0 = Instant::now();
        let none = RateLimitHeaders::default();
        for i in 0..10_000u64 {
            // Alternate between two far-apart times so no group merges.
            let at = t0 + Duration::from_secs(if i % 2 == 0 { 10 } else { 300 });
            limiter.on_response(&r, StatusCode::FORBIDDEN, &none, at);
        }
        assert!(limiter.invalid.len() <= RateLimiter::MAX_INVALID_GROUPS);
        assert_eq!(
            limiter.invalid_request_count(t0 + Duration::from_secs(300)),
            10_000
        );
    }

    #[test]
    fn prune_forgets_expired_state() {
        let mut limiter = RateLimiter::new();
        let r = route("/users/@me");
        let t0 = Instant::now();
        limiter.on_send(&r, t0);
        limiter.on_response(&r, StatusCode::OK, &bucket("b", 0, MS(100)), t0);
        let global = RateLimitHeaders {
            global: true,
            retry_after: Some(MS(200)),
            ..RateLimitHeaders::default()
        };
        limiter.on_response(&r, StatusCode::TOO_MANY_REQUESTS, &global, t0);
        limiter.prune(t0 + MS(50));
        assert_eq!(limiter.bucket_count(), 1);
        assert!(limiter.global_blocked_until.is_some());
        limiter.prune(t0 + Duration::from_secs(2));
        assert_eq!(limiter.bucket_count(), 0);
        assert!(limiter.global_blocked_until.is_none());
        assert!(limiter.global_window.is_empty());
        // The route → bucket mapping survives: it is knowledge, not state.
        assert_eq!(limiter.bucket_of(&r), Some("b"));
    }

    #[test]
    fn maps_stay_bounded() {
        let mut limiter = RateLimiter::new();
        let t0 = Instant::now();
        let template = "/guilds/{guild.id}/member";
        for i in 0..100_000u64 {
            let r = Route::new(Method::GET, template).with_major(i);
            let now = t0 + MS(i);
            // Each one long blocked, so that expiry alone cannot make room.
            limiter.on_response(
                &r,
                StatusCode::OK,
                &bucket(&format!("b{i}"), 0, Duration::from_secs(3600)),
                now,
            );
            assert!(limiter.bucket_count() <= RateLimiter::MAX_BUCKETS);
            assert!(limiter.route_count() <= RateLimiter::MAX_ROUTES);
        }
        // The latest (longest-blocking) buckets are the ones kept.
        let last = Route::new(Method::GET, template).with_major(99_999);
        let now = t0 + MS(100_000);
        assert_eq!(
            limiter.delay(&last, now),
            Some(Duration::from_secs(3600) - MS(1))
        );
    }

    #[test]
    fn unbucketed_429s_stay_bounded() {
        let mut limiter = unlimited();
        let t0 = Instant::now();
        let headers = RateLimitHeaders {
            retry_after: Some(Duration::from_secs(60)),
            ..RateLimitHeaders::default()
        };
        for i in 0..20_000u64 {
            let r = Route::new(Method::GET, "/x/{id}").with_major(i);
            limiter.on_response(&r, StatusCode::TOO_MANY_REQUESTS, &headers, t0 + MS(i));
            limiter.on_send(&r, t0 + MS(i));
        }
        assert!(limiter.bucket_count() <= RateLimiter::MAX_BUCKETS);
        assert_eq!(limiter.route_count(), 0);
    }

    #[test]
    fn earlier_instants_do_not_panic() {
        let mut limiter = RateLimiter::new();
        let r = route("/users/@me");
        let t0 = Instant::now();
        let later_t = t0 + Duration::from_secs(10);
        limiter.on_response(&r, StatusCode::OK, &bucket("b", 0, MS(100)), later_t);
        limiter.on_send(&r, later_t);
        assert_eq!(
            limiter.delay(&r, t0),
            Some(Duration::from_secs(10) + MS(100))
        );
        limiter.on_send(&r, t0);
        limiter.on_response(
            &r,
            StatusCode::TOO_MANY_REQUESTS,
            &RateLimitHeaders::default(),
            t0,
        );
        limiter.prune(t0);
        let _ = limiter.invalid_request_count(t0);
    }

    #[test]
    fn users_have_their_own_buckets_and_no_global_window() {
        use crate::secret::BearerToken;
        let t0 = Instant::now();
        let alice = route("/users/@me/guilds").for_bearer(&BearerToken::new("alice"));
        let bob = route("/users/@me/guilds").for_bearer(&BearerToken::new("bob"));
        let exhausted = RateLimitHeaders {
            remaining: Some(0),
            reset_after: Some(MS(2000)),
            bucket: Some("abcd1234".into()),
            ..RateLimitHeaders::default()
        };
        let mut limiter = RateLimiter::new();
        limiter.on_send(&alice, t0);
        limiter.on_response(&alice, StatusCode::OK, &exhausted, t0);
        assert_eq!(limiter.delay(&alice, t0), Some(MS(2000)));
        assert_eq!(limiter.delay(&bob, t0), None);

        let mut limiter = RateLimiter::new().with_global_limit(NonZeroU32::new(1));
        limiter.on_send(&alice, t0);
        limiter.on_send(&bob, t0);
        assert_eq!(limiter.delay(&alice, t0), None);
        let app = route("/oauth2/token");
        limiter.on_send(&app, t0);
        assert_eq!(limiter.delay(&app, t0), Some(Duration::from_secs(1)));

        // A global 429 on alice's request holds alice back, not bob or the app.
        let mut limiter = RateLimiter::new();
        let global = RateLimited {
            retry_after: MS(500),
            global: true,
            scope: Some(RateLimitScope::Global),
            bucket: None,
            message: None,
            code: None,
            predicted: false,
        };
        limiter.on_rate_limited(&alice, &global, t0);
        let connections = route("/users/@me/connections").for_bearer(&BearerToken::new("alice"));
        assert_eq!(limiter.delay(&connections, t0), Some(MS(500)));
        assert_eq!(limiter.delay(&bob, t0), None);
        assert_eq!(limiter.delay(&app, t0), None);
        limiter.on_rate_limited(&app, &global, t0);
        assert_eq!(limiter.delay(&bob, t0), Some(MS(500)));
    }

    #[test]
    fn a_global_429s_precise_body_wait_replaces_the_rounded_header() {
        let t0 = Instant::now();
        let app = route("/oauth2/token");
        let headers = RateLimitHeaders {
            retry_after: Some(Duration::from_secs(1)),
            global: true,
            scope: Some(RateLimitScope::Global),
            ..RateLimitHeaders::default()
        };
        let mut limiter = RateLimiter::new();
        limiter.on_response(&app, StatusCode::TOO_MANY_REQUESTS, &headers, t0);
        assert_eq!(limiter.delay(&app, t0), Some(Duration::from_secs(1)));
        let body = RateLimited {
            retry_after: MS(150),
            global: true,
            scope: Some(RateLimitScope::Global),
            bucket: None,
            message: None,
            code: None,
            predicted: false,
        };
        limiter.on_rate_limited(&app, &body, t0);
        assert_eq!(limiter.delay(&app, t0), Some(MS(150)));
        assert_eq!(limiter.delay(&app, t0 + MS(150)), None);
    }

    #[test]
    fn absurd_waits_are_capped() {
        let t0 = Instant::now();
        assert_eq!(
            later(t0, Duration::MAX),
            t0 + RateLimitHeaders::MAX_DURATION
        );
    }
}
