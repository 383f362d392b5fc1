//! Device-code login (RFC 8628): `POST /api/v10/oauth2/device/authorize`, the
//! `urn:ietf:params:oauth:grant-type:device_code` grant of the token endpoint,
//! and the `/activate` page where the user enters the code and approves or
//! denies (tests can call [`FakeDiscord::approve_device`](crate::FakeDiscord::approve_device)
//! instead).
//!
//! Polls answer, as RFC 8628 §3.5 says: `authorization_pending` until the
//! user decides; `slow_down` (and 5 s more interval) when polled sooner than
//! the interval; `access_denied` once denied; `expired_token` after
//! `expires_in`; `invalid_grant` for unknown or already redeemed codes.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::token::{ClientAuth, client_auth, read_form};
use super::{AppState, pairs, param};
use crate::defaults::KNOWN_SCOPES;
use crate::reply;
use crate::state::{Issued, OAuthError, State as World, random_token};

/// The device-code grant type.
pub(crate) const GRANT_TYPE: &str = "urn:ietf:params:oauth:grant-type:device_code";
/// How long device and user codes live (Discord's example: 300 s).
pub(crate) const DEVICE_CODE_LIFETIME: Duration = Duration::from_secs(300);
/// The default polling interval (Discord's example: 5 s).
pub(crate) const DEFAULT_INTERVAL: Duration = Duration::from_secs(5);

/// Where a device login stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Decision {
    Pending,
    Approved,
    Denied,
    Redeemed,
}

/// One device login.
#[derive(Clone, Debug)]
struct DeviceRecord {
    user_code: String,
    scopes: Vec<String>,
    expires_at: Instant,
    interval: Duration,
    last_poll: Option<Instant>,
    decision: Decision,
}

/// Every device login, by device code.
#[derive(Debug)]
pub(crate) struct DeviceState {
    logins: HashMap<String, DeviceRecord>,
    /// The interval new logins are given.
    pub(crate) interval: Duration,
    /// The lifetime new logins are given.
    pub(crate) lifetime: Duration,
}

impl Default for DeviceState {
    fn default() -> Self {
        Self {
            logins: HashMap::new(),
            interval: DEFAULT_INTERVAL,
            lifetime: DEVICE_CODE_LIFETIME,
        }
    }
}

impl DeviceState {
    /// Sets the decision of the pending login with `user_code`; whether there was one.
    fn decide(&mut self, user_code: &str, decision: Decision) -> bool {
        let now = Instant::now();
        let wanted = normalize(user_code);
        match self.logins.values_mut().find(|r| {
            r.user_code == wanted && r.decision == Decision::Pending && now < r.expires_at
        }) {
            Some(record) => {
                record.decision = decision;
                true
            }
            None => false,
        }
    }
}

/// User codes are compared without case or dashes, as people type them.
fn normalize(user_code: &str) -> String {
    let bare: String = user_code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    match bare.len() {
        8 => format!("{}-{}", &bare[..4], &bare[4..]),
        _ => bare,
    }
}

fn oauth(status: u16, error: &'static str, description: Option<&'static str>) -> OAuthError {
    OAuthError {
        status,
        error,
        description,
    }
}

/// `POST /api/v10/oauth2/device/authorize`.
pub(crate) async fn authorize(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let result = (|| {
        let form = read_form(&headers, &body)?;
        let mut world = state.lock();
        client_auth(&world, &headers, &form)?;
        let scopes: Vec<String> = param(&form, "scope")
            .unwrap_or("")
            .split(' ')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        if scopes.is_empty() || scopes.iter().any(|s| !KNOWN_SCOPES.contains(&s.as_str())) {
            return Err(oauth(
                400,
                "invalid_scope",
                Some("The requested scope is invalid, unknown, or malformed."),
            ));
        }
        let device_code = random_token(40);
        let raw = random_token(8).to_ascii_uppercase();
        let user_code = normalize(&raw);
        let (interval, lifetime) = (world.devices.interval, world.devices.lifetime);
        world.devices.logins.insert(
            device_code.clone(),
            DeviceRecord {
                user_code: user_code.clone(),
                scopes,
                expires_at: Instant::now() + lifetime,
                interval,
                last_poll: None,
                decision: Decision::Pending,
            },
        );
        let origin = world.base_url.trim_end_matches("/api/v10").to_owned();
        Ok(json!({
            "device_code": device_code,
            "user_code": user_code,
            "verification_uri": format!("{origin}/activate"),
            "verification_uri_complete": format!("{origin}/activate?user_code={user_code}"),
            "expires_in": lifetime.as_secs(),
            "interval": interval.as_secs(),
        }))
    })();
    match result {
        Ok(v) => reply::ok(&v),
        Err(e) => reply::oauth_error(&e),
    }
}

