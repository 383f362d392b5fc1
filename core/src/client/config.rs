use http::HeaderValue;

use super::{AbsoluteUrl, ClientAuth, Policy};
use crate::model::{ApplicationId, Scopes};
use crate::secret::ClientSecret;

/// What a built [`Client`](super::Client) holds.
pub(crate) struct Config {
    pub(crate) client_id: ApplicationId,
    pub(crate) client_secret: Option<ClientSecret>,
    pub(crate) redirect_uri: Option<AbsoluteUrl>,
    pub(crate) scopes: Scopes,
    pub(crate) api_base: AbsoluteUrl,
    pub(crate) authorize_url: AbsoluteUrl,
    pub(crate) user_agent: HeaderValue,
    pub(crate) client_auth: ClientAuth,
    pub(crate) policy: Policy,
    /// The CDN base image URLs are built against.
    pub(crate) cdn_base: AbsoluteUrl,
}
