//! [`Webhook`]: the webhook created by the `webhook.incoming` flow.

use std::fmt;
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};

use super::open_enum::int_enum;
use super::{ApplicationId, ChannelId, GuildId, User, WebhookId};
use crate::cdn::{self, ImageFormat, ImageHash, ImageSize};
use crate::secret::WebhookToken;

/// A webhook, as the token response of the `webhook.incoming` flow carries it
/// (`webhook`). Store `id` and `token` to post through it later.
///
/// `token` is a secret (redacted in `Debug`) and so is `url`, which embeds
/// the token: `Debug` shows neither. Both are serialized, so a stored webhook
/// can be used again; keep what you store private.
///
/// Equal, and hashed, **by id** only.
#[derive(Clone, Serialize, Deserialize)]
pub struct Webhook {
    /// The webhook's id.
    pub id: WebhookId,
    /// The webhook's type (`type` in JSON; `1` incoming).
    #[serde(rename = "type")]
    pub kind: WebhookType,
    /// The guild it posts in.
    #[serde(default)]
    pub guild_id: Option<GuildId>,
    /// The channel it posts in.
    #[serde(default)]
    pub channel_id: Option<ChannelId>,
    /// The user who created it.
    #[serde(default)]
    pub user: Option<User>,
    /// Its default name.
    #[serde(default)]
    pub name: Option<String>,
    /// Its default avatar hash.
    #[serde(default)]
    pub avatar: Option<ImageHash>,
    /// Its secure token (incoming webhooks only).
    #[serde(default)]
    pub token: Option<WebhookToken>,
    /// The application that created it.
    #[serde(default)]
    pub application_id: Option<ApplicationId>,
    /// The URL to execute it (contains the token).
    #[serde(default)]
    pub url: Option<String>,
}

impl Webhook {
    /// The default avatar's URL, if the webhook has one (webhook avatars are
    /// served like user avatars, keyed by the webhook's id).
    pub fn avatar_url(
        &self,
        format: Option<ImageFormat>,
        size: Option<ImageSize>,
    ) -> Option<String> {
        self.avatar
            .as_ref()
            .map(|hash| cdn::user_avatar(self.id.cast(), hash, format, size))
    }
}

impl fmt::Debug for Webhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Webhook")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("guild_id", &self.guild_id)
            .field("channel_id", &self.channel_id)
            .field("user", &self.user)
            .field("name", &self.name)
            .field("avatar", &self.avatar)
            .field("token", &self.token)
            .field("application_id", &self.application_id)
            .field("url", &self.url.as_ref().map(|_| "[redacted]"))
            .finish()
    }
}

impl PartialEq for Webhook {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for Webhook {}

impl Hash for Webhook {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.id.hash(state);
    }
}

int_enum! {
    /// The kind of a [`Webhook`].
    WebhookType {
        /// Posts messages with its token.
        Incoming = 1,
        /// Posts followed announcement-channel messages.
        ChannelFollower = 2,
        /// Used with interactions.
        Application = 3,
    }
}
