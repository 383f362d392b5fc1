//! [`SessionCall`]: one call made with a stored token, refreshing it safely
//! first, as a sans-IO state machine.

use std::fmt;
use std::time::{Duration, Instant};

use crate::driver::Now;
use crate::error::{Error, InvalidInput, OAuth2ErrorCode, Result};
use crate::model::AccessToken;
use crate::secret::RefreshToken;

use super::{
    Freshness, Grant, GrantCall, LeaseHolder, SessionError, SessionEvent, StoreCommand, StoreError,
    StoreReply, StoredSession, StoredToken,
};

/// What a [`SessionCall`] asks its runtime to do next.
#[derive(Debug)]
#[must_use = "a step must be carried out"]
pub enum SessionStep<T> {
    /// Carry out this store command, then feed its reply to
    /// [`SessionCall::handle_store`].
    Store(StoreCommand),
    /// Run this token request — through [`SessionCall::grant_call`], which
    /// ends it by the lease's end — then feed its result to
    /// [`SessionCall::handle_grant`].
    Grant(Grant),
    /// Make the user's call with this token (its
    /// [`bearer`](AccessToken::bearer)), then feed its result to
    /// [`SessionCall::handle_call`].
    Call(Box<AccessToken>),
    /// Another holder is refreshing: wait until then, and poll again. A
    /// store that wakes its waiters ([`SessionCall::woken_by_store`]) may end
    /// the wait early, when the key's record or lease changes; the next poll
    /// then reads the store again.
    Wait(Instant),
    /// The call is over.
    Done(std::result::Result<T, SessionError>),
}

/// One call made with a stored token: reads the store, refreshes the token
/// when it is due — one refresh at a time across every process sharing the
/// store — stores the new token, then asks for the user's call, and after a
/// 401 refreshes once and asks for it once more.
///
/// ```text
///  poll ─▶ Store(Get) ─▶ fresh? ─ yes ────────────────────────────────▶ Call(token)
///                          │ no: within the margin, or refused by a 401      ▲
///                          ▼                                                 │
///               Store(TryLease) ─ busy ─▶ Wait(backoff) ─▶ Store(Get) ──┐    │
///                          │ won          newer token? use it; else ◀───┘    │
///                          ▼              lease again (a crashed holder's    │
///                          │              lease ends by its TTL)             │
///               Store(Get) again ─ newer token ─▶ Store(Release) ───────────▶│
///                          │ still due                                       │
///                          ▼                                                 │
///               Grant(refresh) ─ invalid_grant ─▶ Store(Get): newer? use it ▶│
///                          │ ok                            else: the error   │
///                          ▼                                                 │
///               Store(PutIfVersion) ─ conflict ─▶ Store(Get): newer? use it ▶│
///                          │ written                                         │
///                          ▼                                                 │
///               Store(Release) ─────────────────────────────────────────────┘
///
///  Call(token) ─▶ handle_call: a first 401 ─▶ back to Store(Get), the version refused
///                              anything else ─▶ Done(result)
/// ```
///
/// It never writes over a newer version, never writes after reading
/// something it cannot decode, and gives up waiting for another holder after
/// [`RefreshPolicy::max_wait`](super::RefreshPolicy::max_wait).
///
/// ## Waiting for another holder
///
/// While another holder refreshes, the call re-reads the store after a
/// bounded backoff (`first_backoff`, doubling up to `max_backoff`): the only
/// way to see a write made by another process. A store inside the process
/// can do better: when it wakes its waiters as soon as the key's token is
/// written or its lease released ([`woken_by_store`](Self::woken_by_store)),
/// each wait runs to the lease's end (when a crashed holder's lease is over)
/// and the runtime ends it early on such a change, so the call reads the
/// store once per change instead of polling. Either way the call decides
/// when to read again; the store only says that something changed.
///
/// A runtime's whole loop:
///
/// ```ignore
/// let mut call = session.call(LeaseHolder::random()?);
/// loop {
///     match call.poll(now()) {
///         SessionStep::Store(command) => call.handle_store(store.execute(command), now()),
///         SessionStep::Grant(grant) => call.handle_grant(drive(call.grant_call(grant)), now()),
///         SessionStep::Call(token) => call.handle_call(run(make_op(token.bearer())), now()),
///         SessionStep::Wait(until) => store.wait(key, call.version(), until), // or sleep
///         SessionStep::Done(result) => return result,
///     }
/// }
/// ```
pub struct SessionCall<T> {
    session: StoredSession,
    holder: LeaseHolder,
    state: State<T>,
    /// The newest record read: its version and token.
    known: Option<(u64, AccessToken)>,
    /// The version whose token the API refused with 401, and that refusal.
    refused: Option<(u64, Error)>,
    /// When the lease this call holds ends, by its time-to-live.
    lease_ends: Option<Instant>,
    wait_started: Option<Instant>,
    backoff: Duration,
    /// The store wakes waiters on each change of the key.
    woken: bool,
    events: Vec<SessionEvent>,
}

