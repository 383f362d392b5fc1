//! Golden tests: the exact request of every operation — method, URL,
//! headers and body bytes.
#![allow(clippy::unwrap_used)]

use disco_oauth2::authorize::PkceChallenge;
use disco_oauth2::{
    ApplicationId, BearerToken, BotToken, Client, ClientAuth, GuildId, Operation, PkceVerifier,
    RefreshToken, RoleConnectionUpdate, RoleId, Scope, UserId,
};
use http::Request;

const UA: &str = concat!(
    "DiscordBot (https://github.com/disco-oauth2/disco-oauth2, ",
    env!("CARGO_PKG_VERSION"),
    ")"
);
/// base64("157730590492196864:s3cr3t%2F%2B%3D"): id and secret form-urlencoded first (RFC 6749 §2.3.1).
const BASIC: &str = "Basic MTU3NzMwNTkwNDkyMTk2ODY0OnMzY3IzdCUyRiUyQiUzRA==";

fn client() -> Client {
    Client::builder(ApplicationId::new(157730590492196864))
        .client_secret("s3cr3t/+=")
        .redirect_uri("https://nicememe.website/callback?x=1")
        .scopes([Scope::Identify, Scope::Guilds])
        .build()
        .unwrap()
}

fn token() -> BearerToken {
    BearerToken::new("6qrZcUqja7812RVdnEKjpzOL4CvHBFG")
}

fn request<O: Operation>(op: O) -> Request<Vec<u8>> {
    op.into_parts()
        .unwrap()
        .0
        .map(disco_oauth2::RequestBody::into_bytes)
}

/// Every header as (name, value) pairs, in order.
fn headers(request: &Request<Vec<u8>>) -> Vec<(String, String)> {
    request
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap().to_owned()))
        .collect()
}

fn assert_request(
    request: &Request<Vec<u8>>,
    method: &str,
    uri: &str,
    expected_headers: &[(&str, &str)],
    body: &[u8],
) {
    assert_eq!(request.method().as_str(), method);
    assert_eq!(request.uri().to_string(), uri);
    let expected: Vec<(String, String)> = expected_headers
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(headers(request), expected);
    assert_eq!(
        String::from_utf8_lossy(request.body()),
        String::from_utf8_lossy(body),
        "body of {method} {uri}"
    );
}

fn form_headers() -> Vec<(&'static str, &'static str)> {
    vec![
        ("user-agent", UA),
        ("accept", "application/json"),
        ("authorization", BASIC),
        ("content-type", "application/x-www-form-urlencoded"),
    ]
}

#[test]
fn exchange_code() {
    let request = request(client().exchange_code("NhhvTDYsFcdgNLnnLijcl7Ku7bEEeee"));
    assert_request(
        &request,
        "POST",
        "https://discord.com/api/v10/oauth2/token",
        &form_headers(),
        b"grant_type=authorization_code&code=NhhvTDYsFcdgNLnnLijcl7Ku7bEEeee\
          &redirect_uri=https%3A%2F%2Fnicememe.website%2Fcallback%3Fx%3D1",
    );
    assert!(request.headers()["authorization"].is_sensitive());
}

#[test]
fn exchange_code_with_pkce_and_redirect_override() {
    let verifier = PkceVerifier::parse("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").unwrap();
    let request = request(
        client()
            .exchange_code("abc")
            .redirect_uri("http://127.0.0.1:8000/cb")
            .pkce_verifier(verifier),
    );
    assert_request(
        &request,
        "POST",
        "https://discord.com/api/v10/oauth2/token",
        &form_headers(),
        b"grant_type=authorization_code&code=abc&redirect_uri=http%3A%2F%2F127.0.0.1%3A8000%2Fcb\
          &code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
    );
}

