//! Parsing Discord's rate-limit response headers.

use std::time::Duration;

use http::header::{HeaderMap, HeaderName, HeaderValue, RETRY_AFTER};

use crate::RateLimitScope;

const LIMIT: HeaderName = HeaderName::from_static("x-ratelimit-limit");
const REMAINING: HeaderName = HeaderName::from_static("x-ratelimit-remaining");
const RESET: HeaderName = HeaderName::from_static("x-ratelimit-reset");
const RESET_AFTER: HeaderName = HeaderName::from_static("x-ratelimit-reset-after");
const BUCKET: HeaderName = HeaderName::from_static("x-ratelimit-bucket");
const GLOBAL: HeaderName = HeaderName::from_static("x-ratelimit-global");
const SCOPE: HeaderName = HeaderName::from_static("x-ratelimit-scope");

/// The rate-limit headers of one Discord response, parsed tolerantly.
///
/// Every field is optional: Discord sends the bucket headers only on routes
/// that have a per-route limit, and `X-RateLimit-Global` / `X-RateLimit-Scope`
/// only on 429 responses. A value that is missing, not valid text, malformed,
/// negative or not finite makes its field `None` (or `false`); a wait larger
/// than [`MAX_DURATION`](Self::MAX_DURATION) is clamped to it. Parsing never
/// fails and never panics.
///
/// Numbers are read as plain decimals (`64.57`, `65`, `1470173023.123`): no
/// sign, no exponent, no `inf`/`NaN`. Fractions are kept exactly to the
/// nanosecond (further digits are dropped), so `64.57` is exactly
/// 64 s 570 ms, with no floating-point rounding.
///
/// ```
/// use std::time::Duration;
/// use disco_oauth2::{RateLimitHeaders, RateLimitScope};
/// use http::HeaderMap;
///
/// let mut map = HeaderMap::new();
/// map.insert("X-RateLimit-Remaining", "0".parse()?);
/// map.insert("X-RateLimit-Reset-After", "64.57".parse()?);
/// map.insert("X-RateLimit-Bucket", "abcd1234".parse()?);
/// map.insert("X-RateLimit-Scope", "user".parse()?);
/// map.insert("Retry-After", "65".parse()?);
///
/// let headers = RateLimitHeaders::from_headers(&map);
/// assert_eq!(headers.remaining, Some(0));
/// assert_eq!(headers.reset_after, Some(Duration::from_millis(64_570)));
/// assert_eq!(headers.bucket.as_deref(), Some("abcd1234"));
/// assert_eq!(headers.scope, Some(RateLimitScope::User));
/// assert_eq!(headers.retry_after, Some(Duration::from_secs(65)));
/// assert_eq!(headers.limit, None);
/// assert!(!headers.global);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RateLimitHeaders {
    /// `X-RateLimit-Limit`: how many requests the bucket allows per window.
    pub limit: Option<u32>,
    /// `X-RateLimit-Remaining`: how many requests are left in this window.
    pub remaining: Option<u32>,
    /// `X-RateLimit-Reset`: when the bucket resets, as the time since the UNIX
    /// epoch (Discord sends seconds with a fraction, e.g. `1470173023.123`).
    ///
    /// This is wall-clock time on Discord's clock; prefer
    /// [`reset_after`](Self::reset_after), which does not depend on the
    /// caller's clock agreeing with Discord's. Values after the year 9999 are
    /// treated as malformed.
    pub reset: Option<Duration>,
    /// `X-RateLimit-Reset-After`: how long until the bucket resets, counted
    /// from when the response was produced. At most
    /// [`MAX_DURATION`](Self::MAX_DURATION).
    pub reset_after: Option<Duration>,
    /// `X-RateLimit-Bucket`: Discord's opaque id of the bucket the route
    /// belongs to. Routes reporting the same id share a limit (per major
    /// parameter). At most [`MAX_BUCKET_LEN`](Self::MAX_BUCKET_LEN) bytes.
    pub bucket: Option<String>,
    /// `X-RateLimit-Global: true` (sent on 429 only): the global limit was hit,
    /// not the route's. Any other value, or its absence, is `false`.
    pub global: bool,
    /// `X-RateLimit-Scope` (sent on 429 only): whose limit was hit.
    pub scope: Option<RateLimitScope>,
    /// The standard `Retry-After` header, in seconds (integer or decimal). At
    /// most [`MAX_DURATION`](Self::MAX_DURATION).
    ///
    /// The HTTP-date form of `Retry-After` (RFC 9110 §10.2.3) is not read (it
    /// is `None`): turning a date into a wait needs the wall clock, which the
    /// core never reads, and Discord sends seconds.
    pub retry_after: Option<Duration>,
}

