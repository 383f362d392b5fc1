//! `POST /api/v10/oauth2/token`: code exchange, refresh, client credentials.
//!
//! Errors use RFC 6749 §5.2 bodies: 401 `invalid_client` for bad client authentication, 400
//! `invalid_request` for a non-form body or duplicated parameters, 400 `invalid_grant` with
//! Discord's descriptions for bad codes, verifiers and refresh tokens, 400
//! `unsupported_grant_type` and `invalid_scope`.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use base64::Engine as _;
use serde_json::{Value, json};

use super::{AppState, auth_token, media_type, pairs, param};
use crate::reply;
use crate::state::{Issued, OAuthError, State as World, same};

/// How the client authenticated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ClientAuth {
    /// With its secret (Basic or form body).
    Confidential,
    /// A public client sending only `client_id`.
    Public,
}

fn invalid_client() -> OAuthError {
    OAuthError {
        status: 401,
        error: "invalid_client",
        description: None,
    }
}

fn invalid_request(description: &'static str) -> OAuthError {
    OAuthError {
        status: 400,
        error: "invalid_request",
        description: Some(description),
    }
}

/// Percent-decodes one `application/x-www-form-urlencoded` component.
fn form_decode(s: &str) -> String {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(&format!("v={}", s.replace('&', "%26").replace('=', "%3D")))
            .unwrap_or_default();
    pairs.into_iter().next().map(|(_, v)| v).unwrap_or_default()
}