#[test]
fn client_secret_in_body_and_public_client() {
    let client = Client::builder(ApplicationId::new(157730590492196864))
        .client_secret("pass+word")
        .redirect_uri("https://nicememe.website")
        .client_auth(ClientAuth::RequestBody)
        .build()
        .unwrap();
    let request = request(client.exchange_code("abc"));
    assert_request(
        &request,
        "POST",
        "https://discord.com/api/v10/oauth2/token",
        &[
            ("user-agent", UA),
            ("accept", "application/json"),
            ("content-type", "application/x-www-form-urlencoded"),
        ],
        b"grant_type=authorization_code&code=abc&redirect_uri=https%3A%2F%2Fnicememe.website\
          &client_id=157730590492196864&client_secret=pass%2Bword",
    );

    let public = Client::builder(ApplicationId::new(157730590492196864))
        .public_client()
        .redirect_uri("https://nicememe.website")
        .build()
        .unwrap();
    let (_challenge, verifier) = PkceChallenge::generate().unwrap();
    // A verifier is not `Clone` (it is used once); the test keeps a copy of its text.
    let verifier_text = verifier.secret().to_owned();
    let request = self::request(public.exchange_code("abc").pkce_verifier(verifier));
    assert_eq!(
        String::from_utf8(request.body().clone()).unwrap(),
        format!(
            "grant_type=authorization_code&code=abc&redirect_uri=https%3A%2F%2Fnicememe.website\
             &code_verifier={}&client_id=157730590492196864",
            verifier_text
        )
    );
    assert!(request.headers().get("authorization").is_none());
}

#[test]
fn refresh_token() {
    let request =
        request(client().refresh_token(&RefreshToken::new("D43f5y0ahjqew82jZ4NViEr2YafMKhue")));
    assert_request(
        &request,
        "POST",
        "https://discord.com/api/v10/oauth2/token",
        &form_headers(),
        b"grant_type=refresh_token&refresh_token=D43f5y0ahjqew82jZ4NViEr2YafMKhue",
    );
}

#[test]
fn client_credentials() {
    let request = request(client().client_credentials());
    assert_request(
        &request,
        "POST",
        "https://discord.com/api/v10/oauth2/token",
        &form_headers(),
        b"grant_type=client_credentials&scope=guilds+identify",
    );
    let request = self::request(
        client()
            .client_credentials()
            .scopes([Scope::ApplicationsCommandsUpdate]),
    );
    assert_eq!(
        request.body(),
        b"grant_type=client_credentials&scope=applications.commands.update"
    );
}

#[test]
fn revoke() {
    let request = request(client().revoke_access_token(&token()));
    assert_request(
        &request,
        "POST",
        "https://discord.com/api/v10/oauth2/token/revoke",
        &form_headers(),
        b"token=6qrZcUqja7812RVdnEKjpzOL4CvHBFG&token_type_hint=access_token",
    );
    let request = self::request(
        client()
            .revoke_refresh_token(&RefreshToken::new("r"))
            .without_hint(),
    );
    assert_eq!(request.body(), b"token=r");
    let request = self::request(client().revoke_refresh_token(&RefreshToken::new("r")));
    assert_eq!(request.body(), b"token=r&token_type_hint=refresh_token");
}

fn bearer_headers() -> Vec<(&'static str, &'static str)> {
    vec![
        ("user-agent", UA),
        ("accept", "application/json"),
        ("authorization", "Bearer 6qrZcUqja7812RVdnEKjpzOL4CvHBFG"),
    ]
}

#[test]
fn bearer_gets() {
    let client = client();
    let cases: Vec<(Request<Vec<u8>>, &str)> = vec![
        (
            request(client.current_user(&token())),
            "https://discord.com/api/v10/users/@me",
        ),
        (
            request(client.current_user_connections(&token())),
            "https://discord.com/api/v10/users/@me/connections",
        ),
        (
            request(client.current_authorization(&token())),
            "https://discord.com/api/v10/oauth2/@me",
        ),
        (
            request(client.current_user_guild_member(&token(), GuildId::new(80351110224678912))),
            "https://discord.com/api/v10/users/@me/guilds/80351110224678912/member",
        ),
        (
            request(client.current_user_guilds(&token())),
            "https://discord.com/api/v10/users/@me/guilds",
        ),
        (
            request(client.role_connection(&token())),
            "https://discord.com/api/v10/users/@me/applications/157730590492196864/role-connection",
        ),
    ];
    for (request, uri) in cases {
        assert_request(&request, "GET", uri, &bearer_headers(), b"");
        assert!(request.headers()["authorization"].is_sensitive());
    }
}

