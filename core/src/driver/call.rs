//! [`Call`]: one operation driven to its result.

use std::fmt;
use std::time::{Duration, Instant};

use http::StatusCode;

use super::deadline::Deadline;
use super::retry::{is_safe_to_repeat, is_server_error, server_error_backoff};
use super::{Driver, Now, Received, Step, Transmit, Wait, WaitReason};
use crate::client::{Client, Policy};
use crate::error::{Error, RateLimited, Result};
use crate::operation::{Operation, Pending, RequestBody, Sealed, classify_error, split};
use crate::rate_limit::{Acquire, Permit, RateLimitHeaders, RateLimiter, later};
use crate::route::Route;

/// One operation, driven through the rate limiter, the send and its
/// retries, under its client's [`Policy`].
///
/// The operation is built when the call is made: a build error (arguments
/// Discord would refuse) is the first poll's `Done`, and nothing is sent. The
/// call keeps the operation until its result, and builds a repeat from it
/// when it decides to send again (a build depends on the operation alone), so
/// an answer that is the result costs no copy of the request, and the
/// operation itself — and any one-use secret it holds, such as a
/// [`PkceVerifier`](crate::PkceVerifier) — is never cloned.
///
/// What a call decides:
///
/// - it waits for the [`RateLimiter`] (an exhausted bucket, an earlier 429,
///   the bot's global window), unless the wait is longer than
///   [`Policy::max_retry_wait`]: then it ends at once with
///   [`Error::RateLimited`] (`predicted: true`), nothing sent;
/// - on a 429 it waits the answer's wait and sends again, at most
///   [`Policy::max_rate_limit_retries`] times, and gives up at once on a wait
///   longer than [`Policy::max_retry_wait`];
/// - on a 502, 503 or 504 it backs off 0.5 s, 1 s, 2 s … and sends again, at
///   most [`Policy::max_server_error_retries`] times, only when the request is
///   safe to repeat (GET, PUT, DELETE, token revocation; never a code
///   exchange or a refresh); when out of retries, the 5xx's error is the result;
/// - with [`Policy::call_timeout`], a wait that would end past the deadline
///   ends the call with [`Error::DeadlineExceeded`] instead of sleeping, and
///   each [`Transmit::timeout`] is the time left.
///
/// ```
/// use std::time::Instant;
/// use disco_oauth2::driver::{Call, Driver, Now, Received, Step};
/// use disco_oauth2::{BearerToken, Client};
/// use http::{HeaderMap, StatusCode};
///
/// let client = Client::builder(157730590492196864).build()?;
/// let mut limiter = client.rate_limiter();
/// let mut call = Call::new(&client, client.current_user(&BearerToken::new("token")));
/// let utc: chrono::DateTime<chrono::Utc> = "2026-11-24T12:00:00Z".parse()?; // your wall clock
/// let now = Now::new(Instant::now(), utc);
///
/// let Step::Send(transmit) = call.poll(now, &mut limiter) else { unreachable!() };
/// assert_eq!(transmit.request.uri(), "https://discord.com/api/v10/users/@me");
/// // … send it with any HTTP client, then hand back what came:
/// let body = br#"{"id":"80351110224678912","username":"nelly","discriminator":"0","avatar":null}"#;
/// call.handle_response(Received::new(StatusCode::OK, HeaderMap::new(), body.to_vec()), now);
///
/// let Step::Done(user) = call.poll(now, &mut limiter) else { unreachable!() };
/// assert_eq!(user?.username, "nelly");
/// // The call is spent: polling again is an error, never a panic.
/// assert!(matches!(call.poll(now, &mut limiter), Step::Done(Err(disco_oauth2::Error::DriverFinished { .. }))));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Call<O: Operation> {
    policy: Policy,
    route: Route,
    /// Repeats are safe (GET, PUT, DELETE, revocation).
    repeatable: bool,
    /// What a repeat is built from, kept until the result.
    op: Option<O>,
    pending: Option<Pending<O>>,
    /// The limiter's side of the call: the permit of the request that is
    /// out, then what the limiter has yet to learn from its answer.
    ledger: Ledger,
    state: State<O::Output>,
    deadline: Option<Deadline>,
    attempts: u32,
    rate_limit_retries: u32,
    server_error_retries: u32,
}

