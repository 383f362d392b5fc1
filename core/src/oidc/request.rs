//! GET requests to absolute URLs (the discovery document and the key set
//! live outside the versioned API base).

use http::header::{ACCEPT, USER_AGENT};
use http::{HeaderValue, Method};

use crate::client::{AbsoluteUrl, Client};
use crate::error::{InvalidInput, Result};

/// `scheme://host[:port]` of the client's API base: `https://discord.com`
/// for Discord, the fake's loopback address in tests.
pub(super) fn origin(client: &Client) -> String {
    let base = client.api_base();
    match base.parse::<http::Uri>() {
        Ok(uri) => match (uri.scheme_str(), uri.authority()) {
            (Some(scheme), Some(authority)) => format!("{scheme}://{authority}"),
            _ => base.to_owned(),
        },
        Err(_) => base.to_owned(),
    }
}

/// A GET of `url` (checked as an http(s) URL) with the client's User-Agent.
pub(super) fn get(
    client: &Client,
    field: &'static str,
    url: &str,
) -> Result<http::Request<crate::operation::RequestBody>> {
    let url = AbsoluteUrl::base(field, url)?;
    let user_agent = HeaderValue::from_str(client.user_agent())
        .map_err(|_| InvalidInput::new("user_agent", "is not a valid header"))?;
    http::Request::builder()
        .method(Method::GET)
        .uri(url.as_str())
        .header(USER_AGENT, user_agent)
        .header(ACCEPT, HeaderValue::from_static("application/json"))
        .body(crate::operation::RequestBody::default())
        .map_err(|e| {
            InvalidInput::new(field, format!("does not form a valid HTTP request ({e})")).into()
        })
}
