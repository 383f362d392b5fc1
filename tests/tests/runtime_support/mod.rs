//! Test helpers shared by both runtimes' tests (included with `#[path]`):
//! a client builder of either runtime pointed at a fake Discord, and a
//! capture of every `tracing` span and event and every `log` record, of all
//! targets, dependencies included, to check what is logged.

#![allow(dead_code, missing_docs, clippy::unwrap_used)]

use std::fmt::{self, Write as _};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

use disco_oauth2_fake::FakeDiscord;

#[path = "example_binary.rs"]
mod example_binary;
pub use example_binary::example_binary;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::subscriber::Interest;
use tracing::{Event, Metadata, Subscriber};

/// A builder of `$client`'s runtime, pointed at `$fake`, with every scope
/// the flow needs.
#[macro_export]
macro_rules! fake_builder {
    ($client:ty, $fake:expr) => {{
        let fake: &disco_oauth2_fake::FakeDiscord = $fake;
        <$client>::builder(fake.application_id())
            .client_secret(fake.client_secret())
            .redirect_uri(fake.redirect_uri())
            .scopes($crate::support::all_scopes())
            .api_base(fake.api_base())
            .authorize_url(fake.authorize_url())
    }};
}

/// A fake, a client of `$client`'s runtime configured by `$configure`,
/// and a live token with `identify` and `guilds`.
#[macro_export]
macro_rules! fake_setup {
    ($client:ty, $configure:expr) => {{
        let fake = disco_oauth2_fake::FakeDiscord::start();
        let client = ($configure)(fake_builder!($client, &fake)).build().unwrap();
        let token = $crate::support::bearer(&fake);
        (fake, client, token)
    }};
}

/// A fake whose user is in `count` guilds.
pub fn guilds_fake(count: u64) -> FakeDiscord {
    let mut fake = FakeDiscord::builder().clear_guilds();
    for i in 0..count {
        let id = 1_000_000_000_000_000_000 + i;
        fake = fake.guild(disco_oauth2_fake::FakeGuild::new(id, format!("g{i}")));
    }
    fake.start()
}

/// A live token with `identify` and `guilds` at `fake`.
pub fn bearer(fake: &FakeDiscord) -> disco_oauth2::BearerToken {
    disco_oauth2::BearerToken::new(fake.grant(&["identify", "guilds"]).access_token)
}

/// Records spans, events and `log` records as text lines.
#[derive(Clone, Default)]
pub struct Capture {
    lines: Arc<Mutex<Vec<String>>>,
    next_id: Arc<AtomicU64>,
    /// `ureq_proto` TRACE records dropped by the documented filter.
    filtered: Arc<AtomicUsize>,
}

/// The documented filter, `ureq_proto=debug`: ureq's protocol crate
/// hex-dumps requests and responses (secrets included) at TRACE, and nothing
/// in ureq turns that off, so the blocking crate's docs tell users to filter
/// it. The capture applies the same filter, and counts what it dropped.
fn documented_filter_drops(target: &str, trace: bool) -> bool {
    trace && target.starts_with("ureq_proto")
}

/// The process-wide capture, emptied, and a lock that keeps the tests using
/// it apart. Installed as the global `tracing` subscriber and `log` logger.
pub fn capture() -> (MutexGuard<'static, ()>, Capture) {
    static LOCK: Mutex<()> = Mutex::new(());
    static CAPTURE: OnceLock<Capture> = OnceLock::new();
    let guard = LOCK.lock().unwrap_or_else(PoisonError::into_inner);
    let capture = CAPTURE
        .get_or_init(|| {
            let capture = Capture::default();
            tracing::subscriber::set_global_default(capture.clone()).unwrap();
            log::set_boxed_logger(Box::new(capture.clone())).unwrap();
            log::set_max_level(log::LevelFilter::Trace);
            capture
        })
        .clone();
    capture.clear();
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

    /// How many `ureq_proto` TRACE records the documented filter dropped.
    pub fn filtered(&self) -> usize {
        self.filtered.load(Ordering::Relaxed)
    }

    /// Forgets what was captured so far.
    pub fn clear(&self) {
        self.lines.lock().unwrap().clear();
        self.filtered.store(0, Ordering::Relaxed);
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
        let meta = event.metadata();
        let trace = *meta.level() == tracing::Level::TRACE;
        if documented_filter_drops(meta.target(), trace) {
            self.filtered.fetch_add(1, Ordering::Relaxed);
            return;
        }
        let mut line = format!("{} target={}", meta.level(), meta.target());
        event.record(&mut Fields(&mut line));
        self.push(line);
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }

    fn log(&self, record: &log::Record<'_>) {
        let trace = record.level() == log::Level::Trace;
        if documented_filter_drops(record.target(), trace) {
            self.filtered.fetch_add(1, Ordering::Relaxed);
            return;
        }
        let level = record.level().as_str().to_uppercase();
        self.push(format!(
            "{level} target={} {}",
            record.target(),
            record.args()
        ));
    }

    fn flush(&self) {}
}

