use http::StatusCode;
use serde::de::DeserializeOwned;

/// A body that does not decode into what the operation returns: the JSON
/// path where decoding stopped and serde's reason.
///
/// ```
/// # use disco_oauth2::DecodeError;
/// let err = DecodeError::new("users/@me", "id", "invalid type: sequence, expected a snowflake");
/// assert_eq!(
///     err.to_string(),
///     "the users/@me response does not decode at `id`: invalid type: sequence, expected a snowflake"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the {what} response does not decode at `{path}`: {reason}")]
pub struct DecodeError {
    /// What was being decoded (the operation's name, or the model's).
    pub what: &'static str,
    /// The JSON path where decoding stopped (`.` when it stopped at the root),
    /// for example `guilds[3].permissions`.
    pub path: String,
    /// serde's description of what was wrong.
    pub reason: String,
    /// The status of the response, when the body came from one.
    pub status: Option<StatusCode>,
}

impl DecodeError {
    /// A decode error at `path`.
    pub fn new(what: &'static str, path: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            what,
            path: path.into(),
            reason: reason.into(),
            status: None,
        }
    }

    /// The same error, tagged with the response's status.
    pub fn with_status(mut self, status: StatusCode) -> Self {
        self.status = Some(status);
        self
    }
}

/// Decodes JSON straight from bytes into `T`, naming the path on failure.
///
/// The body is decoded with plain `serde_json` first; only a body that fails
/// is decoded a second time with path tracking, so a good body pays nothing
/// for the path a bad one reports.
pub(crate) fn from_slice<T: DeserializeOwned>(
    what: &'static str,
    body: &[u8],
) -> Result<T, DecodeError> {
    match serde_json::from_slice(body) {
        Ok(value) => Ok(value),
        Err(_) => from_slice_tracked(what, body),
    }
}

/// Decodes with `serde_path_to_error`, to name where a failing body stopped.
fn from_slice_tracked<T: DeserializeOwned>(
    what: &'static str,
    body: &[u8],
) -> Result<T, DecodeError> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let path = err.path().to_string();
        DecodeError::new(what, path, redact(&err.into_inner().to_string()))
    })?;
    de.end()
        .map_err(|err| DecodeError::new(what, ".", redact(&err.to_string())))?;
    Ok(value)
}

/// serde quotes the offending value (`invalid type: string "…", expected u64`):
/// in a token response that value may be a token. Quoted strings are
/// replaced by `"…"`, and the reason is cut to a sane length.
fn redact(reason: &str) -> String {
    let mut out = String::with_capacity(reason.len().min(256));
    let mut chars = reason.chars();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '"' {
            // Skip to the closing quote, honouring backslash escapes.
            let mut escaped = false;
            for inner in chars.by_ref() {
                match (escaped, inner) {
                    (false, '\\') => escaped = true,
                    (false, '"') => break,
                    _ => escaped = false,
                }
            }
            out.push_str("…\"");
        }
        if out.len() >= 256 {
            out.push_str(" …");
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Thing {
        id: u64,
        inner: Vec<Inner>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        name: String,
    }

    #[test]
    fn decodes_a_good_body() {
        let thing = from_slice::<Thing>(
            "thing",
            br#"{"id": 7, "inner": [{"name": "a"}, {"name": "b"}]} "#,
        )
        .unwrap();
        assert_eq!(thing.id, 7);
        let names: Vec<&str> = thing.inner.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
    }

    #[test]
    fn string_enums_decode_borrowed_escaped_and_unknown_text() {
        use crate::model::GuildFeature;
        let features = from_slice::<Vec<GuildFeature>>(
            "features",
            br#"["COMMUNITY", "NE\u0057S", "MORE_EMOJI"]"#,
        )
        .unwrap();
        assert_eq!(
            features,
            [
                GuildFeature::Community,
                GuildFeature::News,
                GuildFeature::Other("MORE_EMOJI".into())
            ]
        );
        let err = from_slice::<Vec<GuildFeature>>("features", br#"["NEWS", 5]"#).unwrap_err();
        assert_eq!(err.path, "[1]");
        assert_eq!(
            err.reason,
            "invalid type: integer `5`, expected a string at line 1 column 10"
        );
    }

    #[test]
    fn names_the_path() {
        let err = from_slice::<Thing>(
            "thing",
            br#"{"id": 1, "inner": [{"name": "a"}, {"name": 5}]}"#,
        )
        .unwrap_err();
        assert_eq!(err.path, "inner[1].name");
        assert_eq!(err.what, "thing");
        assert!(
            err.reason
                .starts_with("invalid type: integer `5`, expected a string"),
            "{}",
            err.reason
        );
    }

    #[test]
    fn quoted_values_are_redacted() {
        let err =
            from_slice::<Thing>("token", br#"{"id": "AT-SECRET\"x", "inner": []}"#).unwrap_err();
        assert_eq!(err.path, "id");
        assert_eq!(
            err.reason,
            "invalid type: string \"…\", expected u64 at line 1 column 21"
        );
        assert!(!err.to_string().contains("SECRET"));
        assert_eq!(redact("no quotes"), "no quotes");
        assert_eq!(redact(&"x".repeat(1000)).len(), 256 + " …".len());
    }

    #[test]
    fn truncated_and_empty_and_trailing() {
        let err = from_slice::<Thing>("thing", br#"{"id": "#).unwrap_err();
        assert_eq!(err.path, "id");
        assert!(err.reason.contains("EOF"), "{}", err.reason);
        let err = from_slice::<Thing>("thing", b"").unwrap_err();
        assert_eq!(err.path, ".");
        let err = from_slice::<Thing>("thing", br#"{"id": 1, "inner": []} x"#).unwrap_err();
        assert_eq!(err.path, ".");
        assert!(err.reason.contains("trailing characters"), "{}", err.reason);
    }
}
