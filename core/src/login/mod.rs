//! "Login with Discord" without server-side state: the login flow.
//!
//! [`LoginFlow::start`] makes the authorization URL (with a fresh CSRF state
//! and PKCE challenge) and a small sealed value to keep in a cookie; at the
//! callback, [`LoginFlow::finish`] opens that value, checks the returned
//! state, and gives the code exchange with the PKCE verifier. The sealed
//! value is AES-256-GCM with the application's
//! [`SealingKey`](crate::sealing::SealingKey): the browser can neither
//! read the verifier nor change the state, the redirect URI or the expiry.
//! An altered value, another key or an expired login is a typed
//! [`LoginError`], a forged state [`Error::StateMismatch`](crate::Error::StateMismatch).
//!
//! The runtimes wrap both halves: `client.start_login(&key)` and
//! `client.finish_login(&key, cookie, &query)` (which also runs the code
//! exchange and returns the token).
//!
//! The flow needs the `sealing` feature (the runtimes turn it on).
#![cfg_attr(
    feature = "sealing",
    doc = r#"
```
use disco_oauth2::authorize::CallbackQuery;
use disco_oauth2::login::cookie_value;
use disco_oauth2::sealing::SealingKey;
use disco_oauth2::{Client, Operation, Scope};

let client = Client::builder(157730590492196864)
    .client_secret("secret")
    .redirect_uri("http://127.0.0.1:3000/callback")
    .scopes([Scope::Identify, Scope::Guilds])
    .build()?;
let key = SealingKey::from_bytes([7; 32]); // from your secret manager
let now = "2026-11-24T12:00:00Z".parse()?; // your clock

// `/login`: redirect to the URL, with the cookie on the same response.
let start = client.login_flow(&key).start(now)?;
assert!(start.url().as_str().contains("&code_challenge_method=S256"));
let set_cookie = start.set_cookie_header();

// … Discord redirects back to `/callback?code=…&state=…` with the cookie.
let state = start.url().as_str().split("&state=").nth(1).unwrap().split('&').next().unwrap();
let query = CallbackQuery::parse(&format!("code=NhhvTDYsFcdgNLnnLijcl7Ku7bEEeee&state={state}"))?;
let mut headers = http::HeaderMap::new();
headers.insert(http::header::COOKIE, set_cookie.split(';').next().unwrap().parse()?);
let cookie = cookie_value(&headers, "discord_login").unwrap_or_default();

let finished = client.login_flow(&key).finish(cookie, &query, now)?;
let (request, _pending) = finished.exchange.into_parts()?;
assert!(std::str::from_utf8(request.body().as_bytes())?.contains("&code_verifier="));
# Ok::<(), Box<dyn std::error::Error>>(())
```
"#
)]

mod cookie;
mod error;
#[cfg(feature = "sealing")]
mod finished;
#[cfg(feature = "sealing")]
mod flow;
mod loopback;
#[cfg(feature = "sealing")]
mod start;
#[cfg(all(test, feature = "sealing"))]
mod tests;
#[cfg(feature = "sealing")]
mod ticket;

pub use cookie::{clear_cookie_header, cookie_value};
pub use error::LoginError;
#[cfg(feature = "sealing")]
pub use finished::FinishedLogin;
#[cfg(feature = "sealing")]
pub use flow::{DEFAULT_LOGIN_LIFETIME, LoginFlow, MAX_LOGIN_LIFETIME};
pub use loopback::{LoopbackAnswer, answer_loopback_request};
#[cfg(feature = "sealing")]
pub use start::LoginStart;

/// The name of the login cookie that [`LoginStart`]'s `set_cookie_header`
/// sets and [`clear_cookie_header`] removes.
pub const DEFAULT_COOKIE_NAME: &str = "discord_login";