/// Checks the body is a form and parses it, rejecting duplicated parameters.
pub(crate) fn read_form(
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Vec<(String, String)>, OAuthError> {
    if media_type(headers).as_deref() != Some("application/x-www-form-urlencoded") {
        return Err(invalid_request(
            "Content-Type must be application/x-www-form-urlencoded",
        ));
    }
    if std::str::from_utf8(body).is_err() {
        return Err(invalid_request("The request body is not valid UTF-8"));
    }
    let form = pairs(body);
    for (i, (k, _)) in form.iter().enumerate() {
        if form[..i].iter().any(|(k2, _)| k2 == k) {
            return Err(invalid_request("A parameter was repeated"));
        }
    }
    Ok(form)
}

/// Authenticates the client by HTTP Basic (RFC 6749 §2.3.1, components form-urlencoded)
/// or by `client_id` + `client_secret` in the body.
pub(crate) fn client_auth(
    world: &World,
    headers: &HeaderMap,
    form: &[(String, String)],
) -> Result<ClientAuth, OAuthError> {
    let app_id = world.app.id.to_string();
    let has_auth_header = headers.contains_key(header::AUTHORIZATION);
    if has_auth_header {
        let encoded = auth_token(headers, "Basic").ok_or_else(invalid_client)?;
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .map_err(|_| invalid_client())?;
        let decoded = String::from_utf8(decoded).map_err(|_| invalid_client())?;
        let (id, secret) = decoded.split_once(':').ok_or_else(invalid_client)?;
        let (id, secret) = (form_decode(id), form_decode(secret));
        if param(form, "client_secret").is_some() {
            return Err(invalid_request(
                "Only one client authentication method may be used",
            ));
        }
        if param(form, "client_id").is_some_and(|body_id| body_id != id) {
            return Err(invalid_client());
        }
        if same(&id, &app_id) && same(&secret, &world.app.secret) {
            return Ok(ClientAuth::Confidential);
        }
        return Err(invalid_client());
    }
    match (param(form, "client_id"), param(form, "client_secret")) {
        (Some(id), Some(secret)) if same(id, &app_id) && same(secret, &world.app.secret) => {
            Ok(ClientAuth::Confidential)
        }
        (Some(id), None) if world.app.public_client && same(id, &app_id) => Ok(ClientAuth::Public),
        _ => Err(invalid_client()),
    }
}

fn parse_scopes(world: &World, scope: Option<&str>) -> Result<Vec<String>, OAuthError> {
    let scopes: Vec<String> = scope
        .unwrap_or("")
        .split(' ')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let invalid = OAuthError {
        status: 400,
        error: "invalid_scope",
        description: Some("The requested scope is invalid, unknown, or malformed."),
    };
    if scopes.is_empty()
        || scopes
            .iter()
            .any(|s| !world.scope_allowed(s) || s == "bot" || s == "webhook.incoming")
    {
        return Err(invalid);
    }
    Ok(scopes)
}

/// The success body, with `guild` (bot scope) and `webhook` (webhook.incoming) when due.
fn token_body(world: &mut World, issued: &Issued) -> Value {
    let mut body = json!({
        "access_token": issued.access_token,
        "token_type": "Bearer",
        "expires_in": world.token_lifetime.as_secs(),
        "scope": issued.scopes.join(" "),
    });
    if let Some(r) = &issued.refresh_token {
        body["refresh_token"] = json!(r);
    }
    super::oidc::add_id_token(world, issued, &mut body);
    if let Some(g) = issued.guild_id.and_then(|g| world.full_guild_json(g)) {
        body["guild"] = g;
    }
    if issued.scopes.iter().any(|s| s == "webhook.incoming") && issued.refresh_token.is_some() {
        let id = world.new_snowflake();
        let channel_id = world.new_snowflake();
        let token = crate::state::random_token(68);
        let guild_id = world
            .members
            .keys()
            .find(|(_, u)| *u == world.user_id)
            .map(|(g, _)| g.to_string());
        body["webhook"] = json!({
            "application_id": world.app.id.to_string(),
            "name": "Fake Webhook",
            "url": format!("{}/webhooks/{id}/{token}", world.base_url),
            "channel_id": channel_id.to_string(),
            "token": token,
            "type": 1,
            "avatar": null,
            "guild_id": guild_id,
            "id": id.to_string(),
        });
    }
    body
}

fn grant(
    world: &mut World,
    auth: ClientAuth,
    form: &[(String, String)],
) -> Result<Value, OAuthError> {
    let issued = match param(form, "grant_type") {
        None | Some("") => return Err(invalid_request("Missing \"grant_type\"")),
        Some("authorization_code") => {
            let code = param(form, "code").unwrap_or("");
            let verifier = param(form, "code_verifier");
            if auth == ClientAuth::Public && verifier.is_none() {
                return Err(invalid_client());
            }
            let issued = world.exchange_code(code, param(form, "redirect_uri"), verifier)?;
            world.oidc.code_exchanged(code, issued.grant);
            issued
        }
        Some("refresh_token") => world.refresh(param(form, "refresh_token").unwrap_or(""))?,
        Some(super::device::GRANT_TYPE) => super::device::poll(world, auth, form)?,
        Some("client_credentials") => {
            if auth == ClientAuth::Public {
                return Err(OAuthError {
                    status: 400,
                    error: "unauthorized_client",
                    description: None,
                });
            }
            let scopes = parse_scopes(world, param(form, "scope"))?;
            let owner = world.app.owner_id;
            world.issue_grant(owner, scopes, false, None)
        }
        Some(_) => {
            return Err(OAuthError {
                status: 400,
                error: "unsupported_grant_type",
                description: None,
            });
        }
    };
    Ok(token_body(world, &issued))
}

/// `POST /api/v10/oauth2/token`.
pub(crate) async fn post(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let result = (|| {
        let form = read_form(&headers, &body)?;
        let mut world = state.lock();
        let auth = client_auth(&world, &headers, &form)?;
        grant(&mut world, auth, &form)
    })();
    match result {
        Ok(v) => {
            let mut resp = reply::ok(&v);
            let h = resp.headers_mut();
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            h.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
            resp
        }
        Err(e) => reply::oauth_error(&e),
    }
}

#[cfg(test)]
mod tests {
    use super::form_decode;

    #[test]
    fn basic_components_are_form_decoded() {
        assert_eq!(form_decode("a%3Ab+c%2B"), "a:b c+");
        assert_eq!(form_decode("x&y=z"), "x&y=z");
    }
}
