//! [`Collectibles`] and their [`Nameplate`].

use serde::{Deserialize, Serialize};

use super::SkuId;

/// Collectibles a user (or member) shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Collectibles {
    /// The nameplate, if any.
    #[serde(default)]
    pub nameplate: Option<Nameplate>,
}

/// A nameplate collectible (its asset has no documented CDN path).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Nameplate {
    /// The SKU the nameplate belongs to.
    #[serde(default)]
    pub sku_id: Option<SkuId>,
    /// The asset path, e.g. `nameplates/nameplates/twilight/`.
    #[serde(default)]
    pub asset: String,
    /// The label (unused by Discord today).
    #[serde(default)]
    pub label: String,
    /// The background palette (`crimson`, `berry`, `sky`, `teal`, `forest`,
    /// `bubble_gum`, `violet`, `cobalt`, `clover`, `lemon`, `white`).
    #[serde(default)]
    pub palette: String,
}
