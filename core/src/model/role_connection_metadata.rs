//! [`RoleConnectionMetadata`]: the conditions an application's linked roles
//! can be built from (`/applications/{application.id}/role-connections/metadata`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::open_enum::int_enum;
use crate::error::InvalidInput;

int_enum! {
    /// How a metadata record's value is compared with a guild's linked-role
    /// requirement (`type`).
    ///
    /// ```
    /// use disco_oauth2::model::RoleConnectionMetadataType;
    ///
    /// assert_eq!(serde_json::from_str::<RoleConnectionMetadataType>("7").unwrap(), RoleConnectionMetadataType::BooleanEqual);
    /// ```
    RoleConnectionMetadataType {
        /// The user's value is at most the guild's (integer).
        IntegerLessThanOrEqual = 1,
        /// The user's value is at least the guild's (integer).
        IntegerGreaterThanOrEqual = 2,
        /// The user's value equals the guild's (integer).
        IntegerEqual = 3,
        /// The user's value differs from the guild's (integer).
        IntegerNotEqual = 4,
        /// The user's date is at most the guild's number of days ago (ISO 8601 value).
        DatetimeLessThanOrEqual = 5,
        /// The user's date is at least the guild's number of days ago (ISO 8601 value).
        DatetimeGreaterThanOrEqual = 6,
        /// The user's value equals the guild's (boolean, `1`/`0`).
        BooleanEqual = 7,
        /// The user's value differs from the guild's (boolean, `1`/`0`).
        BooleanNotEqual = 8,
    }
}

/// One metadata record of an application's role connection.
///
/// ```
/// use disco_oauth2::model::{RoleConnectionMetadata, RoleConnectionMetadataType};
///
/// let record = RoleConnectionMetadata::new(
///     RoleConnectionMetadataType::IntegerGreaterThanOrEqual,
///     "cookies_eaten",
///     "Cookies Eaten",
///     "Cookies eaten at least",
/// )
/// .name_localization("fr", "Biscuits mangés");
/// assert!(record.validate().is_ok());
/// assert_eq!(
///     serde_json::to_string(&record).unwrap(),
///     r#"{"type":2,"key":"cookies_eaten","name":"Cookies Eaten","name_localizations":{"fr":"Biscuits mangés"},"description":"Cookies eaten at least"}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleConnectionMetadata {
    /// How the value is compared.
    #[serde(rename = "type")]
    pub kind: RoleConnectionMetadataType,
    /// The key of the value in a user's role connection: `a-z`, `0-9`, `_`, 1–50 characters.
    pub key: String,
    /// The name shown to guild admins: 1–100 characters.
    pub name: String,
    /// The name by locale (each 1–100 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_localizations: Option<BTreeMap<String, String>>,
    /// The description shown to guild admins: 1–200 characters.
    pub description: String,
    /// The description by locale (each 1–200 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_localizations: Option<BTreeMap<String, String>>,
}

impl RoleConnectionMetadata {
    /// The most records an application may have.
    pub const MAX_RECORDS: usize = 5;
    /// The longest key, in characters.
    pub const MAX_KEY_LEN: usize = 50;
    /// The longest name, in characters.
    pub const MAX_NAME_LEN: usize = 100;
    /// The longest description, in characters.
    pub const MAX_DESCRIPTION_LEN: usize = 200;

    /// A record without localizations.
    pub fn new(
        kind: RoleConnectionMetadataType,
        key: impl Into<String>,
        name: impl Into<String>,
        description: impl Into<String>,
    ) -> Self {
        Self {
            kind,
            key: key.into(),
            name: name.into(),
            name_localizations: None,
            description: description.into(),
            description_localizations: None,
        }
    }

    /// Adds the name in `locale` (e.g. `fr`, `en-US`).
    pub fn name_localization(mut self, locale: impl Into<String>, name: impl Into<String>) -> Self {
        self.name_localizations
            .get_or_insert_with(BTreeMap::new)
            .insert(locale.into(), name.into());
        self
    }

    /// Adds the description in `locale`.
    pub fn description_localization(
        mut self,
        locale: impl Into<String>,
        description: impl Into<String>,
    ) -> Self {
        self.description_localizations
            .get_or_insert_with(BTreeMap::new)
            .insert(locale.into(), description.into());
        self
    }

    /// Checks the record against Discord's documented limits.
    ///
    /// # Errors
    /// [`InvalidInput`] naming the field: a key outside `a-z0-9_` or not 1–50
    /// characters, a name not 1–100, a description not 1–200 (localizations
    /// included), an empty locale, or a type Discord does not document (1–8).
    pub fn validate(&self) -> Result<(), InvalidInput> {
        let key_ok = self
            .key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !key_ok {
            return Err(InvalidInput::new(
                "key",
                "may only hold a-z, 0-9 and _ characters",
            ));
        }
        length("key", &self.key, Self::MAX_KEY_LEN)?;
        length("name", &self.name, Self::MAX_NAME_LEN)?;
        length("description", &self.description, Self::MAX_DESCRIPTION_LEN)?;
        localized(
            "name_localizations",
            self.name_localizations.as_ref(),
            Self::MAX_NAME_LEN,
        )?;
        localized(
            "description_localizations",
            self.description_localizations.as_ref(),
            Self::MAX_DESCRIPTION_LEN,
        )?;
        if !(1..=8).contains(&self.kind.value()) {
            return Err(InvalidInput::new("type", "must be one of the types 1 to 8"));
        }
        Ok(())
    }
}

/// `value` must hold 1 to `max` characters.
fn length(field: &'static str, value: &str, max: usize) -> Result<(), InvalidInput> {
    let count = value.chars().count();
    if count == 0 || count > max {
        return Err(InvalidInput::new(
            field,
            format!("must be 1 to {max} characters long (is {count})"),
        ));
    }
    Ok(())
}

fn localized(
    field: &'static str,
    values: Option<&BTreeMap<String, String>>,
    max: usize,
) -> Result<(), InvalidInput> {
    for (locale, value) in values.into_iter().flatten() {
        if locale.is_empty() {
            return Err(InvalidInput::new(field, "has an empty locale"));
        }
        length(field, value, max)?;
    }
    Ok(())
}
