//! `POST /api/v10/oauth2/token/revoke` (RFC 7009).
//!
//! Same body and client-authentication rules as the token endpoint. Revoking any token of an
//! authorization kills all its access and refresh tokens; an unknown token still gets 200 `{}`.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::json;

use super::token::{client_auth, read_form};
use super::{AppState, param};
use crate::reply;
use crate::state::OAuthError;

/// `POST /api/v10/oauth2/token/revoke`.
pub(crate) async fn post(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let result = (|| {
        let form = read_form(&headers, &body)?;
        let mut world = state.lock();
        client_auth(&world, &headers, &form)?;
        let token = param(&form, "token")
            .filter(|t| !t.is_empty())
            .ok_or(OAuthError {
                status: 400,
                error: "invalid_request",
                description: Some("Missing \"token\""),
            })?;
        match param(&form, "token_type_hint") {
            None | Some("access_token") | Some("refresh_token") => {}
            Some(_) => {
                return Err(OAuthError {
                    status: 400,
                    error: "unsupported_token_type",
                    description: None,
                });
            }
        }
        world.revoke_token(token);
        Ok(())
    })();
    match result {
        Ok(()) => reply::ok(&json!({})),
        Err(e) => reply::oauth_error(&e),
    }
}
