//! The fake's OAuth2 side over real loopback sockets: authorize, token, revoke.

// Tests state their expectations with unwrap; a panic is the failure report.
#![allow(clippy::unwrap_used)]

mod fake_support;

use disco_oauth2_fake::{FakeDiscord, GUILD_OWNED, OWNER_ID, USER_ID};
use fake_support::*;
use serde_json::json;
use sha2::{Digest, Sha256};

fn s256(verifier: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

fn authorize(fake: &FakeDiscord, extra: &[(&str, &str)]) -> Resp {
    let id = fake.client_id().to_string();
    let mut params = vec![("client_id", id.as_str())];
    params.extend_from_slice(extra);
    get(&authorize_url(fake, &params), &[])
}

fn exchange(fake: &FakeDiscord, code: &str, extra: &[(&str, &str)]) -> Resp {
    let redirect = fake.redirect_uri();
    let mut form = vec![
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", redirect.as_str()),
    ];
    form.extend_from_slice(extra);
    post_form(fake, "/oauth2/token", &form)
}

#[test]
fn authorize_redirects_with_code_and_echoed_state() {
    let fake = FakeDiscord::start();
    let redirect = fake.redirect_uri();
    let resp = authorize(
        &fake,
        &[
            ("response_type", "code"),
            ("redirect_uri", &redirect),
            ("scope", "identify guilds"),
            ("state", "a b&c=d"),
            ("prompt", "consent"),
        ],
    );
    assert_eq!(resp.status, 302);
    let loc = resp.header("location").unwrap();
    assert!(loc.starts_with(&format!("{redirect}?code=")), "{loc}");
    let q = resp.location_query();
    assert_eq!(get_param(&q, "state").as_deref(), Some("a b&c=d"));
    assert!(get_param(&q, "code").is_some_and(|c| c.len() >= 20));
    assert_eq!(get_param(&q, "guild_id"), None);

    // No state given → none echoed.
    let resp = authorize(
        &fake,
        &[
            ("response_type", "code"),
            ("redirect_uri", &redirect),
            ("scope", "identify"),
        ],
    );
    assert_eq!(resp.status, 302);
    assert_eq!(get_param(&resp.location_query(), "state"), None);
}

#[test]
fn authorize_appends_to_an_existing_query() {
    let fake = FakeDiscord::builder()
        .redirect_uri("https://app.example/cb?x=1")
        .start();
    let resp = authorize(
        &fake,
        &[
            ("response_type", "code"),
            ("redirect_uri", "https://app.example/cb?x=1"),
            ("scope", "identify"),
            ("state", "s"),
        ],
    );
    assert_eq!(resp.status, 302);
    let loc = resp.header("location").unwrap();
    assert!(loc.starts_with("https://app.example/cb?x=1&code="), "{loc}");
    assert_eq!(get_param(&resp.location_query(), "x").as_deref(), Some("1"));
}

#[test]
fn invalid_authorize_requests_get_400_and_never_redirect() {
    let fake = FakeDiscord::start();
    let redirect = fake.redirect_uri();
    let cases: Vec<Vec<(&str, &str)>> = vec![
        vec![
            ("response_type", "code"),
            ("redirect_uri", "https://evil.example/cb"),
            ("scope", "identify"),
        ],
        vec![
            ("response_type", "id_token"),
            ("redirect_uri", &redirect),
            ("scope", "identify"),
        ],
        vec![
            ("response_type", "code"),
            ("redirect_uri", &redirect),
            ("scope", "identify nonsense"),
        ],
        vec![
            ("response_type", "code"),
            ("redirect_uri", &redirect),
            ("scope", ""),
        ],
        vec![
            ("response_type", "code"),
            ("redirect_uri", &redirect),
            ("scope", "identify"),
            (
                "code_challenge",
                "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            ),
            ("code_challenge_method", "plain"),
        ],
        vec![
            ("response_type", "code"),
            ("redirect_uri", &redirect),
            ("scope", "identify"),
            (
                "code_challenge",
                "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            ),
        ],
    ];
    for case in cases {
        let resp = authorize(&fake, &case);
        assert_eq!(resp.status, 400, "{case:?}");
        assert_eq!(resp.header("location"), None);
    }
    let resp = get(
        &authorize_url(
            &fake,
            &[
                ("client_id", "1"),
                ("response_type", "code"),
                ("redirect_uri", &redirect),
                ("scope", "identify"),
            ],
        ),
        &[],
    );
    assert_eq!(resp.status, 400);
    assert_eq!(resp.header("location"), None);
}

#[test]
fn implicit_grant_puts_the_token_in_the_fragment() {
    let fake = FakeDiscord::start();
    let redirect = fake.redirect_uri();
    let resp = authorize(
        &fake,
        &[
            ("response_type", "token"),
            ("redirect_uri", &redirect),
            ("scope", "identify email"),
            ("state", "xyz"),
        ],
    );
    assert_eq!(resp.status, 302);
    assert!(
        resp.header("location")
            .unwrap()
            .starts_with(&format!("{redirect}#access_token="))
    );
    let f = resp.location_fragment();
    assert_eq!(get_param(&f, "token_type").as_deref(), Some("Bearer"));
    assert_eq!(get_param(&f, "expires_in").as_deref(), Some("604800"));
    assert_eq!(get_param(&f, "scope").as_deref(), Some("identify email"));
    assert_eq!(get_param(&f, "state").as_deref(), Some("xyz"));
    let token = get_param(&f, "access_token").unwrap();
    let me = bearer_get(&fake, "/users/@me", &token);
    assert_eq!(me.status, 200);
    assert_eq!(me.json()["email"], "nelly@discord.com");
}

#[test]
fn bot_scope_adds_guild_and_permissions_and_a_guild_object() {
    let fake = FakeDiscord::start();
    assert!(!fake.bot_in_guild(GUILD_OWNED));
    let redirect = fake.redirect_uri();
    let gid = GUILD_OWNED.to_string();
    let resp = authorize(
        &fake,
        &[
            ("response_type", "code"),
            ("redirect_uri", &redirect),
            ("scope", "bot identify"),
            ("permissions", "2048"),
            ("guild_id", &gid),
            ("disable_guild_select", "true"),
        ],
    );
    assert_eq!(resp.status, 302);
    let q = resp.location_query();
    assert_eq!(get_param(&q, "guild_id"), Some(gid.clone()));
    assert_eq!(get_param(&q, "permissions").as_deref(), Some("2048"));
    assert!(fake.bot_in_guild(GUILD_OWNED));
    let token = exchange(&fake, &get_param(&q, "code").unwrap(), &[]);
    assert_eq!(token.status, 200);
    let body = token.json();
    assert_eq!(body["scope"], "bot identify");
    assert_eq!(body["guild"]["id"], gid);
    assert_eq!(body["guild"]["owner_id"], USER_ID.to_string());
}

#[test]
fn webhook_scope_adds_a_webhook_object() {
    let fake = FakeDiscord::start();
    let body = login(&fake, "webhook.incoming");
    let hook = &body["webhook"];
    assert_eq!(hook["type"], 1);
    assert_eq!(hook["application_id"], fake.client_id().to_string());
    assert!(hook["token"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(
        hook["url"]
            .as_str()
            .unwrap()
            .ends_with(hook["token"].as_str().unwrap())
    );
}

#[test]
fn denial_and_interactive_consent() {
    let fake = FakeDiscord::start();
    let redirect = fake.redirect_uri();
    let params = [
        ("response_type", "code"),
        ("redirect_uri", redirect.as_str()),
        ("scope", "identify"),
        ("state", "s1"),
    ];
    fake.deny_next_authorizations(1);
    let resp = authorize(&fake, &params);
    assert_eq!(resp.status, 302);
    let loc = resp.header("location").unwrap().to_owned();
    assert_eq!(
        loc,
        format!(
            "{redirect}?error=access_denied&error_description=The+resource+owner+or+authorization+server+denied+the+request&state=s1"
        )
    );
    // Only once.
    assert!(get_param(&authorize(&fake, &params).location_query(), "code").is_some());

    fake.set_interactive(true);
    let page = authorize(&fake, &params);
    assert_eq!(page.status, 200);
    assert!(
        page.header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    let html = page.text();
    assert!(html.contains("<form method=\"post\" action=\"/oauth2/authorize\">"));
    assert!(html.contains("value=\"authorize\"") && html.contains("value=\"cancel\""));

    let id = fake.client_id().to_string();
    let mut form: Vec<(&str, &str)> = vec![("client_id", &id)];
    form.extend_from_slice(&params);
    let post = |action: &str| {
        let mut f = form.clone();
        f.push(("action", action));
        send(
            "POST",
            &fake.authorize_url(),
            &[("Content-Type", "application/x-www-form-urlencoded")],
            serde_urlencoded::to_string(&f).unwrap().as_bytes(),
        )
    };
    let cancel = post("cancel");
    assert_eq!(cancel.status, 302);
    assert_eq!(
        get_param(&cancel.location_query(), "error").as_deref(),
        Some("access_denied")
    );
    assert_eq!(
        get_param(&cancel.location_query(), "state").as_deref(),
        Some("s1")
    );
    let ok = post("authorize");
    assert_eq!(ok.status, 302);
    let code = get_param(&ok.location_query(), "code").unwrap();
    assert_eq!(exchange(&fake, &code, &[]).status, 200);
}

#[test]
fn full_code_exchange_and_single_use_codes() {
    let fake = FakeDiscord::start();
    let body = login(&fake, "identify guilds");
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 604800);
    assert_eq!(body["scope"], "identify guilds");
    let access = body["access_token"].as_str().unwrap();
    assert!(
        body["refresh_token"]
            .as_str()
            .is_some_and(|r| !r.is_empty())
    );
    assert_eq!(body.as_object().unwrap().len(), 5);
    assert!(fake.access_token_alive(access));

    // Replay: 400 and the grant issued by the code dies.
    let code = fake.authorize_code(&["identify"], None);
    let first = exchange(&fake, &code, &[]);
    assert_eq!(first.status, 200);
    let first_access = first.json()["access_token"].as_str().unwrap().to_owned();
    let again = exchange(&fake, &code, &[]);
    assert_eq!(again.status, 400);
    assert_eq!(
        again.json(),
        json!({"error": "invalid_grant", "error_description": "Invalid \"code\" in request."})
    );
    assert!(!fake.access_token_alive(&first_access));

    let bogus = exchange(&fake, "nope", &[]);
    assert_eq!(bogus.status, 400);
    assert_eq!(bogus.json()["error"], "invalid_grant");

    // redirect_uri must match the one the code was issued for.
    let code = fake.authorize_code(&["identify"], None);
    let resp = post_form(
        &fake,
        "/oauth2/token",
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", "http://127.0.0.1:8080/other"),
        ],
    );
    assert_eq!(resp.status, 400);
    assert_eq!(resp.json()["error"], "invalid_grant");
}

#[test]
fn client_authentication_rules() {
    let fake = FakeDiscord::builder().client_secret("s3cr:t+/%&=").start();
    let id = fake.client_id().to_string();
    let redirect = fake.redirect_uri();

    // Basic with form-urlencoded components (RFC 6749 §2.3.1).
    let code = fake.authorize_code(&["identify"], None);
    assert_eq!(exchange(&fake, &code, &[]).status, 200);

    // Credentials in the body.
    let code = fake.authorize_code(&["identify"], None);
    let secret = fake.client_secret();
    let resp = post_form_with(
        &fake,
        "/oauth2/token",
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", &redirect),
            ("client_id", &id),
            ("client_secret", &secret),
        ],
        &[],
    );
    assert_eq!(resp.status, 200, "{}", resp.text());

    // Wrong or missing credentials → 401 invalid_client.
    let code = fake.authorize_code(&["identify"], None);
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", redirect.as_str()),
    ];
    let wrong = basic(&id, "wrong");
    for headers in [
        vec![("Authorization", wrong.as_str())],
        vec![("Authorization", "Basic !!!")],
        vec![],
    ] {
        let resp = post_form_with(&fake, "/oauth2/token", &form, &headers);
        assert_eq!(resp.status, 401);
        assert_eq!(resp.json(), json!({"error": "invalid_client"}));
    }
    // Unencoded secret in Basic (a client bug) is rejected too.
    use base64::Engine as _;
    let raw = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"))
    );
    let resp = post_form_with(&fake, "/oauth2/token", &form, &[("Authorization", &raw)]);
    assert_eq!(resp.status, 401);

    // JSON bodies are refused.
    let auth = basic(&id, &secret);
    let resp = send(
        "POST",
        &format!("{}/oauth2/token", fake.api_base()),
        &[
            ("Content-Type", "application/json"),
            ("Authorization", &auth),
        ],
        br#"{"grant_type":"client_credentials","scope":"identify"}"#,
    );
    assert_eq!(resp.status, 400);
    assert_eq!(resp.json()["error"], "invalid_request");

    // Unknown grant.
    let resp = post_form(&fake, "/oauth2/token", &[("grant_type", "password")]);
    assert_eq!(resp.status, 400);
    assert_eq!(resp.json(), json!({"error": "unsupported_grant_type"}));
}

#[test]
fn pkce_is_checked_with_s256() {
    let fake = FakeDiscord::start();
    let redirect = fake.redirect_uri();
    let challenge = s256(VERIFIER);
    let resp = authorize(
        &fake,
        &[
            ("response_type", "code"),
            ("redirect_uri", &redirect),
            ("scope", "identify"),
            ("code_challenge", &challenge),
            ("code_challenge_method", "S256"),
        ],
    );
    let code = get_param(&resp.location_query(), "code").unwrap();
    let bad_verifier = json!({"error": "invalid_grant", "error_description": "Invalid \"code_verifier\" in request."});
    let missing = exchange(&fake, &code, &[]);
    assert_eq!(
        (missing.status, missing.json()),
        (400, bad_verifier.clone())
    );
    let wrong = exchange(&fake, &code, &[("code_verifier", &"x".repeat(43))]);
    assert_eq!((wrong.status, wrong.json()), (400, bad_verifier));
    let right = exchange(&fake, &code, &[("code_verifier", VERIFIER)]);
    assert_eq!(right.status, 200, "{}", right.text());
}

#[test]
fn public_clients_may_skip_the_secret_with_pkce() {
    let fake = FakeDiscord::builder().public_client(true).start();
    let id = fake.client_id().to_string();
    let redirect = fake.redirect_uri();
    let code = fake.authorize_code(&["identify"], Some(&s256(VERIFIER)));
    let resp = post_form_with(
        &fake,
        "/oauth2/token",
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", &redirect),
            ("client_id", &id),
            ("code_verifier", VERIFIER),
        ],
        &[],
    );
    assert_eq!(resp.status, 200, "{}", resp.text());
}

