//! The authorization URL, exactly as Discord documents it, and none of the
//! Python package's URL bugs.
#![allow(clippy::unwrap_used)]

use disco_oauth2::authorize::{
    AuthorizationCallback, ImplicitGrant, IntegrationType, PkceChallenge, Prompt, ResponseType,
};
use disco_oauth2::{Client, CsrfState, Error, GuildId, Permissions, PkceVerifier, Scope};

fn client() -> Client {
    Client::builder(157730590492196864)
        .client_secret("secret")
        .redirect_uri("https://nicememe.website")
        .scopes([Scope::Identify, Scope::GuildsJoin])
        .build()
        .unwrap()
}

#[test]
fn discords_documented_example() {
    // https://discord.com/oauth2/authorize?response_type=code&client_id=157730590492196864&scope=identify%20guilds.join
    //   &state=15773059ghq9183habn&redirect_uri=https%3A%2F%2Fnicememe.website&prompt=consent&integration_type=0
    let url = client()
        .authorize_url()
        .scopes([Scope::Identify, Scope::GuildsJoin])
        .state(&CsrfState::new("15773059ghq9183habn"))
        .prompt(Prompt::Consent)
        .integration_type(IntegrationType::GuildInstall)
        .build()
        .unwrap();
    assert_eq!(
        url.as_str(),
        "https://discord.com/oauth2/authorize?response_type=code&client_id=157730590492196864\
         &scope=guilds.join%20identify&state=15773059ghq9183habn\
         &redirect_uri=https%3A%2F%2Fnicememe.website&prompt=consent&integration_type=0"
    );
}

#[test]
fn every_parameter() {
    let verifier = PkceVerifier::parse("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").unwrap();
    let url = client()
        .authorize_url()
        .scopes([Scope::Bot, Scope::ApplicationsCommands, Scope::Identify])
        .state(&CsrfState::new("a b/c&d"))
        .redirect_uri("http://localhost:8000/cb?x=1&y=2")
        .prompt(Prompt::None)
        .integration_type(IntegrationType::UserInstall)
        .permissions(Permissions::ADMINISTRATOR | Permissions::SEND_MESSAGES)
        .guild_id(GuildId::new(42))
        .disable_guild_select(true)
        .pkce_challenge(&PkceChallenge::from_verifier(&verifier))
        .build()
        .unwrap();
    assert_eq!(
        url.as_str(),
        "https://discord.com/oauth2/authorize?response_type=code&client_id=157730590492196864\
         &scope=applications.commands%20bot%20identify&state=a%20b%2Fc%26d\
         &redirect_uri=http%3A%2F%2Flocalhost%3A8000%2Fcb%3Fx%3D1%26y%3D2&prompt=none&integration_type=1\
         &permissions=2056&guild_id=42&disable_guild_select=true\
         &code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
    );
}

/// The Python package's bugs 1, 27 and §3: `disable_guild_select` written
/// with the prompt's value, bot parameters dropped unless `bot` is a scope,
/// `+`-joined scopes, a half-encoded redirect URI and the legacy `/api` base.
#[test]
fn none_of_the_python_url_bugs() {
    let url = client()
        .authorize_url()
        .scopes([Scope::Identify])
        .prompt(Prompt::Consent)
        .disable_guild_select(false)
        .guild_id(GuildId::new(1))
        .permissions(Permissions::from_bits_retain(8))
        .build()
        .unwrap()
        .into_string();
    assert!(
        url.starts_with("https://discord.com/oauth2/authorize?"),
        "{url}"
    );
    assert!(url.contains("&disable_guild_select=false"), "{url}");
    assert!(url.contains("&guild_id=1&"), "{url}");
    assert!(url.contains("&permissions=8&"), "{url}");
    assert!(
        url.contains("redirect_uri=https%3A%2F%2Fnicememe.website"),
        "{url}"
    );
    let joined = client().authorize_url().build().unwrap().into_string();
    assert!(
        joined.contains("&scope=guilds.join%20identify&"),
        "{joined}"
    );
}

