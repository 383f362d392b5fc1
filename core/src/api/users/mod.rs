//! The current user's endpoints (`/users/@me…`), all with a bearer token.

mod current_user;
mod current_user_connections;
mod current_user_guild_member;
mod current_user_guilds;
mod guild_pages;
mod role_connection;

pub use current_user::GetCurrentUser;
pub use current_user_connections::GetCurrentUserConnections;
pub use current_user_guild_member::GetCurrentUserGuildMember;
pub use current_user_guilds::{GetCurrentUserGuilds, MAX_GUILDS_PER_PAGE};
pub use guild_pages::{GuildPages, MAX_GUILDS};
pub use role_connection::{DeleteRoleConnection, GetRoleConnection, UpdateRoleConnection};
