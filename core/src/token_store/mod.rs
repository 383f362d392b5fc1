//! Token stores: a user's token kept under the application's key, refreshed
//! before it expires, one refresh at a time across every process that shares
//! the store — as sans-IO protocol pieces that a runtime only executes.
//!
//! Discord rotates refresh tokens: each refresh returns a new one and the
//! old one dies. Two instances refreshing the same token at once would make
//! one of them fail with `invalid_grant` — or, where reuse counts as theft,
//! lose the user's grant. So a [`SessionCall`]:
//!
//! 1. reads the stored record ([`StoredToken`]: a version, the encoded
//!    token, when it was written) and uses the token if it does not expire
//!    within the [`RefreshPolicy`]'s margin;
//! 2. otherwise takes the key's refresh lease ([`StoreCommand::TryLease`],
//!    a `SET NX PX` with a time-to-live); the instance that wins reads again
//!    (someone may just have refreshed), refreshes, writes the new token only
//!    over the version it read ([`StoreCommand::PutIfVersion`]) and releases
//!    the lease; the others wait (see below) until a newer version appears,
//!    or the lease of a crashed holder ends. The refresh request itself ends
//!    with the lease ([`GrantCall`]): none is in flight once another
//!    instance may take the lease, and an answer that arrives late is
//!    written only over the version it read, never over a newer token;
//! 3. a refresh answered `invalid_grant` re-reads the store: if another
//!    instance rotated the token, its newer token is used;
//! 4. a call answered 401 refreshes once (or uses a newer stored token) and
//!    is made once more.
//!
//! The store's commands are data ([`StoreCommand`], [`StoreReply`]);
//! [`MemoryStore`] gives them their reference meaning in memory, and
//! [`RedisLayout`] maps them onto atomic Lua scripts on Redis. Tokens leave
//! the process only sealed (`SealingKey`, feature `sealing`), bound to their
//! key.
//!
//! ## In an application
//!
//! The runtimes carry this protocol out: `disco-oauth2-async` and
//! `disco-oauth2-blocking` have a `StoredSession` (from
//! `Client::stored_session(key, store, codec)`) whose per-user calls each run
//! one [`SessionCall`], on a `MemoryStore` (one process: an axum app's
//! shared state) or a `RedisStore` (feature `redis`: many instances, tokens
//! sealed). Their crate docs show both. What to configure:
//!
//! - the **key**: stable per user (a user id or a session id); sealed values
//!   are bound to it;
//! - the [`RefreshPolicy`]: the **margin** before `expires_at` (60 s), the
//!   **lease's time-to-live** (30 s; it should outlast one refresh with its
//!   retries, since the refresh request is cut when it ends, and it is how
//!   long others wait for a crashed holder), the
//!   backoff while waiting, and whether client-credentials tokens are renewed;
//! - for a store another process can read, the **sealing key** (32 bytes,
//!   the same in every instance).
//!
//! ## Waiting for another holder's refresh
//!
//! Inside one process the waiters sleep until they are woken: the runtimes'
//! `MemoryStore` wakes them (a `Condvar`, a `tokio::sync::Notify`) each time
//! a key's token is written or its lease released, and a waiter goes back
//! to its [`SessionCall`] when [`MemoryStore::changed_since`] says the
//! record or the lease changed — one read per change instead of a poll, and
//! a crashed holder's lease awaited until its time-to-live at most
//! ([`SessionCall::woken_by_store`]).
//!
//! Across processes a waiter re-reads the store with a bounded backoff
//! (50 ms, doubling up to 1 s: [`RefreshPolicy::backoff`]). Redis keyspace
//! notifications or a pub/sub channel could wake it sooner, but they need
//! the server configured for them (`notify-keyspace-events`, off by
//! default and often not allowed on managed Redis), a subscriber connection
//! per instance, and their messages are fire-and-forget — a waiter would
//! still need the poll to notice a lost message or a crashed holder. A
//! refresh happens once per token lifetime, so the poll costs a few reads
//! per waiting call, and it is the one mechanism that is always right.
//!
//! When the store is unreachable, a call ends with
//! [`StoreError::Unavailable`] before any request: nothing is written, and a
//! lease held ends by its time-to-live.
//!
//! ## The protocol, step by step
//!
//! ```
//! use std::sync::Arc;
//! use std::time::Instant;
//! use chrono::TimeDelta;
//! use disco_oauth2::driver::Now;
//! use disco_oauth2::token_store::{
//!     LeaseHolder, MemoryStore, PlainJson, SessionStep, StoredSession,
//! };
//! use disco_oauth2::{AccessToken, Client};
//!
//! let client = Client::builder(157730590492196864).client_secret("s").build()?;
//! let session = StoredSession::new(client, "user:80351110224678912", Arc::new(PlainJson));
//! let (start, utc) = (Instant::now(), "2026-11-24T12:00:00Z".parse()?);
//! let now = Now::new(start, utc);
//! let token = AccessToken::from_response_body(
//!     br#"{"access_token": "a", "expires_in": 604800, "refresh_token": "r"}"#, utc)?;
//! let mut store = MemoryStore::new();
//! store.execute(session.save(&token, utc)?, start);
//!
//! // A fresh token: one read, then the call.
//! let mut call = session.call::<&str>(LeaseHolder::new("instance-1"));
//! let result = loop {
//!     match call.poll(now) {
//!         SessionStep::Store(command) => call.handle_store(Ok(store.execute(command, start)), now),
//!         SessionStep::Call(token) => {
//!             assert_eq!(token.bearer().secret(), "a");
//!             call.handle_call(Ok("made with the stored token"), now)
//!         }
//!         SessionStep::Done(result) => break result,
//!         other => unreachable!("{other:?}"),
//!     }
//! };
//! assert_eq!(result?, "made with the stored token");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod codec;
mod command;
mod error;
mod event;
mod grant;
mod grant_call;
mod lease;
mod memory;
mod policy;
mod record;
mod redis;
mod session_call;
mod stored_session;

pub use codec::{PlainJson, TokenCodec};
pub use command::{StoreCommand, StoreReply};
pub use error::{SessionError, StoreError};
pub use event::SessionEvent;
pub use grant::Grant;
pub use grant_call::GrantCall;
pub use lease::LeaseHolder;
pub use memory::MemoryStore;
pub use policy::{Freshness, RefreshPolicy};
pub use record::StoredToken;
pub use redis::{
    DEFAULT_PREFIX, DELETE_SCRIPT, GET_SCRIPT, PUT_IF_VERSION_SCRIPT, PUT_SCRIPT, RELEASE_SCRIPT,
    RedisCall, RedisLayout, TRY_LEASE_SCRIPT,
};
pub use session_call::{SessionCall, SessionStep};
pub use stored_session::StoredSession;