#[test]
fn bot_invite_and_implicit_grant() {
    let url = client()
        .authorize_url()
        .bot_invite()
        .permissions(Permissions::from_bits_retain(1))
        .build()
        .unwrap();
    assert_eq!(
        url.as_str(),
        "https://discord.com/oauth2/authorize?client_id=157730590492196864&scope=bot&permissions=1"
    );
    let url = client()
        .authorize_url()
        .response_type(ResponseType::Token)
        .scopes([Scope::Identify])
        .build()
        .unwrap();
    assert_eq!(
        url.as_str(),
        "https://discord.com/oauth2/authorize?response_type=token&client_id=157730590492196864\
         &scope=identify&redirect_uri=https%3A%2F%2Fnicememe.website"
    );
}

#[test]
fn refused_urls() {
    let no_scopes = Client::builder(1).build().unwrap();
    assert_eq!(
        no_scopes.authorize_url().build().unwrap_err().to_string(),
        "invalid scopes: an authorization URL needs at least one scope"
    );
    assert_eq!(
        client()
            .authorize_url()
            .response_type(ResponseType::Token)
            .scopes([Scope::RoleConnectionsWrite])
            .build()
            .unwrap_err()
            .to_string(),
        "invalid scopes: role_connections.write cannot be used with the implicit grant (response_type=token)"
    );
    assert!(matches!(
        client().authorize_url().redirect_uri("not a url").build(),
        Err(Error::InvalidInput(_))
    ));
}

#[test]
fn custom_authorize_endpoint() {
    let client = Client::builder(1)
        .authorize_url("http://127.0.0.1:4000/oauth2/authorize")
        .scopes([Scope::Identify])
        .build()
        .unwrap();
    assert_eq!(
        client.authorize_url().build().unwrap().as_str(),
        "http://127.0.0.1:4000/oauth2/authorize?response_type=code&client_id=1&scope=identify"
    );
}

#[test]
fn round_trip_through_the_callback() {
    let state = CsrfState::generate().unwrap();
    let url = client().authorize_url().state(&state).build().unwrap();
    // The state comes back as Discord echoes it: percent-encoded in the redirect.
    let returned = url
        .as_str()
        .split("state=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap();
    let callback = AuthorizationCallback::parse(&format!(
        "https://nicememe.website/?code=NhhvTDYsFcdgNLnnLijcl7Ku7bEEeee&state={returned}"
    ))
    .unwrap()
    .verify_state(&state)
    .unwrap();
    assert_eq!(callback.code.secret(), "NhhvTDYsFcdgNLnnLijcl7Ku7bEEeee");
    assert!(matches!(
        AuthorizationCallback::parse("code=x")
            .unwrap()
            .verify_state(&state),
        Err(Error::StateMismatch)
    ));
    assert!(matches!(
        AuthorizationCallback::parse(&format!("code=x&state={}x", state.secret()))
            .unwrap()
            .verify_state(&state),
        Err(Error::StateMismatch)
    ));
}

#[test]
fn implicit_fragment() {
    let now = "2026-01-01T00:00:00Z".parse().unwrap();
    let grant = ImplicitGrant::parse(
        "#access_token=abc&token_type=Bearer&expires_in=60&scope=identify%20guilds&state=s",
        now,
    )
    .unwrap();
    assert_eq!(grant.token.access_token.secret(), "abc");
    assert_eq!(
        grant.token.expires_at.to_rfc3339(),
        "2026-01-01T00:01:00+00:00"
    );
    assert!(grant.token.scopes.contains(&Scope::Guilds));
    assert_eq!(grant.state.as_ref().map(CsrfState::secret), Some("s"));
    assert_eq!(
        ImplicitGrant::parse("#access_token=a&token_type=Bearer", now)
            .unwrap_err()
            .to_string(),
        "invalid fragment: has no expires_in"
    );
    let state = CsrfState::new("s");
    assert!(matches!(
        ImplicitGrant::parse_verified("#error=access_denied&state=forged", now, &state),
        Err(Error::StateMismatch)
    ));
    assert!(
        ImplicitGrant::parse_verified("#access_token=a&expires_in=1&state=s", now, &state).is_ok()
    );
    assert!(matches!(
        ImplicitGrant::parse("#error=access_denied", now),
        Err(Error::OAuth2(e)) if e.code.as_str() == "access_denied"
    ));
    assert_eq!(
        ImplicitGrant::parse("#token_type=Bearer", now)
            .unwrap_err()
            .to_string(),
        "invalid fragment: has no access_token"
    );
    assert!(matches!(
        ImplicitGrant::parse("#access_token=a&expires_in=x", now),
        Err(Error::InvalidInput(_))
    ));
}