/// Where a call stands.
enum State<T> {
    /// Ready to send, at once or after a retry wait.
    Ready {
        retry_at: Option<(Instant, WaitReason)>,
        /// The request to send, built before the wait (it shares its room
        /// with the result, which comes later).
        first: Option<http::Request<RequestBody>>,
    },
    /// A request is out; its permit waits for the response.
    Awaiting,
    /// The result, not yet taken.
    Finished(Result<T>),
    /// The result was taken.
    Spent,
}

impl<O: Operation> Call<O> {
    /// A call of `op` under `client`'s [`Policy`] (retries, waits, deadline,
    /// body cap). The operation is built here, once.
    pub fn new(client: &Client, op: O) -> Self {
        let (route, parts) = split(&op);
        let repeatable = is_safe_to_repeat(&route);
        let (op, pending, state) = match parts {
            Ok((request, pending)) => (
                Some(op),
                Some(pending),
                State::Ready {
                    retry_at: None,
                    first: Some(request),
                },
            ),
            Err(error) => (None, None, State::Finished(Err(error))),
        };
        Self {
            policy: client.policy(),
            route,
            repeatable,
            op,
            pending,
            state,
            ledger: Ledger::Idle,
            deadline: None,
            attempts: 0,
            rate_limit_retries: 0,
            server_error_retries: 0,
        }
    }

    /// The same call under a deadline that started earlier (a walk's).
    pub(crate) fn with_deadline(mut self, deadline: Deadline) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// The rate-limit route of the call's request.
    pub fn route(&self) -> &Route {
        &self.route
    }

