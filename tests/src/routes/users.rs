//! `/users/@me`, `/users/@me/guilds`, `/users/@me/guilds/{id}/member`, `/users/@me/connections`.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{Map, Value, json};

use super::{AppState, bearer, either, need, pairs, param, snowflake, snowflake_field};
use crate::reply;

/// `GET /users/@me` (`identify`; `email` adds `email` and `verified`; `premium_type` is 0
/// without `identify.premium`).
pub(crate) async fn me(State(state): State<AppState>, headers: HeaderMap) -> Response {
    either((|| {
        let b = bearer(&state, &headers)?;
        need(&b, "identify")?;
        let world = state.lock();
        let mut user = world.users.get(&b.user_id).cloned().unwrap_or(Value::Null);
        if let Some(obj) = user.as_object_mut() {
            if !b.has("email") {
                obj.remove("email");
                obj.remove("verified");
            }
            if !b.has("identify.premium") && obj.contains_key("premium_type") {
                obj.insert("premium_type".to_owned(), json!(0));
            }
        }
        Ok(reply::ok(&user))
    })())
}

fn parse_bool(field: &str, v: &str) -> Result<bool, Response> {
    match v {
        "true" | "True" | "1" => Ok(true),
        "false" | "False" | "0" => Ok(false),
        _ => Err(reply::field_error(
            field,
            "BOOLEAN_TYPE_COERCE",
            &format!("Value \"{v}\" is not a valid boolean."),
        )),
    }
}

/// Parses `before`, `after`, `limit`, `with_counts`, collecting every field error.
fn guild_query(
    query: &[(String, String)],
) -> Result<(Option<u64>, Option<u64>, usize, bool), Response> {
    let mut errors = Map::new();
    let mut snow = |field: &str| match param(query, field) {
        None => None,
        Some(v) => match snowflake(v) {
            Some(id) => Some(id),
            None => {
                errors.insert(
                    field.to_owned(),
                    reply::leaf(
                        "NUMBER_TYPE_COERCE",
                        &format!("Value \"{v}\" is not snowflake."),
                    ),
                );
                None
            }
        },
    };
    let before = snow("before");
    let after = snow("after");
    let limit = match param(query, "limit") {
        None => 200,
        Some(v) => match v.parse::<i64>() {
            Ok(n) if n < 1 => {
                errors.insert(
                    "limit".to_owned(),
                    reply::leaf(
                        "NUMBER_TYPE_MIN",
                        "int value should be greater than or equal to 1.",
                    ),
                );
                0
            }
            Ok(n) if n > 200 => {
                errors.insert(
                    "limit".to_owned(),
                    reply::leaf(
                        "NUMBER_TYPE_MAX",
                        "int value should be less than or equal to 200.",
                    ),
                );
                0
            }
            Ok(n) => usize::try_from(n).unwrap_or(200),
            Err(_) => {
                errors.insert(
                    "limit".to_owned(),
                    reply::leaf("NUMBER_TYPE_COERCE", &format!("Value \"{v}\" is not int.")),
                );
                0
            }
        },
    };
    let with_counts = match param(query, "with_counts") {
        None => false,
        Some(v) => match parse_bool("with_counts", v) {
            Ok(b) => b,
            Err(_) => {
                errors.insert(
                    "with_counts".to_owned(),
                    reply::leaf(
                        "BOOLEAN_TYPE_COERCE",
                        &format!("Value \"{v}\" is not a valid boolean."),
                    ),
                );
                false
            }
        },
    };
    if !errors.is_empty() {
        return Err(reply::form_error(Value::Object(errors)));
    }
    Ok((before, after, limit, with_counts))
}

/// `GET /users/@me/guilds` (`guilds`): partial guilds, ascending by id.
///
/// `after` gives the first `limit` ids above it; `before` (when `after` is absent) gives the
/// `limit` largest ids below it; neither gives the first `limit`.
pub(crate) async fn guilds(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    either((|| {
        let b = bearer(&state, &headers)?;
        need(&b, "guilds")?;
        let query = pairs(query.unwrap_or_default().as_bytes());
        let (before, after, limit, with_counts) = guild_query(&query)?;
        let world = state.lock();
        let ids: Vec<u64> = world
            .guilds
            .keys()
            .copied()
            .filter(|g| world.members.contains_key(&(*g, b.user_id)))
            .filter(|g| after.is_none_or(|a| *g > a))
            .filter(|g| before.is_none_or(|bf| *g < bf))
            .collect();
        let page: &[u64] = if after.is_none() && before.is_some() {
            &ids[ids.len().saturating_sub(limit)..]
        } else {
            &ids[..ids.len().min(limit)]
        };
        let list: Vec<Value> = page
            .iter()
            .filter_map(|id| {
                let g = world.guilds.get(id)?;
                let m = world.members.get(&(*id, b.user_id))?;
                let mut v = json!({
                    "id": g.id.to_string(),
                    "name": g.name,
                    "icon": g.icon,
                    "banner": g.banner,
                    "owner": g.owner_id == b.user_id,
                    "permissions": m.permissions,
                    "features": g.features,
                });
                if with_counts {
                    v["approximate_member_count"] = json!(g.approximate_member_count);
                    v["approximate_presence_count"] = json!(g.approximate_presence_count);
                }
                Some(v)
            })
            .collect();
        Ok(reply::ok(&Value::Array(list)))
    })())
}

/// `GET /users/@me/guilds/{guild_id}/member` (`guilds.members.read`).
pub(crate) async fn member(
    State(state): State<AppState>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
) -> Response {
    either((|| {
        let b = bearer(&state, &headers)?;
        need(&b, "guilds.members.read")?;
        let Path(raw) = path.map_err(|_| reply::not_found())?;
        let guild_id = snowflake_field("guild_id", &raw)?;
        let world = state.lock();
        world
            .member_json(guild_id, b.user_id)
            .map(|m| reply::ok(&m))
            .ok_or_else(reply::unknown_guild)
    })())
}

/// `GET /users/@me/connections` (`connections`).
pub(crate) async fn connections(State(state): State<AppState>, headers: HeaderMap) -> Response {
    either((|| {
        let b = bearer(&state, &headers)?;
        need(&b, "connections")?;
        let world = state.lock();
        let list = world
            .connections
            .get(&b.user_id)
            .cloned()
            .unwrap_or_default();
        Ok(reply::ok(&Value::Array(list)))
    })())
}