#[test]
fn refresh_rotates_tokens() {
    let fake = FakeDiscord::start();
    let first = login(&fake, "identify");
    let old_access = first["access_token"].as_str().unwrap();
    let old_refresh = first["refresh_token"].as_str().unwrap();
    let resp = post_form(
        &fake,
        "/oauth2/token",
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", old_refresh),
        ],
    );
    assert_eq!(resp.status, 200);
    let second = resp.json();
    assert_eq!(second["scope"], "identify");
    let new_access = second["access_token"].as_str().unwrap();
    let new_refresh = second["refresh_token"].as_str().unwrap();
    assert_ne!(new_access, old_access);
    assert_ne!(new_refresh, old_refresh);
    assert!(!fake.access_token_alive(old_access));
    assert!(!fake.refresh_token_alive(old_refresh));
    assert_eq!(bearer_get(&fake, "/users/@me", old_access).status, 401);
    assert_eq!(bearer_get(&fake, "/users/@me", new_access).status, 200);

    let reuse = post_form(
        &fake,
        "/oauth2/token",
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", old_refresh),
        ],
    );
    assert_eq!(reuse.status, 400);
    assert_eq!(
        reuse.body,
        br#"{"error":"invalid_grant","error_description":"Invalid \"refresh_token\" in request"}"#
    );
}

