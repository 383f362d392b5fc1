//! Token stores and the sessions that keep their token in one.

/// A runtime's `TokenStore` trait: blocking (`{} {}`) or async
/// (`{async} {.await}`, its future `Send`).
#[doc(hidden)]
#[macro_export]
macro_rules! __store_trait {
    (@doc $($item:item)*) => {
        $(
        /// Where a [`StoredSession`](crate::StoredSession) keeps its token: carries out each
        /// [`StoreCommand`](disco_oauth2::token_store::StoreCommand) atomically,
        /// with the meaning the core gives it
        /// ([`disco_oauth2::token_store::MemoryStore`] is the reference).
        ///
        /// [`MemoryStore`] is the embedded default; `RedisStore` (feature `redis`,
        /// see the [crate docs](crate#token-stores)) shares tokens and refresh leases between processes.
        /// Implement it for your own database with a compare-and-swap on the
        /// version and a lease with a time-to-live.
        $item
        )*
    };
    ({} {}) => {
        $crate::__store_trait!(@doc pub trait TokenStore: Send + Sync {
            /// Carries out `command`.
            ///
            /// # Errors
            /// [`StoreError::Unavailable`](disco_oauth2::token_store::StoreError::Unavailable)
            /// when the store cannot be reached, or another [`StoreError`](disco_oauth2::token_store::StoreError).
            fn execute(
                &self,
                command: $crate::token_store::StoreCommand,
            ) -> ::std::result::Result<$crate::token_store::StoreReply, $crate::token_store::StoreError>;

            $crate::__store_trait!(@wait);

            /// Waits, while another holder refreshes `key`'s token, until
            /// `until` — or, for a store that [wakes waiters](Self::wakes_waiters),
            /// until the key's record is no longer `version` or its lease is
            /// free. The default sleeps until `until`.
            fn wait(&self, key: &str, version: u64, until: ::std::time::Instant) {
                let _ = (key, version);
                sleep_until(until);
            }
        });
    };
    ({async} {.await}) => {
        $crate::__store_trait!(@doc pub trait TokenStore: Send + Sync {
            /// Carries out `command`.
            ///
            /// # Errors
            /// [`StoreError::Unavailable`](disco_oauth2::token_store::StoreError::Unavailable)
            /// when the store cannot be reached, or another [`StoreError`](disco_oauth2::token_store::StoreError).
            fn execute(
                &self,
                command: $crate::token_store::StoreCommand,
            ) -> impl ::std::future::Future<
                Output = ::std::result::Result<$crate::token_store::StoreReply, $crate::token_store::StoreError>,
            > + Send;

            $crate::__store_trait!(@wait);

            /// Waits, while another holder refreshes `key`'s token, until
            /// `until` — or, for a store that [wakes waiters](Self::wakes_waiters),
            /// until the key's record is no longer `version` or its lease is
            /// free. The default sleeps until `until`.
            fn wait(
                &self,
                key: &str,
                version: u64,
                until: ::std::time::Instant,
            ) -> impl ::std::future::Future<Output = ()> + Send {
                let _ = (key, version);
                sleep_until(until)
            }
        });
    };
    (@wait) => {
        /// Whether [`wait`](Self::wait) returns as soon as the key changes:
        /// then a session waiting for another holder's refresh waits on it
        /// up to the lease's end instead of re-reading the store with a
        /// backoff. `false` by default (a store shared with other processes
        /// cannot know when they write).
        fn wakes_waiters(&self) -> bool {
            false
        }
    };
}

/// Logs what a stored session did (never a secret, nor the key).
#[doc(hidden)]
pub fn __log_session_events(events: Vec<crate::token_store::SessionEvent>) {
    use crate::token_store::SessionEvent;
    for event in events {
        match event {
            SessionEvent::Refreshed { version } | SessionEvent::Renewed { version } => {
                tracing::info!(?event, version, "token store: stored a refreshed token");
            }
            event => tracing::debug!(?event, "token store: session step"),
        }
    }
}

