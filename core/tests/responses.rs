//! Parse tests: each operation's pending half given Discord's example
//! payloads, and every class of error response.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use disco_oauth2::{
    AddedMember, ApplicationId, BearerToken, BotToken, Client, Error, GuildId, JsonErrorCode,
    OAuth2ErrorCode, Operation, RateLimitScope, RefreshToken, Scope, UserId,
};
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
}

fn client() -> Client {
    Client::builder(ApplicationId::new(157730590492196864))
        .client_secret("secret")
        .redirect_uri("https://nicememe.website")
        .build()
        .unwrap()
}

fn token() -> BearerToken {
    BearerToken::new("tok")
}

/// Runs `op` against a canned response.
fn respond<O: Operation>(
    op: O,
    status: u16,
    headers: &[(&str, &str)],
    body: &[u8],
) -> disco_oauth2::Result<O::Output> {
    let (_, pending) = op.into_parts().unwrap();
    let mut map = HeaderMap::new();
    for (k, v) in headers {
        map.append(
            HeaderName::from_bytes(k.as_bytes()).unwrap(),
            HeaderValue::from_str(v).unwrap(),
        );
    }
    pending.parse_parts(StatusCode::from_u16(status).unwrap(), &map, body, now())
}

const JSON: &[(&str, &str)] = &[("content-type", "application/json")];

#[test]
fn token_authorization_code() {
    let token = respond(
        client().exchange_code("code"),
        200,
        JSON,
        &fixture("token_response_authorization_code_example_1.json"),
    )
    .unwrap();
    assert_eq!(
        token.access_token.secret(),
        "6qrZcUqja7812RVdnEKjpzOL4CvHBFG"
    );
    assert_eq!(token.token_type, "Bearer");
    assert_eq!(token.expires_in, Duration::from_secs(604800));
    assert_eq!(
        token.expires_at,
        Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap()
    );
    assert_eq!(
        token.refresh_token.as_ref().unwrap().secret(),
        "D43f5y0ahjqew82jZ4NViEr2YafMKhue"
    );
    assert_eq!(
        token.scopes.iter().cloned().collect::<Vec<_>>(),
        vec![Scope::Identify]
    );
    assert!(token.guild.is_none() && token.webhook.is_none());
    assert!(!token.is_expired(now()));
    let debug = format!("{token:?}");
    assert!(
        !debug.contains("6qrZcUqja7812RVdnEKjpzOL4CvHBFG"),
        "{debug}"
    );
    assert!(
        !debug.contains("D43f5y0ahjqew82jZ4NViEr2YafMKhue"),
        "{debug}"
    );
}

#[test]
fn token_refresh_client_credentials_bot_and_webhook() {
    let token = respond(
        client().refresh_token(&RefreshToken::new("r")),
        200,
        JSON,
        &fixture("token_response_authorization_code_example_1.json"),
    )
    .unwrap();
    assert_eq!(
        token.access_token.secret(),
        "6qrZcUqja7812RVdnEKjpzOL4CvHBFG"
    );

    let token = respond(
        client().client_credentials().scopes([Scope::Identify]),
        200,
        JSON,
        &fixture("token_response_client_credentials_example_1.json"),
    )
    .unwrap();
    assert!(token.refresh_token.is_none());
    assert!(token.scopes.contains(&Scope::Identify) && token.scopes.contains(&Scope::Connections));

    let token = respond(
        client().exchange_code("c"),
        200,
        JSON,
        &fixture("token_response_bot_authorization_example_1.json"),
    )
    .unwrap();
    let guild = token.guild.as_ref().unwrap();
    assert_eq!(guild.id, GuildId::new(2909267986347357250));
    assert_eq!(guild.name, "SomeTest");

    let token = respond(
        client().exchange_code("c"),
        200,
        JSON,
        &fixture("token_response_webhook_example_1.json"),
    )
    .unwrap();
    let webhook = token.webhook.as_ref().unwrap();
    assert_eq!(webhook.id.get(), 347114750880120863);
    assert!(!format!("{token:?}").contains("kKDdjXa1g9tKNs0"));
}

