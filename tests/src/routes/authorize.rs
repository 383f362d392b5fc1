//! `GET|POST /oauth2/authorize`: the browser side of the code and implicit grants.
//!
//! Invalid requests (unknown client, unregistered redirect URI, bad `response_type`, unknown
//! scope, unsupported PKCE method) get a 400 text page and never a redirect. Valid ones are
//! either consented to at once (default) or shown a small HTML consent page (interactive mode).

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::{AppState, pairs, param, snowflake};
use crate::reply;
use crate::state::State as World;

/// How the result goes back to the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ResponseType {
    /// `?code=…` in the query.
    Code,
    /// `#access_token=…` in the fragment.
    Token,
    /// Pure bot authorization without a redirect.
    BotOnly,
}

/// A validated authorization request.
#[derive(Clone, Debug)]
struct Validated {
    response_type: ResponseType,
    redirect_uri: Option<String>,
    redirect_given: bool,
    scopes: Vec<String>,
    state: Option<String>,
    challenge: Option<String>,
    guild_id: Option<u64>,
    permissions: Option<String>,
    /// All original parameters, echoed as hidden fields by the consent page.
    raw: Vec<(String, String)>,
}

fn bad(msg: &str) -> Response {
    reply::text(StatusCode::BAD_REQUEST, msg)
}

fn validate(world: &World, raw: Vec<(String, String)>) -> Result<Validated, Response> {
    let p = |k: &str| param(&raw, k).filter(|v| !v.is_empty());
    let client_id = p("client_id").ok_or_else(|| bad("Invalid OAuth2 client_id: missing"))?;
    if snowflake(client_id) != Some(world.app.id) {
        return Err(bad("Invalid OAuth2 client_id: unknown application"));
    }
    let scopes: Vec<String> = p("scope")
        .unwrap_or("")
        .split([' ', '+'])
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    if scopes.is_empty() {
        return Err(bad("Invalid scope: none requested"));
    }
    if let Some(unknown) = scopes.iter().find(|s| !world.scope_allowed(s)) {
        return Err(bad(&format!("Invalid scope: {unknown}")));
    }
    let bot_only = scopes
        .iter()
        .all(|s| s == "bot" || s == "applications.commands");
    let response_type = match p("response_type") {
        Some("code") => ResponseType::Code,
        Some("token") => ResponseType::Token,
        None if bot_only && p("redirect_uri").is_none() => ResponseType::BotOnly,
        None => return Err(bad("Invalid response_type: missing")),
        Some(other) => return Err(bad(&format!("Invalid response_type: {other}"))),
    };
    let redirect_uri = match p("redirect_uri") {
        Some(uri) if world.app.redirect_uris.iter().any(|r| r == uri) => Some(uri.to_owned()),
        Some(_) => return Err(bad("Invalid OAuth2 redirect_uri")),
        None if response_type == ResponseType::BotOnly => None,
        None => match world.app.redirect_uris.first() {
            Some(first) => Some(first.clone()),
            None => return Err(bad("Invalid OAuth2 redirect_uri: none registered")),
        },
    };
    if response_type == ResponseType::Token
        && scopes
            .iter()
            .any(|s| s == "role_connections.write" || s == "webhook.incoming" || s == "bot")
    {
        return Err(bad("Invalid scope for the implicit grant"));
    }
    let challenge = match (p("code_challenge"), p("code_challenge_method")) {
        (None, None) => None,
        (Some(c), Some("S256")) => {
            let valid = c.len() == 43
                && c.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if !valid {
                return Err(bad("Invalid code_challenge"));
            }
            Some(c.to_owned())
        }
        (Some(_), None) => {
            return Err(bad("Invalid code_challenge_method: plain is not supported"));
        }
        (_, Some(m)) if m != "S256" => {
            return Err(bad(&format!("Invalid code_challenge_method: {m}")));
        }
        (None, Some(_)) => return Err(bad("Invalid code_challenge: missing")),
        (Some(_), Some(_)) => return Err(bad("Invalid code_challenge_method")),
    };
    let is_bot = scopes.iter().any(|s| s == "bot");
    let (guild_id, permissions) = if is_bot {
        let guild_id = match p("guild_id") {
            Some(g) => {
                let id = snowflake(g).ok_or_else(|| bad("Invalid guild_id"))?;
                if !world.members.contains_key(&(id, world.user_id)) {
                    return Err(bad("Unknown guild"));
                }
                id
            }
            None => world
                .guilds
                .values()
                .filter(|g| world.members.contains_key(&(g.id, world.user_id)))
                .max_by_key(|g| g.owner_id == world.user_id)
                .map(|g| g.id)
                .ok_or_else(|| bad("No guild to add the bot to"))?,
        };
        let permissions = p("permissions").unwrap_or("0");
        if !permissions.bytes().all(|b| b.is_ascii_digit()) || permissions.len() > 30 {
            return Err(bad("Invalid permissions"));
        }
        (Some(guild_id), Some(permissions.to_owned()))
    } else {
        (None, None)
    };
    Ok(Validated {
        response_type,
        redirect_given: p("redirect_uri").is_some(),
        redirect_uri,
        scopes,
        state: p("state").map(str::to_owned),
        challenge,
        guild_id,
        permissions,
        raw,
    })
}

/// `uri` plus `params` in its query (appending with `&` when it already has one).
fn with_query(uri: &str, params: &[(&str, &str)]) -> String {
    let encoded = serde_urlencoded::to_string(params).unwrap_or_default();
    let sep = match uri.find('?') {
        None => "?",
        Some(_) if uri.ends_with('?') || uri.ends_with('&') => "",
        Some(_) => "&",
    };
    format!("{uri}{sep}{encoded}")
}

