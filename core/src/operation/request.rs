use base64::Engine as _;
use http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use http::{HeaderValue, Method};

use crate::client::Client;
use crate::error::{InvalidInput, Result};
use crate::secret::{BearerToken, BotToken};

/// How a request authenticates.
pub(crate) enum Auth<'a> {
    /// `Authorization: Bearer …`
    Bearer(&'a BearerToken),
    /// `Authorization: Bot …`
    Bot(&'a BotToken),
    /// The token endpoints' client authentication (Basic, or fields in the form).
    Client,
}

/// A request body.
pub(crate) enum Body {
    /// No body.
    Empty,
    /// `application/x-www-form-urlencoded` pairs (the token endpoints accept nothing else).
    Form(Vec<(&'static str, String)>),
    /// `application/json`, already serialized.
    Json(Vec<u8>),
}

/// Builds requests against a client's API base with its User-Agent.
pub(crate) struct RequestBuilder<'a> {
    client: &'a Client,
    method: Method,
    path: String,
    query: Vec<(&'static str, String)>,
}

impl<'a> RequestBuilder<'a> {
    pub(crate) fn new(client: &'a Client, method: Method, path: impl Into<String>) -> Self {
        Self {
            client,
            method,
            path: path.into(),
            query: Vec::new(),
        }
    }

    /// Adds a query pair.
    pub(crate) fn query(mut self, key: &'static str, value: impl ToString) -> Self {
        self.query.push((key, value.to_string()));
        self
    }

    pub(crate) fn build(
        self,
        auth: Auth<'_>,
        body: Body,
    ) -> Result<http::Request<super::RequestBody>> {
        let config = self.client.config();
        let mut url = format!("{}{}", config.api_base.as_str(), self.path);
        if !self.query.is_empty() {
            url.push('?');
            url.push_str(&form_encode(&self.query));
        }
        let mut builder = http::Request::builder()
            .method(self.method)
            .uri(url)
            .header(USER_AGENT, config.user_agent.clone())
            .header(ACCEPT, HeaderValue::from_static("application/json"));

        let (mut form, json) = match body {
            Body::Empty => (None, None),
            Body::Form(pairs) => (Some(pairs), None),
            Body::Json(bytes) => (None, Some(bytes)),
        };
        let authorization = match auth {
            Auth::Bearer(token) => Some(secret_header("Bearer ", token.secret(), "access_token")?),
            Auth::Bot(token) => Some(secret_header("Bot ", token.secret(), "bot_token")?),
            Auth::Client => client_authentication(self.client, form.get_or_insert_with(Vec::new))?,
        };
        if let Some(value) = authorization {
            builder = builder.header(AUTHORIZATION, value);
        }
        let bytes = if let Some(pairs) = form {
            builder = builder.header(
                CONTENT_TYPE,
                HeaderValue::from_static("application/x-www-form-urlencoded"),
            );
            form_encode(&pairs).into_bytes()
        } else if let Some(bytes) = json {
            builder = builder.header(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            bytes
        } else {
            Vec::new()
        };
        builder.body(super::RequestBody::from(bytes)).map_err(|e| {
            InvalidInput::new(
                "request",
                format!("does not form a valid HTTP request ({e})"),
            )
            .into()
        })
    }
}

/// `application/x-www-form-urlencoded` serialization.
pub(crate) fn form_encode(pairs: &[(&'static str, String)]) -> String {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs {
        serializer.append_pair(key, value);
    }
    serializer.finish()
}

/// An `Authorization` header value holding a secret, marked sensitive.
fn secret_header(prefix: &str, secret: &str, field: &'static str) -> Result<HeaderValue> {
    if secret.is_empty() {
        return Err(InvalidInput::new(field, "is empty").into());
    }
    let mut value = HeaderValue::from_str(&format!("{prefix}{secret}")).map_err(|_| {
        InvalidInput::new(field, "contains characters not allowed in an HTTP header")
    })?;
    value.set_sensitive(true);
    Ok(value)
}

/// Client authentication at the token endpoints (RFC 6749 §2.3.1): HTTP Basic
/// over the form-urlencoded id and secret, or the two as form fields. A public
/// client sends only its id; a client with neither is refused.
fn client_authentication(
    client: &Client,
    form: &mut Vec<(&'static str, String)>,
) -> Result<Option<HeaderValue>> {
    let config = client.config();
    let id = config.client_id.to_string();
    match (&config.client_secret, config.client_auth) {
        (Some(secret), crate::client::ClientAuth::BasicAuth) => {
            let credentials = format!(
                "{}:{}",
                form_urlencoded::byte_serialize(id.as_bytes()).collect::<String>(),
                form_urlencoded::byte_serialize(secret.secret().as_bytes()).collect::<String>()
            );
            let encoded = base64::engine::general_purpose::STANDARD.encode(credentials);
            secret_header("Basic ", &encoded, "client_secret").map(Some)
        }
        (Some(secret), _) => {
            form.push(("client_id", id));
            form.push(("client_secret", secret.secret().to_owned()));
            Ok(None)
        }
        (None, crate::client::ClientAuth::None) => {
            form.push(("client_id", id));
            Ok(None)
        }
        (None, _) => Err(crate::client::missing_client_secret()),
    }
}
