//! Requests as the fake saw them, for tests that count calls or inspect what a client sent.

/// One request received by the fake, recorded before any fault was applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedRequest {
    /// HTTP method, e.g. `"POST"`.
    pub method: String,
    /// Path without the query, e.g. `"/api/v10/oauth2/token"`.
    pub path: String,
    /// The raw query string (without `?`), if the request had one.
    pub query: Option<String>,
    /// Headers in arrival order; names are lower-case, values decoded lossily as UTF-8.
    pub headers: Vec<(String, String)>,
    /// The request body (at most the fake's body cap; longer bodies were answered with 413).
    pub body: Vec<u8>,
    /// The client's address: requests sent over one kept-alive connection
    /// share it.
    pub peer: Option<std::net::SocketAddr>,
}

impl RecordedRequest {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as (lossy) UTF-8 text.
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body parsed as `application/x-www-form-urlencoded` pairs.
    pub fn form(&self) -> Vec<(String, String)> {
        serde_urlencoded::from_bytes(&self.body).unwrap_or_default()
    }

    /// The value of query parameter `name`, percent-decoded.
    pub fn query_param(&self, name: &str) -> Option<String> {
        let q = self.query.as_deref()?;
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(q).unwrap_or_default();
        pairs.into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }
}