/// Why the store is read.
#[derive(Debug)]
enum Read {
    /// Before the call.
    Start,
    /// After winning the lease: someone may have refreshed in between.
    Leased,
    /// While another holder refreshes.
    Waited,
    /// The refresh answered `invalid_grant`: someone else may have rotated it.
    InvalidGrant(Error),
    /// The write found a newer version.
    Conflict,
}

/// What follows the lease's release.
#[derive(Debug)]
enum After {
    Call,
    Fail(SessionError),
}

enum State<T> {
    Read(Read),
    Reading(Read),
    Lease,
    Leasing,
    Backoff(Instant),
    Waiting(Instant),
    Grant(Grant, Option<RefreshToken>),
    Granting(Option<RefreshToken>),
    Write(StoreCommand, AccessToken, bool),
    Writing(AccessToken, bool),
    Release(After),
    Releasing(After),
    Call,
    Calling(u64),
    Done(std::result::Result<T, SessionError>),
    Spent,
}

impl<T> State<T> {
    fn name(&self) -> &'static str {
        match self {
            State::Read(_) | State::Reading(_) => "get",
            State::Lease | State::Leasing => "try_lease",
            State::Backoff(_) | State::Waiting(_) => "wait",
            State::Grant(..) | State::Granting(_) => "grant",
            State::Write(..) | State::Writing(..) => "put_if_version",
            State::Release(_) | State::Releasing(_) => "release",
            State::Call | State::Calling(_) => "call",
            State::Done(_) | State::Spent => "done",
        }
    }
}

/// What to do with a token read from the store.
enum Plan {
    Use,
    Refresh(RefreshToken),
    Renew,
    Fail(SessionError),
}

impl<T> SessionCall<T> {
    /// A call with the token stored for `session`; `holder` names its lease.
    pub fn new(session: StoredSession, holder: LeaseHolder) -> Self {
        let backoff = session.policy.first_backoff;
        Self {
            session,
            holder,
            state: State::Read(Read::Start),
            known: None,
            refused: None,
            lease_ends: None,
            wait_started: None,
            backoff,
            woken: false,
            events: Vec::new(),
        }
    }

    /// The same call, for a store that wakes waiting sessions when the key's
    /// record is written or its lease released or taken over (such as
    /// `MemoryStore` behind a runtime's lock and condition variable): a wait
    /// then lasts until the lease's end at most, and a poll after it, early
    /// or not, reads the store again. Off by default: waits are a bounded
    /// backoff, and a poll before its end waits on.
    pub fn woken_by_store(mut self, woken: bool) -> Self {
        self.woken = woken;
        self
    }

    /// The driver that runs `grant` (from [`SessionStep::Grant`]) under the
    /// client's policy, ended by the lease's end: see [`GrantCall`].
    pub fn grant_call(&self, grant: Grant) -> GrantCall {
        GrantCall::new(&self.session.client, grant, self.lease_ends)
    }