/// The device-code grant of the token endpoint.
pub(crate) fn poll(
    world: &mut World,
    _auth: ClientAuth,
    form: &[(String, String)],
) -> Result<Issued, OAuthError> {
    let code = param(form, "device_code").unwrap_or("");
    let now = Instant::now();
    let record = world
        .devices
        .logins
        .get_mut(code)
        .filter(|r| r.decision != Decision::Redeemed)
        .ok_or(oauth(
            400,
            "invalid_grant",
            Some("Invalid \"device_code\" in request."),
        ))?;
    if now >= record.expires_at {
        return Err(oauth(400, "expired_token", None));
    }
    let too_soon = record
        .last_poll
        .is_some_and(|last| now.duration_since(last) < record.interval);
    record.last_poll = Some(now);
    match record.decision {
        Decision::Denied => Err(oauth(400, "access_denied", None)),
        Decision::Pending if too_soon => {
            record.interval += Duration::from_secs(5);
            Err(oauth(400, "slow_down", None))
        }
        Decision::Pending => Err(oauth(400, "authorization_pending", None)),
        Decision::Approved | Decision::Redeemed => {
            record.decision = Decision::Redeemed;
            let scopes = record.scopes.clone();
            let user = world.user_id;
            Ok(world.issue_grant(user, scopes, true, None))
        }
    }
}

fn html(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

/// `GET /activate?user_code=…`: the page where the user enters the code.
pub(crate) async fn page(RawQuery(query): RawQuery) -> Response {
    let pairs = pairs(query.unwrap_or_default().as_bytes());
    let code: String = param(&pairs, "user_code")
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(16)
        .collect();
    html(
        StatusCode::OK,
        format!(
            "<!doctype html><title>Activate</title><h1>Link your device</h1>\
             <form method=\"post\" action=\"/activate\">\
             <label>Code <input name=\"user_code\" value=\"{code}\"></label>\
             <button name=\"action\" value=\"approve\">Authorize</button>\
             <button name=\"action\" value=\"deny\">Cancel</button></form>"
        ),
    )
}

/// `POST /activate` (form `user_code`, `action=approve|deny`).
pub(crate) async fn decide(State(state): State<AppState>, body: Bytes) -> Response {
    let form = pairs(&body);
    let user_code = param(&form, "user_code").unwrap_or("");
    let decision = match param(&form, "action") {
        Some("approve") => Decision::Approved,
        Some("deny") => Decision::Denied,
        _ => return reply::text(StatusCode::BAD_REQUEST, "Choose approve or deny"),
    };
    if !state.lock().devices.decide(user_code, decision) {
        return html(
            StatusCode::BAD_REQUEST,
            "<!doctype html><title>Activate</title><p>Unknown or expired code.</p>".to_owned(),
        );
    }
    let text = match decision {
        Decision::Approved => "Your device is linked. You can close this page.",
        _ => "The login was cancelled.",
    };
    html(
        StatusCode::OK,
        format!("<!doctype html><title>Activate</title><p>{text}</p>"),
    )
}

impl crate::FakeDiscord {
    /// Approves the device login showing `user_code`, as the user would on
    /// `/activate`; whether a pending login had that code.
    pub fn approve_device(&self, user_code: &str) -> bool {
        self.shared
            .lock()
            .devices
            .decide(user_code, Decision::Approved)
    }

    /// Denies the device login showing `user_code`; whether a pending login had that code.
    pub fn deny_device(&self, user_code: &str) -> bool {
        self.shared
            .lock()
            .devices
            .decide(user_code, Decision::Denied)
    }

    /// The interval and lifetime given to new device logins (default 5 s and
    /// 300 s; a zero interval never answers `slow_down`).
    pub fn set_device_timing(&self, interval: Duration, lifetime: Duration) {
        let mut world = self.shared.lock();
        world.devices.interval = interval;
        world.devices.lifetime = lifetime;
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn user_codes_are_normalized() {
        assert_eq!(normalize("abcd-efgh"), "ABCD-EFGH");
        assert_eq!(normalize("ABCDEFGH"), "ABCD-EFGH");
        assert_eq!(normalize(" abcd efgh "), "ABCD-EFGH");
        assert_eq!(normalize("abc"), "ABC");
    }
}
