//! `GET|PUT|DELETE /users/@me/applications/{application_id}/role-connection`
//! (`role_connections.write`).
//!
//! The application id must be the token's application, else 403
//! `{"message": "Missing Access", "code": 50001}`.

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{Map, Value, json};

use super::{AppState, bearer, either, media_type, need, snowflake_field};
use crate::reply;
use crate::state::Bearer;

fn empty() -> Value {
    json!({"platform_name": null, "platform_username": null, "metadata": {}})
}

fn check(
    state: &AppState,
    headers: &HeaderMap,
    path: Result<Path<String>, PathRejection>,
) -> Result<Bearer, Response> {
    let b = bearer(state, headers)?;
    need(&b, "role_connections.write")?;
    let Path(raw) = path.map_err(|_| reply::not_found())?;
    let app_id = snowflake_field("application_id", &raw)?;
    if app_id != state.lock().app.id {
        return Err(reply::api_error(
            StatusCode::FORBIDDEN,
            50001,
            "Missing Access",
        ));
    }
    Ok(b)
}

/// `GET …/role-connection`.
pub(crate) async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
) -> Response {
    either((|| {
        let b = check(&state, &headers, path)?;
        let world = state.lock();
        let rc = world
            .role_connections
            .get(&b.user_id)
            .cloned()
            .unwrap_or_else(empty);
        Ok(reply::ok(&rc))
    })())
}

fn max_len(
    errors: &mut Map<String, Value>,
    field: &str,
    value: &Value,
    max: usize,
) -> Option<Value> {
    match value {
        Value::Null => Some(Value::Null),
        Value::String(s) if s.chars().count() <= max => Some(value.clone()),
        Value::String(_) => {
            errors.insert(
                field.to_owned(),
                reply::leaf(
                    "BASE_TYPE_MAX_LENGTH",
                    &format!("Must be {max} or fewer in length."),
                ),
            );
            None
        }
        other => {
            errors.insert(
                field.to_owned(),
                reply::leaf(
                    "BASE_TYPE_STRING",
                    &format!("Could not interpret \"{other}\" as string."),
                ),
            );
            None
        }
    }
}

/// Validates a PUT body into the stored object, or the `errors` tree.
fn validate(body: &Value) -> Result<Value, Value> {
    let Some(obj) = body.as_object() else {
        return Err(
            json!({"_errors": [{"code": "DICT_TYPE_CONVERT", "message": "Only dictionaries may be used in a DictType"}]}),
        );
    };
    let mut errors = Map::new();
    let mut out = empty();
    if let Some(v) = obj.get("platform_name")
        && let Some(v) = max_len(&mut errors, "platform_name", v, 50)
    {
        out["platform_name"] = v;
    }
    if let Some(v) = obj.get("platform_username")
        && let Some(v) = max_len(&mut errors, "platform_username", v, 100)
    {
        out["platform_username"] = v;
    }
    match obj.get("metadata") {
        None | Some(Value::Null) => {}
        Some(Value::Object(meta)) => {
            let mut meta_errors = Map::new();
            let mut stored = Map::new();
            for (k, v) in meta {
                let text = match v {
                    Value::String(s) => Some(s.clone()),
                    Value::Number(n) => Some(n.to_string()),
                    Value::Bool(b) => Some(if *b { "1" } else { "0" }.to_owned()),
                    _ => None,
                };
                match text {
                    Some(t) if t.chars().count() <= 100 && !k.is_empty() && k.len() <= 50 => {
                        stored.insert(k.clone(), Value::String(t));
                    }
                    Some(t) if t.chars().count() > 100 => {
                        meta_errors.insert(
                            k.clone(),
                            reply::leaf("BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length."),
                        );
                    }
                    Some(_) => {
                        meta_errors.insert(
                            k.clone(),
                            reply::leaf(
                                "BASE_TYPE_BAD_LENGTH",
                                "Must be between 1 and 50 in length.",
                            ),
                        );
                    }
                    None => {
                        meta_errors.insert(
                            k.clone(),
                            reply::leaf(
                                "BASE_TYPE_STRING",
                                &format!("Could not interpret \"{v}\" as string."),
                            ),
                        );
                    }
                }
            }
            if meta_errors.is_empty() {
                out["metadata"] = Value::Object(stored);
            } else {
                errors.insert("metadata".to_owned(), Value::Object(meta_errors));
            }
        }
        Some(_) => {
            errors.insert(
                "metadata".to_owned(),
                reply::leaf(
                    "DICT_TYPE_CONVERT",
                    "Only dictionaries may be used in a DictType",
                ),
            );
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Value::Object(errors))
    }
}

/// `PUT …/role-connection`: stores and returns the role connection.
pub(crate) async fn put(
    State(state): State<AppState>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
    body: Bytes,
) -> Response {
    either((|| {
        let b = check(&state, &headers, path)?;
        if media_type(&headers).as_deref() != Some("application/json") {
            return Err(reply::content_type_invalid("application/json"));
        }
        let value: Value = serde_json::from_slice(&body).map_err(|_| reply::invalid_json())?;
        let rc = validate(&value).map_err(reply::form_error)?;
        state.lock().role_connections.insert(b.user_id, rc.clone());
        Ok(reply::ok(&rc))
    })())
}

/// `DELETE …/role-connection`: 204, and the connection is empty again.
pub(crate) async fn delete(
    State(state): State<AppState>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
) -> Response {
    either((|| {
        let b = check(&state, &headers, path)?;
        state.lock().role_connections.remove(&b.user_id);
        Ok(reply::no_content())
    })())
}
