//! `GET /api/v10/oauth2/@me`: the current authorization (any live bearer token),
//! and `GET /api/v10/oauth2/applications/@me`: the bot's application (bot token).

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::json;

use super::{AppState, bearer, either};
use crate::reply;
use crate::state::iso8601;

/// `GET /oauth2/@me`: `{application, scopes, expires, user?}` (`user` only with `identify`).
pub(crate) async fn get(State(state): State<AppState>, headers: HeaderMap) -> Response {
    either((|| {
        let b = bearer(&state, &headers)?;
        let world = state.lock();
        let mut body = json!({
            "application": world.app_json(),
            "scopes": b.scopes,
            "expires": iso8601(b.expires_at),
        });
        if b.has("identify") {
            body["user"] = world.public_user(b.user_id);
        }
        Ok(reply::ok(&body))
    })())
}

/// `GET /oauth2/applications/@me`: the application, for its bot's token (else 401).
pub(crate) async fn application(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let world = state.lock();
    let bot_ok = super::auth_token(&headers, "Bot")
        .is_some_and(|t| crate::state::same(t, &world.app.bot_token));
    if !bot_ok {
        return reply::unauthorized();
    }
    reply::ok(&world.app_json())
}
