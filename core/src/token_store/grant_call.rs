//! [`GrantCall`]: a session's token request, over by the end of its refresh
//! lease.

use std::fmt;
use std::time::Instant;

use crate::api::oauth2::{ClientCredentials, RefreshAccessToken};
use crate::client::Client;
use crate::driver::{Call, Driver, Now, Received, Step};
use crate::error::Error;
use crate::model::AccessToken;
use crate::rate_limit::RateLimiter;

use super::Grant;

/// The driver of a [`Grant`] that a [`SessionCall`](super::SessionCall)
/// asked for: the client's usual [`Call`] (its retries, waits and
/// `call_timeout`), ended by the refresh lease's end as well.
///
/// Once the lease ends another instance may take it and refresh the same
/// token, so no request is sent after that moment, each request's
/// [`Transmit::timeout`](crate::driver::Transmit::timeout) ends with it, and
/// a wait past it ends the call with [`Error::DeadlineExceeded`]. A response
/// already received is never thrown away: a refresh that succeeded is
/// written (over the version it read only, so never over a newer token).
///
/// ```
/// use std::time::{Duration, Instant};
/// use disco_oauth2::driver::{Driver, Now, Step};
/// use disco_oauth2::token_store::{Grant, GrantCall};
/// use disco_oauth2::{Client, Error, RefreshToken};
///
/// let client = Client::builder(157730590492196864).client_secret("s").build()?;
/// let (start, utc) = (Instant::now(), "2026-11-24T12:00:00Z".parse()?);
/// let lease_ends = start + Duration::from_secs(30);
/// let grant = Grant::Refresh(client.refresh_token(&RefreshToken::new("r")));
/// let mut call = GrantCall::new(&client, grant, Some(lease_ends));
/// let mut limiter = client.rate_limiter();
///
/// let Step::Send(transmit) = call.poll(Now::new(start, utc), &mut limiter) else { unreachable!() };
/// assert_eq!(transmit.timeout, Some(Duration::from_secs(30)), "capped at the lease's end");
///
/// // The lease ended before an answer came: nothing more is sent.
/// let mut late = GrantCall::new(&client, Grant::Refresh(client.refresh_token(&RefreshToken::new("r"))), Some(lease_ends));
/// let Step::Done(Err(Error::DeadlineExceeded { .. })) = late.poll(Now::new(lease_ends, utc), &mut limiter)
/// else { unreachable!() };
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct GrantCall {
    inner: Inner,
    lease_ends: Option<Instant>,
    started: Option<Instant>,
    /// A response was fed since the last poll: its result is taken whatever
    /// the time.
    answered: bool,
}

enum Inner {
    Refresh(Call<RefreshAccessToken>),
    ClientCredentials(Call<ClientCredentials>),
}

impl GrantCall {
    /// The call of `grant` under `client`'s policy, over by `lease_ends`
    /// (when the session holds a lease).
    pub fn new(client: &Client, grant: Grant, lease_ends: Option<Instant>) -> Self {
        let inner = match grant {
            Grant::Refresh(op) => Inner::Refresh(Call::new(client, op)),
            Grant::ClientCredentials(op) => Inner::ClientCredentials(Call::new(client, op)),
        };
        Self {
            inner,
            lease_ends,
            started: None,
            answered: false,
        }
    }

    /// When the lease the request runs under ends.
    pub fn lease_ends(&self) -> Option<Instant> {
        self.lease_ends
    }

    fn operation(&self) -> &'static str {
        match self.inner {
            Inner::Refresh(_) => "refresh_token",
            Inner::ClientCredentials(_) => "client_credentials",
        }
    }

    fn lease_over(&self, now: Instant) -> Error {
        let started = self.started.unwrap_or(now);
        Error::DeadlineExceeded {
            operation: self.operation(),
            waited: now.saturating_duration_since(started),
            timeout: self.lease_ends.map_or_else(Default::default, |end| {
                end.saturating_duration_since(started)
            }),
        }
    }
}

impl Driver for GrantCall {
    type Output = AccessToken;

    fn poll(&mut self, now: Now, limiter: &mut RateLimiter) -> Step<AccessToken> {
        self.started.get_or_insert(now.instant);
        let answered = std::mem::take(&mut self.answered);
        let ended = self.lease_ends.filter(|end| now.instant >= *end);
        if ended.is_some() && !answered {
            return Step::Done(Err(self.lease_over(now.instant)));
        }
        let step = match &mut self.inner {
            Inner::Refresh(call) => call.poll(now, limiter),
            Inner::ClientCredentials(call) => call.poll(now, limiter),
        };
        let Some(end) = self.lease_ends else {
            return step;
        };
        match step {
            Step::Send(_) if ended.is_some() => Step::Done(Err(self.lease_over(now.instant))),
            Step::Send(mut transmit) => {
                let left = end.saturating_duration_since(now.instant);
                transmit.timeout = Some(transmit.timeout.map_or(left, |t| t.min(left)));
                Step::Send(transmit)
            }
            Step::Wait(wait) if wait.until >= end => Step::Done(Err(self.lease_over(now.instant))),
            step => step,
        }
    }

    fn handle_response(&mut self, response: Received, now: Now) {
        self.answered = true;
        match &mut self.inner {
            Inner::Refresh(call) => call.handle_response(response, now),
            Inner::ClientCredentials(call) => call.handle_response(response, now),
        }
    }
}

impl fmt::Debug for GrantCall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GrantCall")
            .field("operation", &self.operation())
            .field("lease_ends", &self.lease_ends)
            .finish_non_exhaustive()
    }
}
