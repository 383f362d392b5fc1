//! The whole OAuth2 flow against the fake Discord, over real loopback HTTP.

#![allow(clippy::unwrap_used, missing_docs)]

#[macro_use]
#[path = "../../tests/tests/runtime_support/mod.rs"]
mod support;

use disco_oauth2_blocking::authorize::{AuthorizationCallback, PkceChallenge};
use disco_oauth2_blocking::disco_oauth2::Error as CoreError;
use disco_oauth2_blocking::{
    AddedMember, BearerToken, BotToken, Client, CsrfState, Error, GuildId, OAuth2ErrorCode,
    PkceVerifier, RoleConnectionUpdate, Scope, UserId,
};
use disco_oauth2_fake::{FakeDiscord, FakeGuild, GUILD_BOT_ONLY, GUILD_DISCORD_API, USER_ID};
use support::location;

fn builder(fake: &FakeDiscord) -> disco_oauth2_blocking::ClientBuilder {
    fake_builder!(Client, fake)
}

/// Follows the fake's auto-consent: GET the authorization URL, read the redirect.
fn consent(url: &str) -> String {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .into();
    let response = agent.get(url).call().unwrap();
    assert_eq!(response.status(), 302, "the fake redirects back at once");
    location(response.headers())
}

#[test]
fn whole_flow() {
    let fake = FakeDiscord::builder()
        .guild(FakeGuild::new(1_000_000_000_000_000_001, "Extra"))
        .start();
    let client = builder(&fake).build().unwrap();

    // Authorize: the fake consents and redirects to the callback.
    let state = CsrfState::generate().unwrap();
    let url = client.authorize_url().state(&state).build().unwrap();
    let redirect = consent(url.as_str());
    assert!(redirect.starts_with(&fake.redirect_uri()), "{redirect}");
    let callback = AuthorizationCallback::parse(&redirect)
        .unwrap()
        .verify_state(&state)
        .unwrap();

    // Exchange.
    let token = client.exchange_code(callback.code).unwrap();
    assert!(token.refresh_token.is_some());
    assert!(token.scopes.contains(&Scope::GuildsJoin));
    let first_access = token.access_token.clone();

    let mut user = client.user(token);
    assert_eq!(user.user_id(), None);
    let me = user.fetch_user().unwrap();
    assert_eq!(me.id, UserId::new(USER_ID));
    assert_eq!(user.user_id(), Some(me.id));

    let guilds = user.fetch_guilds().unwrap();
    assert!(
        guilds
            .iter()
            .any(|g| g.id == GuildId::new(GUILD_DISCORD_API))
    );
    let page = user
        .fetch_guilds_page(|op| op.limit(1).with_counts(true))
        .unwrap();
    assert_eq!(page.len(), 1);
    let all = user.fetch_all_guilds().unwrap();
    assert_eq!(all.len(), guilds.len());

    let connections = user.fetch_connections().unwrap();
    assert!(!connections.is_empty());
    let member = user.fetch_member(GuildId::new(GUILD_DISCORD_API)).unwrap();
    assert_eq!(member.guild_id, Some(GuildId::new(GUILD_DISCORD_API)));

    let authorization = user.fetch_authorization().unwrap();
    assert!(authorization.scopes.contains(&Scope::Identify));

    // Linked roles.
    let update = RoleConnectionUpdate::new()
        .platform_name("Fake Game")
        .platform_username("nelly");
    let set = user.update_role_connection(update).unwrap();
    assert_eq!(set.platform_name.as_deref(), Some("Fake Game"));
    assert_eq!(
        user.fetch_role_connection()
            .unwrap()
            .platform_username
            .as_deref(),
        Some("nelly")
    );
    user.delete_role_connection().unwrap();

    // Add to a guild: 201 with the member, then 204.
    let bot = BotToken::new(fake.bot_token());
    let added = user
        .add_to_guild(&bot, GuildId::new(GUILD_BOT_ONLY), |op| op.nick("Nelly"))
        .unwrap();
    let AddedMember::Added(member) = added else {
        panic!("expected Added, got {added:?}");
    };
    assert_eq!(member.nick.as_deref(), Some("Nelly"));
    assert!(fake.is_member(GUILD_BOT_ONLY, USER_ID));
    let again = user
        .add_to_guild(&bot, GuildId::new(GUILD_BOT_ONLY), |op| op.nick("Nelly"))
        .unwrap();
    assert_eq!(again, AddedMember::AlreadyMember);

    // Refresh: a new token replaces the old one, which is dead.
    let old_refresh = user.token().refresh_token.clone().unwrap();
    let new_access = user.refresh().unwrap().access_token.clone();
    assert_ne!(new_access, first_access);
    assert!(!fake.refresh_token_alive(old_refresh.secret()));
    let dead = client.fetch_user(&first_access).unwrap_err();
    assert!(
        matches!(dead, Error::Core(CoreError::Unauthorized { .. })),
        "{dead}"
    );
    assert_eq!(dead.status(), Some(http::StatusCode::UNAUTHORIZED));
    user.fetch_user().unwrap();

    // Revoke: the token is dead, 401.
    user.revoke().unwrap();
    let revoked = user.fetch_user().unwrap_err();
    assert!(revoked.is_token_dead(), "{revoked}");
    assert!(!fake.access_token_alive(new_access.secret()));
}