/// A runtime's `MemoryStore`: the core's, behind a mutex, waking waiting
/// sessions on each change with a `Condvar` (blocking, `{}`) or a
/// `tokio::sync::Notify` (async, `{async}`).
#[doc(hidden)]
#[macro_export]
macro_rules! __memory_store {
    (@doc $($item:item)*) => {
        $(
        /// The default token store: tokens in this process's memory, behind a
        /// mutex. Nothing to run; a refresh is shared by every session of the
        /// process on the same key: one refresh, and the others sleep until
        /// its token is written (or its lease released or over), then use it.
        $item
        )*
    };
    (@common $changed:ty, $notify:ident) => {
        $crate::__memory_store!(@doc #[derive(Debug, Default)] pub struct MemoryStore {
            state: ::std::sync::Mutex<$crate::token_store::MemoryStore>,
            changed: $changed,
        });

        impl MemoryStore {
            /// An empty store, ready to share between sessions.
            pub fn new() -> ::std::sync::Arc<Self> {
                ::std::sync::Arc::default()
            }

            fn state(&self) -> ::std::sync::MutexGuard<'_, $crate::token_store::MemoryStore> {
                self.state.lock().unwrap_or_else(::std::sync::PoisonError::into_inner)
            }

            fn carry_out(
                &self,
                command: $crate::token_store::StoreCommand,
            ) -> $crate::token_store::StoreReply {
                use $crate::token_store::StoreCommand::{Get, TryLease};
                let changes = !matches!(command, Get { .. } | TryLease { .. });
                let reply = self.state().execute(command, ::std::time::Instant::now());
                if changes {
                    self.changed.$notify();
                }
                reply
            }
        }
    };
    ({}) => {
        $crate::__memory_store!(@common ::std::sync::Condvar, notify_all);

        impl TokenStore for MemoryStore {
            fn execute(
                &self,
                command: $crate::token_store::StoreCommand,
            ) -> Result<$crate::token_store::StoreReply, $crate::token_store::StoreError> {
                Ok(self.carry_out(command))
            }

            fn wait(&self, key: &str, version: u64, until: ::std::time::Instant) {
                let left = until.saturating_duration_since(::std::time::Instant::now());
                let unchanged = |s: &mut $crate::token_store::MemoryStore| {
                    !s.changed_since(key, version, ::std::time::Instant::now())
                };
                let _ = self.changed.wait_timeout_while(self.state(), left, unchanged);
            }

            fn wakes_waiters(&self) -> bool {
                true
            }
        }
    };
    ({async}) => {
        $crate::__memory_store!(@common ::tokio::sync::Notify, notify_waiters);

        impl TokenStore for MemoryStore {
            async fn execute(
                &self,
                command: $crate::token_store::StoreCommand,
            ) -> Result<$crate::token_store::StoreReply, $crate::token_store::StoreError> {
                Ok(self.carry_out(command))
            }

            async fn wait(&self, key: &str, version: u64, until: ::std::time::Instant) {
                loop {
                    // Registered before the check, so no change between the
                    // two goes unnoticed.
                    let mut changed = ::std::pin::pin!(self.changed.notified());
                    changed.as_mut().enable();
                    let now = ::std::time::Instant::now();
                    if now >= until || self.state().changed_since(key, version, now) {
                        return;
                    }
                    if ::tokio::time::timeout_at(until.into(), changed).await.is_err() {
                        return;
                    }
                }
            }

            fn wakes_waiters(&self) -> bool {
                true
            }
        }
    };
}

