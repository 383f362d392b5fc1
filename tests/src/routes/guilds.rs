//! `PUT /api/v10/guilds/{guild_id}/members/{user_id}`: add a user to a guild (bot token).
//!
//! 401 for a wrong bot token; 400 50035 for a bad body (missing `access_token` gives exactly
//! Discord's documented example); 404 10004 when the guild is unknown or lacks the bot; 403
//! 50025 when the access token is dead, lacks `guilds.join`, or belongs to another user;
//! 201 with the member the first time, 204 afterwards.

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{Map, Value};

use super::{AppState, auth_token, either, media_type, snowflake, snowflake_field};
use crate::reply;
use crate::state::{MemberRecord, iso8601, same};

/// What the body asked for.
struct AddMember {
    access_token: String,
    nick: Option<String>,
    roles: Vec<String>,
    mute: bool,
    deaf: bool,
}

fn parse_body(value: &Value) -> Result<AddMember, Value> {
    let empty = Map::new();
    let obj = value.as_object().unwrap_or(&empty);
    let mut errors = Map::new();
    let access_token = match obj.get("access_token") {
        Some(Value::String(s)) => s.clone(),
        None | Some(Value::Null) => {
            errors.insert(
                "access_token".to_owned(),
                reply::leaf("BASE_TYPE_REQUIRED", "This field is required"),
            );
            String::new()
        }
        Some(other) => {
            errors.insert(
                "access_token".to_owned(),
                reply::leaf(
                    "BASE_TYPE_STRING",
                    &format!("Could not interpret \"{other}\" as string."),
                ),
            );
            String::new()
        }
    };
    let nick = match obj.get("nick") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if (1..=32).contains(&s.chars().count()) => Some(s.clone()),
        Some(Value::String(_)) => {
            errors.insert(
                "nick".to_owned(),
                reply::leaf(
                    "BASE_TYPE_BAD_LENGTH",
                    "Must be between 1 and 32 in length.",
                ),
            );
            None
        }
        Some(other) => {
            errors.insert(
                "nick".to_owned(),
                reply::leaf(
                    "BASE_TYPE_STRING",
                    &format!("Could not interpret \"{other}\" as string."),
                ),
            );
            None
        }
    };
    let mut roles = Vec::new();
    match obj.get("roles") {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) => {
            let mut role_errors = Map::new();
            for (i, item) in items.iter().enumerate() {
                let id = match item {
                    Value::String(s) => snowflake(s).map(|_| s.clone()),
                    Value::Number(n) => n.as_u64().map(|n| n.to_string()),
                    _ => None,
                };
                match id {
                    Some(id) => roles.push(id),
                    None => {
                        role_errors.insert(
                            i.to_string(),
                            reply::leaf(
                                "NUMBER_TYPE_COERCE",
                                &format!("Value \"{item}\" is not snowflake."),
                            ),
                        );
                    }
                }
            }
            if !role_errors.is_empty() {
                errors.insert("roles".to_owned(), Value::Object(role_errors));
            }
        }
        Some(_) => {
            errors.insert(
                "roles".to_owned(),
                reply::leaf("BASE_TYPE_ARRAY", "Must be an array."),
            );
        }
    }
    let mut flag = |field: &str| match obj.get(field) {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(other) => {
            errors.insert(
                field.to_owned(),
                reply::leaf(
                    "BOOLEAN_TYPE_COERCE",
                    &format!("Value \"{other}\" is not a valid boolean."),
                ),
            );
            false
        }
    };
    let mute = flag("mute");
    let deaf = flag("deaf");
    if errors.is_empty() {
        Ok(AddMember {
            access_token,
            nick,
            roles,
            mute,
            deaf,
        })
    } else {
        Err(Value::Object(errors))
    }
}

/// `PUT /guilds/{guild_id}/members/{user_id}`.
pub(crate) async fn add_member(
    State(state): State<AppState>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
    body: Bytes,
) -> Response {
    either((|| {
        let bot_ok =
            auth_token(&headers, "Bot").is_some_and(|t| same(t, &state.lock().app.bot_token));
        if !bot_ok {
            return Err(reply::unauthorized());
        }
        let Path((raw_guild, raw_user)) = path.map_err(|_| reply::not_found())?;
        let guild_id = snowflake_field("guild_id", &raw_guild)?;
        let user_id = snowflake_field("user_id", &raw_user)?;
        if media_type(&headers).as_deref() != Some("application/json") {
            return Err(reply::content_type_invalid("application/json"));
        }
        let value: Value = serde_json::from_slice(&body).map_err(|_| reply::invalid_json())?;
        let req = parse_body(&value).map_err(reply::form_error)?;
        let mut world = state.lock();
        if !world.guilds.get(&guild_id).is_some_and(|g| g.bot_present) {
            return Err(reply::unknown_guild());
        }
        let token_ok = world
            .bearer(&req.access_token)
            .is_some_and(|b| b.has("guilds.join") && b.user_id == user_id);
        if !token_ok {
            return Err(reply::api_error(
                StatusCode::FORBIDDEN,
                50025,
                "Invalid OAuth2 access token provided",
            ));
        }
        if world.members.contains_key(&(guild_id, user_id)) {
            return Ok(reply::no_content());
        }
        let joined_at = iso8601(world.now());
        world.members.insert(
            (guild_id, user_id),
            MemberRecord {
                nick: req.nick,
                roles: req.roles,
                joined_at,
                mute: req.mute,
                deaf: req.deaf,
                permissions: "104324673".to_owned(),
            },
        );
        let member = world.member_json(guild_id, user_id).unwrap_or(Value::Null);
        Ok(reply::json(StatusCode::CREATED, &member))
    })())
}
