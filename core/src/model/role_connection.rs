//! [`RoleConnection`] (linked roles: what the application reports about the
//! user) and [`RoleConnectionUpdate`] (the body of the PUT that changes it).

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::InvalidInput;

/// The longest `platform_name`, in characters.
pub const MAX_PLATFORM_NAME: usize = 50;
/// The longest `platform_username`, in characters.
pub const MAX_PLATFORM_USERNAME: usize = 100;
/// The longest metadata value, in characters.
pub const MAX_METADATA_VALUE: usize = 100;
/// The longest metadata key, in characters.
pub const MAX_METADATA_KEY: usize = 50;

/// The user's role connection for an application
/// (`GET`/`PUT /users/@me/applications/{application.id}/role-connection`).
///
/// Metadata values are strings (integers as decimal, booleans as `1`/`0`,
/// dates as ISO 8601); numbers and booleans Discord might send unquoted are
/// turned into that form.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RoleConnection {
    /// The vanity name of the platform (max 50 characters).
    #[serde(default)]
    pub platform_name: Option<String>,
    /// The user's name on the platform (max 100 characters).
    #[serde(default)]
    pub platform_username: Option<String>,
    /// Metadata key → stringified value.
    #[serde(default, deserialize_with = "metadata_map")]
    pub metadata: BTreeMap<String, String>,
}

/// The body of `PUT /users/@me/applications/{application.id}/role-connection`.
/// Fields left `None` are omitted, so Discord keeps their current values.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use disco_oauth2::model::RoleConnectionUpdate;
///
/// let update = RoleConnectionUpdate::new()
///     .platform_name("Chess")
///     .metadata_integer("elo", 1800)
///     .metadata_bool("is_grandmaster", false)
///     .metadata_datetime("member_since", Utc.with_ymd_and_hms(2020, 1, 2, 3, 4, 5).unwrap());
/// update.validate().unwrap();
/// assert_eq!(
///     serde_json::to_string(&update).unwrap(),
///     r#"{"platform_name":"Chess","metadata":{"elo":"1800","is_grandmaster":"0","member_since":"2020-01-02T03:04:05Z"}}"#
/// );
/// assert!(RoleConnectionUpdate::new().metadata("Bad-Key", "x").validate().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RoleConnectionUpdate {
    /// The vanity name of the platform (max 50 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_name: Option<String>,
    /// The user's name on the platform (max 100 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_username: Option<String>,
    /// Metadata key → stringified value (keys `[a-z0-9_]{1,50}`, values max 100 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<BTreeMap<String, String>>,
}

impl RoleConnectionUpdate {
    /// An update that changes nothing.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `platform_name`.
    #[must_use]
    pub fn platform_name(mut self, name: impl Into<String>) -> Self {
        self.platform_name = Some(name.into());
        self
    }

    /// Sets `platform_username`.
    #[must_use]
    pub fn platform_username(mut self, name: impl Into<String>) -> Self {
        self.platform_username = Some(name.into());
        self
    }

    /// Sets a metadata value as given.
    #[must_use]
    pub fn metadata(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.metadata
            .get_or_insert_with(BTreeMap::new)
            .insert(key.into(), value.into());
        self
    }

    /// Sets an integer metadata value (for the `INTEGER_*` metadata types).
    #[must_use]
    pub fn metadata_integer(self, key: impl Into<String>, value: i64) -> Self {
        self.metadata(key, value.to_string())
    }

    /// Sets a boolean metadata value as `1`/`0` (for `BOOLEAN_*`).
    #[must_use]
    pub fn metadata_bool(self, key: impl Into<String>, value: bool) -> Self {
        self.metadata(key, if value { "1" } else { "0" })
    }

    /// Sets a date metadata value as ISO 8601 (for `DATETIME_*`).
    #[must_use]
    pub fn metadata_datetime(self, key: impl Into<String>, value: DateTime<Utc>) -> Self {
        self.metadata(key, value.to_rfc3339_opts(SecondsFormat::AutoSi, true))
    }

    /// Checks Discord's limits before sending: `platform_name` ≤ 50
    /// characters, `platform_username` ≤ 100, metadata keys `[a-z0-9_]{1,50}`
    /// and values ≤ 100 characters.
    pub fn validate(&self) -> Result<(), InvalidInput> {
        if let Some(name) = &self.platform_name {
            check_len("platform_name", name, MAX_PLATFORM_NAME)?;
        }
        if let Some(name) = &self.platform_username {
            check_len("platform_username", name, MAX_PLATFORM_USERNAME)?;
        }
        for (key, value) in self.metadata.iter().flatten() {
            let valid_key = !key.is_empty()
                && key.len() <= MAX_METADATA_KEY
                && key
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            if !valid_key {
                return Err(InvalidInput::new(
                    "metadata",
                    format!("key {key:?} must be 1 to 50 characters of a-z, 0-9 and _"),
                ));
            }
            let chars = value.chars().count();
            if chars > MAX_METADATA_VALUE {
                return Err(InvalidInput::new(
                    "metadata",
                    format!(
                        "the value of {key:?} has {chars} characters; the limit is {MAX_METADATA_VALUE}"
                    ),
                ));
            }
        }
        Ok(())
    }
}

