//! Raw-HTTP helpers for the fake's own tests (ureq, no redirects, 4xx/5xx as responses).

#![allow(dead_code, missing_docs)]

use base64::Engine as _;
use disco_oauth2_fake::FakeDiscord;
use serde_json::Value;

pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    #[track_caller]
    pub fn json(&self) -> Value {
        match serde_json::from_slice(&self.body) {
            Ok(v) => v,
            Err(e) => panic!("not JSON ({e}): {:?}", self.text()),
        }
    }

    /// Query pairs of the `Location` header.
    #[track_caller]
    pub fn location_query(&self) -> Vec<(String, String)> {
        let loc = self.header("location").expect("a Location header");
        let q = loc.split_once('?').map(|(_, q)| q).unwrap_or("");
        let q = q.split('#').next().unwrap_or("");
        serde_urlencoded::from_str(q).expect("a form-encoded query")
    }

    /// Fragment pairs of the `Location` header.
    #[track_caller]
    pub fn location_fragment(&self) -> Vec<(String, String)> {
        let loc = self.header("location").expect("a Location header");
        let f = loc.split_once('#').map(|(_, f)| f).unwrap_or("");
        serde_urlencoded::from_str(f).expect("a form-encoded fragment")
    }
}

pub fn get_param(pairs: &[(String, String)], key: &str) -> Option<String> {
    pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into()
}

/// Any request; `headers` are sent as given.
pub fn send(method: &str, url: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
    let mut req = ureq::http::Request::builder().method(method).uri(url);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let req = req.body(body.to_vec()).expect("a valid request");
    let mut resp = agent().run(req).expect("the fake answers");
    let status = resp.status().as_u16();
    let headers = resp
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let body = resp
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_vec()
        .expect("a readable body");
    Resp {
        status,
        headers,
        body,
    }
}

pub fn get(url: &str, headers: &[(&str, &str)]) -> Resp {
    send("GET", url, headers, b"")
}

pub fn bearer_get(fake: &FakeDiscord, path: &str, token: &str) -> Resp {
    let auth = format!("Bearer {token}");
    get(
        &format!("{}{path}", fake.api_base()),
        &[("Authorization", &auth)],
    )
}

pub fn basic(id: &str, secret: &str) -> String {
    let enc = |s: &str| serde_urlencoded::to_string([("", s)]).expect("encodable")[1..].to_owned();
    let raw = format!("{}:{}", enc(id), enc(secret));
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(raw)
    )
}

/// POST a form to `{base}{path}` with HTTP Basic client authentication.
pub fn post_form(fake: &FakeDiscord, path: &str, form: &[(&str, &str)]) -> Resp {
    let auth = basic(&fake.client_id().to_string(), &fake.client_secret());
    post_form_with(fake, path, form, &[("Authorization", &auth)])
}

pub fn post_form_with(
    fake: &FakeDiscord,
    path: &str,
    form: &[(&str, &str)],
    headers: &[(&str, &str)],
) -> Resp {
    let body = serde_urlencoded::to_string(form).expect("encodable");
    let mut all = vec![("Content-Type", "application/x-www-form-urlencoded")];
    all.extend_from_slice(headers);
    send(
        "POST",
        &format!("{}{path}", fake.api_base()),
        &all,
        body.as_bytes(),
    )
}

/// The authorize URL with these parameters.
pub fn authorize_url(fake: &FakeDiscord, params: &[(&str, &str)]) -> String {
    format!(
        "{}?{}",
        fake.authorize_url(),
        serde_urlencoded::to_string(params).expect("encodable")
    )
}

/// Runs the code flow over HTTP and returns the token response.
pub fn login(fake: &FakeDiscord, scope: &str) -> Value {
    let id = fake.client_id().to_string();
    let redirect = fake.redirect_uri();
    let resp = get(
        &authorize_url(
            fake,
            &[
                ("client_id", &id),
                ("response_type", "code"),
                ("redirect_uri", &redirect),
                ("scope", scope),
                ("state", "st"),
            ],
        ),
        &[],
    );
    assert_eq!(resp.status, 302, "{}", resp.text());
    let code = get_param(&resp.location_query(), "code").expect("a code");
    let token = post_form(
        fake,
        "/oauth2/token",
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", &redirect),
        ],
    );
    assert_eq!(token.status, 200, "{}", token.text());
    token.json()
}

/// Login and return the access token.
pub fn access_token(fake: &FakeDiscord, scope: &str) -> String {
    login(fake, scope)["access_token"]
        .as_str()
        .expect("an access token")
        .to_owned()
}

/// Writes raw bytes to the fake and returns everything it answers (lossy UTF-8).
pub fn raw_http(fake: &FakeDiscord, request: &[u8]) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(fake.addr()).expect("connect");
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(5)))
        .expect("timeout");
    stream.write_all(request).expect("write");
    let mut out = Vec::new();
    let _ = stream.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}