#[test]
fn client_credentials_issue_owner_tokens_without_refresh() {
    let fake = FakeDiscord::start();
    let resp = post_form(
        &fake,
        "/oauth2/token",
        &[
            ("grant_type", "client_credentials"),
            ("scope", "identify connections"),
        ],
    );
    assert_eq!(resp.status, 200);
    let body = resp.json();
    assert_eq!(body["scope"], "identify connections");
    assert_eq!(body["expires_in"], 604800);
    assert!(body.get("refresh_token").is_none());
    let me = bearer_get(&fake, "/users/@me", body["access_token"].as_str().unwrap());
    assert_eq!(me.json()["id"], OWNER_ID.to_string());

    let bad = post_form(
        &fake,
        "/oauth2/token",
        &[
            ("grant_type", "client_credentials"),
            ("scope", "identify bogus"),
        ],
    );
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["error"], "invalid_scope");
}

#[test]
fn revoke_kills_the_whole_grant() {
    let fake = FakeDiscord::start();
    let body = login(&fake, "identify");
    let access = body["access_token"].as_str().unwrap();
    let refresh = body["refresh_token"].as_str().unwrap();
    let resp = post_form(
        &fake,
        "/oauth2/token/revoke",
        &[("token", refresh), ("token_type_hint", "refresh_token")],
    );
    assert_eq!(resp.status, 200);
    assert_eq!(resp.json(), json!({}));
    assert!(!fake.access_token_alive(access));
    assert!(!fake.refresh_token_alive(refresh));
    let me = bearer_get(&fake, "/users/@me", access);
    assert_eq!(me.status, 401);
    assert_eq!(
        me.json(),
        json!({"message": "401: Unauthorized", "code": 0})
    );

    // Unknown tokens are fine (RFC 7009); bad client auth is not.
    assert_eq!(
        post_form(&fake, "/oauth2/token/revoke", &[("token", "unknown")]).status,
        200
    );
    let resp = post_form_with(&fake, "/oauth2/token/revoke", &[("token", "unknown")], &[]);
    assert_eq!(resp.status, 401);
}

