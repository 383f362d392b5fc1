//! [`GuildWalk`]: every page of a user's guilds, as one call.

use std::fmt;

use crate::api::users::{GetCurrentUserGuilds, GuildPages};
use crate::client::{Client, Policy};
use crate::error::Error;
use crate::model::Guild;
use crate::operation::Operation;
use crate::rate_limit::RateLimiter;
use crate::secret::BearerToken;

use super::deadline::Deadline;
use super::{Call, Driver, Now, Received, Step};

/// Every guild of the user, page after page through [`GuildPages`], each
/// page a [`Call`] (with its limiter waits and retries), as one driver.
///
/// The walk is bounded: Discord lets a user be in at most
/// [`MAX_GUILDS`](crate::api::users::MAX_GUILDS) guilds, so a server that
/// keeps answering full pages, or pages whose ids do not move forward, ends
/// the walk with [`Error::WalkTooLong`] instead of running forever. The
/// client's [`call_timeout`](Policy::call_timeout) bounds the whole walk.
pub struct GuildWalk {
    client: Client,
    pages: GuildPages,
    page: Option<Call<GetCurrentUserGuilds>>,
    guilds: Vec<Guild>,
    deadline: Option<Deadline>,
    policy: Policy,
    spent: bool,
}

impl GuildWalk {
    /// A walk over the guilds of the user whose token this is, in pages of
    /// 200 (Discord's largest).
    pub fn new(client: &Client, token: &BearerToken) -> Self {
        Self {
            client: client.clone(),
            pages: GuildPages::new(client, token),
            page: None,
            guilds: Vec::new(),
            deadline: None,
            policy: client.policy(),
            spent: false,
        }
    }

    /// Asks for approximate member and presence counts.
    pub fn with_counts(mut self, with_counts: bool) -> Self {
        self.pages = self.pages.with_counts(with_counts);
        self
    }

    /// Pages of `size` guilds (clamped to 1 ..= 200).
    pub fn page_size(mut self, size: u16) -> Self {
        self.pages = self.pages.page_size(size);
        self
    }

    /// Another bound on the guilds read (see [`GuildPages::max_guilds`]).
    pub fn max_guilds(mut self, max: usize) -> Self {
        self.pages = self.pages.max_guilds(max);
        self
    }

    fn finish(&mut self, result: crate::Result<Vec<Guild>>) -> Step<Vec<Guild>> {
        self.spent = true;
        self.page = None;
        Step::Done(result)
    }
}

impl Driver for GuildWalk {
    type Output = Vec<Guild>;

    fn poll(&mut self, now: Now, limiter: &mut RateLimiter) -> Step<Vec<Guild>> {
        if self.spent {
            return Step::Done(Err(Error::DriverFinished {
                operation: GetCurrentUserGuilds::NAME,
            }));
        }
        let deadline = *self
            .deadline
            .get_or_insert_with(|| Deadline::start(now.instant, self.policy.call_timeout));
        loop {
            let page = match &mut self.page {
                Some(page) => page,
                None => match self.pages.next_operation() {
                    Some(op) => self
                        .page
                        .insert(Call::new(&self.client, op).with_deadline(deadline)),
                    None => {
                        let guilds = std::mem::take(&mut self.guilds);
                        return self.finish(Ok(guilds));
                    }
                },
            };
            match page.poll(now, limiter) {
                Step::Send(transmit) => return Step::Send(transmit),
                Step::Wait(wait) => return Step::Wait(wait),
                Step::Done(Err(error)) => return self.finish(Err(error)),
                Step::Done(Ok(guilds)) => {
                    self.page = None;
                    match self.pages.feed(guilds) {
                        Ok(guilds) => self.guilds.extend(guilds),
                        Err(error) => return self.finish(Err(error)),
                    }
                }
            }
        }
    }

    fn handle_response(&mut self, response: Received, now: Now) {
        if let Some(page) = &mut self.page {
            page.handle_response(response, now);
        }
    }
}

impl fmt::Debug for GuildWalk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GuildWalk")
            .field("pages", &self.pages)
            .field("page", &self.page)
            .field("guilds", &self.guilds.len())
            .field("spent", &self.spent)
            .finish_non_exhaustive()
    }
}
