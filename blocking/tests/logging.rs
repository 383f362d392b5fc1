//! What the client logs: one `discord.request` span per request, waits
//! logged, and never a secret — with every target captured at TRACE,
//! dependencies included. Kept in its own test binary, with one global
//! subscriber and logger.

#![allow(clippy::unwrap_used, missing_docs)]

#[macro_use]
#[path = "../../tests/tests/runtime_support/mod.rs"]
mod support;

use disco_oauth2_blocking::authorize::{AuthorizationCallback, PkceChallenge};
use disco_oauth2_blocking::{BotToken, Client, CsrfState, GuildId, Scope};
use disco_oauth2_fake::{FakeDiscord, Fault, GUILD_BOT_ONLY, GUILD_DISCORD_API};
use support::{Secrets, capture, location};

/// Follows the fake's auto-consent: GET the authorization URL, read the redirect.
fn consent(url: &str) -> String {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .into();
    location(agent.get(url).call().unwrap().headers())
}

#[test]
fn rate_limited_then_success_retries_and_says_so() {
    let fake = FakeDiscord::start();
    let client = fake_builder!(Client, &fake).build().unwrap();
    let token = support::bearer(&fake);
    let (_lock, capture) = capture();
    fake.inject(Fault::rate_limited(0.05), 1);
    let user = client.fetch_user(&token).unwrap();
    assert_eq!(user.id.get(), fake.user_id());
    assert_eq!(fake.requests().len(), 2, "the 429, then the success");
    let log = capture.text();
    assert!(log.contains("attempt=2"), "{log}");
    assert!(
        log.contains("status=429") && log.contains("status=200"),
        "{log}"
    );
    // A short wait is a debug line, not a warning.
    assert!(capture.warnings().is_empty(), "{:?}", capture.warnings());
    assert!(log.contains("operation=current_user"), "{log}");
}

/// The whole flow at TRACE, every target captured, then every secret it
/// handled looked for. ureq's protocol crate (`ureq_proto`) hex-dumps
/// requests and responses at TRACE and nothing in ureq turns that off: the
/// capture applies the filter the crate docs give (`ureq_proto=debug`), and
/// the test checks that the filter was needed.
#[test]
fn the_whole_flow_at_trace_logs_no_secret() {
    let (_lock, capture) = capture();
    let fake = FakeDiscord::start();
    let client = fake_builder!(Client, &fake).build().unwrap();
    let mut secrets = Secrets::of_fake(&fake);

    let state = CsrfState::generate().unwrap();
    let (challenge, verifier) = PkceChallenge::generate().unwrap();
    secrets.add("CSRF state", state.secret());
    secrets.add("PKCE verifier", verifier.secret());
    let url = client
        .authorize_url()
        .state(&state)
        .pkce_challenge(&challenge)
        .build()
        .unwrap();
    let callback = AuthorizationCallback::parse_verified(&consent(url.as_str()), &state).unwrap();
    secrets.add("code", callback.code.secret());
    // The browser step above is the test's own request (its client logs the
    // URL, state included, at DEBUG): only what the library logs counts.
    capture.clear();
    let token = client
        .exchange_code_with_pkce(callback.code, verifier)
        .unwrap();
    secrets.add("access token", token.access_token.secret());
    secrets.add(
        "refresh token",
        token.refresh_token.as_ref().unwrap().secret(),
    );

    let mut user = client.user(token);
    user.fetch_user().unwrap();
    user.fetch_guilds().unwrap();
    user.fetch_connections().unwrap();
    user.fetch_member(GuildId::new(GUILD_DISCORD_API)).unwrap();
    let bot = BotToken::new(fake.bot_token());
    user.add_to_guild(&bot, GuildId::new(GUILD_BOT_ONLY), |op| op.nick("N"))
        .unwrap();
    let refreshed = user.refresh().unwrap().clone();
    secrets.add("refreshed access token", refreshed.access_token.secret());
    secrets.add(
        "refreshed refresh token",
        refreshed.refresh_token.as_ref().unwrap().secret(),
    );
    user.revoke().unwrap();
    let dead = user.fetch_user().unwrap_err();

    let owner = client.client_credentials([Scope::Identify]).unwrap();
    secrets.add("client-credentials token", owner.access_token.secret());
    client.revoke_token(&owner).unwrap();

    let shown = format!("{dead} {dead:?} {client:?} {user:?} {owner:?} {refreshed:?}");
    secrets.assert_absent(&capture, &shown);
    let log = capture.text();
    assert!(log.contains("SPAN discord.request operation=exchange_code method=POST path=/api/v10/oauth2/token attempt=1"), "{log}");
    assert!(
        log.contains(&format!("path=/api/v10/guilds/{GUILD_BOT_ONLY}/members/")),
        "{log}"
    );
    assert!(
        log.contains("RECORD status=201") && log.contains("RECORD status=401"),
        "{log}"
    );
    assert!(
        capture.filtered() > 0,
        "ureq_proto logged nothing at TRACE: the documented filter would not be needed"
    );
}