    /// What to do now.
    ///
    /// After [`SessionStep::Done`] the call is spent; polling while a reply
    /// is awaited, or after the end, answers `Done` with an error.
    pub fn poll(&mut self, now: Now) -> SessionStep<T> {
        let key = || self.session.key.clone();
        match std::mem::replace(&mut self.state, State::Spent) {
            State::Read(read) => {
                self.state = State::Reading(read);
                SessionStep::Store(StoreCommand::Get { key: key() })
            }
            State::Lease => {
                self.state = State::Leasing;
                SessionStep::Store(StoreCommand::TryLease {
                    key: key(),
                    holder: self.holder.clone(),
                    ttl: self.session.policy.lease_ttl,
                })
            }
            State::Backoff(until) if now.instant < until => {
                self.state = State::Waiting(until);
                SessionStep::Wait(until)
            }
            // Polled early: woken by the store, or (polling) returned early.
            State::Waiting(until) if now.instant < until && !self.woken => {
                self.state = State::Waiting(until);
                SessionStep::Wait(until)
            }
            State::Backoff(_) | State::Waiting(_) => {
                self.state = State::Reading(Read::Waited);
                SessionStep::Store(StoreCommand::Get { key: key() })
            }
            State::Grant(..) if self.lease_ends.is_some_and(|end| now.instant >= end) => {
                // The lease ended before the refresh was sent (a slow store):
                // someone else may be refreshing now. Take it again first.
                self.lease_ends = None;
                self.state = State::Leasing;
                SessionStep::Store(StoreCommand::TryLease {
                    key: key(),
                    holder: self.holder.clone(),
                    ttl: self.session.policy.lease_ttl,
                })
            }
            State::Grant(grant, old) => {
                self.state = State::Granting(old);
                SessionStep::Grant(grant)
            }
            State::Write(command, token, renewed) => {
                self.state = State::Writing(token, renewed);
                SessionStep::Store(command)
            }
            State::Release(after) => {
                self.state = State::Releasing(after);
                SessionStep::Store(StoreCommand::Release {
                    key: key(),
                    holder: self.holder.clone(),
                })
            }
            State::Call => match &self.known {
                Some((version, token)) => {
                    self.state = State::Calling(*version);
                    SessionStep::Call(Box::new(token.clone()))
                }
                None => SessionStep::Done(Err(StoreError::NoToken.into())),
            },
            State::Done(result) => SessionStep::Done(result),
            waiting => {
                let what = waiting.name();
                SessionStep::Done(Err(Error::from(InvalidInput::new(
                    "session_call",
                    format!("polled while its {what} step awaits a reply, or after it ended"),
                ))
                .into()))
            }
        }
    }

    /// Feeds the reply to the last [`SessionStep::Store`] (or the store's
    /// failure to carry it out).
    pub fn handle_store(&mut self, reply: std::result::Result<StoreReply, StoreError>, now: Now) {
        let state = std::mem::replace(&mut self.state, State::Spent);
        let reply = match (reply, state) {
            (Ok(reply), state) => (reply, state),
            (Err(_), State::Releasing(after)) => {
                // The lease ends by its time-to-live; the token is good.
                (StoreReply::Released(false), State::Releasing(after))
            }
            (Err(error), _) => {
                // The store is failing: a lease held ends by its time-to-live.
                self.state = State::Done(Err(error.into()));
                return;
            }
        };
        let (reply, state) = reply;
        match (state, reply) {
            (State::Reading(read), StoreReply::Record(record)) => self.on_record(read, record, now),
            (State::Leasing, StoreReply::LeaseWon) => {
                self.lease_ends = now.instant.checked_add(self.session.policy.lease_ttl);
                self.events.push(SessionEvent::LeaseWon);
                self.state = State::Read(Read::Leased);
            }
            (State::Leasing, StoreReply::LeaseBusy) => self.on_busy(now),
            (State::Writing(token, renewed), StoreReply::Written { version }) => {
                self.events.push(if renewed {
                    SessionEvent::Renewed { version }
                } else {
                    SessionEvent::Refreshed { version }
                });
                self.known = Some((version, token));
                self.state = State::Release(After::Call);
            }
            (State::Writing(..), StoreReply::Conflict) => self.state = State::Read(Read::Conflict),
            (State::Releasing(after), StoreReply::Released(_)) => {
                self.lease_ends = None;
                self.state = match after {
                    After::Call => State::Call,
                    After::Fail(error) => State::Done(Err(error)),
                };
            }
            (state, reply) => {
                self.state = State::Done(Err(StoreError::UnexpectedReply {
                    command: state.name(),
                    reply: format!("{reply:?}"),
                }
                .into()));
            }
        }
    }

