use std::borrow::Cow;

use base64::Engine as _;
use http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use http::{HeaderMap, HeaderValue, Method};

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
    /// Below the base path: a route's template is borrowed, a filled-in path owned.
    path: Cow<'static, str>,
    query: Vec<(&'static str, String)>,
}

impl<'a> RequestBuilder<'a> {
    pub(crate) fn new(
        client: &'a Client,
        method: Method,
        path: impl Into<Cow<'static, str>>,
    ) -> Self {
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
        // The base's scheme and authority were parsed once, when the client
        // was built: only the path and query are checked here.
        let base_path = config.api_base.base_path();
        let mut target = String::with_capacity(base_path.len() + self.path.len() + 64);
        target.push_str(base_path);
        target.push_str(&self.path);
        if !self.query.is_empty() {
            target.push('?');
            let start = target.len();
            let mut serializer = form_urlencoded::Serializer::for_suffix(target, start);
            for (key, value) in &self.query {
                serializer.append_pair(key, value);
            }
            target = serializer.finish();
        }
        let uri = config.api_base.uri_with(target).map_err(invalid_request)?;
        let mut headers = HeaderMap::with_capacity(5);
        headers.insert(USER_AGENT, config.user_agent.clone());
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));

        let (mut form, json) = match body {
            Body::Empty => (None, None),
            Body::Form(pairs) => (Some(pairs), None),
            Body::Json(bytes) => (None, Some(bytes)),
        };
        let authorization = match auth {
            Auth::Bearer(token) => Some(token.authorization()?),
            Auth::Bot(token) => Some(secret_header("Bot ", token.secret(), "bot_token")?),
            Auth::Client => client_authentication(self.client, form.get_or_insert_with(Vec::new))?,
        };
        if let Some(value) = authorization {
            headers.insert(AUTHORIZATION, value);
        }
        let bytes = if let Some(pairs) = form {
            headers.insert(
                CONTENT_TYPE,
                HeaderValue::from_static("application/x-www-form-urlencoded"),
            );
            form_encode(&pairs).into_bytes()
        } else if let Some(bytes) = json {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            bytes
        } else {
            Vec::new()
        };
        let mut request = http::Request::new(super::RequestBody::from(bytes));
        *request.method_mut() = self.method;
        *request.uri_mut() = uri;
        *request.headers_mut() = headers;
        Ok(request)
    }
}

/// A path or query that does not form a valid request URI.
fn invalid_request(error: http::Error) -> crate::Error {
    InvalidInput::new(
        "request",
        format!("does not form a valid HTTP request ({error})"),
    )
    .into()
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
    // ASCII only, as `HeaderValue::from_str` accepts (the header checks the
    // rest); the value is built in one buffer that the header then owns.
    if !secret.is_ascii() {
        return Err(
            InvalidInput::new(field, "contains characters not allowed in an HTTP header").into(),
        );
    }
    let mut bytes = Vec::with_capacity(prefix.len() + secret.len());
    bytes.extend_from_slice(prefix.as_bytes());
    bytes.extend_from_slice(secret.as_bytes());
    let mut value = HeaderValue::try_from(bytes).map_err(|_| {
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
