//! What the client logs: one `discord.request` span per request, waits
//! logged, and never a secret — with every target captured at TRACE,
//! dependencies included. Kept in its own test binary, with one global
//! subscriber and logger.

#![allow(clippy::unwrap_used, missing_docs)]
// The lock only keeps these tests apart; each runs on its own thread and runtime.
#![allow(clippy::await_holding_lock)]

#[macro_use]
#[path = "../../tests/tests/runtime_support/mod.rs"]
mod support;

use disco_oauth2_async::authorize::{AuthorizationCallback, PkceChallenge};
use disco_oauth2_async::{BotToken, Client, CsrfState, GuildId, Scope};
use disco_oauth2_fake::{FakeDiscord, Fault, GUILD_BOT_ONLY, GUILD_DISCORD_API};
use support::{Secrets, capture, location};

/// Follows the fake's auto-consent: GET the authorization URL, read the redirect.
async fn consent(url: &str) -> String {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    location(http.get(url).send().await.unwrap().headers())
}

#[tokio::test]
async fn rate_limited_then_success_retries_and_says_so() {
    let fake = FakeDiscord::start();
    let client = fake_builder!(Client, &fake).build().unwrap();
    let token = support::bearer(&fake);
    let (_lock, capture) = capture();
    fake.inject(Fault::rate_limited(0.05), 1);
    let user = client.fetch_user(&token).await.unwrap();
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
/// handled looked for. Nothing in this runtime's stack (reqwest, hyper,
/// rustls) needs a filter: the capture's `ureq_proto` filter drops nothing.
#[tokio::test]
async fn the_whole_flow_at_trace_logs_no_secret() {
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
    let callback =
        AuthorizationCallback::parse_verified(&consent(url.as_str()).await, &state).unwrap();
    secrets.add("code", callback.code.secret());
    // The browser step above is the test's own request (its client logs the
    // URL, state included, at DEBUG): only what the library logs counts.
    capture.clear();
    let token = client
        .exchange_code_with_pkce(callback.code, verifier)
        .await
        .unwrap();
    secrets.add("access token", token.access_token.secret());
    secrets.add(
        "refresh token",
        token.refresh_token.as_ref().unwrap().secret(),
    );

    let mut user = client.user(token);
    user.fetch_user().await.unwrap();
    user.fetch_guilds().await.unwrap();
    user.fetch_connections().await.unwrap();
    user.fetch_member(GuildId::new(GUILD_DISCORD_API))
        .await
        .unwrap();
    let bot = BotToken::new(fake.bot_token());
    user.add_to_guild(&bot, GuildId::new(GUILD_BOT_ONLY), |op| op.nick("N"))
        .await
        .unwrap();
    let refreshed = user.refresh().await.unwrap().clone();
    secrets.add("refreshed access token", refreshed.access_token.secret());
    secrets.add(
        "refreshed refresh token",
        refreshed.refresh_token.as_ref().unwrap().secret(),
    );
    user.revoke().await.unwrap();
    let dead = user.fetch_user().await.unwrap_err();

    let owner = client.client_credentials([Scope::Identify]).await.unwrap();
    secrets.add("client-credentials token", owner.access_token.secret());
    client.revoke_token(&owner).await.unwrap();

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
    assert_eq!(capture.filtered(), 0);
}