    /// Feeds the result of the last [`SessionStep::Grant`].
    pub fn handle_grant(&mut self, result: Result<AccessToken>, now: Now) {
        let State::Granting(old) = std::mem::replace(&mut self.state, State::Spent) else {
            self.state = State::Done(Err(unexpected("a grant result")));
            return;
        };
        let renewed = old.is_none();
        match result {
            Ok(mut token) => {
                // Discord rotates the refresh token; should a response ever
                // lack one, the one just used is the best left.
                if token.refresh_token.is_none() {
                    token.refresh_token = old;
                }
                let expected = self.known.as_ref().map_or(0, |(v, _)| *v);
                match self.session.codec.encode(&self.session.key, &token) {
                    Ok(value) => {
                        let command = StoreCommand::PutIfVersion {
                            key: self.session.key.clone(),
                            expected,
                            value,
                            updated_at: now.utc,
                        };
                        self.state = State::Write(command, token, renewed);
                    }
                    Err(error) => self.finish(error.into()),
                }
            }
            Err(Error::OAuth2(e)) if !renewed && e.code == OAuth2ErrorCode::InvalidGrant => {
                self.state = State::Read(Read::InvalidGrant(Error::OAuth2(e)));
            }
            Err(error) => self.finish(error.into()),
        }
    }

    /// Feeds the result of the user's call ([`SessionStep::Call`]).
    pub fn handle_call(&mut self, result: Result<T>, now: Now) {
        let _ = now;
        let State::Calling(version) = std::mem::replace(&mut self.state, State::Spent) else {
            self.state = State::Done(Err(unexpected("a call result")));
            return;
        };
        self.state = match result {
            Err(error @ Error::Unauthorized { .. }) if self.refused.is_none() => {
                self.events.push(SessionEvent::RetryAfterUnauthorized);
                self.refused = Some((version, error));
                self.wait_started = None;
                self.backoff = self.session.policy.first_backoff;
                State::Read(Read::Start)
            }
            Ok(value) => State::Done(Ok(value)),
            Err(error) => State::Done(Err(error.into())),
        };
    }

    /// Takes what happened since the last call (for logs and metrics).
    pub fn take_events(&mut self) -> Vec<SessionEvent> {
        std::mem::take(&mut self.events)
    }

    /// Whether this call holds the key's refresh lease (as far as it knows:
    /// the lease also ends by its time-to-live).
    pub fn holds_lease(&self) -> bool {
        self.lease_ends.is_some()
    }

    /// When the lease this call holds ends by its time-to-live. A runtime
    /// bounds the refresh request's timeout by it, so that no refresh is
    /// still in flight when another instance may take the lease.
    pub fn lease_ends(&self) -> Option<Instant> {
        self.lease_ends
    }

    /// The stored version of the token the call uses, once read.
    pub fn version(&self) -> Option<u64> {
        self.known.as_ref().map(|(v, _)| *v)
    }

    fn on_record(&mut self, read: Read, record: Option<StoredToken>, now: Now) {
        let Some(record) = record else {
            return self.finish(StoreError::NoToken.into());
        };
        let token = match self.session.decode(&record.value) {
            Ok(token) => token,
            Err(error) => return self.finish(error.into()),
        };
        let newer = self.known.as_ref().is_none_or(|(v, _)| record.version > *v);
        let plan = self.plan(record.version, &token, now);
        let version = record.version;
        match read {
            Read::Start => {
                self.known = Some((version, token));
                self.state = match plan {
                    Plan::Use => State::Call,
                    Plan::Refresh(_) | Plan::Renew => State::Lease,
                    Plan::Fail(error) => State::Done(Err(error)),
                };
            }
            Read::Waited => {
                self.known = Some((version, token));
                self.state = match plan {
                    Plan::Use => {
                        if newer {
                            self.events.push(SessionEvent::UsedNewer { version });
                        }
                        State::Call
                    }
                    Plan::Refresh(_) | Plan::Renew => State::Lease,
                    Plan::Fail(error) => State::Done(Err(error)),
                };
            }
            Read::Leased => self.on_leased(version, token, plan, newer),
            Read::Conflict if newer => self.on_leased(version, token, plan, newer),
            Read::Conflict => self.finish(
                StoreError::UnexpectedReply {
                    command: "put_if_version",
                    reply: "Conflict, yet the stored version is not newer".to_owned(),
                }
                .into(),
            ),
            Read::InvalidGrant(error) => {
                if newer && matches!(plan, Plan::Use) {
                    self.events.push(SessionEvent::UsedNewer { version });
                    self.known = Some((version, token));
                    self.state = State::Release(After::Call);
                } else {
                    self.finish(error.into());
                }
            }
        }
    }