#[test]
fn current_user_and_authorization() {
    let user = respond(
        client().current_user(&token()),
        200,
        JSON,
        &fixture("user_example_1.json"),
    )
    .unwrap();
    assert_eq!(user.id, UserId::new(80351110224678912));
    assert_eq!(user.username, "Nelly");
    assert_eq!(user.email.as_deref(), Some("nelly@discord.com"));

    let auth = respond(
        client().current_authorization(&token()),
        200,
        JSON,
        &fixture("oauth2_current_authorization_example_1.json"),
    )
    .unwrap();
    assert_eq!(auth.application.id, ApplicationId::new(159799960412356608));
    assert!(auth.scopes.contains(&Scope::GuildsJoin));
    assert_eq!(
        auth.expires,
        Utc.with_ymd_and_hms(2021, 1, 23, 2, 33, 17).unwrap() + chrono::Duration::milliseconds(17)
    );
    assert_eq!(auth.user.unwrap().username, "discord");
}

#[test]
fn guilds_member_connections() {
    let body = format!(
        "[{}]",
        String::from_utf8(fixture("partial_guild_example_1.json")).unwrap()
    );
    let guilds = respond(
        client().current_user_guilds(&token()),
        200,
        JSON,
        body.as_bytes(),
    )
    .unwrap();
    assert_eq!(guilds.len(), 1);
    assert_eq!(guilds[0].id, GuildId::new(80351110224678912));
    assert_eq!(guilds[0].permissions.bits(), 36953089);

    let member = respond(
        client().current_user_guild_member(&token(), GuildId::new(42)),
        200,
        JSON,
        &fixture("guild_member_example_1.json"),
    )
    .unwrap();
    assert_eq!(member.guild_id, Some(GuildId::new(42)));
    assert_eq!(member.nick.as_deref(), Some("NOT API SUPPORT"));

    let connections = respond(
        client().current_user_connections(&token()),
        200,
        JSON,
        br#"[{"id":"12345","name":"nelly","type":"github","verified":true,"friend_sync":false,
             "show_activity":true,"two_way_link":false,"visibility":1,"integrations":[]}]"#,
    )
    .unwrap();
    assert_eq!(connections[0].id, "12345");
    assert_eq!(connections[0].name, "nelly");
}

#[test]
fn add_guild_member_201_and_204() {
    let op = client().add_guild_member(
        &BotToken::new("b"),
        GuildId::new(7),
        UserId::new(8),
        &token(),
    );
    let added = respond(
        op.clone(),
        201,
        JSON,
        &fixture("guild_member_example_1.json"),
    )
    .unwrap();
    match added {
        AddedMember::Added(member) => assert_eq!(member.guild_id, Some(GuildId::new(7))),
        other => panic!("201 with a member is Added, not {other:?}"),
    }
    assert_eq!(
        respond(op.clone(), 204, &[], b"").unwrap(),
        AddedMember::AlreadyMember
    );
    // A 201 whose body is not a member still means the user was added.
    for body in [&b""[..], b"<html>created</html>", br#"{"roles": 5}"#] {
        let added = respond(op.clone(), 201, JSON, body).unwrap();
        assert!(added.is_added() && added.member().is_none(), "{added:?}");
        let AddedMember::AddedUnreadable(kept) = added else {
            panic!("{added:?}")
        };
        assert_eq!(kept.secret().as_bytes(), body);
    }
    assert!(!AddedMember::AlreadyMember.is_added());
}

#[test]
fn revoke_and_delete_accept_any_2xx() {
    respond(client().revoke_access_token(&token()), 200, JSON, b"{}").unwrap();
    respond(client().revoke_access_token(&token()), 200, &[], b"").unwrap();
    respond(client().delete_role_connection(&token()), 204, &[], b"").unwrap();
}

