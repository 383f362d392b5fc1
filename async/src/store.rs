//! Token stores and the sessions that keep their token in one: the
//! [`TokenStore`] trait, [`MemoryStore`] and, with the `redis` feature,
//! [`RedisStore`].

use crate::client::{Client, now, sleep_until};
use crate::error::Error;

disco_oauth2::__store_trait!({async} {.await});
disco_oauth2::__stored_session!({async} {.await});

#[cfg(feature = "redis")]
disco_oauth2::__redis_store!({async});
