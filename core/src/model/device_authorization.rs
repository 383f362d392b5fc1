//! [`DeviceAuthorization`]: what `POST /oauth2/device/authorize` returns.

use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{DecodeError, from_slice};
use crate::secret::DeviceCode;

/// The polling interval when Discord names none (RFC 8628 §3.2: 5 seconds).
pub const DEFAULT_DEVICE_POLL_INTERVAL: Duration = Duration::from_secs(5);

/// A device login in progress (RFC 8628 §3.2): show the user
/// [`user_code`](Self::user_code) and [`verification_uri`](Self::verification_uri)
/// (or the link with the code filled in), then poll with the
/// [`device_code`](Self::device_code) until they approve.
///
/// `expires_at` is the `now` given at parse time + `expires_in`: the core
/// never reads the clock. `Debug` redacts the device code.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use disco_oauth2::model::DeviceAuthorization;
///
/// let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
/// let body = br#"{"device_code": "dc", "user_code": "ABCD-EFGH",
///     "verification_uri": "https://discord.com/activate",
///     "verification_uri_complete": "https://discord.com/activate?user_code=ABCD-EFGH",
///     "expires_in": 300, "interval": 5}"#;
/// let login = DeviceAuthorization::from_response_body(body, now)?;
/// assert_eq!(login.user_code, "ABCD-EFGH");
/// assert_eq!(login.expires_at, Utc.with_ymd_and_hms(2026, 1, 1, 0, 5, 0).unwrap());
/// assert!(!format!("{login:?}").contains("\"dc\""));
/// # Ok::<(), disco_oauth2::DecodeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceAuthorization {
    /// The code the device polls the token endpoint with (secret).
    pub device_code: DeviceCode,
    /// The code the user types on the verification page.
    pub user_code: String,
    /// The page where the user enters the code (`https://discord.com/activate`).
    pub verification_uri: String,
    /// The page with the code filled in (for a link or a QR code), when sent.
    #[serde(default)]
    pub verification_uri_complete: Option<String>,
    /// How long the codes live.
    #[serde(with = "seconds")]
    pub expires_in: Duration,
    /// When the codes expire: the parse-time `now` + `expires_in`.
    pub expires_at: DateTime<Utc>,
    /// The least time between two polls.
    #[serde(with = "seconds")]
    pub interval: Duration,
}

/// The endpoint's JSON.
#[derive(Deserialize)]
struct Wire {
    device_code: DeviceCode,
    user_code: String,
    verification_uri: String,
    #[serde(default)]
    verification_uri_complete: Option<String>,
    expires_in: u64,
    #[serde(default)]
    interval: Option<u64>,
}

impl DeviceAuthorization {
    /// The longest lifetime and interval accepted (a day): a hostile server
    /// must not make a device wait or poll for years.
    pub const MAX_SECONDS: u64 = 86_400;

    /// Parses the device authorization response body, received at `now`.
    ///
    /// # Errors
    /// A [`DecodeError`] for a body that is not the documented object, an
    /// empty code, or a lifetime or interval over [`Self::MAX_SECONDS`].
    pub fn from_response_body(body: &[u8], now: DateTime<Utc>) -> Result<Self, DecodeError> {
        let wire: Wire = from_slice("device_authorization", body)?;
        let fail = |path: &str, reason: &str| {
            DecodeError::new("device_authorization", path, reason.to_owned())
        };
        if wire.device_code.secret().is_empty() {
            return Err(fail("device_code", "is empty"));
        }
        if wire.user_code.is_empty() {
            return Err(fail("user_code", "is empty"));
        }
        if wire.expires_in == 0 || wire.expires_in > Self::MAX_SECONDS {
            return Err(fail("expires_in", "is not between 1 second and a day"));
        }
        let interval = match wire.interval {
            None => DEFAULT_DEVICE_POLL_INTERVAL,
            Some(s) if s <= Self::MAX_SECONDS => Duration::from_secs(s),
            Some(_) => return Err(fail("interval", "is longer than a day")),
        };
        let expires_in = Duration::from_secs(wire.expires_in);
        Ok(Self {
            device_code: wire.device_code,
            user_code: wire.user_code,
            verification_uri: wire.verification_uri,
            verification_uri_complete: wire.verification_uri_complete,
            expires_in,
            expires_at: now + TimeDelta::seconds(wire.expires_in as i64),
            interval,
        })
    }

    /// Whether the codes have expired at `now`.
    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        now >= self.expires_at
    }

    /// The link to show (or encode as a QR code): the complete one when Discord sent it.
    pub fn link(&self) -> &str {
        self.verification_uri_complete
            .as_deref()
            .unwrap_or(&self.verification_uri)
    }
}

/// A `Duration` as whole seconds.
mod seconds {
    use std::time::Duration;

    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(d.as_secs())
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        u64::deserialize(d).map(Duration::from_secs)
    }
}
