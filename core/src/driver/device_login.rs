//! [`DeviceLogin`]: polls the token endpoint until the user approves a
//! device login (RFC 8628 §3.4–3.5).

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use crate::api::oauth2::PollDeviceToken;
use crate::client::Client;
use crate::error::{Error, InvalidInput, Result};
use crate::model::{AccessToken, DeviceAuthorization};
use crate::operation::Operation;
use crate::rate_limit::RateLimiter;
use crate::secret::DeviceCode;

use super::{Call, Driver, Now, Received, Step, Wait, WaitReason};

/// How much `slow_down` lengthens the interval (RFC 8628 §3.5).
pub const SLOW_DOWN_STEP: Duration = Duration::from_secs(5);

/// The shortest interval polled at, whatever the server says.
pub const MIN_POLL_INTERVAL: Duration = Duration::from_secs(1);

/// A device login, from the codes shown to the user to the token.
///
/// ```text
///  poll ─▶ Wait(PollInterval) ─▶ poll ─▶ Send(token request) ─▶ handle_response
///   ▲                                                                │
///   ├──── authorization_pending: same interval ◀──────────────────────┤
///   ├──── slow_down: interval + 5 s ◀─────────────────────────────────┤
///   │                                   token ─▶ Done(Ok(token)) ◀────┤
///   │        expired_token, or expires_in passed ─▶ Done(Err(DeviceCodeExpired))
///   │                      access_denied ─▶ Done(Err(OAuth2(access_denied)))
/// ```
///
/// Each poll is one [`Call`]: the limiter, 429s and server errors are handled
/// as for every other call. The first poll comes one interval after the
/// driver is first polled (the user has only just seen the code); a device
/// code past its `expires_at` is never sent again. The interval is at least
/// [`MIN_POLL_INTERVAL`], so a hostile server cannot make the device poll in
/// a hot loop.
///
/// ```
/// use std::time::{Duration, Instant};
/// use disco_oauth2::driver::{DeviceLogin, Driver, Now, Step, WaitReason};
/// use disco_oauth2::model::DeviceAuthorization;
/// use disco_oauth2::Client;
///
/// let client = Client::builder(1234).public_client().build()?;
/// let utc = chrono::DateTime::UNIX_EPOCH;
/// let body = br#"{"device_code": "dc", "user_code": "ABCD", "verification_uri": "https://discord.com/activate", "expires_in": 300, "interval": 5}"#;
/// let authorization = DeviceAuthorization::from_response_body(body, utc)?;
/// let mut login = DeviceLogin::new(&client, &authorization);
/// let start = Instant::now();
/// match login.poll(Now::new(start, utc), &mut client.rate_limiter()) {
///     Step::Wait(wait) => {
///         assert_eq!(wait.reason, WaitReason::PollInterval);
///         assert_eq!(wait.until, start + Duration::from_secs(5));
///     }
///     other => panic!("{other:?}"),
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct DeviceLogin {
    client: Client,
    device_code: DeviceCode,
    expires_at: DateTime<Utc>,
    interval: Duration,
    next_poll: Option<Instant>,
    call: Option<Call<PollDeviceToken>>,
    done: bool,
}

impl DeviceLogin {
    /// A login polling for the codes of `authorization`.
    pub fn new(client: &Client, authorization: &DeviceAuthorization) -> Self {
        Self {
            client: client.clone(),
            device_code: authorization.device_code.clone(),
            expires_at: authorization.expires_at,
            interval: authorization.interval.max(MIN_POLL_INTERVAL),
            next_poll: None,
            call: None,
            done: false,
        }
    }

    /// The interval polled at now (longer after each `slow_down`).
    pub fn interval(&self) -> Duration {
        self.interval
    }

    /// When the device code expires.
    pub fn expires_at(&self) -> DateTime<Utc> {
        self.expires_at
    }

    /// What one poll's result means: the end of the login, or another poll.
    fn on_result(&mut self, result: Result<AccessToken>, now: Now) -> Option<Result<AccessToken>> {
        let code = match &result {
            Err(Error::OAuth2(e)) => e.code.as_str(),
            _ => return Some(result),
        };
        match code {
            "authorization_pending" => {}
            "slow_down" => self.interval += SLOW_DOWN_STEP,
            "expired_token" => return Some(Err(Error::DeviceCodeExpired)),
            _ => return Some(result),
        }
        self.next_poll = Some(now.instant + self.interval);
        None
    }

    fn finish(&mut self, result: Result<AccessToken>) -> Step<AccessToken> {
        self.done = true;
        Step::Done(result)
    }
}

impl Driver for DeviceLogin {
    type Output = AccessToken;

    fn poll(&mut self, now: Now, limiter: &mut RateLimiter) -> Step<AccessToken> {
        if self.done {
            return Step::Done(Err(InvalidInput::new(
                "device_login",
                "was polled after it finished",
            )
            .into()));
        }
        loop {
            if let Some(call) = &mut self.call {
                match call.poll(now, limiter) {
                    Step::Done(result) => {
                        self.call = None;
                        if let Some(result) = self.on_result(result, now) {
                            return self.finish(result);
                        }
                    }
                    step => return step,
                }
            }
            let next = *self.next_poll.get_or_insert(now.instant + self.interval);
            if now.utc >= self.expires_at {
                return self.finish(Err(Error::DeviceCodeExpired));
            }
            if now.instant < next {
                return Step::Wait(Wait {
                    until: next,
                    reason: WaitReason::PollInterval,
                    operation: PollDeviceToken::NAME,
                });
            }
            let op = self.client.device_token(&self.device_code);
            self.call = Some(Call::new(&self.client, op));
        }
    }

    fn handle_response(&mut self, response: Received, now: Now) {
        if let Some(call) = &mut self.call {
            call.handle_response(response, now);
        }
    }
}
