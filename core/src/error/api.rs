use std::collections::BTreeMap;
use std::fmt;

use http::StatusCode;

/// A Discord JSON API error: `{"code": 10004, "message": "Unknown Guild"}`,
/// with the `errors` tree of a 50035 "Invalid Form Body".
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// Discord's JSON error code.
    pub code: JsonErrorCode,
    /// Discord's message.
    pub message: String,
    /// The per-field errors, when Discord sent them.
    pub errors: Option<FormErrors>,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Discord answered {} with error {}: {}",
            self.status, self.code.0, self.message
        )?;
        if let Some(errors) = &self.errors {
            let fields = errors.flatten();
            if !fields.is_empty() {
                f.write_str(" (")?;
                for (i, field) in fields.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{field}")?;
                }
                f.write_str(")")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// One of Discord's JSON error codes. The constants name the ones an OAuth2
/// application meets; any other code is kept as its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct JsonErrorCode(pub i64);

impl JsonErrorCode {
    /// 0: general error (also used by 401 and 404 without a specific code).
    pub const GENERAL: Self = Self(0);
    /// 10002: unknown application.
    pub const UNKNOWN_APPLICATION: Self = Self(10002);
    /// 10004: unknown guild.
    pub const UNKNOWN_GUILD: Self = Self(10004);
    /// 10007: unknown member.
    pub const UNKNOWN_MEMBER: Self = Self(10007);
    /// 10012: unknown token.
    pub const UNKNOWN_TOKEN: Self = Self(10012);
    /// 10013: unknown user.
    pub const UNKNOWN_USER: Self = Self(10013);
    /// 20012: not authorized to perform this action on this application.
    pub const NOT_AUTHORIZED_FOR_APPLICATION: Self = Self(20012);
    /// 30001: maximum number of guilds reached (100).
    pub const MAX_GUILDS: Self = Self(30001);
    /// 40001: unauthorized; provide a valid token.
    pub const UNAUTHORIZED: Self = Self(40001);
    /// 40007: the user is banned from this guild.
    pub const USER_BANNED: Self = Self(40007);
    /// 40012: connection has been revoked.
    pub const CONNECTION_REVOKED: Self = Self(40012);
    /// 40333: Cloudflare is blocking the request (a bad User-Agent is one cause).
    pub const CLOUDFLARE_BLOCKED: Self = Self(40333);
    /// 50001: missing access.
    pub const MISSING_ACCESS: Self = Self(50001);
    /// 50010: the OAuth2 application does not have a bot.
    pub const APPLICATION_HAS_NO_BOT: Self = Self(50010);
    /// 50011: OAuth2 application limit reached.
    pub const APPLICATION_LIMIT: Self = Self(50011);
    /// 50012: invalid OAuth2 state.
    pub const INVALID_OAUTH2_STATE: Self = Self(50012);
    /// 50013: the bot lacks permissions for the action.
    pub const MISSING_PERMISSIONS: Self = Self(50013);
    /// 50014: invalid authentication token.
    pub const INVALID_TOKEN: Self = Self(50014);
    /// 50025: invalid OAuth2 access token.
    pub const INVALID_OAUTH2_ACCESS_TOKEN: Self = Self(50025);
    /// 50026: missing required OAuth2 scope.
    pub const MISSING_OAUTH2_SCOPE: Self = Self(50026);
    /// 50035: invalid form body (see [`ApiError::errors`]).
    pub const INVALID_FORM_BODY: Self = Self(50035);
    /// 50041: invalid API version.
    pub const INVALID_API_VERSION: Self = Self(50041);
    /// 50109: the request body is invalid JSON.
    pub const INVALID_JSON: Self = Self(50109);
    /// 130000: the API resource is overloaded; try again a little later.
    pub const API_OVERLOADED: Self = Self(130000);
    /// 340015: joining new servers is limited for the user.
    pub const JOIN_LIMITED: Self = Self(340015);
    /// 530007: the client secret is invalid.
    pub const INVALID_CLIENT_SECRET: Self = Self(530007);
}

/// The `errors` tree of a Discord error body: it mirrors the request's shape,
/// with array indices as keys, and `_errors` lists at the leaves.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FormErrors {
    /// The errors attached to this node (`_errors`).
    pub errors: Vec<FieldError>,
    /// The child nodes by field name or array index.
    pub children: BTreeMap<String, FormErrors>,
}