#[test]
fn redirect_uri_rules_at_exchange() {
    let fake = FakeDiscord::start();
    let redirect = fake.redirect_uri();
    // Named at authorize → must be repeated.
    let code = fake.authorize_code(&["identify"], None);
    let resp = post_form(
        &fake,
        "/oauth2/token",
        &[("grant_type", "authorization_code"), ("code", &code)],
    );
    assert_eq!(resp.status, 400);
    assert_eq!(
        resp.json(),
        json!({"error": "invalid_grant", "error_description": "Invalid \"redirect_uri\" in request."})
    );
    // Omitted at authorize → the first registered URI is used and may be omitted again.
    let resp = authorize(&fake, &[("response_type", "code"), ("scope", "identify")]);
    assert_eq!(resp.status, 302);
    assert!(resp.header("location").unwrap().starts_with(&redirect));
    let code = get_param(&resp.location_query(), "code").unwrap();
    let resp = post_form(
        &fake,
        "/oauth2/token",
        &[("grant_type", "authorization_code"), ("code", &code)],
    );
    assert_eq!(resp.status, 200, "{}", resp.text());
}

#[test]
fn pure_bot_authorization_needs_no_redirect() {
    let fake = FakeDiscord::start();
    let gid = GUILD_OWNED.to_string();
    let resp = authorize(
        &fake,
        &[("scope", "bot"), ("permissions", "1"), ("guild_id", &gid)],
    );
    assert_eq!(resp.status, 200);
    assert_eq!(resp.header("location"), None);
    assert!(fake.bot_in_guild(GUILD_OWNED));
}