#[test]
fn all_guilds_follows_pages() {
    let fake = support::guilds_fake(200);
    let client = builder(&fake).build().unwrap();
    let user = client.user(fresh_token(&client, &fake));
    fake.clear_requests();
    let all = user.fetch_all_guilds().unwrap();
    assert_eq!(all.len(), 200);
    let mut ids: Vec<_> = all.iter().map(|g| g.id).collect();
    ids.dedup();
    assert_eq!(ids.len(), 200, "no guild twice");
    assert_eq!(
        fake.requests().len(),
        2,
        "a full page of 200, then an empty one"
    );
    // The pages went over one kept-alive connection (the pool is reused).
    let peers: Vec<_> = fake.requests().iter().map(|r| r.peer.unwrap()).collect();
    assert!(peers.iter().all(|p| *p == peers[0]), "{peers:?}");
}

/// A server that keeps answering full pages is not followed past the most
/// guilds a user can be in: a typed error, after a bounded number of pages.
#[test]
fn all_guilds_is_a_bounded_walk() {
    let fake = support::guilds_fake(450);
    let client = builder(&fake).build().unwrap();
    let user = client.user(fresh_token(&client, &fake));
    fake.clear_requests();
    let err = user.fetch_all_guilds().unwrap_err();
    assert!(err.core().is_some(), "{err:?}");
    assert_eq!(err.status(), None, "{err:?}");
    assert!(
        fake.requests().len() <= 3,
        "{} pages",
        fake.requests().len()
    );
}

fn fresh_token(client: &Client, fake: &FakeDiscord) -> disco_oauth2_blocking::AccessToken {
    let tokens = fake.grant(&["guilds"]);
    client
        .refresh_token(&tokens.refresh_token.as_str().into())
        .unwrap()
}

#[test]
fn pkce() {
    let fake = FakeDiscord::start();
    let client = builder(&fake).build().unwrap();
    let state = CsrfState::generate().unwrap();
    let (challenge, verifier) = PkceChallenge::generate().unwrap();
    let url = client
        .authorize_url()
        .state(&state)
        .pkce_challenge(&challenge)
        .build()
        .unwrap();
    let callback = AuthorizationCallback::parse(&consent(url.as_str()))
        .unwrap()
        .verify_state(&state)
        .unwrap();
    let token = client
        .exchange_code_with_pkce(
            callback.code.clone(),
            PkceVerifier::parse(verifier.secret()).unwrap(),
        )
        .unwrap();
    let me = client.fetch_user(&token.access_token).unwrap();
    assert_eq!(me.id, UserId::new(USER_ID));
    // A code is single-use (and Discord-like servers revoke what it gave).
    let reused = client
        .exchange_code_with_pkce(callback.code, verifier)
        .unwrap_err();
    assert!(reused.is_token_dead(), "{reused}");
    let sent = fake
        .requests()
        .into_iter()
        .find(|r| r.path.ends_with("/oauth2/token"))
        .unwrap();
    assert!(sent.form().iter().any(|(k, _)| k == "code_verifier"));

    // The wrong verifier is refused.
    let (challenge, _) = PkceChallenge::generate().unwrap();
    let (_, other_verifier) = PkceChallenge::generate().unwrap();
    let url = client
        .authorize_url()
        .state(&state)
        .pkce_challenge(&challenge)
        .build()
        .unwrap();
    let callback = AuthorizationCallback::parse(&consent(url.as_str())).unwrap();
    let err = client
        .exchange_code_with_pkce(callback.code, other_verifier)
        .unwrap_err();
    match err.core() {
        Some(CoreError::OAuth2(e)) => assert_eq!(e.code, OAuth2ErrorCode::InvalidGrant),
        other => panic!("expected invalid_grant, got {other:?}"),
    }
}

#[test]
fn client_credentials() {
    let fake = FakeDiscord::start();
    let client = builder(&fake).build().unwrap();
    let token = client
        .client_credentials([Scope::Identify, Scope::Connections])
        .unwrap();
    assert!(token.refresh_token.is_none());
    assert!(token.scopes.contains(&Scope::Connections));
    let owner = client.fetch_user(&token.access_token).unwrap();
    assert_eq!(owner.id, UserId::new(disco_oauth2_fake::OWNER_ID));
    // Without a refresh token, revocation goes by the access token.
    client.revoke_token(&token).unwrap();
    assert!(!fake.access_token_alive(token.access_token.secret()));
    // The bot's application, with the bot's token (and not with another).
    let app = client
        .fetch_application(&BotToken::new(fake.bot_token()))
        .unwrap();
    assert_eq!(app.id.get(), fake.application_id());
    let err = client
        .fetch_application(&BotToken::new("not-the-bot"))
        .unwrap_err();
    assert!(err.is_token_dead(), "{err}");
    let mut session = client.user(token);
    let err = session.refresh().unwrap_err();
    assert!(
        matches!(err.core(), Some(CoreError::InvalidInput(_))),
        "{err}"
    );
}

#[test]
fn errors_and_debug_keep_secrets() {
    let fake = FakeDiscord::start();
    let client = Client::builder(fake.application_id())
        .client_secret(fake.client_secret())
        .api_base(fake.api_base())
        .build()
        .unwrap();
    let token = BearerToken::new("not-a-live-token-SECRET");
    let err = client.fetch_user(&token).unwrap_err();
    assert!(err.is_token_dead());
    for shown in [format!("{err}"), format!("{err:?}"), format!("{client:?}")] {
        assert!(!shown.contains("SECRET"), "{shown}");
        assert!(!shown.contains(&fake.client_secret()), "{shown}");
    }
}