impl FormErrors {
    /// The most field errors a tree keeps (Discord's are a handful).
    pub const MAX_ERRORS: usize = 64;

    /// The same tree with at most [`MAX_ERRORS`](Self::MAX_ERRORS) errors,
    /// and every code and message cut to a sane length.
    pub(crate) fn bounded(mut self) -> Self {
        let mut budget = Self::MAX_ERRORS;
        self.trim(&mut budget);
        self
    }

    fn trim(&mut self, budget: &mut usize) {
        self.errors.truncate(*budget);
        *budget -= self.errors.len();
        for error in &mut self.errors {
            for text in [&mut error.code, &mut error.message] {
                if text.len() > 256 {
                    let mut cut = 256;
                    while !text.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    text.truncate(cut);
                    text.push_str(" …");
                }
            }
        }
        self.children.retain(|_, child| {
            if *budget == 0 {
                return false;
            }
            child.trim(budget);
            !child.errors.is_empty() || !child.children.is_empty()
        });
    }

    /// Every error in the tree with its dotted path (`activities.0.platform`),
    /// depth first in key order; request-level errors have an empty path.
    pub fn flatten(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        self.collect("", &mut out);
        out
    }

    fn collect(&self, prefix: &str, out: &mut Vec<FieldError>) {
        for error in &self.errors {
            out.push(FieldError {
                path: prefix.to_owned(),
                ..error.clone()
            });
        }
        for (key, child) in &self.children {
            let path = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            child.collect(&path, out);
        }
    }
}

/// Decodes Discord's tree straight from JSON: objects become nodes, `_errors`
/// lists become leaves, and any other value is skipped.
impl<'de> serde::Deserialize<'de> for FormErrors {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor;

        #[derive(serde::Deserialize)]
        struct RawFieldError {
            #[serde(default)]
            code: String,
            #[serde(default)]
            message: String,
        }

        impl<'de> serde::de::Visitor<'de> for NodeVisitor {
            type Value = FormErrors;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a Discord errors tree")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<FormErrors, A::Error> {
                let mut node = FormErrors::default();
                while let Some(key) = map.next_key::<String>()? {
                    if key == "_errors" {
                        let list: Vec<RawFieldError> = map.next_value()?;
                        node.errors.extend(list.into_iter().map(|e| FieldError {
                            path: String::new(),
                            code: e.code,
                            message: e.message,
                        }));
                    } else {
                        let child: FormErrors = map.next_value()?;
                        if !child.errors.is_empty() || !child.children.is_empty() {
                            node.children.insert(key, child);
                        }
                    }
                }
                Ok(node)
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<FormErrors, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(FormErrors::default())
            }

            fn visit_bool<E>(self, _: bool) -> Result<FormErrors, E> {
                Ok(FormErrors::default())
            }
            fn visit_i64<E>(self, _: i64) -> Result<FormErrors, E> {
                Ok(FormErrors::default())
            }
            fn visit_u64<E>(self, _: u64) -> Result<FormErrors, E> {
                Ok(FormErrors::default())
            }
            fn visit_f64<E>(self, _: f64) -> Result<FormErrors, E> {
                Ok(FormErrors::default())
            }
            fn visit_str<E>(self, _: &str) -> Result<FormErrors, E> {
                Ok(FormErrors::default())
            }
            fn visit_unit<E>(self) -> Result<FormErrors, E> {
                Ok(FormErrors::default())
            }
        }

        deserializer.deserialize_any(NodeVisitor)
    }
}

/// One error of a [`FormErrors`] tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Dotted path of the field (empty for a request-level error). Set by
    /// [`FormErrors::flatten`]; empty inside the tree.
    pub path: String,
    /// Discord's error code, e.g. `BASE_TYPE_REQUIRED`.
    pub code: String,
    /// Discord's message, e.g. `This field is required`.
    pub message: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{} ({})", self.message, self.code)
        } else {
            write!(f, "{}: {} ({})", self.path, self.message, self.code)
        }
    }
}