#[test]
fn oauth2_errors() {
    let err = respond(
        client().refresh_token(&RefreshToken::new("dead")),
        400,
        JSON,
        &fixture("oauth2_error_invalid_grant_refresh_example_1.json"),
    )
    .unwrap_err();
    let Error::OAuth2(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(e.status, Some(StatusCode::BAD_REQUEST));
    assert_eq!(e.code, OAuth2ErrorCode::InvalidGrant);
    assert_eq!(
        e.description.as_deref(),
        Some("Invalid \"refresh_token\" in request")
    );
    assert!(err.is_token_dead());

    let err = respond(
        client().exchange_code("c"),
        401,
        JSON,
        br#"{"error": "invalid_client"}"#,
    )
    .unwrap_err();
    assert!(matches!(&err, Error::OAuth2(e) if e.code == OAuth2ErrorCode::InvalidClient));
    assert_eq!(err.status(), Some(StatusCode::UNAUTHORIZED));
}

#[test]
fn unauthorized() {
    let err = respond(
        client().current_user(&token()),
        401,
        JSON,
        br#"{"message": "401: Unauthorized", "code": 0}"#,
    )
    .unwrap_err();
    assert_eq!(
        err,
        Error::Unauthorized {
            message: Some("401: Unauthorized".into()),
            code: Some(JsonErrorCode::GENERAL)
        }
    );
    assert!(err.is_token_dead());
    let err = respond(client().current_user(&token()), 401, &[], b"").unwrap_err();
    assert_eq!(
        err,
        Error::Unauthorized {
            message: None,
            code: None
        }
    );
}

#[test]
fn api_errors() {
    let err = respond(
        client().current_user_guild_member(&token(), GuildId::new(1)),
        403,
        JSON,
        br#"{"message": "Missing Access", "code": 50001}"#,
    )
    .unwrap_err();
    let Error::Api(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        (e.status, e.code, e.message.as_str()),
        (
            StatusCode::FORBIDDEN,
            JsonErrorCode::MISSING_ACCESS,
            "Missing Access"
        )
    );
    assert_eq!(
        err.to_string(),
        "Discord answered 403 Forbidden with error 50001: Missing Access"
    );

    let err = respond(
        client().current_user_guild_member(&token(), GuildId::new(1)),
        404,
        JSON,
        br#"{"message": "Unknown Guild", "code": 10004}"#,
    )
    .unwrap_err();
    assert!(
        matches!(&err, Error::Api(e) if e.code == JsonErrorCode::UNKNOWN_GUILD && e.status == StatusCode::NOT_FOUND)
    );

    let op = client().add_guild_member(
        &BotToken::new("b"),
        GuildId::new(7),
        UserId::new(8),
        &token(),
    );
    let err = respond(op, 400, JSON, &fixture("error_form_object_example_1.json")).unwrap_err();
    let Error::Api(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(e.code, JsonErrorCode::INVALID_FORM_BODY);
    let fields = e.errors.as_ref().unwrap().flatten();
    assert_eq!(fields.len(), 1);
    assert_eq!(
        (
            fields[0].path.as_str(),
            fields[0].code.as_str(),
            fields[0].message.as_str()
        ),
        (
            "access_token",
            "BASE_TYPE_REQUIRED",
            "This field is required"
        )
    );
    assert_eq!(
        err.to_string(),
        "Discord answered 400 Bad Request with error 50035: Invalid Form Body \
         (access_token: This field is required (BASE_TYPE_REQUIRED))"
    );

    let err = respond(
        client().current_user(&token()),
        400,
        JSON,
        &fixture("error_form_array_example_1.json"),
    )
    .unwrap_err();
    let Error::Api(e) = &err else {
        panic!("{err:?}")
    };
    let paths: Vec<_> = e
        .errors
        .as_ref()
        .unwrap()
        .flatten()
        .into_iter()
        .map(|f| f.path)
        .collect();
    assert_eq!(paths, ["activities.0.platform", "activities.0.type"]);

    let err = respond(
        client().current_user(&token()),
        400,
        JSON,
        &fixture("error_form_request_example_1.json"),
    )
    .unwrap_err();
    let Error::Api(e) = &err else {
        panic!("{err:?}")
    };
    let fields = e.errors.as_ref().unwrap().flatten();
    assert_eq!(
        (fields[0].path.as_str(), fields[0].code.as_str()),
        ("", "APPLICATION_COMMAND_TOO_LARGE")
    );
}

/// Headers and body of a `< `-prefixed HTTP transcript fixture.
fn transcript(name: &str) -> (Vec<(String, String)>, Vec<u8>) {
    let text = String::from_utf8(fixture(name)).unwrap();
    let mut headers = Vec::new();
    let mut body = String::new();
    for line in text.lines() {
        if let Some(header) = line.strip_prefix("< ") {
            if let Some((k, v)) = header.split_once(": ") {
                headers.push((k.to_owned(), v.to_owned()));
            }
        } else {
            body.push_str(line);
            body.push('\n');
        }
    }
    (headers, body.into_bytes())
}

#[test]
fn rate_limited_from_fixtures() {
    for (name, retry_after, global, scope, bucket) in [
        (
            "rate_limit_429_user_example_1.http.txt",
            64.57,
            false,
            RateLimitScope::User,
            Some("abcd1234"),
        ),
        (
            "rate_limit_429_shared_example_1.http.txt",
            1336.57,
            false,
            RateLimitScope::Shared,
            Some("abcd1234"),
        ),
        (
            "rate_limit_429_global_example_1.http.txt",
            64.57,
            true,
            RateLimitScope::Global,
            None,
        ),
    ] {
        let (headers, body) = transcript(name);
        let headers: Vec<(&str, &str)> = headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let err = respond(client().current_user(&token()), 429, &headers, &body).unwrap_err();
        let Error::RateLimited(limited) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(
            limited.retry_after,
            Duration::from_secs_f64(retry_after),
            "{name}"
        );
        assert_eq!(limited.global, global, "{name}");
        assert_eq!(limited.scope.as_ref(), Some(&scope), "{name}");
        assert_eq!(limited.bucket.as_deref(), bucket, "{name}");
        assert!(err.is_retryable());
    }
}

#[test]
fn rate_limited_from_headers_only() {
    let err = respond(
        client().current_user(&token()),
        429,
        &[("retry-after", "3")],
        b"<html>slow down</html>",
    )
    .unwrap_err();
    assert!(
        matches!(&err, Error::RateLimited(r) if r.retry_after == Duration::from_secs(3) && !r.global)
    );
    let err = respond(client().current_user(&token()), 429, &[], b"").unwrap_err();
    assert!(matches!(&err, Error::RateLimited(r) if r.retry_after == Duration::from_secs(1)));
    let err = respond(
        client().current_user(&token()),
        429,
        JSON,
        br#"{"message": "x", "retry_after": -5, "global": false}"#,
    )
    .unwrap_err();
    assert!(matches!(&err, Error::RateLimited(r) if r.retry_after == Duration::from_secs(1)));
}

#[test]
fn unexpected_statuses_keep_a_bounded_excerpt() {
    let mut page = b"<html><body>502 Bad Gateway</body></html>".to_vec();
    page.extend(std::iter::repeat_n(b' ', 10 * 1024 * 1024));
    let err = respond(
        client().current_user(&token()),
        502,
        &[("content-type", "text/html")],
        &page,
    )
    .unwrap_err();
    let Error::UnexpectedStatus {
        operation,
        status,
        excerpt,
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(
        (*operation, *status),
        ("current_user", StatusCode::BAD_GATEWAY)
    );
    assert!(
        excerpt
            .as_str()
            .starts_with("<html><body>502 Bad Gateway</body></html>")
    );
    assert_eq!(excerpt.total_len(), page.len());
    assert!(err.to_string().len() < 1024, "{}", err.to_string().len());
    assert!(err.is_retryable());

    let err = respond(
        client().current_user(&token()),
        302,
        &[("location", "https://evil.example/")],
        b"",
    )
    .unwrap_err();
    assert!(matches!(
        err,
        Error::UnexpectedStatus {
            status: StatusCode::FOUND,
            ..
        }
    ));
}

#[test]
fn bad_success_bodies_are_decode_errors() {
    let cases: [(&[u8], &str); 4] = [
        (b"", "."),
        (br#"{"id": "80351110224678912", "username": "Nel"#, "username"),
        (br#"{"id": ["80351110224678912"], "username": "Nelly", "discriminator": "0", "avatar": null}"#, "id"),
        (b"<html>oops</html>", "."),
    ];
    for (body, path) in cases {
        let err = respond(client().current_user(&token()), 200, JSON, body).unwrap_err();
        let Error::Decode(e) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(e.path, path, "{}", String::from_utf8_lossy(body));
        assert_eq!(e.status, Some(StatusCode::OK));
        assert_eq!(e.what, "current_user");
    }
    let err = respond(
        client().exchange_code("c"),
        200,
        JSON,
        br#"{"access_token": 5}"#,
    )
    .unwrap_err();
    assert!(
        matches!(&err, Error::Decode(e) if e.path == "access_token"),
        "{err:?}"
    );
    let err = respond(
        client().current_user_guilds(&token()),
        200,
        JSON,
        br#"[{"id": "1", "name": 5}]"#,
    )
    .unwrap_err();
    assert!(
        matches!(&err, Error::Decode(e) if e.path == "[0].name"),
        "{err:?}"
    );
}

#[test]
fn a_hostile_server_cannot_flood_errors_or_block_forever() {
    let huge = "x".repeat(1_000_000);
    let body = format!(r#"{{"message": "{huge}", "code": 50001}}"#);
    let err = respond(client().current_user(&token()), 403, JSON, body.as_bytes()).unwrap_err();
    assert!(err.to_string().len() < 1024, "{}", err.to_string().len());

    let body = format!(r#"{{"error": "invalid_grant", "error_description": "{huge}"}}"#);
    let err = respond(client().exchange_code("c"), 400, JSON, body.as_bytes()).unwrap_err();
    assert!(err.to_string().len() < 1024);

    let many: Vec<String> = (0..10_000)
        .map(|i| format!(r#""f{i}": {{"_errors": [{{"code": "C", "message": "{huge:.300}"}}]}}"#))
        .collect();
    let body = format!(
        r#"{{"code": 50035, "message": "Invalid Form Body", "errors": {{{}}}}}"#,
        many.join(",")
    );
    let err = respond(client().current_user(&token()), 400, JSON, body.as_bytes()).unwrap_err();
    let Error::Api(e) = &err else {
        panic!("{err:?}")
    };
    let fields = e.errors.as_ref().unwrap().flatten();
    assert_eq!(fields.len(), disco_oauth2::FormErrors::MAX_ERRORS);
    assert!(fields.iter().all(|f| f.message.len() <= 260));

    let err = respond(
        client().current_user(&token()),
        429,
        JSON,
        br#"{"message": "x", "retry_after": 1e12, "global": true}"#,
    )
    .unwrap_err();
    assert!(
        matches!(&err, Error::RateLimited(r) if r.retry_after == Duration::from_secs(86_400)),
        "{err:?}"
    );
}

#[test]
fn decode_errors_do_not_quote_tokens() {
    let err = respond(
        client().exchange_code("c"),
        200,
        JSON,
        br#"{"access_token": "AT-SECRET", "token_type": "Bearer", "expires_in": "RT-SECRET"}"#,
    )
    .unwrap_err();
    assert!(
        matches!(&err, Error::Decode(e) if e.path == "expires_in"),
        "{err:?}"
    );
    assert!(!format!("{err} {err:?}").contains("SECRET"), "{err}");
}

#[test]
fn bearer_routes_are_per_user() {
    let (_, alice) = client()
        .current_user(&BearerToken::new("alice"))
        .into_parts()
        .unwrap();
    let (_, bob) = client()
        .current_user(&BearerToken::new("bob"))
        .into_parts()
        .unwrap();
    assert_ne!(alice.route(), bob.route());
    assert_eq!(alice.route().to_string(), bob.route().to_string());
    let (_, token) = client().exchange_code("c").into_parts().unwrap();
    assert_eq!(token.route().identity, None);
}

#[test]
fn an_extra_that_does_not_decode_never_costs_the_token() {
    let body = br#"{"access_token": "AT", "token_type": "Bearer", "expires_in": 604800, "refresh_token": "RT",
        "scope": "webhook.incoming", "webhook": {"id": "347114750880120863", "url": 5, "token": "WEBHOOK-SECRET"}}"#;
    let token = respond(client().exchange_code("c"), 200, JSON, body).unwrap();
    assert_eq!(token.access_token.secret(), "AT");
    assert_eq!(token.refresh_token.as_ref().unwrap().secret(), "RT");
    assert!(token.webhook.is_none());
    let kept = token.undecoded.get("webhook").unwrap();
    assert!(kept.secret().contains(r#""url": 5"#));
    assert!(!format!("{token:?}").contains("WEBHOOK-SECRET"));
    // A well-formed extra decodes and leaves nothing behind.
    let token = respond(
        client().exchange_code("c"),
        200,
        JSON,
        &fixture("token_response_webhook_example_1.json"),
    )
    .unwrap();
    assert!(token.webhook.is_some() && token.undecoded.is_empty());
}

#[test]
fn current_application() {
    let app = respond(
        client().current_application(&BotToken::new("b")),
        200,
        JSON,
        &fixture("application_example_1.json"),
    )
    .unwrap();
    assert_eq!(app.id, ApplicationId::new(172150183260323840));
    assert_eq!(app.name, "Baba O-Riley");
    let err = respond(
        client().current_application(&BotToken::new("b")),
        401,
        JSON,
        br#"{"message": "401: Unauthorized", "code": 0}"#,
    )
    .unwrap_err();
    assert!(err.is_token_dead());
}

#[test]
fn role_connection_get_and_update() {
    let body = br#"{"platform_name": "Fake Game", "platform_username": "nelly", "metadata": {"level": "42", "verified": "1"}}"#;
    let got = respond(client().role_connection(&token()), 200, JSON, body).unwrap();
    assert_eq!(got.platform_name.as_deref(), Some("Fake Game"));
    assert_eq!(got.platform_username.as_deref(), Some("nelly"));
    assert_eq!(got.metadata.get("level").map(String::as_str), Some("42"));
    assert_eq!(got.metadata.len(), 2);
    let empty = respond(
        client().update_role_connection(&token(), disco_oauth2::RoleConnectionUpdate::new()),
        200,
        JSON,
        br#"{"platform_name": null, "metadata": {}}"#,
    )
    .unwrap();
    assert_eq!(empty.platform_name, None);
    assert_eq!(empty.platform_username, None);
    assert!(empty.metadata.is_empty());
    // Discord stringifies metadata values; a number is taken as its text.
    let lenient = respond(
        client().role_connection(&token()),
        200,
        JSON,
        br#"{"metadata": {"level": 42}}"#,
    )
    .unwrap();
    assert_eq!(
        lenient.metadata.get("level").map(String::as_str),
        Some("42")
    );
    let err = respond(
        client().role_connection(&token()),
        200,
        JSON,
        br#"{"metadata": [1, 2]}"#,
    )
    .unwrap_err();
    assert!(
        matches!(&err, Error::Decode(e) if e.path == "metadata"),
        "{err:?}"
    );
}
