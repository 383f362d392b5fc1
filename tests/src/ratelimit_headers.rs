//! `X-RateLimit-*` headers: a simple per-route counter over one-second windows.
//!
//! The fake never enforces these limits on its own (use [`crate::Fault::RateLimited`] for a
//! 429); it only reports them the way Discord does so clients can parse and track buckets.

use std::collections::HashMap;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::http::{HeaderMap, HeaderValue};

/// Length of a bucket window.
const WINDOW: Duration = Duration::from_secs(1);

/// Counters per bucket.
#[derive(Debug, Default)]
pub(crate) struct Buckets {
    windows: HashMap<String, (Instant, u32)>,
}

/// What the headers of one response say.
pub(crate) struct BucketReading {
    pub remaining: u32,
    pub reset_after: f64,
}

impl Buckets {
    /// Counts one request against `bucket` and returns the resulting reading.
    pub fn hit(&mut self, bucket: &str, limit: u32) -> BucketReading {
        let now = Instant::now();
        let entry = self.windows.entry(bucket.to_owned()).or_insert((now, 0));
        if now.duration_since(entry.0) >= WINDOW {
            *entry = (now, 0);
        }
        entry.1 = entry.1.saturating_add(1);
        let elapsed = now.duration_since(entry.0);
        BucketReading {
            remaining: limit.saturating_sub(entry.1),
            reset_after: WINDOW.saturating_sub(elapsed).as_secs_f64(),
        }
    }
}

/// The route template of `path`: every all-digit segment (a snowflake) becomes `{id}`,
/// except that a guild id stays (Discord keys limits by top-level resources).
pub(crate) fn route_key(method: &str, path: &str) -> String {
    let mut prev = "";
    let mut segs = Vec::new();
    for seg in path.split('/') {
        let is_id = !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit());
        segs.push(if is_id && prev != "guilds" {
            "{id}"
        } else {
            seg
        });
        prev = seg;
    }
    format!("{method} {}", segs.join("/"))
}

/// A stable, opaque bucket id for a route key (FNV-1a, hex).
pub(crate) fn bucket_id(route_key: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in route_key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Inserts `X-RateLimit-Limit/Remaining/Reset/Reset-After/Bucket`.
pub(crate) fn insert_bucket_headers(
    headers: &mut HeaderMap,
    bucket: &str,
    limit: u32,
    remaining: u32,
    reset_after: f64,
) {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs_f64();
    let pairs = [
        ("x-ratelimit-limit", limit.to_string()),
        ("x-ratelimit-remaining", remaining.to_string()),
        ("x-ratelimit-reset", format!("{:.3}", now + reset_after)),
        ("x-ratelimit-reset-after", format!("{reset_after:.3}")),
        ("x-ratelimit-bucket", bucket.to_owned()),
    ];
    for (name, value) in pairs {
        if let Ok(v) = HeaderValue::from_str(&value) {
            headers.insert(name, v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_keys_collapse_ids_but_keep_guilds() {
        assert_eq!(
            route_key("GET", "/api/v10/users/@me/applications/123/role-connection"),
            "GET /api/v10/users/@me/applications/{id}/role-connection"
        );
        assert_eq!(
            route_key("PUT", "/api/v10/guilds/42/members/7"),
            "PUT /api/v10/guilds/42/members/{id}"
        );
        assert_ne!(
            bucket_id(&route_key("GET", "/a")),
            bucket_id(&route_key("POST", "/a"))
        );
    }
}