impl RateLimitHeaders {
    /// The longest wait taken from Discord (one day): a larger one, whether
    /// in `X-RateLimit-Reset-After`, `Retry-After` or a 429 body's
    /// `retry_after`, is clamped to it (and so given up on by any client
    /// whose longest accepted wait is shorter).
    pub const MAX_DURATION: Duration = Duration::from_secs(24 * 60 * 60);

    /// How long a 429 that names no usable wait (none at all, negative,
    /// `NaN`, an HTML page) is waited for: one second.
    pub const FALLBACK_WAIT: Duration = Duration::from_secs(1);

    /// The longest `X-RateLimit-Bucket` or `X-RateLimit-Scope` value kept, in
    /// bytes; a longer one is treated as malformed. (Discord's bucket ids are
    /// 32 hex digits.)
    pub const MAX_BUCKET_LEN: usize = 128;

    /// The latest `X-RateLimit-Reset` accepted: 9999-12-31T23:59:59Z.
    const MAX_RESET: Duration = Duration::from_secs(253_402_300_799);

    /// Reads the rate-limit headers from a response's header map.
    ///
    /// Header names are matched case-insensitively (as [`HeaderMap`] does);
    /// when a header is repeated, the first value is read.
    ///
    /// ```
    /// use disco_oauth2::RateLimitHeaders;
    /// use http::{HeaderMap, HeaderValue};
    ///
    /// let mut map = HeaderMap::new();
    /// map.insert("x-ratelimit-reset-after", HeaderValue::from_static("NaN"));
    /// map.insert("x-ratelimit-global", HeaderValue::from_static("true"));
    /// let headers = RateLimitHeaders::from_headers(&map);
    /// assert_eq!(headers.reset_after, None); // malformed, ignored
    /// assert!(headers.global);
    /// ```
    pub fn from_headers(headers: &HeaderMap) -> Self {
        // Most answers carry none of them: one pass over the names instead
        // of a hashed look-up per header.
        if !headers.keys().any(is_rate_limit_name) {
            return Self::default();
        }
        let text = |name: &HeaderName| headers.get(name).and_then(header_text);
        Self {
            limit: text(&LIMIT).and_then(parse_u32),
            remaining: text(&REMAINING).and_then(parse_u32),
            reset: text(&RESET)
                .and_then(parse_seconds)
                .filter(|reset| *reset <= Self::MAX_RESET),
            reset_after: text(&RESET_AFTER).and_then(parse_wait),
            bucket: text(&BUCKET).and_then(parse_token).map(str::to_owned),
            global: text(&GLOBAL).is_some_and(|v| v.eq_ignore_ascii_case("true")),
            scope: text(&SCOPE)
                .and_then(parse_token)
                .map(RateLimitScope::parse),
            retry_after: text(&RETRY_AFTER).and_then(parse_wait),
        }
    }

    /// Whether no rate-limit header was present (or every one was malformed).
    ///
    /// ```
    /// use disco_oauth2::RateLimitHeaders;
    ///
    /// assert!(RateLimitHeaders::from_headers(&http::HeaderMap::new()).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Whether this response reports the global limit: `X-RateLimit-Global:
    /// true` or `X-RateLimit-Scope: global`.
    pub fn is_global(&self) -> bool {
        self.global || self.scope == Some(RateLimitScope::Global)
    }

