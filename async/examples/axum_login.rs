//! "Login with Discord" in an axum web app, with no state kept between
//! `/login` and `/callback`: the login flow seals the CSRF state and the
//! PKCE verifier into a cookie.
//!
//! ```text
//! cargo run -p disco-oauth2-async --example axum_login
//! ```
//!
//! - `/` — a login link, or the logged-in user;
//! - `/login` — starts the login: sets the sealed login cookie and redirects
//!   to Discord;
//! - `/callback` — Discord's redirect: checks it against the cookie, trades
//!   the code for a token (kept server-side, under a random session id in a
//!   cookie), and shows the user, their guild count and avatar;
//! - `/logout` (POST) — revokes the token and forgets the session.
//!
//! Without settings it runs against a fake Discord started in-process. For
//! Discord itself set `DISCORD_CLIENT_ID`, `DISCORD_CLIENT_SECRET` and
//! `DISCORD_REDIRECT_URI` (e.g. `http://127.0.0.1:3000/callback`, registered
//! in the Developer Portal); `DISCORD_API_BASE`, `DISCORD_AUTHORIZE_URL` and
//! `DISCORD_CDN_BASE` point at another server. The address is `--addr 127.0.0.1:3000` (or
//! `AXUM_LOGIN_ADDR`); port 0 picks a free one. The first line printed is
//! `listening on http://ADDR`.
//!
//! Handlers return `Result<_, AppError>` and use `?` on every call of the
//! client: [`AppError`] turns the runtime's one error type into an HTTP
//! response by its [`ErrorKind`].

use std::collections::HashMap;
use std::error::Error as _;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{Query, State};
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{AppendHeaders, Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use disco_oauth2_async::authorize::CallbackQuery;
use disco_oauth2_async::disco_oauth2::Error as CoreError;
use disco_oauth2_async::login::{DEFAULT_COOKIE_NAME, clear_cookie_header, cookie_value};
use disco_oauth2_async::sealing::SealingKey;
use disco_oauth2_async::{AccessToken, Client, Error, ErrorKind, Scope};
use disco_oauth2_fake::FakeDiscord;

/// The session cookie: a random id, the key of the token kept server-side.
const SESSION_COOKIE: &str = "session";

struct App {
    client: Client,
    /// Seals login cookies. Made at start here; load it from your secret
    /// manager in production, so that a restart keeps logins in progress.
    key: SealingKey,
    /// Tokens by session id (use a token store in production).
    sessions: Mutex<HashMap<String, AccessToken>>,
}

type Shared = Arc<App>;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let addr = std::env::args()
        .skip_while(|arg| arg != "--addr")
        .nth(1)
        .or_else(|| std::env::var("AXUM_LOGIN_ADDR").ok())
        .unwrap_or_else(|| "127.0.0.1:3000".to_owned());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    let local = listener.local_addr()?;
    let (client, _fake) = configure(&format!("http://{local}/callback"))?;
    let app = Arc::new(App {
        client,
        key: SealingKey::generate()?,
        sessions: Mutex::new(HashMap::new()),
    });
    let router = Router::new()
        .route("/", get(home))
        .route("/login", get(login))
        .route("/callback", get(callback))
        .route("/logout", post(logout))
        .with_state(app);
    println!("listening on http://{local}");
    axum::serve(listener, router).await?;
    Ok(())
}

/// Discord when the three variables are set, else a fake started here.
fn configure(
    redirect_uri: &str,
) -> Result<(Client, Option<FakeDiscord>), Box<dyn std::error::Error>> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let scopes = [Scope::Identify, Scope::Guilds];
    if let (Some(id), Some(secret), Some(redirect)) = (
        var("DISCORD_CLIENT_ID"),
        var("DISCORD_CLIENT_SECRET"),
        var("DISCORD_REDIRECT_URI"),
    ) {
        let mut builder = Client::builder(id.parse::<u64>()?)
            .client_secret(secret)
            .redirect_uri(redirect)
            .scopes(scopes);
        if let Some(base) = var("DISCORD_API_BASE") {
            builder = builder.api_base(base);
        }
        if let Some(page) = var("DISCORD_AUTHORIZE_URL") {
            builder = builder.authorize_url(page);
        }
        if let Some(cdn) = var("DISCORD_CDN_BASE") {
            builder = builder.cdn_base(cdn);
        }
        return Ok((builder.build()?, None));
    }
    let fake = FakeDiscord::builder()
        .redirect_uri(redirect_uri)
        .interactive(true)
        .start();
    println!("using a fake Discord on {}", fake.origin());
    let client = Client::builder(fake.application_id())
        .client_secret(fake.client_secret())
        .redirect_uri(redirect_uri)
        .api_base(fake.api_base())
        .authorize_url(fake.authorize_url())
        .cdn_base(fake.cdn_base())
        .scopes(scopes)
        .build()?;
    Ok((client, Some(fake)))
}

/// `/`: the user when logged in, else a login link.
async fn home(State(app): State<Shared>, headers: HeaderMap) -> Result<Response, AppError> {
    let token = cookie_value(&headers, SESSION_COOKIE)
        .and_then(|id| app.sessions.lock().ok()?.get(id).cloned());
    match token {
        Some(token) => Ok(profile(&app, token).await?.into_response()),
        None => Ok(page(
            "Welcome",
            r#"<p><a id="login" href="/login">Login with Discord</a></p>"#,
        )
        .into_response()),
    }
}