    /// A record read while holding the lease: use it if someone refreshed
    /// in between, else refresh (or renew) it.
    fn on_leased(&mut self, version: u64, token: AccessToken, plan: Plan, newer: bool) {
        let scopes = token.scopes.clone();
        self.known = Some((version, token));
        match plan {
            Plan::Use => {
                if newer {
                    self.events.push(SessionEvent::UsedNewer { version });
                }
                self.state = State::Release(After::Call);
            }
            Plan::Refresh(refresh_token) => {
                let op = self.session.client.refresh_token(&refresh_token);
                self.state = State::Grant(Grant::Refresh(op), Some(refresh_token));
            }
            Plan::Renew => {
                let mut op = self.session.client.client_credentials();
                if !scopes.is_empty() {
                    op = op.scopes(scopes);
                }
                self.state = State::Grant(Grant::ClientCredentials(op), None);
            }
            Plan::Fail(error) => self.finish(error),
        }
    }

    fn plan(&self, version: u64, token: &AccessToken, now: Now) -> Plan {
        if let Some((refused, error)) = &self.refused
            && version <= *refused
        {
            return match &token.refresh_token {
                Some(refresh_token) => Plan::Refresh(refresh_token.clone()),
                None if self.session.policy.client_credentials => Plan::Renew,
                None => Plan::Fail(error.clone().into()),
            };
        }
        match self.session.policy.freshness(token, now.utc) {
            Freshness::Fresh => Plan::Use,
            Freshness::Refresh => match &token.refresh_token {
                Some(refresh_token) => Plan::Refresh(refresh_token.clone()),
                None => Plan::Fail(SessionError::Expired),
            },
            Freshness::Renew => Plan::Renew,
            Freshness::Expired => Plan::Fail(SessionError::Expired),
        }
    }

    fn on_busy(&mut self, now: Now) {
        self.events.push(SessionEvent::LeaseBusy);
        let since = *self.wait_started.get_or_insert(now.instant);
        let waited = now.instant.saturating_duration_since(since);
        let max_wait = self.session.policy.max_wait;
        if waited >= max_wait {
            self.state = State::Done(Err(StoreError::LeaseWaitTimedOut { waited }.into()));
            return;
        }
        let deadline = since.checked_add(max_wait).unwrap_or(now.instant);
        // Woken on each change, a waiter needs no poll: only a crashed
        // holder's lease ends unannounced, by its time-to-live.
        let pause = if self.woken {
            self.session.policy.lease_ttl
        } else {
            self.backoff
        };
        let until = now
            .instant
            .checked_add(pause)
            .unwrap_or(deadline)
            .min(deadline);
        self.backoff = self
            .backoff
            .saturating_mul(2)
            .min(self.session.policy.max_backoff);
        self.state = State::Backoff(until);
    }

    /// Ends with `error`, releasing the lease first when held.
    fn finish(&mut self, error: SessionError) {
        self.state = if self.lease_ends.is_some() {
            State::Release(After::Fail(error))
        } else {
            State::Done(Err(error))
        };
    }
}

fn unexpected(what: &str) -> SessionError {
    Error::from(InvalidInput::new(
        "session_call",
        format!("was fed {what} it did not ask for"),
    ))
    .into()
}

impl<T> fmt::Debug for SessionCall<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionCall")
            .field("key", &self.session.key)
            .field("step", &self.state.name())
            .field("version", &self.version())
            .field("holds_lease", &self.holds_lease())
            .finish_non_exhaustive()
    }
}