    /// How long a 429 asks to wait, from the headers alone: `Retry-After`,
    /// else `X-RateLimit-Reset-After`.
    ///
    /// The 429 body's `retry_after` is more precise (`Retry-After` is rounded
    /// up to whole seconds); prefer it when the body was parsed.
    pub fn retry_delay(&self) -> Option<Duration> {
        self.retry_after.or(self.reset_after)
    }

    /// How long a 429 with these headers is waited for:
    /// [`retry_delay`](Self::retry_delay), else
    /// [`FALLBACK_WAIT`](Self::FALLBACK_WAIT).
    ///
    /// ```
    /// use std::time::Duration;
    /// use disco_oauth2::RateLimitHeaders;
    /// use http::HeaderMap;
    ///
    /// let mut map = HeaderMap::new();
    /// map.insert("retry-after", "999999999999".parse()?);
    /// assert_eq!(RateLimitHeaders::from_headers(&map).retry_wait(), RateLimitHeaders::MAX_DURATION);
    /// assert_eq!(RateLimitHeaders::default().retry_wait(), Duration::from_secs(1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn retry_wait(&self) -> Duration {
        self.retry_delay().unwrap_or(Self::FALLBACK_WAIT)
    }

    /// The one rule for a wait given as a number of seconds (a 429 body's
    /// `retry_after`): a finite, non-negative number is clamped to
    /// [`MAX_DURATION`](Self::MAX_DURATION); anything else is no wait at all.
    ///
    /// ```
    /// use std::time::Duration;
    /// use disco_oauth2::RateLimitHeaders;
    ///
    /// assert_eq!(RateLimitHeaders::clamp_wait(0.25), Some(Duration::from_millis(250)));
    /// assert_eq!(RateLimitHeaders::clamp_wait(1e12), Some(RateLimitHeaders::MAX_DURATION));
    /// assert_eq!(RateLimitHeaders::clamp_wait(-1.0), None);
    /// assert_eq!(RateLimitHeaders::clamp_wait(f64::NAN), None);
    /// ```
    pub fn clamp_wait(seconds: f64) -> Option<Duration> {
        if !seconds.is_finite() || seconds < 0.0 {
            return None;
        }
        Some(
            Duration::try_from_secs_f64(seconds)
                .map_or(Self::MAX_DURATION, |wait| wait.min(Self::MAX_DURATION)),
        )
    }
}

/// Whether `name` is one of the headers read here.
fn is_rate_limit_name(name: &HeaderName) -> bool {
    *name == RETRY_AFTER || name.as_str().starts_with("x-ratelimit-")
}

/// The value as text with surrounding spaces and tabs removed, if it is
/// visible ASCII.
fn header_text(value: &HeaderValue) -> Option<&str> {
    value
        .to_str()
        .ok()
        .map(|text| text.trim_matches([' ', '\t']))
}

/// A non-empty run of ASCII digits as a `u32`.
fn parse_u32(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Only overflow can fail here.
    text.parse().ok()
}

/// A non-negative decimal number of seconds, `DIGITS [ "." DIGITS ]` (either
/// side of the point may be empty, not both), exactly to the nanosecond.
fn parse_seconds(text: &str) -> Option<Duration> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() && fraction.is_empty() {
        return None;
    }
    if !whole
        .bytes()
        .chain(fraction.bytes())
        .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let mut secs: u64 = 0;
    for digit in whole.bytes() {
        secs = secs.checked_mul(10)?.checked_add(u64::from(digit - b'0'))?;
    }
    let mut nanos: u32 = 0;
    let mut scale: u32 = 100_000_000;
    for digit in fraction.bytes().take(9) {
        nanos += u32::from(digit - b'0') * scale;
        scale /= 10;
    }
    // nanos < 1_000_000_000, so this cannot overflow or panic.
    Some(Duration::new(secs, nanos))
}

/// A wait in seconds: a well-formed number, however large, is clamped to
/// [`RateLimitHeaders::MAX_DURATION`] (the same rule as for a 429 body's
/// `retry_after`, see [`RateLimitHeaders::clamp_wait`]).
fn parse_wait(text: &str) -> Option<Duration> {
    match parse_seconds(text) {
        Some(wait) => Some(wait.min(RateLimitHeaders::MAX_DURATION)),
        // Only overflow fails a well-formed number: far beyond the cap.
        None if is_decimal(text) => Some(RateLimitHeaders::MAX_DURATION),
        None => None,
    }
}