/// `/login`: the sealed login cookie, and off to Discord.
async fn login(State(app): State<Shared>) -> Result<Response, AppError> {
    let start = app.client.start_login(&app.key)?;
    let cookie = AppendHeaders([(SET_COOKIE, start.set_cookie_header())]);
    Ok((cookie, Redirect::to(start.url().as_str())).into_response())
}

/// `/callback`: Discord's redirect, checked against the login cookie.
async fn callback(
    State(app): State<Shared>,
    headers: HeaderMap,
    Query(query): Query<CallbackQuery>,
) -> Result<Response, AppError> {
    let cookie = cookie_value(&headers, DEFAULT_COOKIE_NAME).unwrap_or_default();
    let token = app.client.finish_login(&app.key, cookie, &query).await?;
    let session = disco_oauth2_async::CsrfState::generate()?.into_secret();
    let body = profile(&app, token.clone()).await?;
    app.sessions
        .lock()
        .map_err(|_| AppError::Internal)?
        .insert(session.clone(), token);
    let cookies = AppendHeaders([
        (SET_COOKIE, clear_cookie_header()),
        (
            SET_COOKIE,
            format!("{SESSION_COOKIE}={session}; Path=/; HttpOnly; SameSite=Lax"),
        ),
    ]);
    Ok((cookies, body).into_response())
}

/// `/logout`: revokes the token and forgets the session.
async fn logout(State(app): State<Shared>, headers: HeaderMap) -> Result<Response, AppError> {
    let token =
        cookie_value(&headers, SESSION_COOKIE).and_then(|id| app.sessions.lock().ok()?.remove(id));
    if let Some(token) = token {
        app.client.revoke_token(&token).await?;
    }
    let cookie = AppendHeaders([(
        SET_COOKIE,
        format!("{SESSION_COOKIE}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax"),
    )]);
    Ok((cookie, Redirect::to("/")).into_response())
}

/// The user's page: name, guild count, avatar, and a logout button.
async fn profile(app: &App, token: AccessToken) -> Result<Html<String>, AppError> {
    let mut user = app.client.user(token);
    let me = user.fetch_user().await?;
    let guilds = user.fetch_all_guilds().await?;
    // The avatar (or the default one), on the client's CDN base: Discord's
    // CDN, or the fake's, which serves an image for each of its users.
    let avatar = app
        .client
        .core()
        .cdn()
        .rebase(&me.display_avatar_url(None, None));
    let body = format!(
        r#"<p><img id="avatar" src="{avatar}" width="64" height="64" alt="avatar"></p>
<p>Logged in as <b id="name">{name}</b> (<span id="username">{username}</span>).</p>
<p>You are in <span id="guilds">{count}</span> guilds.</p>
<form method="post" action="/logout"><button id="logout" type="submit">Log out</button></form>"#,
        avatar = escape(&avatar),
        name = escape(me.display_name()),
        username = escape(&me.to_string()),
        count = guilds.len(),
    );
    Ok(page("Logged in", &body))
}

fn page(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body>{body}</body></html>"
    ))
}

/// Text made safe for HTML (user names are chosen by users).
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Every handler's error: the runtime's error, answered by its kind.
enum AppError {
    Discord(Error),
    Internal,
}

impl<E: Into<Error>> From<E> for AppError {
    fn from(error: E) -> Self {
        AppError::Discord(error.into())
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let AppError::Discord(error) = self else {
            return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response();
        };
        // The error's text holds no secret; log it with its sources.
        eprintln!(
            "error: {error}{}",
            error.source().map(|s| format!(": {s}")).unwrap_or_default()
        );
        let again = r#"<p><a href="/login">Log in again</a></p>"#;
        let (status, text) = match (error.core(), error.kind()) {
            (Some(CoreError::Login(_) | CoreError::StateMismatch | CoreError::OAuth2(_)), _) => {
                (StatusCode::BAD_REQUEST, "The login did not complete.")
            }
            (_, ErrorKind::Unauthorized | ErrorKind::InvalidGrant) => {
                (StatusCode::UNAUTHORIZED, "Your Discord session has ended.")
            }
            (_, ErrorKind::Forbidden) => (StatusCode::FORBIDDEN, "Discord refused access."),
            (_, ErrorKind::NotFound) => (StatusCode::NOT_FOUND, "Not found on Discord."),
            (_, ErrorKind::RateLimited) => (
                StatusCode::TOO_MANY_REQUESTS,
                "Discord asks us to slow down; try again soon.",
            ),
            (_, ErrorKind::InvalidInput) => (StatusCode::BAD_REQUEST, "Bad request."),
            (_, ErrorKind::Timeout) => (
                StatusCode::GATEWAY_TIMEOUT,
                "Discord did not answer in time.",
            ),
            _ => (StatusCode::BAD_GATEWAY, "Discord could not be reached."),
        };
        (status, page("Error", &format!("<p>{text}</p>{again}"))).into_response()
    }
}
