//! [`GuildWalk`]: every page of a user's guilds, as one call.

use crate::client::Client;
use crate::model::Guild;
use crate::rate_limit::RateLimiter;
use crate::secret::BearerToken;

use super::{Driver, Now, Received, Step};

/// Every guild of the user, page after page, bounded (CONTRACT stub).
#[derive(Debug)]
pub struct GuildWalk {
    _private: (),
}

impl GuildWalk {
    /// A walk over the guilds of the user whose token this is.
    pub fn new(client: &Client, token: &BearerToken) -> Self {
        let _ = (client, token);
        Self { _private: () }
    }
}

impl Driver for GuildWalk {
    type Output = Vec<Guild>;

    fn poll(&mut self, now: Now, limiter: &mut RateLimiter) -> Step<Vec<Guild>> {
        let _ = (now, limiter);
        unimplemented!("contract stub")
    }

    fn handle_response(&mut self, response: Received, now: Now, limiter: &mut RateLimiter) {
        let _ = (response, now, limiter);
        unimplemented!("contract stub")
    }
}