#[test]
fn guilds_query() {
    let request = request(
        client()
            .current_user_guilds(&token())
            .before(GuildId::new(2))
            .after(GuildId::new(1))
            .limit(200)
            .with_counts(true),
    );
    assert_eq!(
        request.uri(),
        "https://discord.com/api/v10/users/@me/guilds?before=2&after=1&limit=200&with_counts=true"
    );
    for bad in [0, 201] {
        let err = client()
            .current_user_guilds(&token())
            .limit(bad)
            .into_parts()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("invalid limit: must be 1 to 200, not {bad}")
        );
    }
}

#[test]
fn role_connection_update_and_delete() {
    let update = RoleConnectionUpdate::new()
        .platform_name("Fake Game")
        .platform_username("nelly")
        .metadata("level", "42");
    let request = request(client().update_role_connection(&token(), update));
    let mut expected = bearer_headers();
    expected.push(("content-type", "application/json"));
    assert_request(
        &request,
        "PUT",
        "https://discord.com/api/v10/users/@me/applications/157730590492196864/role-connection",
        &expected,
        br#"{"platform_name":"Fake Game","platform_username":"nelly","metadata":{"level":"42"}}"#,
    );
    let request = self::request(client().delete_role_connection(&token()));
    assert_request(
        &request,
        "DELETE",
        "https://discord.com/api/v10/users/@me/applications/157730590492196864/role-connection",
        &bearer_headers(),
        b"",
    );
    let too_long = RoleConnectionUpdate::new().platform_name("x".repeat(51));
    assert!(
        client()
            .update_role_connection(&token(), too_long)
            .into_parts()
            .is_err()
    );
}

#[test]
fn add_guild_member() {
    let op = client().add_guild_member(
        &BotToken::new("MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs"),
        GuildId::new(290926798626357250),
        UserId::new(80351110224678912),
        &token(),
    );
    let request = request(op.clone());
    assert_request(
        &request,
        "PUT",
        "https://discord.com/api/v10/guilds/290926798626357250/members/80351110224678912",
        &[
            ("user-agent", UA),
            ("accept", "application/json"),
            (
                "authorization",
                "Bot MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs",
            ),
            ("content-type", "application/json"),
        ],
        br#"{"access_token":"6qrZcUqja7812RVdnEKjpzOL4CvHBFG"}"#,
    );
    let request = self::request(
        op.clone()
            .nick("Nelly")
            .roles([RoleId::new(41771983423143936)])
            .mute(false)
            .deaf(true),
    );
    assert_eq!(
        String::from_utf8_lossy(request.body()),
        r#"{"access_token":"6qrZcUqja7812RVdnEKjpzOL4CvHBFG","nick":"Nelly","roles":["41771983423143936"],"mute":false,"deaf":true}"#
    );
    assert_eq!(
        op.clone().nick("").into_parts().unwrap_err().to_string(),
        "invalid nick: must be 1 to 32 characters, not 0"
    );
    assert_eq!(
        op.route().to_string(),
        "PUT /guilds/290926798626357250/members/{user.id}"
    );
}

#[test]
fn current_application() {
    let request = request(client().current_application(&BotToken::new("bot-token")));
    assert_request(
        &request,
        "GET",
        "https://discord.com/api/v10/oauth2/applications/@me",
        &[
            ("user-agent", UA),
            ("accept", "application/json"),
            ("authorization", "Bot bot-token"),
        ],
        b"",
    );
    assert!(request.headers()["authorization"].is_sensitive());
}

#[test]
fn custom_api_base_and_user_agent_suffix() {
    let client = Client::builder(ApplicationId::new(1))
        .api_base("http://127.0.0.1:8080/api/v10/")
        .user_agent_suffix("my-app/1.2")
        .build()
        .unwrap();
    let request = request(client.current_user(&token()));
    assert_eq!(request.uri(), "http://127.0.0.1:8080/api/v10/users/@me");
    assert_eq!(
        request.headers()["user-agent"],
        format!("{UA} my-app/1.2").as_str()
    );
}

