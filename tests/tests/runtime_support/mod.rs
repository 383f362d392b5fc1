//! Test helpers shared by both runtimes' tests: a client of either runtime
//! pointed at a fake Discord, and a tracing subscriber that records every
//! span field and event, to check what is logged.

#![allow(dead_code, missing_docs, clippy::unwrap_used)]

use std::fmt::{self, Write as _};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

use disco_oauth2::runtime::{RuntimeBuilder, RuntimeClient};
use disco_oauth2::{AccessToken, BearerToken};
use disco_oauth2_fake::{FakeDiscord, GUILD_BOT_ONLY};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::subscriber::Interest;
use tracing::{Event, Metadata, Subscriber};

/// Records spans and events as text lines.
#[derive(Clone, Default)]
pub struct Capture {
    lines: Arc<Mutex<Vec<String>>>,
    next_id: Arc<AtomicU64>,
}

/// The process-wide capturing subscriber, emptied, and a lock that keeps
/// the tests using it apart. Installed as the global default (scoped
/// subscribers race with other test threads over callsite interest).
pub fn capture() -> (MutexGuard<'static, ()>, Capture) {
    static LOCK: Mutex<()> = Mutex::new(());
    static CAPTURE: OnceLock<Capture> = OnceLock::new();
    let guard = LOCK.lock().unwrap_or_else(PoisonError::into_inner);
    let capture = CAPTURE
        .get_or_init(|| {
            let capture = Capture::default();
            tracing::subscriber::set_global_default(capture.clone()).unwrap();
            capture
        })
        .clone();
    capture.lines.lock().unwrap().clear();
    (guard, capture)
}

impl Capture {
    pub fn lines(&self) -> Vec<String> {
        self.lines.lock().unwrap().clone()
    }

    pub fn text(&self) -> String {
        self.lines().join("\n")
    }

    /// The warnings logged, one line each.
    pub fn warnings(&self) -> Vec<String> {
        self.lines()
            .into_iter()
            .filter(|l| l.starts_with("WARN"))
            .collect()
    }

    fn push(&self, line: String) {
        self.lines.lock().unwrap().push(line);
    }
}

struct Fields<'a>(&'a mut String);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        let _ = write!(self.0, " {}={:?}", field.name(), value);
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        let _ = write!(self.0, " {}={}", field.name(), value);
    }
}

impl Subscriber for Capture {
    fn register_callsite(&self, _: &'static Metadata<'static>) -> Interest {
        Interest::sometimes()
    }

    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut line = format!("SPAN {}", span.metadata().name());
        span.record(&mut Fields(&mut line));
        self.push(line);
        Id::from_u64(self.next_id.fetch_add(1, Ordering::Relaxed) + 1)
    }

    fn record(&self, _: &Id, values: &Record<'_>) {
        let mut line = "RECORD".to_owned();
        values.record(&mut Fields(&mut line));
        self.push(line);
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut line = format!("{}", event.metadata().level());
        event.record(&mut Fields(&mut line));
        self.push(line);
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

/// A client builder of either runtime, pointed at `fake`, with every scope
/// the flow needs.
pub fn builder<C: RuntimeClient>(fake: &FakeDiscord) -> RuntimeBuilder<C> {
    RuntimeBuilder::new(fake.application_id())
        .client_secret(fake.client_secret())
        .redirect_uri(fake.redirect_uri())
        .scopes(
            ALL_SCOPES
                .iter()
                .map(|name| disco_oauth2::Scope::parse(name).unwrap()),
        )
        .api_base(fake.base_url())
        .authorize_url(fake.authorize_url())
}

/// A fake, a client of either runtime configured by `configure`, and a live
/// token with `identify` and `guilds`.
pub fn setup<C: RuntimeClient>(
    configure: impl FnOnce(RuntimeBuilder<C>) -> RuntimeBuilder<C>,
) -> (FakeDiscord, C, BearerToken)
where
    C::Error: fmt::Debug,
{
    let fake = FakeDiscord::start();
    let client = configure(builder(&fake)).build().unwrap();
    let token = BearerToken::new(fake.grant(&["identify", "guilds"]).access_token);
    (fake, client, token)
}

/// What a whole flow must have logged (a span per request naming the
/// operation, method, route and status) and what it must not have shown
/// anywhere, in the log or in `shown` (errors and clients formatted): a
/// single token, secret or code.
pub fn assert_traced_without_secrets(
    capture: &Capture,
    shown: &str,
    fake: &FakeDiscord,
    first: &AccessToken,
    refreshed: &AccessToken,
    code: &str,
) {
    let log = capture.text();
    assert!(
        log.contains("SPAN discord.request operation=exchange_code method=POST route=POST /oauth2/token attempt=1"),
        "{log}"
    );
    assert!(
        log.contains("operation=current_user_guilds method=GET route=GET /users/@me/guilds"),
        "{log}"
    );
    assert!(
        log.contains(&format!(
            "route=PUT /guilds/{GUILD_BOT_ONLY}/members/{{user.id}}"
        )),
        "{log}"
    );
    assert!(log.contains("RECORD status=201"), "{log}");
    assert!(log.contains("RECORD status=401"), "{log}");
    assert!(capture.warnings().is_empty(), "{:?}", capture.warnings());
    let secrets = [
        first.access_token.secret().to_owned(),
        first.refresh_token.as_ref().unwrap().secret().to_owned(),
        refreshed.access_token.secret().to_owned(),
        refreshed
            .refresh_token
            .as_ref()
            .unwrap()
            .secret()
            .to_owned(),
        fake.client_secret(),
        fake.bot_token(),
        code.to_owned(),
    ];
    for secret in &secrets {
        assert!(
            !log.contains(secret.as_str()),
            "a secret was logged:\n{log}"
        );
        assert!(
            !shown.contains(secret.as_str()),
            "a secret was shown: {shown}"
        );
    }
}

/// Every scope the flow needs.
pub const ALL_SCOPES: &[&str] = &[
    "identify",
    "email",
    "guilds",
    "guilds.join",
    "guilds.members.read",
    "connections",
    "role_connections.write",
];

/// The query of a `Location` header.
pub fn location(headers: &http::HeaderMap) -> String {
    headers
        .get(http::header::LOCATION)
        .expect("a Location header")
        .to_str()
        .unwrap()
        .to_owned()
}
