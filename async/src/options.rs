//! Small option structs for the per-user calls.

use disco_oauth2::api::guilds::AddGuildMember;
use disco_oauth2::api::users::GetCurrentUserGuilds;
use disco_oauth2::model::{GuildId, RoleId};

/// Which page of the user's guilds to read (`before`, `after`, `limit`,
/// `with_counts`); the default is Discord's first page of 200.
///
/// ```
/// use disco_oauth2_async::{GuildId, GuildsQuery};
///
/// let query = GuildsQuery::new().after(GuildId::new(80351110224678912)).limit(50).with_counts(true);
/// # let _ = query;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct GuildsQuery {
    before: Option<GuildId>,
    after: Option<GuildId>,
    limit: Option<u16>,
    with_counts: bool,
}

impl GuildsQuery {
    /// Discord's first page.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only guilds with an id below `id`.
    pub fn before(mut self, id: GuildId) -> Self {
        self.before = Some(id);
        self
    }

    /// Only guilds with an id above `id`.
    pub fn after(mut self, id: GuildId) -> Self {
        self.after = Some(id);
        self
    }

    /// At most `limit` guilds, 1 to 200.
    pub fn limit(mut self, limit: u16) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Adds approximate member and presence counts.
    pub fn with_counts(mut self, with_counts: bool) -> Self {
        self.with_counts = with_counts;
        self
    }

    pub(crate) fn apply(&self, mut op: GetCurrentUserGuilds) -> GetCurrentUserGuilds {
        if let Some(before) = self.before {
            op = op.before(before);
        }
        if let Some(after) = self.after {
            op = op.after(after);
        }
        if let Some(limit) = self.limit {
            op = op.limit(limit);
        }
        op.with_counts(self.with_counts)
    }
}

/// What to set on a member added to a guild; options left unset are left
/// out of the request (sending `mute: false` would still need `MUTE_MEMBERS`).
///
/// ```
/// use disco_oauth2_async::{AddMemberOptions, RoleId};
///
/// let options = AddMemberOptions::new().nick("Nelly").roles([RoleId::new(41771983423143936)]);
/// # let _ = options;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct AddMemberOptions {
    nick: Option<String>,
    roles: Option<Vec<RoleId>>,
    mute: Option<bool>,
    deaf: Option<bool>,
}

impl AddMemberOptions {
    /// Nothing set.
    pub fn new() -> Self {
        Self::default()
    }

    /// The member's nickname (the bot needs `MANAGE_NICKNAMES`).
    pub fn nick(mut self, nick: impl Into<String>) -> Self {
        self.nick = Some(nick.into());
        self
    }

    /// Roles to give the member (the bot needs `MANAGE_ROLES`).
    pub fn roles(mut self, roles: impl IntoIterator<Item = RoleId>) -> Self {
        self.roles = Some(roles.into_iter().collect());
        self
    }

    /// Whether the member is muted in voice (the bot needs `MUTE_MEMBERS`).
    pub fn mute(mut self, mute: bool) -> Self {
        self.mute = Some(mute);
        self
    }

    /// Whether the member is deafened in voice (the bot needs `DEAFEN_MEMBERS`).
    pub fn deaf(mut self, deaf: bool) -> Self {
        self.deaf = Some(deaf);
        self
    }

    pub(crate) fn apply(&self, mut op: AddGuildMember) -> AddGuildMember {
        if let Some(nick) = &self.nick {
            op = op.nick(nick.clone());
        }
        if let Some(roles) = &self.roles {
            op = op.roles(roles.iter().copied());
        }
        if let Some(mute) = self.mute {
            op = op.mute(mute);
        }
        if let Some(deaf) = self.deaf {
            op = op.deaf(deaf);
        }
        op
    }
}
