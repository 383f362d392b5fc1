//! [`RateLimiter`]: the table from routes to buckets, and the decisions
//! made from it.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::bounds::{shrink_buckets, shrink_routes};
use super::bucket::{Bucket, BucketKey};
use super::global::GlobalWindow;
use super::{Acquire, Permit, RateLimitHeaders, later};
use crate::{RateLimitScope, RateLimited, Route};

/// Rate-limit bookkeeping for one application, as a pure state machine: it
/// never reads the clock and never sleeps. The caller passes `now` (an
/// [`Instant`] from its own clock), asks [`acquire`](Self::acquire) before
/// each send, waits itself when told to, and hands the response's headers
/// back through the [`Permit`] it got. A [`Call`](crate::driver::Call) does
/// all of this for you.
///
/// What it tracks:
///
/// - **Per-route buckets.** Discord names the bucket of a route in
///   `X-RateLimit-Bucket`; routes reporting the same id share a bucket, kept
///   apart per [major parameter](Route::major) (Discord's bucket ids exclude
///   the top-level resource) and per user ([`Route::identity`]: one user's
///   exhausted bucket does not hold back another's). A bucket with
///   `remaining` 0 holds its routes until `X-RateLimit-Reset-After` has
///   passed. The absolute `X-RateLimit-Reset` is not used: it is Discord's
///   wall clock, and the caller's may be skewed.
/// - **429s.** A per-route 429 blocks its bucket (or, without a bucket
///   header, its route) for the wait it asks; a global one
///   (`X-RateLimit-Global` or scope `global`) blocks everything sent with the
///   same identity: one user's bearer requests, or the bot's requests; on a
///   token request (limited per IP), every request.
/// - **The global limit**, only where Discord documents one: its 50 requests
///   per second are per bot, so requests made with a bot token
///   ([`Route::bot`]) are paced by a sliding one-second window
///   ([`DEFAULT_GLOBAL_LIMIT`](Self::DEFAULT_GLOBAL_LIMIT) by default,
///   [`with_global_limit`](Self::with_global_limit) to change or turn off).
///   Bearer requests are limited per user and route, which the buckets
///   learn; the token endpoints' limit is not documented, so they are never
///   paced ahead of time, only held after a 429.
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
/// use disco_oauth2::{Acquire, RateLimitHeaders, RateLimiter};
/// use disco_oauth2::Route;
/// use http::{HeaderMap, Method, StatusCode};
///
/// let route = Route::new(Method::GET, "/users/@me/guilds");
/// let mut limiter = RateLimiter::new();
/// let t0 = Instant::now();
///
/// // Nothing known yet: send now.
/// let Acquire::Ready(permit) = limiter.acquire(&route, t0) else { unreachable!() };
///
/// // Discord answers that the bucket is empty for 2.5 s.
/// let mut map = HeaderMap::new();
/// map.insert("x-ratelimit-bucket", "abcd1234".parse()?);
/// map.insert("x-ratelimit-remaining", "0".parse()?);
/// map.insert("x-ratelimit-reset-after", "2.5".parse()?);
/// permit.complete(&mut limiter, StatusCode::OK, &RateLimitHeaders::from_headers(&map), t0);
///
/// assert_eq!(limiter.delay(&route, t0), Some(Duration::from_millis(2500)));
/// assert_eq!(limiter.delay(&route, t0 + Duration::from_secs(1)), Some(Duration::from_millis(1500)));
/// assert_eq!(limiter.delay(&route, t0 + Duration::from_millis(2500)), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct RateLimiter {
    /// The pacing of bot requests.
    global_window: GlobalWindow,
    /// Until when a global 429 blocks the bot's requests.
    bot_blocked_until: Option<Instant>,
    /// Until when a global 429 on an unauthenticated (token endpoint)
    /// request blocks every request: that limit is per IP.
    app_blocked_until: Option<Instant>,
    /// What Discord said each route's bucket is.
    routes: HashMap<Route, Arc<str>>,
    /// What is known of each bucket.
    buckets: HashMap<BucketKey, Bucket>,
}

impl Default for RateLimiter {
    fn default() -> Self {
        Self::new()
    }
}