    /// How many times the request was handed out to be sent.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    fn ready(
        &mut self,
        retry_at: Option<(Instant, WaitReason)>,
        first: Option<http::Request<RequestBody>>,
        deadline: Deadline,
        now: Instant,
        limiter: &mut RateLimiter,
    ) -> Step<O::Output> {
        if let Some((until, reason)) = retry_at.filter(|(until, _)| *until > now) {
            return self.wait(until, reason, first, deadline, now);
        }
        if deadline.is_reached_by(now) {
            return Step::Done(Err(deadline.exceeded(O::NAME, now)));
        }
        match limiter.acquire(&self.route, now) {
            Acquire::Wait { until } => {
                let wait = until.saturating_duration_since(now);
                if wait > self.policy.max_retry_wait {
                    return Step::Done(Err(held_too_long(O::NAME, wait)));
                }
                self.wait(until, WaitReason::Limiter, first, deadline, now)
            }
            Acquire::Ready(permit) => {
                // Every send's request was built before the limiter was
                // asked: the first by `new`, a repeat when it was decided.
                let Some(request) = first else {
                    drop(permit);
                    return Step::Done(Err(Error::DriverFinished { operation: O::NAME }));
                };
                self.attempts += 1;
                (self.ledger, self.state) = (Ledger::Out(permit), State::Awaiting);
                Step::Send(Transmit {
                    request,
                    operation: O::NAME,
                    attempt: self.attempts,
                    timeout: deadline.left(now),
                    max_body_size: self.policy.max_body_size,
                })
            }
        }
    }

    fn wait(
        &mut self,
        until: Instant,
        reason: WaitReason,
        first: Option<http::Request<RequestBody>>,
        deadline: Deadline,
        now: Instant,
    ) -> Step<O::Output> {
        if deadline.is_reached_by(until) {
            tracing::debug!(
                operation = O::NAME,
                wait = ?until.saturating_duration_since(now),
                "the wait would end past the call's deadline"
            );
            return Step::Done(Err(deadline.exceeded(O::NAME, now)));
        }
        let retry_at = match reason {
            WaitReason::Limiter => None,
            _ => Some((until, reason)),
        };
        self.state = State::Ready { retry_at, first };
        Step::Wait(Wait {
            until,
            reason,
            operation: O::NAME,
        })
    }

    /// What follows the answer to a send: a retry, or the result. What the
    /// limiter learns from it is kept for the next poll.
    fn answered(&mut self, permit: Permit, response: Received, received: Now) {
        let status = response.status;
        let headers = RateLimitHeaders::from_headers(&response.headers);
        // An answer with no rate-limit header and no 429 teaches nothing:
        // its permit is done with here.
        self.ledger = if status == StatusCode::TOO_MANY_REQUESTS || !headers.is_empty() {
            Ledger::Answered(Lesson {
                permit,
                status,
                headers,
                limited: None,
                at: received.instant,
            })
        } else {
            drop(permit);
            Ledger::Idle
        };
        if (status == StatusCode::TOO_MANY_REQUESTS || is_server_error(status))
            && let Some(retry) = self.retry_after(&response, received.instant)
        {
            self.state = retry;
            return;
        }
        self.op = None;
        self.state = State::Finished(match self.pending.take() {
            // The parser's `now` is the wall clock, for expiry times.
            Some(pending) => {
                pending.parse_parts(status, &response.headers, &response.body, received.utc)
            }
            None => Err(Error::DriverFinished { operation: O::NAME }),
        });
    }

    /// The retry a 429 or a 5xx answer leads to, if any: a 429 ends the
    /// call with its error when it is not retried. Kept out of the path of
    /// an answer that is the result.
    #[cold]
    #[inline(never)]
    fn retry_after(&mut self, response: &Received, now: Instant) -> Option<State<O::Output>> {
        let status = response.status;
        if status == StatusCode::TOO_MANY_REQUESTS {
            let error = classify_error(O::NAME, status, &response.headers, &response.body);
            let Error::RateLimited(limited) = &error else {
                return Some(State::Finished(Err(error)));
            };
            if let Ledger::Answered(lesson) = &mut self.ledger {
                lesson.limited = Some(Box::new(limited.clone()));
            }
            let retry = limited.retry_after <= self.policy.max_retry_wait
                && self.rate_limit_retries < self.policy.max_rate_limit_retries;
            tracing::debug!(
                operation = O::NAME,
                attempt = self.attempts,
                retry_after = ?limited.retry_after,
                global = limited.global,
                retry,
                "429 (not retried when out of retries or the wait is over max_retry_wait)"
            );
            if !retry {
                return Some(State::Finished(Err(error)));
            }
            self.rate_limit_retries += 1;
            let reason = WaitReason::RateLimited {
                global: limited.global,
            };
            return Some(self.repeat_at(later(now, limited.retry_after), reason));
        }
        let backoff = server_error_backoff(self.server_error_retries);
        if self.repeatable
            && self.server_error_retries < self.policy.max_server_error_retries
            && backoff <= self.policy.max_retry_wait
        {
            self.server_error_retries += 1;
            tracing::debug!(
                operation = O::NAME,
                attempt = self.attempts,
                status = status.as_u16(),
                backoff = ?backoff,
                "server error: retrying after a backoff"
            );
            return Some(self.repeat_at(later(now, backoff), WaitReason::ServerError { status }));
        }
        None
    }

    /// A repeat of the request at `at`, built now from the operation (not
    /// under the limiter, which the next poll takes).
    fn repeat_at(&self, at: Instant, reason: WaitReason) -> State<O::Output> {
        let built = match &self.op {
            Some(op) => op.build(Sealed::new()).map(|(request, _)| request),
            None => Err(Error::DriverFinished { operation: O::NAME }),
        };
        match built {
            Ok(request) => State::Ready {
                retry_at: Some((at, reason)),
                first: Some(request),
            },
            Err(error) => State::Finished(Err(error)),
        }
    }
}