#[test]
fn refused_input() {
    let client = client();
    let cases = [
        (
            client.exchange_code("").into_parts().unwrap_err(),
            "invalid code: is empty",
        ),
        (
            client
                .refresh_token(&RefreshToken::new(""))
                .into_parts()
                .unwrap_err(),
            "invalid refresh_token: is empty",
        ),
        (
            client
                .current_user(&BearerToken::new(""))
                .into_parts()
                .unwrap_err(),
            "invalid access_token: is empty",
        ),
        (
            client
                .current_user(&BearerToken::new("a\nb"))
                .into_parts()
                .unwrap_err(),
            "invalid access_token: contains characters not allowed in an HTTP header",
        ),
        (
            client
                .exchange_code("x")
                .redirect_uri("/relative")
                .into_parts()
                .unwrap_err(),
            "invalid redirect_uri: must be an absolute URL with a scheme",
        ),
        (
            client
                .client_credentials()
                .scopes(Vec::<Scope>::new())
                .into_parts()
                .unwrap_err(),
            "invalid scopes: the client credentials grant needs at least one scope",
        ),
    ];
    for (err, message) in cases {
        assert_eq!(err.to_string(), message);
    }
    let no_redirect = Client::builder(ApplicationId::new(1))
        .client_secret("s")
        .build()
        .unwrap();
    assert_eq!(
        no_redirect
            .exchange_code("x")
            .into_parts()
            .unwrap_err()
            .to_string(),
        "invalid redirect_uri: is required to exchange a code; set one on the client"
    );
    let public = Client::builder(ApplicationId::new(1))
        .scopes([Scope::Identify])
        .build()
        .unwrap();
    assert_eq!(
        public
            .client_credentials()
            .into_parts()
            .unwrap_err()
            .to_string(),
        "invalid client_secret: is required for the client credentials grant"
    );
}

#[test]
fn bad_client_configuration() {
    let cases = [
        (
            Client::builder(ApplicationId::new(1))
                .redirect_uri("nicememe.website")
                .build(),
            "invalid redirect_uri: must be an absolute URL with a scheme",
        ),
        (
            Client::builder(ApplicationId::new(1))
                .api_base("discord.com/api")
                .build(),
            "invalid api_base: must be an absolute URL with a scheme",
        ),
        (
            Client::builder(ApplicationId::new(1))
                .authorize_url("ftp://x.y/authorize")
                .build(),
            "invalid authorize_url: must be an http or https URL",
        ),
        (
            Client::builder(ApplicationId::new(1))
                .client_secret("")
                .build(),
            "invalid client_secret: is empty",
        ),
        (
            Client::builder(ApplicationId::new(1))
                .user_agent_suffix("é")
                .build(),
            "invalid user_agent_suffix: must be visible ASCII",
        ),
    ];
    for (result, message) in cases {
        assert_eq!(result.unwrap_err().to_string(), message);
    }
}

#[test]
fn nothing_secret_in_debug() {
    let client = client();
    let debug = format!("{client:?}");
    assert!(!debug.contains("s3cr3t"), "{debug}");
    assert!(debug.contains("ClientSecret([redacted])"), "{debug}");

    let (request, pending) = client.exchange_code("the-code").into_parts().unwrap();
    let debug = format!("{request:?} {pending:?}");
    assert!(!debug.contains("s3cr3t"), "{debug}");
    assert!(!debug.contains("MTU3NzMwNTkwNDkyMTk2ODY0"), "{debug}");
    assert!(debug.contains("Sensitive"), "{debug}");
    // With HTTP Basic (the default) the secret travels only in the sensitive
    // header, never in the body (whose Debug is a list of numbers).
    let body = String::from_utf8_lossy(request.body().as_bytes());
    assert!(!body.contains("s3cr3t"), "{body}");

    let op = client.current_user(&token());
    let debug = format!("{op:?}");
    assert!(
        !debug.contains("6qrZcUqja7812RVdnEKjpzOL4CvHBFG"),
        "{debug}"
    );
    let (request, _) = op.into_parts().unwrap();
    assert!(!format!("{request:?}").contains("6qrZcUqja7812RVdnEKjpzOL4CvHBFG"));

    let op = client.add_guild_member(
        &BotToken::new("bot-secret"),
        GuildId::new(1),
        UserId::new(2),
        &token(),
    );
    assert!(!format!("{op:?}").contains("bot-secret"));
}