/// Every secret a whole flow handled, as the text that must never be shown.
#[derive(Default)]
pub struct Secrets(Vec<(&'static str, String)>);

impl Secrets {
    pub fn add(&mut self, what: &'static str, secret: impl Into<String>) {
        let secret = secret.into();
        assert!(!secret.is_empty(), "{what} is empty");
        self.0.push((what, secret));
    }

    /// The client secret, the bot token, and the Basic header value.
    pub fn of_fake(fake: &FakeDiscord) -> Self {
        use base64::Engine as _;
        let mut secrets = Self::default();
        secrets.add("client secret", fake.client_secret());
        secrets.add("bot token", fake.bot_token());
        let basic = format!("{}:{}", fake.application_id(), fake.client_secret());
        secrets.add(
            "basic credentials",
            base64::engine::general_purpose::STANDARD.encode(basic),
        );
        secrets
    }

    /// Asserts that neither the capture nor `shown` holds any secret.
    pub fn assert_absent(&self, capture: &Capture, shown: &str) {
        let log = capture.text();
        for (what, secret) in &self.0 {
            assert!(
                !log.contains(secret.as_str()),
                "the {what} was logged:\n{log}"
            );
            assert!(
                !shown.contains(secret.as_str()),
                "the {what} was shown: {shown}"
            );
        }
    }
}

/// Every scope the flow needs.
/// [`ALL_SCOPES`], parsed.
pub fn all_scopes() -> Vec<disco_oauth2::Scope> {
    ALL_SCOPES
        .iter()
        .map(|name| disco_oauth2::Scope::parse(name).expect("a known scope"))
        .collect()
}

pub const ALL_SCOPES: &[&str] = &[
    "identify",
    "email",
    "guilds",
    "guilds.join",
    "guilds.members.read",
    "connections",
    "role_connections.write",
];

/// The `Location` header of a response.
pub fn location(headers: &http::HeaderMap) -> String {
    headers
        .get(http::header::LOCATION)
        .expect("a Location header")
        .to_str()
        .unwrap()
        .to_owned()
}

/// How many device-code polls of the token endpoint the fake has seen.
pub fn device_polls(fake: &FakeDiscord) -> usize {
    fake.requests()
        .iter()
        .filter(|r| r.path == "/api/v10/oauth2/token")
        .filter(|r| {
            r.form().iter().any(|(k, v)| {
                k == "grant_type" && v == "urn:ietf:params:oauth:grant-type:device_code"
            })
        })
        .count()
}

/// How many times the fake has served its key set (JWKS).
pub fn jwks_fetches(fake: &FakeDiscord) -> usize {
    fake.requests()
        .iter()
        .filter(|r| r.path == "/api/oauth2/keys")
        .count()
}

/// How many requests under `path` with `method` the fake has seen.
pub fn requests_to(fake: &FakeDiscord, method: &str, path: &str) -> usize {
    fake.requests()
        .iter()
        .filter(|r| r.method == method && r.path == path)
        .count()
}

/// A compact JWS naming the key id `kid`, which no key set holds: its
/// signature is never checked, since no key is found.
pub fn forged_id_token(fake: &FakeDiscord, kid: &str) -> disco_oauth2::IdToken {
    use base64::Engine as _;
    let b64 = |v: String| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v);
    let header = format!(r#"{{"alg":"RS256","typ":"JWT","kid":"{kid}"}}"#);
    let claims = format!(
        r#"{{"iss":"https://discord.com","sub":"{}","aud":"{}","exp":4102444800,"iat":1700000000}}"#,
        fake.user_id(),
        fake.client_id()
    );
    disco_oauth2::IdToken::new(format!(
        "{}.{}.{}",
        b64(header),
        b64(claims),
        b64("sig".into())
    ))
}

/// A public client's fake: the token endpoint takes `client_id` with PKCE.
pub fn public_fake() -> FakeDiscord {
    FakeDiscord::builder().public_client(true).start()
}

/// Linked-role metadata records `0 .. n`.
pub fn metadata_records(n: usize) -> Vec<disco_oauth2::model::RoleConnectionMetadata> {
    use disco_oauth2::model::{RoleConnectionMetadata, RoleConnectionMetadataType};
    (0..n)
        .map(|i| {
            RoleConnectionMetadata::new(
                RoleConnectionMetadataType::IntegerGreaterThanOrEqual,
                format!("level_{i}"),
                format!("Level {i}"),
                "The level reached",
            )
        })
        .collect()
}

/// A public client of `$client`'s runtime pointed at `$fake` (see [`public_fake`]).
#[macro_export]
macro_rules! public_builder {
    ($client:ty, $fake:expr) => {{
        let fake: &disco_oauth2_fake::FakeDiscord = $fake;
        <$client>::builder(fake.application_id())
            .public_client()
            .redirect_uri(fake.redirect_uri())
            .api_base(fake.api_base())
            .authorize_url(fake.authorize_url())
    }};
}

/// A public client's fake whose device logins poll every second and live `lifetime`.
pub fn device_fake(lifetime: std::time::Duration) -> FakeDiscord {
    let fake = public_fake();
    fake.set_device_timing(std::time::Duration::from_secs(1), lifetime);
    fake
}

/// Runs the example `name` (built by `cargo test` beside the tests, in
/// `target/<profile>/examples/`) without the environment variables `unset`;
/// its stdout, after checking it succeeded.
pub fn run_example(name: &str, unset: &[&str]) -> String {
    let binary = example_binary(name);
    let mut command = std::process::Command::new(binary);
    for var in unset {
        command.env_remove(var);
    }
    let output = command.output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{name} failed:\n{stdout}\n{stderr}"
    );
    stdout
}