impl RateLimiter {
    /// Discord's global limit for a bot: 50 requests per second.
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

    /// A limiter knowing nothing yet, pacing bot requests to Discord's
    /// global limit of [50 per second](Self::DEFAULT_GLOBAL_LIMIT).
    pub fn new() -> Self {
        Self {
            global_window: GlobalWindow::new(Some(Self::DEFAULT_GLOBAL_LIMIT)),
            bot_blocked_until: None,
            app_blocked_until: None,
            routes: HashMap::new(),
            buckets: HashMap::new(),
        }
    }

    /// The same limiter pacing bot requests to another global limit in
    /// requests per second, or not at all (`None`: only buckets and 429s
    /// hold requests).
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
        self.global_window.set_limit(per_second);
        self
    }

    /// The global limit bot requests are paced to, if any.
    pub fn global_limit(&self) -> Option<NonZeroU32> {
        self.global_window.limit()
    }

    /// Asks to send a request on `route` at `now`: a [`Permit`] to send now
    /// (the send is counted at once), or the instant to wait for.
    ///
    /// The wait is the latest of: the route's bucket being empty until its
    /// reset, a 429 blocking the bucket or route, a global 429 of the same
    /// identity, and — for bot requests — the global window being full.
    pub fn acquire(&mut self, route: &Route, now: Instant) -> Acquire {
        match self.blocked_until(route, now) {
            Some(until) => Acquire::Wait { until },
            None => {
                self.on_send(route, now);
                Acquire::Ready(Permit::new(route.clone()))
            }
        }
    }

    /// How long a request on `route` would have to wait at `now`; `None`
    /// means it may be sent now. Only a query: use [`acquire`](Self::acquire)
    /// to send.
    pub fn delay(&self, route: &Route, now: Instant) -> Option<Duration> {
        self.blocked_until(route, now)
            .map(|until| until.saturating_duration_since(now))
    }

    fn blocked_until(&self, route: &Route, now: Instant) -> Option<Instant> {
        let bucket = self
            .buckets
            .get(&self.key_of(route))
            .and_then(|bucket| bucket.blocked_until(now));
        let identity = match route.identity {
            Some(id) => self
                .buckets
                .get(&BucketKey::User(id))
                .and_then(|bucket| bucket.blocked_until(now)),
            None if route.bot => self.bot_blocked_until,
            None => None,
        };
        let window = (route.bot && route.identity.is_none())
            .then(|| self.global_window.free_at())
            .flatten();
        // Unauthenticated requests are limited per IP: their global 429
        // holds everything this client sends.
        [bucket, identity, window, self.app_blocked_until]
            .into_iter()
            .flatten()
            .filter(|until| *until > now)
            .max()
    }

    /// Counts a request on `route` sent at `now`: in the global window (bot
    /// requests), and against its bucket's `remaining` while the bucket's
    /// window is current, so that requests sent before their answers arrive
    /// are accounted for.
    pub(crate) fn on_send(&mut self, route: &Route, now: Instant) {
        if route.bot && route.identity.is_none() {
            self.global_window.record(now);
        }
        let key = self.key_of(route);
        if let Some(bucket) = self.buckets.get_mut(&key) {
            bucket.count_send(now);
        }
    }

    /// Learns the bucket headers of a response on `route` received at `now`.
    pub(crate) fn on_response(&mut self, route: &Route, headers: &RateLimitHeaders, now: Instant) {
        if let Some(id) = &headers.bucket {
            self.learn_bucket(route, id, now);
        }
        if let (Some(remaining), Some(reset_after)) = (headers.remaining, headers.reset_after) {
            let key = self.key_of(route);
            self.bucket_mut(key, now)
                .learn(remaining, later(now, reset_after), now);
        }
    }

    /// Blocks for a 429: the bucket of `route` (the one named in
    /// `limited.bucket` if any), or everything of the same identity if it is
    /// global, for `limited.retry_after` from `now` (or longer, when another
    /// 429 already blocks it longer).
    pub(crate) fn on_rate_limited(&mut self, route: &Route, limited: &RateLimited, now: Instant) {
        let until = later(now, limited.retry_after);
        if limited.global || limited.scope == Some(RateLimitScope::Global) {
            let slot = match route.identity {
                Some(id) => &mut self.bucket_mut(BucketKey::User(id), now).blocked_until,
                None if route.bot => &mut self.bot_blocked_until,
                None => &mut self.app_blocked_until,
            };
            // Concurrent 429s: the longest block stands.
            *slot = (*slot).max(Some(until));
            return;
        }
        if let Some(id) = limited
            .bucket
            .as_deref()
            .filter(|id| !id.is_empty() && id.len() <= RateLimitHeaders::MAX_BUCKET_LEN)
        {
            self.learn_bucket(route, id, now);
        }
        let key = self.key_of(route);
        let bucket = self.bucket_mut(key, now);
        bucket.blocked_until = bucket.blocked_until.max(Some(until));
    }

    /// Forgets what no longer matters at `now`: buckets past their reset and
    /// block, expired global blocks and sends older than the global window.
    ///
    /// The other calls prune as needed to stay bounded; call this to shrink
    /// an idle limiter.
    pub fn prune(&mut self, now: Instant) {
        self.buckets.retain(|_, bucket| !bucket.is_expired(now));
        for slot in [&mut self.bot_blocked_until, &mut self.app_blocked_until] {
            if slot.is_some_and(|until| until <= now) {
                *slot = None;
            }
        }
        self.global_window.prune(now);
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
            shrink_routes(&mut self.routes, &self.buckets, Self::MAX_ROUTES);
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

    /// The bucket under `key`, created knowing nothing (not blocking) if absent.
    fn bucket_mut(&mut self, key: BucketKey, now: Instant) -> &mut Bucket {
        if !self.buckets.contains_key(&key) && self.buckets.len() >= Self::MAX_BUCKETS {
            shrink_buckets(&mut self.buckets, Self::MAX_BUCKETS, now);
        }
        self.buckets.entry(key).or_insert(Bucket::unknown(now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::{Method, StatusCode};

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

    /// What a permit's completion does, for a request sent outside `acquire`.
    fn respond(
        limiter: &mut RateLimiter,
        route: &Route,
        status: StatusCode,
        headers: &RateLimitHeaders,
        now: Instant,
    ) {
        Permit::new(route.clone()).complete(limiter, status, headers, now);
    }

    fn bot(template: &'static str) -> Route {
        Route::new(Method::GET, template).for_bot()
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
        respond(
            &mut limiter,
            &r,
            StatusCode::OK,
            &bucket("b1", 0, MS(2500)),
            t0,
        );
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
        respond(&mut limiter, &r, StatusCode::OK, &headers, t0);
        assert_eq!(limiter.delay(&r, t0), None);
    }

    #[test]
    fn on_send_counts_down_to_a_delay() {
        let mut limiter = unlimited();
        let r = route("/users/@me");
        let t0 = Instant::now();
        respond(
            &mut limiter,
            &r,
            StatusCode::OK,
            &bucket("b1", 2, MS(1000)),
            t0,
        );
        assert_eq!(limiter.delay(&r, t0), None);
        limiter.on_send(&r, t0);
        assert_eq!(limiter.delay(&r, t0), None);
        limiter.on_send(&r, t0 + MS(100));
        assert_eq!(limiter.delay(&r, t0 + MS(100)), Some(MS(900)));
        // A late response to the first request says 1 left: the lower count wins.
        respond(
            &mut limiter,
            &r,
            StatusCode::OK,
            &bucket("b1", 1, MS(900)),
            t0 + MS(100),
        );
        assert_eq!(limiter.delay(&r, t0 + MS(200)), Some(MS(800)));
        // After the reset, the bucket is fresh and sends are no longer counted
        // against the old window.
        limiter.on_send(&r, t0 + MS(1000));
        assert_eq!(limiter.delay(&r, t0 + MS(1000)), None);
        // A response of the new window replaces the old state.
        respond(
            &mut limiter,
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
        respond(
            &mut limiter,
            &a,
            StatusCode::OK,
            &bucket("shared", 1, MS(3000)),
            t0,
        );
        respond(
            &mut limiter,
            &b,
            StatusCode::OK,
            &bucket("shared", 1, MS(3000)),
            t0,
        );
        respond(
            &mut limiter,
            &c,
            StatusCode::OK,
            &bucket("other", 1, MS(3000)),
            t0,
        );
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
        respond(
            &mut limiter,
            &g1,
            StatusCode::CREATED,
            &bucket("members", 0, MS(500)),
            t0,
        );
        respond(
            &mut limiter,
            &g2,
            StatusCode::CREATED,
            &bucket("members", 3, MS(500)),
            t0,
        );
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
        respond(
            &mut limiter,
            &a,
            StatusCode::TOO_MANY_REQUESTS,
            &headers,
            t0,
        );
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
    }

    #[test]
    fn route_429_blocks_only_its_bucket() {
        let mut limiter = unlimited();
        let a = route("/users/@me");
        let b = route("/users/@me/connections");
        let c = route("/users/@me/guilds");
        let t0 = Instant::now();
        respond(
            &mut limiter,
            &b,
            StatusCode::OK,
            &bucket("abcd1234", 5, MS(1000)),
            t0,
        );
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
        respond(
            &mut limiter,
            &a,
            StatusCode::TOO_MANY_REQUESTS,
            &headers,
            t0,
        );
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
        respond(
            &mut limiter,
            &a,
            StatusCode::TOO_MANY_REQUESTS,
            &headers,
            t0,
        );
        assert_eq!(limiter.delay(&a, t0), Some(Duration::from_secs(3)));
        assert_eq!(limiter.delay(&b, t0), None);
        // Its bucket becomes known: the block moves with it.
        respond(
            &mut limiter,
            &a,
            StatusCode::OK,
            &bucket("b", 4, MS(100)),
            t0 + MS(1000),
        );
        assert_eq!(limiter.delay(&a, t0 + MS(1000)), Some(MS(2000)));
        assert_eq!(limiter.bucket_count(), 1);
    }

    #[test]
    fn a_parsed_429_blocks_for_the_bodys_wait() {
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
        let error = RateLimited {
            retry_after: MS(64_570),
            global: false,
            scope: Some(RateLimitScope::User),
            bucket: Some("abcd1234".to_owned()),
            message: None,
            code: None,
            predicted: false,
        };
        Permit::new(a.clone()).complete_rate_limited(&mut limiter, &headers, &error, t0);
        // The body's precise wait, not the header's rounded one.
        assert_eq!(limiter.delay(&a, t0), Some(MS(64_570)));
        assert_eq!(limiter.delay(&b, t0), None);
        // Learnt from the error alone, too.
        limiter.on_rate_limited(&b, &error, t0 + MS(70));
        assert_eq!(limiter.bucket_of(&b), Some("abcd1234"));
        assert_eq!(limiter.delay(&a, t0 + MS(70)), Some(MS(64_570)));
    }

    #[test]
    fn global_window_allows_fifty_per_second() {
        let mut limiter = RateLimiter::new();
        let r = bot("/users/@me");
        let t0 = Instant::now();
        for i in 0..50 {
            let at = t0 + MS(i * 10);
            assert_eq!(limiter.delay(&r, at), None, "request {i}");
            limiter.on_send(&r, at);
        }
        // The 51st must wait until the first leaves the window.
        assert_eq!(limiter.delay(&r, t0 + MS(500)), Some(MS(500)));
        assert_eq!(limiter.delay(&bot("/other"), t0 + MS(999)), Some(MS(1)));
        // Token and bearer requests are not paced by it.
        assert_eq!(limiter.delay(&route("/oauth2/token"), t0 + MS(500)), None);
        assert_eq!(limiter.delay(&r, t0 + MS(1000)), None);
        limiter.on_send(&r, t0 + MS(1000));
        // Now the second (sent at 10 ms) is the oldest.
        assert_eq!(limiter.delay(&r, t0 + MS(1000)), Some(MS(10)));
        assert_eq!(limiter.delay(&r, t0 + MS(1010)), None);
    }

    #[test]
    fn global_limit_is_configurable() {
        let mut limiter = RateLimiter::new().with_global_limit(NonZeroU32::new(2));
        let r = bot("/users/@me");
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
        let r = bot("/users/@me");
        let t0 = Instant::now();
        limiter.on_send(&r, t0 + MS(500));
        limiter.on_send(&r, t0 + MS(200));
        limiter.on_send(&r, t0 + MS(400));
        // The two latest (400, 500) are kept; room again at 1400.
        assert_eq!(limiter.delay(&r, t0 + MS(600)), Some(MS(800)));
    }

    #[test]
    fn prune_forgets_expired_state() {
        let mut limiter = RateLimiter::new();
        let r = route("/users/@me");
        let t0 = Instant::now();
        limiter.on_send(&r, t0);
        respond(
            &mut limiter,
            &r,
            StatusCode::OK,
            &bucket("b", 0, MS(100)),
            t0,
        );
        let global = RateLimitHeaders {
            global: true,
            retry_after: Some(MS(200)),
            ..RateLimitHeaders::default()
        };
        respond(&mut limiter, &r, StatusCode::TOO_MANY_REQUESTS, &global, t0);
        limiter.prune(t0 + MS(50));
        assert_eq!(limiter.bucket_count(), 1);
        assert!(limiter.app_blocked_until.is_some());
        limiter.prune(t0 + Duration::from_secs(2));
        assert_eq!(limiter.bucket_count(), 0);
        assert!(limiter.app_blocked_until.is_none());
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
            respond(
                &mut limiter,
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
            respond(
                &mut limiter,
                &r,
                StatusCode::TOO_MANY_REQUESTS,
                &headers,
                t0 + MS(i),
            );
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
        respond(
            &mut limiter,
            &r,
            StatusCode::OK,
            &bucket("b", 0, MS(100)),
            later_t,
        );
        limiter.on_send(&r, later_t);
        assert_eq!(
            limiter.delay(&r, t0),
            Some(Duration::from_secs(10) + MS(100))
        );
        limiter.on_send(&r, t0);
        respond(
            &mut limiter,
            &r,
            StatusCode::TOO_MANY_REQUESTS,
            &RateLimitHeaders::default(),
            t0,
        );
        limiter.prune(t0);
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
        respond(&mut limiter, &alice, StatusCode::OK, &exhausted, t0);
        assert_eq!(limiter.delay(&alice, t0), Some(MS(2000)));
        assert_eq!(limiter.delay(&bob, t0), None);

        let mut limiter = RateLimiter::new().with_global_limit(NonZeroU32::new(1));
        limiter.on_send(&alice, t0);
        limiter.on_send(&bob, t0);
        assert_eq!(limiter.delay(&alice, t0), None);
        let app = route("/oauth2/token");
        limiter.on_send(&app, t0);
        assert_eq!(limiter.delay(&app, t0), None);
        let bot_route = bot("/oauth2/applications/@me");
        limiter.on_send(&bot_route, t0);
        assert_eq!(limiter.delay(&bot_route, t0), Some(Duration::from_secs(1)));

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
    fn a_global_429s_precise_body_wait_is_taken_and_the_longest_block_stands() {
        let t0 = Instant::now();
        let app = route("/oauth2/token");
        let headers = RateLimitHeaders {
            retry_after: Some(Duration::from_secs(1)),
            global: true,
            scope: Some(RateLimitScope::Global),
            ..RateLimitHeaders::default()
        };
        let body = |ms| RateLimited {
            retry_after: MS(ms),
            global: true,
            scope: Some(RateLimitScope::Global),
            bucket: None,
            message: None,
            code: None,
            predicted: false,
        };
        let mut limiter = RateLimiter::new();
        Permit::new(app.clone()).complete_rate_limited(&mut limiter, &headers, &body(150), t0);
        assert_eq!(limiter.delay(&app, t0), Some(MS(150)));
        // A concurrent 429 asking less does not shorten the block; more lengthens it.
        Permit::new(app.clone()).complete_rate_limited(&mut limiter, &headers, &body(50), t0);
        assert_eq!(limiter.delay(&app, t0), Some(MS(150)));
        Permit::new(app.clone()).complete_rate_limited(&mut limiter, &headers, &body(400), t0);
        assert_eq!(limiter.delay(&app, t0), Some(MS(400)));
        assert_eq!(limiter.delay(&app, t0 + MS(400)), None);
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