/// A runtime's `MemoryStore`, `StoredSession` and `Client::stored_session`.
/// Expects at the call site: `TokenStore`, `Client`, `Error` (with a
/// `Session` variant), `now()` and `sleep_until(Instant)` (awaited in the
/// async arm).
#[doc(hidden)]
#[macro_export]
macro_rules! __stored_session {
    ({$($async:tt)?} {$($await:tt)*}) => {
        $crate::__memory_store!({$($async)?});

        impl From<$crate::token_store::StoreError> for Error {
            fn from(error: $crate::token_store::StoreError) -> Self {
                Error::Session(error.into())
            }
        }

        impl From<$crate::token_store::SessionError> for Error {
            fn from(error: $crate::token_store::SessionError) -> Self {
                match error {
                    $crate::token_store::SessionError::Discord(e) => Error::Core(e),
                    other => Error::Session(other),
                }
            }
        }

        impl Client {
            /// The session of the user whose token `store` keeps under `key`
            /// (a user id, your session id), encoded by `codec`
            /// ([`PlainJson`](disco_oauth2::token_store::PlainJson) in memory; a
            /// `SealingKey` for a store another process can read). No request
            /// is made.
            pub fn stored_session<S: TokenStore>(
                &self,
                key: impl Into<String>,
                store: ::std::sync::Arc<S>,
                codec: ::std::sync::Arc<dyn $crate::token_store::TokenCodec>,
            ) -> StoredSession<S> {
                let session = $crate::token_store::StoredSession::new(self.core().clone(), key, codec);
                StoredSession { client: self.clone(), store, session }
            }
        }

        /// A user's session whose token lives in a [`TokenStore`]: every call
        /// reads it there, refreshes it first when it expires within the
        /// policy's margin (one refresh at a time for every session sharing
        /// the store, in this process or others), and after a 401 refreshes
        /// once and sends the call again. Made by [`Client::stored_session`].
        ///
        /// Cheap to clone, and safe to share: the store holds the state.
        pub struct StoredSession<S> {
            client: Client,
            store: ::std::sync::Arc<S>,
            session: $crate::token_store::StoredSession,
        }

        impl<S> Clone for StoredSession<S> {
            fn clone(&self) -> Self {
                let (client, store) = (self.client.clone(), self.store.clone());
                Self { client, store, session: self.session.clone() }
            }
        }

        impl<S> ::std::fmt::Debug for StoredSession<S> {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct("StoredSession").field("session", &self.session).finish_non_exhaustive()
            }
        }

        impl<S: TokenStore> StoredSession<S> {
            /// The same session under another refresh policy (margin, lease
            /// time-to-live, waits).
            pub fn with_policy(mut self, policy: $crate::token_store::RefreshPolicy) -> Self {
                self.session = self.session.with_policy(policy);
                self
            }

            /// The application's key of the session.
            pub fn key(&self) -> &str {
                self.session.key()
            }

            /// The store the token lives in.
            pub fn store(&self) -> &::std::sync::Arc<S> {
                &self.store
            }

            /// The client the session's calls run on.
            pub fn client(&self) -> &Client {
                &self.client
            }

            /// Stores `token` (a new login, e.g. from
            /// [`Client::exchange_code`]) over whatever is there; returns its version.
            ///
            /// # Errors
            /// [`Error::Session`] when the store fails.
            pub $($async)? fn login(&self, token: &$crate::AccessToken) -> Result<u64, Error> {
                let command = self.session.save(token, ::chrono::Utc::now()).map_err(store_error)?;
                match self.store.execute(command) $($await)* .map_err(store_error)? {
                    $crate::token_store::StoreReply::Written { version } => Ok(version),
                    reply => Err(unexpected("put", reply)),
                }
            }

            /// Forgets the stored token (it is not revoked: see
            /// [`revoke`](Self::revoke)); whether there was one.
            ///
            /// # Errors
            /// [`Error::Session`] when the store fails.
            pub $($async)? fn logout(&self) -> Result<bool, Error> {
                match self.store.execute(self.session.forget()) $($await)* .map_err(store_error)? {
                    $crate::token_store::StoreReply::Deleted(deleted) => Ok(deleted),
                    reply => Err(unexpected("delete", reply)),
                }
            }

            /// The token as stored now (not refreshed), or `None` after logout.
            ///
            /// # Errors
            /// [`Error::Session`] when the store fails or holds a value that
            /// does not decode.
            pub $($async)? fn stored_token(&self) -> Result<Option<$crate::AccessToken>, Error> {
                let get = $crate::token_store::StoreCommand::Get { key: self.key().to_owned() };
                match self.store.execute(get) $($await)* .map_err(store_error)? {
                    $crate::token_store::StoreReply::Record(None) => Ok(None),
                    $crate::token_store::StoreReply::Record(Some(record)) => {
                        self.session.decode(&record.value).map(Some).map_err(store_error)
                    }
                    reply => Err(unexpected("get", reply)),
                }
            }

            /// Runs the driver `make` builds from the stored token, refreshing
            /// the token first when due, and once more after a 401 (then
            /// `make` is called again). Every call of the session runs here.
            /// A call stopped while it refreshes (an async call's future
            /// dropped, a crash) leaves the lease to end by its time-to-live.
            ///
            /// # Errors
            /// As [`Client::run`], plus [`Error::Session`] when the store
            /// fails or holds no usable token; a grant that is really gone is
            /// [`Error::Core`] with `invalid_grant`.
            pub $($async)? fn drive_with<D>(
                &self,
                make: impl Fn(&$crate::Client, &$crate::AccessToken) -> D + Send + Sync,
            ) -> Result<D::Output, Error>
            where
                D: $crate::driver::Driver + Send,
                D::Output: Send,
            {
                let holder = $crate::token_store::LeaseHolder::random()?;
                let call = self.session.call::<D::Output>(holder.clone());
                let mut call = call.woken_by_store(self.store.wakes_waiters());
                loop {
                    let step = call.poll(now());
                    $crate::api_table::__log_session_events(call.take_events());
                    match step {
                        $crate::token_store::SessionStep::Store(command) => {
                            let reply = self.store.execute(command) $($await)*;
                            call.handle_store(reply, now());
                        }
                        $crate::token_store::SessionStep::Grant(grant) => {
                            match self.client.drive(call.grant_call(grant)) $($await)* {
                                Ok(token) => call.handle_grant(Ok(token), now()),
                                Err(Error::Core(e)) => call.handle_grant(Err(e), now()),
                                Err(error) => {
                                    // No answer: release the lease (best effort) and give up.
                                    let key = self.key().to_owned();
                                    let release = $crate::token_store::StoreCommand::Release { key, holder };
                                    let _ = self.store.execute(release) $($await)*;
                                    return Err(error);
                                }
                            }
                        }
                        $crate::token_store::SessionStep::Call(token) => {
                            match self.client.drive(make(self.client.core(), &token)) $($await)* {
                                Ok(value) => call.handle_call(Ok(value), now()),
                                Err(Error::Core(e)) => call.handle_call(Err(e), now()),
                                Err(error) => return Err(error),
                            }
                        }
                        $crate::token_store::SessionStep::Wait(until) => {
                            let version = call.version().unwrap_or(0);
                            self.store.wait(self.key(), version, until) $($await)*;
                        }
                        $crate::token_store::SessionStep::Done(result) => return result.map_err(Error::from),
                    }
                }
            }

            /// Runs the core operation `make` builds from the stored token's
            /// bearer (see [`drive_with`](Self::drive_with)).
            ///
            /// # Errors
            /// As [`drive_with`](Self::drive_with).
            pub $($async)? fn run_with<O>(
                &self,
                make: impl Fn(&$crate::Client, &$crate::BearerToken) -> O + Send + Sync,
            ) -> Result<O::Output, Error>
            where
                O: $crate::Operation + Send,
                O::Context: Send,
                O::Output: Send,
            {
                self.drive_with(|core, token| $crate::driver::Call::new(core, make(core, token.bearer()))) $($await)*
            }

            /// Every guild of the user, page after page, as one bounded call.
            ///
            /// # Errors
            /// As [`drive_with`](Self::drive_with).
            pub $($async)? fn fetch_all_guilds(&self) -> Result<Vec<$crate::Guild>, Error> {
                self.drive_with(|core, token| $crate::driver::GuildWalk::new(core, token.bearer())) $($await)*
            }

            /// Adds the user to `guild_id` with the bot's token (scope
            /// `guilds.join`), with the member's options set on the core's
            /// operation; fetches the user's id first.
            ///
            /// # Errors
            /// As [`drive_with`](Self::drive_with).
            pub $($async)? fn add_to_guild(
                &self,
                bot_token: &$crate::BotToken,
                guild_id: $crate::GuildId,
                configure: impl Fn($crate::api::guilds::AddGuildMember) -> $crate::api::guilds::AddGuildMember + Send + Sync,
            ) -> Result<$crate::AddedMember, Error> {
                let user = self.fetch_user() $($await)* ?;
                self.run_with(|core, bearer| configure(core.add_guild_member(bot_token, guild_id, user.id, bearer))) $($await)*
            }

            /// Revokes the whole authorization and forgets the stored token.
            ///
            /// # Errors
            /// As [`drive_with`](Self::drive_with).
            pub $($async)? fn revoke(&self) -> Result<(), Error> {
                match self.stored_token() $($await)* ? {
                    Some(token) => self.client.revoke_token(&token) $($await)* ?,
                    None => return Ok(()),
                }
                self.logout() $($await)*.map(drop)
            }

            $crate::__stored_fn!({$($async)?} {$($await)*}
                /// The user (`GET /users/@me`, scope `identify`).
                fetch_user() -> $crate::User = |core, bearer| core.current_user(bearer));
            $crate::__stored_fn!({$($async)?} {$($await)*}
                /// The first page of the user's guilds: up to 200 (scope `guilds`).
                fetch_guilds() -> Vec<$crate::Guild> = |core, bearer| core.current_user_guilds(bearer));
            $crate::__stored_fn!({$($async)?} {$($await)*}
                /// The user's linked accounts (scope `connections`).
                fetch_connections() -> Vec<$crate::Connection> = |core, bearer| core.current_user_connections(bearer));
            $crate::__stored_fn!({$($async)?} {$($await)*}
                /// The user's member object in `guild_id` (scope `guilds.members.read`).
                fetch_member(guild_id: $crate::GuildId) -> $crate::Member
                    = |core, bearer| core.current_user_guild_member(bearer, guild_id));
            $crate::__stored_fn!({$($async)?} {$($await)*}
                /// What the token is allowed to do, and until when (`GET /oauth2/@me`).
                fetch_authorization() -> $crate::Authorization = |core, bearer| core.current_authorization(bearer));
            $crate::__stored_fn!({$($async)?} {$($await)*}
                /// The user's role connection for this application (scope `role_connections.write`).
                fetch_role_connection() -> $crate::RoleConnection = |core, bearer| core.role_connection(bearer));
            $crate::__stored_fn!({$($async)?} {$($await)*}
                /// Sets the user's role connection (platform name, username, metadata).
                update_role_connection(update: $crate::RoleConnectionUpdate) -> $crate::RoleConnection
                    = |core, bearer| core.update_role_connection(bearer, update.clone()));
            $crate::__stored_fn!({$($async)?} {$($await)*}
                /// Removes the user's role connection for this application.
                delete_role_connection() -> () = |core, bearer| core.delete_role_connection(bearer));
        }

        fn store_error(error: $crate::token_store::StoreError) -> Error {
            error.into()
        }

        fn unexpected(command: &'static str, reply: $crate::token_store::StoreReply) -> Error {
            let reply = format!("{reply:?}");
            store_error($crate::token_store::StoreError::UnexpectedReply { command, reply })
        }
    };
}

/// One method of a runtime's `StoredSession`: `name(args) -> Output = |core, bearer| op`.
#[doc(hidden)]
#[macro_export]
macro_rules! __stored_fn {
    ({$($async:tt)?} {$($await:tt)*} $(#[$doc:meta])*
        $name:ident($($arg:ident: $ty:ty),*) -> $out:ty = |$core:ident, $bearer:ident| $op:expr) => {
        $(#[$doc])*
        ///
        /// # Errors
        /// As [`drive_with`](Self::drive_with).
        pub $($async)? fn $name(&self, $($arg: $ty),*) -> ::std::result::Result<$out, Error> {
            self.run_with(|$core, $bearer| $op) $($await)*
        }
    };
}
