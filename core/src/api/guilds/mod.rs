//! Guild endpoints an OAuth2 application uses: adding the user to a guild.

mod add_guild_member;

pub use add_guild_member::{AddGuildMember, AddedMember};
