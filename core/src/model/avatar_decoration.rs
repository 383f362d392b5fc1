//! [`AvatarDecorationData`]: the frame drawn around an avatar.

use serde::{Deserialize, Serialize};

use super::SkuId;
use crate::cdn::{self, ImageSize};

/// An avatar decoration (a user's, or a member's per-guild one).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AvatarDecorationData {
    /// The decoration's asset hash (may start with `a_`: the PNG is animated).
    pub asset: String,
    /// The SKU the decoration belongs to.
    #[serde(default)]
    pub sku_id: Option<SkuId>,
}

impl AvatarDecorationData {
    /// The decoration's URL (`avatar-decoration-presets/{asset}.png`).
    pub fn url(&self, size: Option<ImageSize>) -> String {
        cdn::avatar_decoration(&self.asset, size)
    }
}