fn redirect(location: &str) -> Response {
    let mut resp = StatusCode::FOUND.into_response();
    match HeaderValue::from_str(location) {
        Ok(v) => {
            resp.headers_mut().insert(header::LOCATION, v);
            resp
        }
        Err(_) => bad("Invalid OAuth2 redirect_uri"),
    }
}

fn deny(v: &Validated) -> Response {
    let Some(uri) = &v.redirect_uri else {
        return reply::text(StatusCode::OK, "Authorization cancelled.");
    };
    let mut params = vec![
        ("error", "access_denied"),
        (
            "error_description",
            "The resource owner or authorization server denied the request",
        ),
    ];
    if let Some(s) = &v.state {
        params.push(("state", s));
    }
    if v.response_type == ResponseType::Token {
        let encoded = serde_urlencoded::to_string(&params).unwrap_or_default();
        redirect(&format!("{uri}#{encoded}"))
    } else {
        redirect(&with_query(uri, &params))
    }
}

fn consent(world: &mut World, v: Validated) -> Response {
    if let Some(gid) = v.guild_id
        && let Some(g) = world.guilds.get_mut(&gid)
    {
        g.bot_present = true;
    }
    let guild_id = v.guild_id.map(|g| g.to_string());
    match (v.response_type, &v.redirect_uri) {
        (ResponseType::Code, Some(uri)) => {
            let code = world.issue_code(
                v.scopes.clone(),
                uri.clone(),
                v.redirect_given,
                v.challenge,
                v.guild_id,
            );
            world.oidc.remember_code(&code, &v.raw);
            let mut params = vec![("code", code.as_str())];
            if let Some(s) = &v.state {
                params.push(("state", s));
            }
            if let (Some(g), Some(p)) = (&guild_id, &v.permissions) {
                params.push(("guild_id", g));
                params.push(("permissions", p));
            }
            redirect(&with_query(uri, &params))
        }
        (ResponseType::Token, Some(uri)) => {
            let user = world.user_id;
            let issued = world.issue_grant(user, v.scopes.clone(), false, None);
            let scope = v.scopes.join(" ");
            let expires = world.token_lifetime.as_secs().to_string();
            let mut params = vec![
                ("access_token", issued.access_token.as_str()),
                ("token_type", "Bearer"),
                ("expires_in", expires.as_str()),
                ("scope", scope.as_str()),
            ];
            if let Some(s) = &v.state {
                params.push(("state", s));
            }
            let encoded = serde_urlencoded::to_string(&params).unwrap_or_default();
            redirect(&format!("{uri}#{encoded}"))
        }
        _ => reply::text(
            StatusCode::OK,
            "Authorized: the bot was added to the guild.",
        ),
    }
}

fn escape_html(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '&' => "&amp;".to_owned(),
            '<' => "&lt;".to_owned(),
            '>' => "&gt;".to_owned(),
            '"' => "&quot;".to_owned(),
            '\'' => "&#39;".to_owned(),
            c => c.to_string(),
        })
        .collect()
}

fn consent_page(world: &World, v: &Validated) -> Response {
    let hidden: String = v
        .raw
        .iter()
        .filter(|(k, _)| k != "action")
        .map(|(k, val)| {
            format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                escape_html(k),
                escape_html(val)
            )
        })
        .collect();
    let scopes: String = v
        .scopes
        .iter()
        .map(|s| format!("<li>{}</li>", escape_html(s)))
        .collect();
    let html = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Authorize {app}</title></head>\
         <body><h1>{app} wants to access your account</h1><ul>{scopes}</ul>\
         <form method=\"post\" action=\"/oauth2/authorize\">{hidden}\
         <button type=\"submit\" name=\"action\" value=\"cancel\">Cancel</button>\
         <button type=\"submit\" name=\"action\" value=\"authorize\">Authorize</button>\
         </form></body></html>",
        app = escape_html(&world.app.name),
    );
    let mut resp = (StatusCode::OK, html).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    resp
}

/// `GET /oauth2/authorize`.
pub(crate) async fn get(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let raw = pairs(query.unwrap_or_default().as_bytes());
    let mut world = state.lock();
    let v = match validate(&world, raw) {
        Ok(v) => v,
        Err(resp) => return resp,
    };
    if world.deny_next > 0 {
        world.deny_next -= 1;
        return deny(&v);
    }
    if world.interactive {
        return consent_page(&world, &v);
    }
    consent(&mut world, v)
}

/// `POST /oauth2/authorize`: the consent page's form (`action=authorize|cancel`).
pub(crate) async fn post(State(state): State<AppState>, body: Bytes) -> Response {
    let raw = pairs(&body);
    let approved = param(&raw, "action") == Some("authorize");
    let mut world = state.lock();
    let v = match validate(&world, raw) {
        Ok(v) => v,
        Err(resp) => return resp,
    };
    if !approved {
        return deny(&v);
    }
    if world.deny_next > 0 {
        world.deny_next -= 1;
        return deny(&v);
    }
    consent(&mut world, v)
}

#[cfg(test)]
mod tests {
    use super::with_query;

    #[test]
    fn query_is_appended_with_the_right_separator() {
        assert_eq!(
            with_query("http://x/cb", &[("a", "1 2")]),
            "http://x/cb?a=1+2"
        );
        assert_eq!(
            with_query("http://x/cb?x=1", &[("a", "&")]),
            "http://x/cb?x=1&a=%26"
        );
        assert_eq!(with_query("http://x/cb?", &[("a", "b")]), "http://x/cb?a=b");
    }
}
