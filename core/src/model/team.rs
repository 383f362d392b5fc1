//! [`Team`]: the developer team that owns an application.

use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};

use super::{TeamId, User, UserId};
use crate::cdn::{self, ImageFormat, ImageHash, ImageSize};

/// A developer team. Equal, and hashed, **by id** only.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Team {
    /// The team's id.
    pub id: TeamId,
    /// The team's name.
    #[serde(default)]
    pub name: String,
    /// The icon hash.
    #[serde(default)]
    pub icon: Option<ImageHash>,
    /// The owner's user id.
    #[serde(default)]
    pub owner_user_id: Option<UserId>,
    /// The members.
    #[serde(default)]
    pub members: Vec<TeamMember>,
}

impl Team {
    /// The icon's URL, if the team has one.
    pub fn icon_url(&self, format: Option<ImageFormat>, size: Option<ImageSize>) -> Option<String> {
        self.icon
            .as_ref()
            .map(|icon| cdn::team_icon(self.id, icon, format, size))
    }
}

impl PartialEq for Team {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for Team {}

impl Hash for Team {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.id.hash(state);
    }
}

/// A member of a [`Team`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    /// 1 invited, 2 accepted.
    #[serde(default)]
    pub membership_state: i64,
    /// The team's id.
    #[serde(default)]
    pub team_id: Option<TeamId>,
    /// The member's user (partial).
    pub user: User,
    /// The member's role (`admin`, `developer`, `read_only`).
    #[serde(default)]
    pub role: Option<String>,
    /// Legacy permissions (always `["*"]`).
    #[serde(default)]
    pub permissions: Vec<String>,
}