impl<O: Operation> Driver for Call<O> {
    type Output = O::Output;

    fn poll(&mut self, now: Now, limiter: &mut RateLimiter) -> Step<O::Output> {
        if matches!(self.ledger, Ledger::Answered(_))
            && let Ledger::Answered(lesson) = std::mem::replace(&mut self.ledger, Ledger::Idle)
        {
            lesson.teach(limiter);
        }
        let deadline = *self
            .deadline
            .get_or_insert_with(|| Deadline::start(now.instant, self.policy.call_timeout));
        if let State::Ready { retry_at, first } = &mut self.state {
            // Taken without moving the whole state (it has room for a result).
            let (retry_at, first) = (*retry_at, first.take());
            self.state = State::Spent;
            return self.ready(retry_at, first, deadline, now.instant, limiter);
        }
        match std::mem::replace(&mut self.state, State::Spent) {
            State::Finished(result) => {
                self.op = None;
                self.pending = None;
                Step::Done(result)
            }
            State::Awaiting => {
                // The request's fate is unknown; nothing is learnt from it.
                self.ledger = Ledger::Idle;
                self.op = None;
                Step::Done(Err(Error::ResponseMissing { operation: O::NAME }))
            }
            // `Ready` was taken above.
            State::Ready { .. } | State::Spent => {
                Step::Done(Err(Error::DriverFinished { operation: O::NAME }))
            }
        }
    }

    fn handle_response(&mut self, response: Received, now: Now) {
        // Without a request out, the response is not this call's.
        if matches!(self.state, State::Awaiting)
            && let Ledger::Out(permit) = std::mem::replace(&mut self.ledger, Ledger::Idle)
        {
            self.answered(permit, response, now);
        }
    }
}

impl<O: Operation> fmt::Debug for Call<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match &self.state {
            State::Ready { .. } => "ready",
            State::Awaiting => "awaiting response",
            State::Finished(_) => "finished",
            State::Spent => "spent",
        };
        f.debug_struct("Call")
            .field("operation", &O::NAME)
            .field("route", &self.route)
            .field("state", &state)
            .field("attempts", &self.attempts)
            .finish_non_exhaustive()
    }
}

/// The error of a call the limiter would hold longer than its policy's
/// `max_retry_wait`: nothing is sent.
#[cold]
fn held_too_long(operation: &'static str, wait: Duration) -> Error {
    tracing::debug!(
        operation,
        wait = ?wait,
        "the limiter holds the route longer than max_retry_wait: not sent"
    );
    Error::RateLimited(RateLimited {
        retry_after: wait,
        global: false,
        scope: None,
        bucket: None,
        message: Some(
            "the client's rate limiter holds this route (Discord said so in an earlier response)"
                .into(),
        ),
        code: None,
        predicted: true,
    })
}

/// The limiter's side of a call (one field: a permit and a lesson are never
/// held at once).
enum Ledger {
    /// No request is out and nothing is left to teach.
    Idle,
    /// The permit of the request that is out.
    Out(Permit),
    /// The answer's lesson, taught at the next poll.
    Answered(Lesson),
}

/// What the limiter learns from an answer: its bucket headers, and for a
/// 429 the wait its body asked. Taught at the next poll, so that the answer
/// is parsed (and dropped) without the limiter: a limiter shared behind a
/// lock is held only for its own bookkeeping.
struct Lesson {
    permit: Permit,
    status: StatusCode,
    headers: RateLimitHeaders,
    /// A 429's parsed body (boxed: rare, and large).
    limited: Option<Box<RateLimited>>,
    at: Instant,
}

impl Lesson {
    fn teach(self, limiter: &mut RateLimiter) {
        match &self.limited {
            Some(limited) => {
                self.permit
                    .complete_rate_limited(limiter, &self.headers, limited, self.at)
            }
            None => self
                .permit
                .complete(limiter, self.status, &self.headers, self.at),
        }
    }
}
