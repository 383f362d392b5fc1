use crate::client::Client;
use crate::model::Guild;
use crate::secret::BearerToken;

use super::{GetCurrentUserGuilds, MAX_GUILDS_PER_PAGE};

/// Walks every page of the user's guilds, oldest first, without doing IO:
/// ask it for the next operation, run it, and feed it the page.
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
///     all.extend(pages.feed(page));
/// }
/// # Ok::<(), disco_oauth2::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct GuildPages {
    client: Client,
    token: BearerToken,
    page_size: u16,
    with_counts: bool,
    after: Option<crate::model::GuildId>,
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

    /// Records a page and hands it back. A short page (or one that does not
    /// move forward) ends the walk.
    pub fn feed(&mut self, page: Vec<Guild>) -> Vec<Guild> {
        let last = page.iter().map(|g| g.id).max();
        match last {
            Some(last)
                if page.len() >= usize::from(self.page_size)
                    && self.after.is_none_or(|a| last > a) =>
            {
                self.after = Some(last);
            }
            _ => self.done = true,
        }
        page
    }

    /// Whether the last page was read.
    pub fn is_done(&self) -> bool {
        self.done
    }
}