impl From<RoleConnection> for RoleConnectionUpdate {
    /// An update that sets every field to the connection's values.
    fn from(connection: RoleConnection) -> Self {
        Self {
            platform_name: connection.platform_name,
            platform_username: connection.platform_username,
            metadata: Some(connection.metadata),
        }
    }
}

fn check_len(field: &'static str, value: &str, max: usize) -> Result<(), InvalidInput> {
    let chars = value.chars().count();
    if chars > max {
        Err(InvalidInput::new(
            field,
            format!("{chars} characters; the limit is {max}"),
        ))
    } else {
        Ok(())
    }
}

/// A metadata map: `null` → empty; values may be strings, numbers or booleans.
fn metadata_map<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, String>, D::Error> {
    deserializer.deserialize_option(MetadataMap)
}

struct MetadataMap;

impl<'de> Visitor<'de> for MetadataMap {
    type Value = BTreeMap<String, String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of metadata values, or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(BTreeMap::new())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(BTreeMap::new())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = BTreeMap::new();
        while let Some((key, MetadataValue(value))) = map.next_entry::<String, MetadataValue>()? {
            out.insert(key, value);
        }
        Ok(out)
    }
}

struct MetadataValue(String);

impl<'de> Deserialize<'de> for MetadataValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValueVisitor;

        impl Visitor<'_> for ValueVisitor {
            type Value = MetadataValue;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, number or boolean metadata value")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<MetadataValue, E> {
                Ok(MetadataValue(v.to_owned()))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<MetadataValue, E> {
                Ok(MetadataValue(v))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<MetadataValue, E> {
                Ok(MetadataValue(v.to_string()))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<MetadataValue, E> {
                Ok(MetadataValue(v.to_string()))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<MetadataValue, E> {
                Ok(MetadataValue(v.to_string()))
            }

            fn visit_bool<E: de::Error>(self, v: bool) -> Result<MetadataValue, E> {
                Ok(MetadataValue(if v { "1" } else { "0" }.to_owned()))
            }
        }

        deserializer.deserialize_any(ValueVisitor)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn parses_lenient_metadata() {
        let rc: RoleConnection = serde_json::from_str(
            r#"{"platform_name": "Chess", "platform_username": null, "metadata": {"elo": "1800", "n": 5, "b": true, "f": 1.5}}"#,
        )
        .unwrap();
        assert_eq!(rc.platform_name.as_deref(), Some("Chess"));
        assert_eq!(rc.platform_username, None);
        assert_eq!(rc.metadata["elo"], "1800");
        assert_eq!(rc.metadata["n"], "5");
        assert_eq!(rc.metadata["b"], "1");
        assert_eq!(rc.metadata["f"], "1.5");
        let empty: RoleConnection = serde_json::from_str(r#"{"metadata": null}"#).unwrap();
        assert!(empty.metadata.is_empty());
        let empty: RoleConnection = serde_json::from_str("{}").unwrap();
        assert_eq!(empty, RoleConnection::default());
        assert!(serde_json::from_str::<RoleConnection>(r#"{"metadata": {"a": [1]}}"#).is_err());
    }

    #[test]
    fn update_serializes_only_set_fields() {
        assert_eq!(
            serde_json::to_string(&RoleConnectionUpdate::new()).unwrap(),
            "{}"
        );
        let update = RoleConnectionUpdate::new()
            .platform_username("nelly")
            .metadata_integer("n", -3);
        assert_eq!(
            serde_json::to_string(&update).unwrap(),
            r#"{"platform_username":"nelly","metadata":{"n":"-3"}}"#
        );
        let update = RoleConnectionUpdate::new().metadata_bool("t", true);
        assert_eq!(update.metadata.unwrap()["t"], "1");
    }

    #[test]
    fn validation_limits() {
        let ok = RoleConnectionUpdate::new()
            .platform_name("x".repeat(50))
            .platform_username("é".repeat(100))
            .metadata("a".repeat(50), "v".repeat(100))
            .metadata("snake_case_1", "");
        ok.validate().unwrap();

        let err = RoleConnectionUpdate::new()
            .platform_name("x".repeat(51))
            .validate()
            .unwrap_err();
        assert_eq!(err.field, "platform_name");
        let err = RoleConnectionUpdate::new()
            .platform_username("x".repeat(101))
            .validate()
            .unwrap_err();
        assert_eq!(err.field, "platform_username");
        for key in ["", "Upper", "dash-key", "space key", "ключ"] {
            let err = RoleConnectionUpdate::new()
                .metadata(key, "1")
                .validate()
                .unwrap_err();
            assert_eq!(err.field, "metadata", "{key:?}");
        }
        let err = RoleConnectionUpdate::new()
            .metadata("a".repeat(51), "1")
            .validate()
            .unwrap_err();
        assert_eq!(err.field, "metadata");
        let err = RoleConnectionUpdate::new()
            .metadata("k", "v".repeat(101))
            .validate()
            .unwrap_err();
        assert!(err.reason.contains("101 characters"), "{}", err.reason);
    }
}
