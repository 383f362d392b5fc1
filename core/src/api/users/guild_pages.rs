use crate::client::Client;
use crate::error::{Error, Result};
use crate::model::{Guild, GuildId};
use crate::operation::Operation;
use crate::secret::BearerToken;

use super::{GetCurrentUserGuilds, MAX_GUILDS_PER_PAGE};

/// The most guilds a user can be in: Discord documents 200 as "the maximum
/// number of guilds a non-bot user can join". [`GuildPages`] stops a walk
/// that goes past it.
pub const MAX_GUILDS: usize = 200;

/// Walks every page of the user's guilds, oldest first, without doing IO:
/// ask it for the next operation, run it, and feed it the page.
/// ([`GuildWalk`](crate::driver::GuildWalk) does this over a
/// [`Call`](crate::driver::Call) per page.)
///
/// The walk is bounded: more than [`max_guilds`](Self::max_guilds) guilds
/// (default [`MAX_GUILDS`]), more pages than those take, or a page whose ids
/// do not rise past the previous page's ends it with
/// [`Error::WalkTooLong`].
///
/// ```
/// use disco_oauth2::{BearerToken, Client};
/// use disco_oauth2::api::users::GuildPages;
///
/// let client = Client::builder(1234).build()?;
/// let mut pages = GuildPages::new(&client, &BearerToken::new("tok")).page_size(100);
/// let mut all = Vec::new();
/// while let Some(op) = pages.next_operation() {
///     # let _ = op;
///     let page = Vec::new(); // run `op` with your runtime
///     all.extend(pages.feed(page)?);
/// }
/// # Ok::<(), disco_oauth2::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct GuildPages {
    client: Client,
    token: BearerToken,
    page_size: u16,
    with_counts: bool,
    after: Option<GuildId>,
    max_guilds: usize,
    pages_read: u32,
    guilds_read: usize,
    done: bool,
}

impl GuildPages {
    /// Starts at the first guild; pages of [`MAX_GUILDS_PER_PAGE`].
    pub fn new(client: &Client, token: &BearerToken) -> Self {
        Self {
            client: client.clone(),
            token: token.clone(),
            page_size: MAX_GUILDS_PER_PAGE,
            with_counts: false,
            after: None,
            max_guilds: MAX_GUILDS,
            pages_read: 0,
            guilds_read: 0,
            done: false,
        }
    }

    /// Pages of `size` guilds (clamped to 1 ..= [`MAX_GUILDS_PER_PAGE`]).
    pub fn page_size(mut self, size: u16) -> Self {
        self.page_size = size.clamp(1, MAX_GUILDS_PER_PAGE);
        self
    }

    /// Asks for approximate member and presence counts.
    pub fn with_counts(mut self, with_counts: bool) -> Self {
        self.with_counts = with_counts;
        self
    }

    /// The most guilds read before the walk is refused (default
    /// [`MAX_GUILDS`]); the pages allowed follow from it:
    /// `max_guilds / page_size` rounded up, plus the one that shows the end.
    pub fn max_guilds(mut self, max: usize) -> Self {
        self.max_guilds = max;
        self
    }

    /// The operation for the next page, or `None` when every page was read.
    pub fn next_operation(&self) -> Option<GetCurrentUserGuilds> {
        if self.done {
            return None;
        }
        let mut op = self
            .client
            .current_user_guilds(&self.token)
            .limit(self.page_size)
            .with_counts(self.with_counts);
        if let Some(after) = self.after {
            op = op.after(after);
        }
        Some(op)
    }

    /// Records a page and hands it back. A short page ends the walk.
    ///
    /// # Errors
    /// [`Error::WalkTooLong`] (and the walk ends) when the guilds read pass
    /// [`max_guilds`](Self::max_guilds), the pages pass what those take, or
    /// the page holds an id not after the previous page's last.
    pub fn feed(&mut self, page: Vec<Guild>) -> Result<Vec<Guild>> {
        self.pages_read = self.pages_read.saturating_add(1);
        self.guilds_read = self.guilds_read.saturating_add(page.len());
        let max_pages = self
            .max_guilds
            .div_ceil(usize::from(self.page_size))
            .saturating_add(1);
        let refuse = |reason| {
            Err(Error::WalkTooLong {
                operation: GetCurrentUserGuilds::NAME,
                pages: self.pages_read,
                items: self.guilds_read,
                reason,
            })
        };
        let refused = if self.guilds_read > self.max_guilds {
            refuse("more guilds than a user can be in")
        } else if usize::try_from(self.pages_read).unwrap_or(usize::MAX) > max_pages {
            refuse("more pages than the guilds a user can be in take")
        } else if page
            .iter()
            .any(|guild| self.after.is_some_and(|after| guild.id <= after))
        {
            refuse("a page's ids do not rise past the previous page's")
        } else {
            Ok(())
        };
        if let Err(error) = refused {
            self.done = true;
            return Err(error);
        }
        match page.iter().map(|g| g.id).max() {
            Some(last) if page.len() >= usize::from(self.page_size) => self.after = Some(last),
            _ => self.done = true,
        }
        Ok(page)
    }

    /// Whether the last page was read (or the walk was refused).
    pub fn is_done(&self) -> bool {
        self.done
    }
}
