//! The whole OAuth2 flow against the fake Discord, over real loopback HTTP.

#![allow(clippy::unwrap_used, missing_docs)]

#[macro_use]
#[path = "../../tests/tests/runtime_support/mod.rs"]
mod support;

use disco_oauth2_async::authorize::{AuthorizationCallback, PkceChallenge};
use disco_oauth2_async::disco_oauth2::Error as CoreError;
use disco_oauth2_async::{
    AddedMember, BearerToken, BotToken, Client, CsrfState, Error, GuildId, OAuth2ErrorCode,
    PkceVerifier, RoleConnectionUpdate, Scope, UserId,
};
use disco_oauth2_fake::{FakeDiscord, FakeGuild, GUILD_BOT_ONLY, GUILD_DISCORD_API, USER_ID};
use support::location;

fn builder(fake: &FakeDiscord) -> disco_oauth2_async::ClientBuilder {
    fake_builder!(Client, fake)
}

/// Follows the fake's auto-consent: GET the authorization URL, read the redirect.
async fn consent(url: &str) -> String {
    disco_oauth2_async::install_crypto_provider();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = http.get(url).send().await.unwrap();
    assert_eq!(response.status(), 302, "the fake redirects back at once");
    location(response.headers())
}

#[tokio::test]
async fn whole_flow() {
    let fake = FakeDiscord::builder()
        .guild(FakeGuild::new(1_000_000_000_000_000_001, "Extra"))
        .start();
    let client = builder(&fake).build().unwrap();

    // Authorize: the fake consents and redirects to the callback.
    let state = CsrfState::generate().unwrap();
    let url = client.authorize_url().state(&state).build().unwrap();
    let redirect = consent(url.as_str()).await;
    assert!(redirect.starts_with(&fake.redirect_uri()), "{redirect}");
    let callback = AuthorizationCallback::parse(&redirect)
        .unwrap()
        .verify_state(&state)
        .unwrap();

    // Exchange.
    let token = client.exchange_code(callback.code).await.unwrap();
    assert!(token.refresh_token.is_some());
    assert!(token.scopes.contains(&Scope::GuildsJoin));
    let first_access = token.access_token.clone();

    let mut user = client.user(token);
    assert_eq!(user.user_id(), None);
    let me = user.fetch_user().await.unwrap();
    assert_eq!(me.id, UserId::new(USER_ID));
    assert_eq!(user.user_id(), Some(me.id));

    let guilds = user.fetch_guilds().await.unwrap();
    assert!(
        guilds
            .iter()
            .any(|g| g.id == GuildId::new(GUILD_DISCORD_API))
    );
    let page = user
        .fetch_guilds_page(|op| op.limit(1).with_counts(true))
        .await
        .unwrap();
    assert_eq!(page.len(), 1);
    let all = user.fetch_all_guilds().await.unwrap();
    assert_eq!(all.len(), guilds.len());

    let connections = user.fetch_connections().await.unwrap();
    assert!(!connections.is_empty());
    let member = user
        .fetch_member(GuildId::new(GUILD_DISCORD_API))
        .await
        .unwrap();
    assert_eq!(member.guild_id, Some(GuildId::new(GUILD_DISCORD_API)));

    let authorization = user.fetch_authorization().await.unwrap();
    assert!(authorization.scopes.contains(&Scope::Identify));

    // Linked roles.
    let update = RoleConnectionUpdate::new()
        .platform_name("Fake Game")
        .platform_username("nelly");
    let set = user.update_role_connection(update).await.unwrap();
    assert_eq!(set.platform_name.as_deref(), Some("Fake Game"));
    assert_eq!(
        user.fetch_role_connection()
            .await
            .unwrap()
            .platform_username
            .as_deref(),
        Some("nelly")
    );
    user.delete_role_connection().await.unwrap();

    // Add to a guild: 201 with the member, then 204.
    let bot = BotToken::new(fake.bot_token());
    let added = user
        .add_to_guild(&bot, GuildId::new(GUILD_BOT_ONLY), |op| op.nick("Nelly"))
        .await
        .unwrap();
    let AddedMember::Added(member) = added else {
        panic!("expected Added, got {added:?}");
    };
    assert_eq!(member.nick.as_deref(), Some("Nelly"));
    assert!(fake.is_member(GUILD_BOT_ONLY, USER_ID));
    let again = user
        .add_to_guild(&bot, GuildId::new(GUILD_BOT_ONLY), |op| op.nick("Nelly"))
        .await
        .unwrap();
    assert_eq!(again, AddedMember::AlreadyMember);

    // Refresh: a new token replaces the old one, which is dead.
    let old_refresh = user.token().refresh_token.clone().unwrap();
    let new_access = user.refresh().await.unwrap().access_token.clone();
    assert_ne!(new_access, first_access);
    assert!(!fake.refresh_token_alive(old_refresh.secret()));
    let dead = client.fetch_user(&first_access).await.unwrap_err();
    assert!(
        matches!(dead, Error::Core(CoreError::Unauthorized { .. })),
        "{dead}"
    );
    assert_eq!(dead.status(), Some(http::StatusCode::UNAUTHORIZED));
    user.fetch_user().await.unwrap();

    // Revoke: the token is dead, 401.
    user.revoke().await.unwrap();
    let revoked = user.fetch_user().await.unwrap_err();
    assert!(revoked.is_token_dead(), "{revoked}");
    assert!(!fake.access_token_alive(new_access.secret()));
}