/// Whether `text` is `DIGITS [ "." DIGITS ]` with at least one digit.
fn is_decimal(text: &str) -> bool {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    !(whole.is_empty() && fraction.is_empty())
        && whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
}

/// A non-empty, not too long token.
fn parse_token(text: &str) -> Option<&str> {
    (!text.is_empty() && text.len() <= RateLimitHeaders::MAX_BUCKET_LEN).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a header map from the `< Name: value` lines of a fixture transcript.
    fn transcript_headers(transcript: &str) -> HeaderMap {
        let mut map = HeaderMap::new();
        for line in transcript.lines() {
            let Some(line) = line.strip_prefix("< ") else {
                continue;
            };
            if line.starts_with("HTTP/") {
                continue;
            }
            let (name, value) = line.split_once(':').expect("a header line");
            map.append(
                HeaderName::from_bytes(name.trim().as_bytes()).expect("a header name"),
                HeaderValue::from_str(value.trim()).expect("a header value"),
            );
        }
        map
    }

    fn fixture(name: &str) -> String {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn other_headers_alone_read_as_none_and_each_of_ours_is_still_seen() {
        let mut map = HeaderMap::new();
        map.insert("content-type", HeaderValue::from_static("application/json"));
        map.insert("x-ratelimit", HeaderValue::from_static("3"));
        assert_eq!(
            RateLimitHeaders::from_headers(&map),
            RateLimitHeaders::default()
        );
        map.insert("Retry-After", HeaderValue::from_static("2"));
        assert_eq!(
            RateLimitHeaders::from_headers(&map).retry_after,
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            one("X-RateLimit-Scope", b"shared").scope,
            Some(RateLimitScope::Shared)
        );
        assert_eq!(one("x-ratelimit-limit", b"5").limit, Some(5));
    }

    fn one(name: &str, value: &[u8]) -> RateLimitHeaders {
        let mut map = HeaderMap::new();
        map.insert(
            HeaderName::from_bytes(name.as_bytes()).expect("a header name"),
            HeaderValue::from_bytes(value).expect("a header value"),
        );
        RateLimitHeaders::from_headers(&map)
    }

    const RESET_1470173023_123: Duration = Duration::new(1_470_173_023, 123_000_000);

    #[test]
    fn fixture_user_429() {
        let headers = RateLimitHeaders::from_headers(&transcript_headers(&fixture(
            "rate_limit_429_user_example_1.http.txt",
        )));
        assert_eq!(
            headers,
            RateLimitHeaders {
                limit: Some(10),
                remaining: Some(0),
                reset: Some(RESET_1470173023_123),
                reset_after: Some(Duration::from_millis(64_570)),
                bucket: Some("abcd1234".to_owned()),
                global: false,
                scope: Some(RateLimitScope::User),
                retry_after: Some(Duration::from_secs(65)),
            }
        );
        assert!(!headers.is_global());
        assert!(!headers.is_empty());
        assert_eq!(headers.retry_delay(), Some(Duration::from_secs(65)));
    }

    #[test]
    fn fixture_shared_429() {
        let headers = RateLimitHeaders::from_headers(&transcript_headers(&fixture(
            "rate_limit_429_shared_example_1.http.txt",
        )));
        assert_eq!(
            headers,
            RateLimitHeaders {
                limit: Some(10),
                remaining: Some(9),
                reset: Some(RESET_1470173023_123),
                reset_after: Some(Duration::from_millis(64_570)),
                bucket: Some("abcd1234".to_owned()),
                global: false,
                scope: Some(RateLimitScope::Shared),
                retry_after: Some(Duration::from_secs(1337)),
            }
        );
        assert!(!headers.is_global());
    }

    #[test]
    fn fixture_global_429() {
        let headers = RateLimitHeaders::from_headers(&transcript_headers(&fixture(
            "rate_limit_429_global_example_1.http.txt",
        )));
        assert_eq!(
            headers,
            RateLimitHeaders {
                limit: None,
                remaining: None,
                reset: None,
                reset_after: None,
                bucket: None,
                global: true,
                scope: Some(RateLimitScope::Global),
                retry_after: Some(Duration::from_secs(65)),
            }
        );
        assert!(headers.is_global());
        assert_eq!(headers.retry_delay(), Some(Duration::from_secs(65)));
    }

    #[test]
    fn names_are_case_insensitive() {
        let headers = one("X-RATELIMIT-REMAINING", b"3");
        assert_eq!(headers.remaining, Some(3));
    }

    #[test]
    fn empty_map_is_empty() {
        let headers = RateLimitHeaders::from_headers(&HeaderMap::new());
        assert!(headers.is_empty());
        assert_eq!(headers, RateLimitHeaders::default());
        assert_eq!(headers.retry_delay(), None);
    }

    #[test]
    fn decimals_are_exact() {
        let after = |v: &str| one("x-ratelimit-reset-after", v.as_bytes()).reset_after;
        assert_eq!(after("64.57"), Some(Duration::from_millis(64_570)));
        assert_eq!(after("0.001"), Some(Duration::from_millis(1)));
        assert_eq!(after("2.5"), Some(Duration::from_millis(2_500)));
        assert_eq!(after("0"), Some(Duration::ZERO));
        assert_eq!(after(".5"), Some(Duration::from_millis(500)));
        assert_eq!(after("5."), Some(Duration::from_secs(5)));
        assert_eq!(after(" 7 "), Some(Duration::from_secs(7)));
        // Beyond nanoseconds, digits are dropped.
        assert_eq!(after("1.0000000019"), Some(Duration::new(1, 1)));
        assert_eq!(after("1.999999999999"), Some(Duration::new(1, 999_999_999)));
        // Exactly one day is accepted, a nanosecond more is not.
        assert_eq!(after("86400"), Some(RateLimitHeaders::MAX_DURATION));
        // Beyond it, a well-formed wait is clamped, not ignored.
        assert_eq!(
            after("86400.000000001"),
            Some(RateLimitHeaders::MAX_DURATION)
        );
        assert_eq!(after("999999999999"), Some(RateLimitHeaders::MAX_DURATION));
        assert_eq!(
            after("99999999999999999999999999"),
            Some(RateLimitHeaders::MAX_DURATION)
        );
        assert_eq!(
            one("retry-after", b"1337").retry_after,
            Some(Duration::from_secs(1337))
        );
        assert_eq!(
            one("retry-after", b"0.25").retry_after,
            Some(Duration::from_millis(250))
        );
    }

    #[test]
    fn malformed_values_are_none() {
        let bad: &[&[u8]] = &[
            b"abc",
            b"-1",
            b"+1",
            b"NaN",
            b"nan",
            b"inf",
            b"-inf",
            b"infinity",
            b"1e400",
            b"1e3",
            b"",
            b" ",
            b".",
            b"1.2.3",
            b"1,5",
            b"0x10",
            b"1 2",
            b"99999999999999999999999999",
            b"\xff\xfe",
            b"6\xc3\xa9",
        ];
        for value in bad {
            let shown = String::from_utf8_lossy(value);
            for name in ["x-ratelimit-limit", "x-ratelimit-remaining"] {
                let headers = one(name, value);
                assert_eq!(headers, RateLimitHeaders::default(), "{name}: {shown:?}");
            }
            for name in [
                "x-ratelimit-reset",
                "x-ratelimit-reset-after",
                "retry-after",
            ] {
                if name != "x-ratelimit-reset" && *value == b"99999999999999999999999999" {
                    continue; // a wait that large is clamped (see decimals_are_exact)
                }
                let headers = one(name, value);
                assert_eq!(headers, RateLimitHeaders::default(), "{name}: {shown:?}");
            }
        }
        // Integers only for counts; absurd durations; a date form of Retry-After.
        assert_eq!(one("x-ratelimit-remaining", b"1.5").remaining, None);
        assert_eq!(one("x-ratelimit-limit", b"4294967296").limit, None);
        assert_eq!(
            one("x-ratelimit-limit", b"4294967295").limit,
            Some(u32::MAX)
        );
        assert_eq!(
            one("x-ratelimit-reset-after", b"86401").reset_after,
            Some(RateLimitHeaders::MAX_DURATION)
        );
        assert_eq!(one("x-ratelimit-reset", b"253402300800").reset, None);
        assert_eq!(
            one("x-ratelimit-reset", b"253402300799").reset,
            Some(Duration::from_secs(253_402_300_799))
        );
        assert_eq!(
            one("retry-after", b"Wed, 21 Oct 2015 07:28:00 GMT").retry_after,
            None
        );
        // Text headers: empty, too long or not ASCII.
        assert_eq!(one("x-ratelimit-bucket", b"").bucket, None);
        assert_eq!(one("x-ratelimit-bucket", &[b'a'; 129]).bucket, None);
        assert_eq!(
            one("x-ratelimit-bucket", &[b'a'; 128]).bucket,
            Some("a".repeat(128))
        );
        assert_eq!(one("x-ratelimit-bucket", b"ab\xffcd").bucket, None);
        assert_eq!(one("x-ratelimit-scope", b"").scope, None);
        assert_eq!(
            one("x-ratelimit-scope", b"planet").scope,
            Some(RateLimitScope::Other("planet".to_owned()))
        );
        // Global is true only when it says so.
        assert!(one("x-ratelimit-global", b"TRUE").global);
        assert!(!one("x-ratelimit-global", b"false").global);
        assert!(!one("x-ratelimit-global", b"1").global);
        assert!(!one("x-ratelimit-global", b"\xff").global);
    }

    #[test]
    fn first_of_repeated_values_wins() {
        let mut map = HeaderMap::new();
        map.append("x-ratelimit-remaining", HeaderValue::from_static("4"));
        map.append("x-ratelimit-remaining", HeaderValue::from_static("9"));
        assert_eq!(RateLimitHeaders::from_headers(&map).remaining, Some(4));
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        const NAMES: [&str; 8] = [
            "x-ratelimit-limit",
            "x-ratelimit-remaining",
            "x-ratelimit-reset",
            "x-ratelimit-reset-after",
            "x-ratelimit-bucket",
            "x-ratelimit-global",
            "x-ratelimit-scope",
            "retry-after",
        ];

        /// Bytes a `HeaderValue` accepts: anything but controls other than tab.
        fn value_bytes() -> impl Strategy<Value = Vec<u8>> {
            prop::collection::vec(
                prop_oneof![
                    any::<u8>().prop_filter("valid header byte", |b| *b == b'\t'
                        || (*b >= 0x20 && *b != 0x7f)),
                    prop::sample::select(b"0123456789.-+eE".to_vec()),
                ],
                0..40,
            )
        }

        proptest! {
            #[test]
            fn arbitrary_values_never_panic(
                values in prop::collection::vec((0..NAMES.len(), value_bytes()), 0..16)
            ) {
                let mut map = HeaderMap::new();
                for (name, value) in &values {
                    let value = HeaderValue::from_bytes(value).expect("filtered to valid bytes");
                    map.append(NAMES[*name], value);
                }
                let headers = RateLimitHeaders::from_headers(&map);
                for wait in [headers.reset_after, headers.retry_after].into_iter().flatten() {
                    prop_assert!(wait <= RateLimitHeaders::MAX_DURATION);
                }
                if let Some(bucket) = &headers.bucket {
                    prop_assert!(!bucket.is_empty() && bucket.len() <= RateLimitHeaders::MAX_BUCKET_LEN);
                }
            }

            #[test]
            fn decimal_seconds_round_trip(secs in 0u64..=86_400, millis in 0u32..1000) {
                let text = format!("{secs}.{millis:03}");
                let headers = one("x-ratelimit-reset-after", text.as_bytes());
                let expected = Duration::new(secs, millis * 1_000_000);
                prop_assert_eq!(
                    headers.reset_after,
                    Some(expected.min(RateLimitHeaders::MAX_DURATION))
                );
            }
        }
    }
}
