//! The runtimes' `RedisStore`, behind their `redis` feature.

/// The body of a Redis store's `execute`: the layout's script for the
/// command, invoked with `$invoke` (`invoke` or `invoke_async`) on `$conn`.
#[doc(hidden)]
#[macro_export]
macro_rules! __redis_execute {
    ($layout:expr, $command:expr, $conn:expr, $invoke:ident {$($await:tt)*}) => {{
        let (layout, command) = (&$layout, $command);
        let call = layout.call(&command);
        let script = ::redis::Script::new(call.script);
        let mut invocation = script.prepare_invoke();
        for key in &call.keys {
            invocation.key(key);
        }
        for arg in &call.args {
            invocation.arg(arg.as_slice());
        }
        let reply: ::redis::RedisResult<::std::vec::Vec<::std::option::Option<::std::vec::Vec<u8>>>> =
            invocation.$invoke($conn) $($await)*;
        match reply {
            Ok(reply) => layout.reply(&command, reply),
            Err(error) => Err($crate::api_table::__unavailable(error)),
        }
    }};
}

/// A runtime's `RedisStore` (expand under the runtime's `redis` feature):
/// blocking (`{}`, an r2d2 pool) or async (`{async}`, one multiplexed
/// connection, opened again after a failure). Expects `TokenStore` and
/// `Error` at the call site.
#[doc(hidden)]
#[macro_export]
macro_rules! __redis_store {
    (@doc $($item:item)*) => {
        $(
        /// A token store on Redis, shared by every instance of the application:
        /// each command is one atomic Lua script on the server (the lease a
        /// `SET NX PX` with a time-to-live, the write a compare-and-swap on the
        /// version), under the keys of a
        /// [`RedisLayout`](disco_oauth2::token_store::RedisLayout). Pair it with a
        /// `SealingKey` codec (`disco_oauth2::sealing`), so that Redis, its
        /// dumps and its `MONITOR` output hold no usable token.
        ///
        /// While Redis is down every call fails with [`Error::Session`]
        /// (`StoreError::Unavailable`) and nothing is written; a refresh
        /// lease held when Redis went away ends by its time-to-live. Once
        /// Redis is back the store reconnects by itself. Sessions waiting for
        /// another instance's refresh re-read Redis with a bounded backoff
        /// (see `disco_oauth2::token_store`, "Waiting for another holder's
        /// refresh", for why not keyspace notifications).
        $item
        )*
    };
    ({}) => {
        $crate::__redis_store!(@doc pub struct RedisStore {
            pool: ::r2d2::Pool<::redis::Client>,
            layout: $crate::token_store::RedisLayout,
        });

        impl RedisStore {
            /// A store on the Redis at `url` (`redis://host:6379`,
            /// `unix:///run/redis.sock`) under `layout`'s keys, through a pool
            /// of up to 10 connections opened in the background (and again
            /// after a failure: each is checked as it is taken); a command
            /// waits at most 5 s for one, then fails with
            /// `StoreError::Unavailable`.
            ///
            /// # Errors
            /// [`Error::Session`] for a URL the `redis` crate refuses.
            pub fn open(url: &str, layout: $crate::token_store::RedisLayout) -> Result<Self, Error> {
                let client = ::redis::Client::open(url).map_err($crate::api_table::__unavailable)?;
                let pool = ::r2d2::Pool::builder().connection_timeout(::std::time::Duration::from_secs(5));
                Ok(Self { pool: pool.build_unchecked(client), layout })
            }
        }

        impl TokenStore for RedisStore {
            fn execute(
                &self,
                command: $crate::token_store::StoreCommand,
            ) -> Result<$crate::token_store::StoreReply, $crate::token_store::StoreError> {
                let connection = &mut *self.pool.get().map_err($crate::api_table::__unavailable)?;
                // A failed connection is found broken at its next check-out
                // (r2d2 tests each one) and replaced.
                $crate::__redis_execute!(self.layout, command, connection, invoke {})
            }
        }

        $crate::__redis_store_debug!(RedisStore);
    };
    ({async}) => {
        $crate::__redis_store!(@doc #[derive(Clone)] pub struct RedisStore {
            client: ::redis::Client,
            connection: ::std::sync::Arc<::std::sync::Mutex<Option<::redis::aio::MultiplexedConnection>>>,
            layout: $crate::token_store::RedisLayout,
        });

        impl RedisStore {
            /// Connects to the Redis at `url` (`redis://host:6379`,
            /// `unix:///run/redis.sock`), with `layout`'s keys: one multiplexed
            /// connection that every task (and every clone) shares.
            ///
            /// A command fails (`StoreError::Unavailable`) within 3 s when
            /// Redis is unreachable (1 s to connect, 2 s to answer); the
            /// connection it failed on is dropped, and the next command
            /// connects again, so the first command once Redis is back
            /// succeeds.
            ///
            /// # Errors
            /// [`Error::Session`] when the URL is refused or Redis cannot be reached.
            pub async fn connect(url: &str, layout: $crate::token_store::RedisLayout) -> Result<Self, Error> {
                let client = ::redis::Client::open(url).map_err($crate::api_table::__unavailable)?;
                let store = Self { client, connection: ::std::default::Default::default(), layout };
                store.connection().await?;
                Ok(store)
            }

            fn cached(&self) -> ::std::sync::MutexGuard<'_, Option<::redis::aio::MultiplexedConnection>> {
                self.connection.lock().unwrap_or_else(::std::sync::PoisonError::into_inner)
            }

            /// The shared connection, opened now if there is none.
            async fn connection(&self) -> Result<::redis::aio::MultiplexedConnection, $crate::token_store::StoreError> {
                let cached = self.cached().clone();
                if let Some(connection) = cached {
                    return Ok(connection);
                }
                let config = ::redis::AsyncConnectionConfig::new()
                    .set_connection_timeout(Some(::std::time::Duration::from_secs(1)))
                    .set_response_timeout(Some(::std::time::Duration::from_secs(2)));
                let opened = self.client.get_multiplexed_async_connection_with_config(&config).await;
                let connection = opened.map_err($crate::api_table::__unavailable)?;
                *self.cached() = Some(connection.clone());
                Ok(connection)
            }
        }

        impl TokenStore for RedisStore {
            async fn execute(
                &self,
                command: $crate::token_store::StoreCommand,
            ) -> Result<$crate::token_store::StoreReply, $crate::token_store::StoreError> {
                let connection = &mut self.connection().await?;
                let reply = $crate::__redis_execute!(self.layout, command, connection, invoke_async {.await});
                if let Err($crate::token_store::StoreError::Unavailable { .. }) = reply {
                    // Reconnect at the next command.
                    *self.cached() = None;
                }
                reply
            }
        }

        $crate::__redis_store_debug!(RedisStore);
    };
}

/// A Redis client's failure, as the store's.
#[doc(hidden)]
pub fn __unavailable(error: impl std::fmt::Display) -> crate::token_store::StoreError {
    crate::token_store::StoreError::Unavailable {
        reason: error.to_string(),
    }
}

/// `Debug` for a runtime's `RedisStore`: its layout only (the connection's
/// settings may hold Redis's password).
#[doc(hidden)]
#[macro_export]
macro_rules! __redis_store_debug {
    ($store:ident) => {
        impl ::std::fmt::Debug for $store {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(stringify!($store))
                    .field("layout", &self.layout)
                    .finish_non_exhaustive()
            }
        }
    };
}