#[tokio::test]
async fn all_guilds_follows_pages() {
    let fake = support::guilds_fake(200);
    let client = builder(&fake).build().unwrap();
    let user = client.user(fresh_token(&client, &fake).await);
    fake.clear_requests();
    let all = user.fetch_all_guilds().await.unwrap();
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
#[tokio::test]
async fn all_guilds_is_a_bounded_walk() {
    let fake = support::guilds_fake(450);
    let client = builder(&fake).build().unwrap();
    let user = client.user(fresh_token(&client, &fake).await);
    fake.clear_requests();
    let err = user.fetch_all_guilds().await.unwrap_err();
    assert!(err.core().is_some(), "{err:?}");
    assert_eq!(err.status(), None, "{err:?}");
    assert!(
        fake.requests().len() <= 3,
        "{} pages",
        fake.requests().len()
    );
}

async fn fresh_token(client: &Client, fake: &FakeDiscord) -> disco_oauth2_async::AccessToken {
    let tokens = fake.grant(&["guilds"]);
    client
        .refresh_token(&tokens.refresh_token.as_str().into())
        .await
        .unwrap()
}

#[tokio::test]
async fn pkce() {
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
    let callback = AuthorizationCallback::parse(&consent(url.as_str()).await)
        .unwrap()
        .verify_state(&state)
        .unwrap();
    let token = client
        .exchange_code_with_pkce(
            callback.code.clone(),
            PkceVerifier::parse(verifier.secret()).unwrap(),
        )
        .await
        .unwrap();
    let me = client.fetch_user(&token.access_token).await.unwrap();
    assert_eq!(me.id, UserId::new(USER_ID));
    // A code is single-use (and Discord-like servers revoke what it gave).
    let reused = client
        .exchange_code_with_pkce(callback.code, verifier)
        .await
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
    let callback = AuthorizationCallback::parse(&consent(url.as_str()).await).unwrap();
    let err = client
        .exchange_code_with_pkce(callback.code, other_verifier)
        .await
        .unwrap_err();
    match err.core() {
        Some(CoreError::OAuth2(e)) => assert_eq!(e.code, OAuth2ErrorCode::InvalidGrant),
        other => panic!("expected invalid_grant, got {other:?}"),
    }
}

#[tokio::test]
async fn client_credentials() {
    let fake = FakeDiscord::start();
    let client = builder(&fake).build().unwrap();
    let token = client
        .client_credentials([Scope::Identify, Scope::Connections])
        .await
        .unwrap();
    assert!(token.refresh_token.is_none());
    assert!(token.scopes.contains(&Scope::Connections));
    let owner = client.fetch_user(&token.access_token).await.unwrap();
    assert_eq!(owner.id, UserId::new(disco_oauth2_fake::OWNER_ID));
    // Without a refresh token, revocation goes by the access token.
    client.revoke_token(&token).await.unwrap();
    assert!(!fake.access_token_alive(token.access_token.secret()));
    // The bot's application, with the bot's token (and not with another).
    let app = client
        .fetch_application(&BotToken::new(fake.bot_token()))
        .await
        .unwrap();
    assert_eq!(app.id.get(), fake.application_id());
    let err = client
        .fetch_application(&BotToken::new("not-the-bot"))
        .await
        .unwrap_err();
    assert!(err.is_token_dead(), "{err}");
    let mut session = client.user(token);
    let err = session.refresh().await.unwrap_err();
    assert!(
        matches!(err.core(), Some(CoreError::InvalidInput(_))),
        "{err}"
    );
}

#[tokio::test]
async fn errors_and_debug_keep_secrets() {
    let fake = FakeDiscord::start();
    let client = Client::builder(fake.application_id())
        .client_secret(fake.client_secret())
        .api_base(fake.api_base())
        .build()
        .unwrap();
    let token = BearerToken::new("not-a-live-token-SECRET");
    let err = client.fetch_user(&token).await.unwrap_err();
    assert!(err.is_token_dead());
    for shown in [format!("{err}"), format!("{err:?}"), format!("{client:?}")] {
        assert!(!shown.contains("SECRET"), "{shown}");
        assert!(!shown.contains(&fake.client_secret()), "{shown}");
    }
}

/// Each request reaches Discord at exactly the path and query the core
/// built (the runtime copies the API origin's parsed URL and sets them).
#[tokio::test]
async fn requests_reach_the_path_and_query_the_core_built() {
    use disco_oauth2_async::disco_oauth2::Operation;
    let fake = FakeDiscord::start();
    let client = builder(&fake).build().unwrap();
    let tokens = fake.grant(&["identify", "guilds", "guilds.members.read"]);
    let bearer = BearerToken::new(tokens.access_token.as_str());
    let core = client.core();
    let guild = GuildId::new(GUILD_DISCORD_API);
    let expected: Vec<http::Uri> = vec![
        core.current_user(&bearer)
            .into_parts()
            .unwrap()
            .0
            .uri()
            .clone(),
        core.current_user_guilds(&bearer)
            .limit(2)
            .after(GuildId::new(1))
            .with_counts(true)
            .into_parts()
            .unwrap()
            .0
            .uri()
            .clone(),
        core.current_user_guild_member(&bearer, guild)
            .into_parts()
            .unwrap()
            .0
            .uri()
            .clone(),
    ];
    let before = fake.requests().len();
    client.run(core.current_user(&bearer)).await.unwrap();
    let op = core
        .current_user_guilds(&bearer)
        .limit(2)
        .after(GuildId::new(1));
    client.run(op.with_counts(true)).await.unwrap();
    client
        .run(core.current_user_guild_member(&bearer, guild))
        .await
        .unwrap();
    let seen: Vec<(String, Option<String>)> = fake.requests()[before..]
        .iter()
        .map(|r| (r.path.clone(), r.query.clone()))
        .collect();
    let built: Vec<(String, Option<String>)> = expected
        .iter()
        .map(|uri| (uri.path().to_owned(), uri.query().map(str::to_owned)))
        .collect();
    assert_eq!(seen, built);
    assert_eq!(
        seen[1],
        (
            "/api/v10/users/@me/guilds".to_owned(),
            Some("after=1&limit=2&with_counts=true".to_owned())
        )
    );
}

/// A call's future holds its driver once and no whole step across an
/// await: each task that runs one keeps it all in memory, and moves it.
#[test]
fn a_call_future_holds_its_driver_once() {
    let client = Client::builder(1).build().unwrap();
    let token = BearerToken::new("t");
    let call = disco_oauth2_async::disco_oauth2::driver::Call::new(
        client.core(),
        client.core().current_user(&token),
    );
    let driver = std::mem::size_of_val(&call);
    let future = std::mem::size_of_val(&client.fetch_user(&token));
    // The driver and the send's own state: an `async fn` taking the driver
    // kept it twice and the step beside it (5,264 bytes here), and a send
    // that kept the request and the step across its await 1,288 bytes over
    // the driver.
    assert!(
        future < driver + 1024,
        "{future} bytes for a {driver}-byte driver"
    );
}

#[tokio::test]
async fn futures_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    let fake = FakeDiscord::start();
    let client = builder(&fake).build().unwrap();
    let token = BearerToken::new("t");
    let access = client.client_credentials([Scope::Identify]).await.unwrap();
    let mut session = client.user(access.clone());
    assert_send(&client.run(client.core().current_user(&token)));
    assert_send(&client.exchange_code("code"));
    assert_send(&client.refresh_token(&"r".into()));
    assert_send(&client.revoke_token(&access));
    assert_send(&client.fetch_authorization(&token));
    assert_send(&session.fetch_guilds());
    assert_send(&session.fetch_all_guilds());
    assert_send(&session.fetch_member(GuildId::new(1)));
    assert_send(&session.update_role_connection(RoleConnectionUpdate::new()));
    assert_send(&session.fetch_user());
    let bot = BotToken::new("b");
    assert_send(&session.add_to_guild(&bot, GuildId::new(1), |op| op));
    assert_send(&session.refresh());
    assert_send(&client.client_credentials([Scope::Identify]));
    assert_send(&client.fetch_user(&token));
    assert_send(&client.fetch_application(&bot));
    let verifier = disco_oauth2_async::PkceVerifier::from_bytes(&[7; 32]).unwrap();
    assert_send(&client.exchange_code_with_pkce("code", verifier));
    assert_send(&session.fetch_guilds_page(|op| op.limit(10)));
    assert_send(&session.fetch_connections());
    assert_send(&session.fetch_authorization());
    assert_send(&session.fetch_role_connection());
    assert_send(&session.delete_role_connection());
    assert_send(&session.revoke());

    // And a client serves tasks on other threads.
    let handle = tokio::spawn({
        let client = client.clone();
        async move { client.fetch_user(&access.access_token).await.map(|u| u.id) }
    });
    assert_eq!(
        handle.await.unwrap().unwrap(),
        UserId::new(disco_oauth2_fake::OWNER_ID)
    );
}
