//! `GET/PUT /api/v10/applications/{application.id}/role-connections/metadata`:
//! the application's role-connection metadata records, with the bot's token.
//!
//! PUT replaces every record and answers with the stored list; records
//! breaking Discord's limits (at most 5; `key` of `a-z0-9_`, 1–50; `name`
//! 1–100; `description` 1–200; `type` 1–8) get 400 Invalid Form Body (50035)
//! with the path of the bad field.

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{Map, Value, json};

use super::{AppState, auth_token, either, media_type, snowflake_field};
use crate::reply;

fn check(
    state: &AppState,
    headers: &HeaderMap,
    path: Result<Path<String>, PathRejection>,
) -> Result<(), Response> {
    let world = state.lock();
    let bot_ok =
        auth_token(headers, "Bot").is_some_and(|t| crate::state::same(t, &world.app.bot_token));
    if !bot_ok {
        return Err(reply::unauthorized());
    }
    let Ok(Path(raw)) = path else {
        return Err(reply::not_found());
    };
    if snowflake_field("application_id", &raw)? != world.app.id {
        return Err(reply::api_error(
            StatusCode::FORBIDDEN,
            50001,
            "Missing Access",
        ));
    }
    Ok(())
}

/// A text of `min..=max` characters.
fn length(value: &Value, min: usize, max: usize) -> Option<Value> {
    let Some(text) = value.as_str() else {
        return Some(reply::leaf("BASE_TYPE_REQUIRED", "This field is required"));
    };
    let count = text.chars().count();
    (count < min || count > max).then(|| {
        reply::leaf(
            "BASE_TYPE_BAD_LENGTH",
            &format!("Must be between {min} and {max} in length."),
        )
    })
}

fn validate_record(record: &Value) -> Map<String, Value> {
    let mut errors = Map::new();
    let key_ok = record["key"].as_str().is_some_and(|k| {
        k.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    });
    if let Some(e) = length(&record["key"], 1, 50) {
        errors.insert("key".into(), e);
    } else if !key_ok {
        errors.insert(
            "key".into(),
            reply::leaf(
                "STRING_TYPE_REGEX",
                "String value did not match validation regex.",
            ),
        );
    }
    if let Some(e) = length(&record["name"], 1, 100) {
        errors.insert("name".into(), e);
    }
    if let Some(e) = length(&record["description"], 1, 200) {
        errors.insert("description".into(), e);
    }
    if !record["type"]
        .as_u64()
        .is_some_and(|t| (1..=8).contains(&t))
    {
        errors.insert(
            "type".into(),
            reply::leaf("ENUM_TYPE_COERCE", "Value is not a valid enum value."),
        );
    }
    for (field, max) in [
        ("name_localizations", 100),
        ("description_localizations", 200),
    ] {
        match &record[field] {
            Value::Null => {}
            Value::Object(map) => {
                for (locale, value) in map {
                    if let Some(e) = length(value, 1, max) {
                        errors.insert(format!("{field}.{locale}"), e);
                    }
                }
            }
            _ => {
                errors.insert(
                    field.into(),
                    reply::leaf(
                        "DICT_TYPE_CONVERT",
                        "Only dictionaries may be used in a DictType",
                    ),
                );
            }
        }
    }
    errors
}

/// The records as stored: the documented fields only.
fn stored(record: &Value) -> Value {
    json!({
        "type": record["type"],
        "key": record["key"],
        "name": record["name"],
        "name_localizations": record.get("name_localizations").cloned().unwrap_or(Value::Null),
        "description": record["description"],
        "description_localizations": record.get("description_localizations").cloned().unwrap_or(Value::Null),
    })
}

/// `GET …/role-connections/metadata`.
pub(crate) async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
) -> Response {
    either((|| {
        check(&state, &headers, path)?;
        Ok(reply::ok(&Value::Array(
            state.lock().role_connection_metadata.clone(),
        )))
    })())
}

/// `PUT …/role-connections/metadata`.
pub(crate) async fn put(
    State(state): State<AppState>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
    body: Bytes,
) -> Response {
    either((|| {
        check(&state, &headers, path)?;
        if media_type(&headers).as_deref() != Some("application/json") {
            return Err(reply::content_type_invalid("application/json"));
        }
        let value: Value = serde_json::from_slice(&body).map_err(|_| reply::invalid_json())?;
        let Some(records) = value.as_array() else {
            return Err(reply::form_error(
                json!({"_errors": [{"code": "LIST_TYPE_CONVERT", "message": "Only iterables may be used in a ListType"}]}),
            ));
        };
        if records.len() > 5 {
            return Err(reply::form_error(
                json!({"_errors": [{"code": "BASE_TYPE_MAX_LENGTH", "message": "Must be 5 or fewer in length."}]}),
            ));
        }
        let mut errors = Map::new();
        for (i, record) in records.iter().enumerate() {
            let record_errors = validate_record(record);
            if !record_errors.is_empty() {
                errors.insert(i.to_string(), Value::Object(record_errors));
            }
        }
        if !errors.is_empty() {
            return Err(reply::form_error(Value::Object(errors)));
        }
        let records: Vec<Value> = records.iter().map(stored).collect();
        state.lock().role_connection_metadata = records.clone();
        Ok(reply::ok(&Value::Array(records)))
    })())
}

impl crate::FakeDiscord {
    /// The application's role-connection metadata records, as last PUT.
    pub fn role_connection_metadata(&self) -> Vec<Value> {
        self.shared.lock().role_connection_metadata.clone()
    }
}
