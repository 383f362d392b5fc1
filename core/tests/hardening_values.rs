//! Values that must be refused, from a hostile server or a careless caller:
//! each one gives a typed error before anything is sent (or instead of a
//! value that could not be used), and no error text quotes a secret.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use disco_oauth2::model::{AccessToken, MAX_TOKEN_LIFETIME, Scope, Scopes};
use disco_oauth2::{
    BearerToken, BotToken, Client, DecodeError, Error, GuildId, InvalidInput, Operation,
    PkceVerifier, RefreshToken, RoleId, UserId,
};

const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap()
}

fn confidential() -> Client {
    Client::builder(157730590492196864)
        .client_secret("s3cr3t")
        .redirect_uri("https://nicememe.website/callback")
        .build()
        .unwrap()
}

fn public() -> Client {
    Client::builder(157730590492196864)
        .public_client()
        .redirect_uri("https://nicememe.website/callback")
        .build()
        .unwrap()
}

fn invalid(err: Error) -> InvalidInput {
    match err {
        Error::InvalidInput(invalid) => invalid,
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

fn token(body: &str) -> Result<AccessToken, DecodeError> {
    AccessToken::from_response_body(body.as_bytes(), now())
}

fn body_of<O: Operation>(op: O) -> (String, bool) {
    let (request, _) = op.into_parts().unwrap();
    let body: &[u8] = request.body().as_ref();
    (
        String::from_utf8(body.to_vec()).unwrap(),
        request.headers().contains_key("authorization"),
    )
}

// --- token responses -------------------------------------------------------

#[test]
fn an_empty_access_token_is_a_decode_error() {
    let err = token(r#"{"access_token": "", "expires_in": 60}"#).unwrap_err();
    assert_eq!(err, DecodeError::new("token", "access_token", "is empty"));
    let err = token(r#"{"access_token": "a", "expires_in": 60, "refresh_token": ""}"#).unwrap_err();
    assert_eq!(err, DecodeError::new("token", "refresh_token", "is empty"));
}

#[test]
fn a_token_that_could_not_be_sent_is_a_decode_error() {
    for access in [
        "to ken",
        "tok\\nen",
        "tok\\u0000en",
        "tok\\u202Een",
        "tökén",
    ] {
        let err = token(&format!(
            r#"{{"access_token": "{access}", "expires_in": 60}}"#
        ))
        .unwrap_err();
        assert_eq!(
            err,
            DecodeError::new(
                "token",
                "access_token",
                "holds a character that is not visible ASCII"
            ),
            "{access}"
        );
    }
}

#[test]
fn huge_lifetimes_are_clamped_to_one_year() {
    for expires_in in [
        u64::MAX.to_string(),
        "18446744073709551615".into(),
        "999999999999".into(),
    ] {
        let token = token(&format!(
            r#"{{"access_token": "a", "expires_in": {expires_in}}}"#
        ))
        .unwrap();
        assert_eq!(token.expires_in, MAX_TOKEN_LIFETIME);
        assert_eq!(token.expires_at, now() + TimeDelta::days(365));
        assert!(token.is_expired(now() + TimeDelta::days(365)));
    }
    assert_eq!(MAX_TOKEN_LIFETIME, Duration::from_secs(31_536_000));
    // Discord's week is kept as sent.
    let week = token(r#"{"access_token": "a", "expires_in": 604800}"#).unwrap();
    assert_eq!(week.expires_in, Duration::from_secs(604_800));
    // Negative and fractional lifetimes do not decode.
    for bad in ["-1", "-9223372036854775808", "1.5", "1e30"] {
        let err = token(&format!(r#"{{"access_token": "a", "expires_in": {bad}}}"#)).unwrap_err();
        assert_eq!(err.path, "expires_in", "{bad}");
    }
    // The stored form is held to the same bound.
    let stored: AccessToken = serde_json::from_str(&format!(
        r#"{{"access_token":"a","token_type":"Bearer","expires_in":{},"expires_at":"2026-03-01T12:00:00Z"}}"#,
        u64::MAX
    ))
    .unwrap();
    assert_eq!(stored.expires_in, MAX_TOKEN_LIFETIME);
}

#[test]
fn a_scope_with_control_or_bidi_characters_is_a_decode_error() {
    for scope in [
        "identify\\u0000",
        "identify\\u0007guilds",
        "identify \\u202Eguilds",
        "\\u2066identify",
        "identify\\u200F",
        "ident\\\\ify",
        "ident\\\"ify",
    ] {
        let err = token(&format!(
            r#"{{"access_token": "a", "expires_in": 60, "scope": "{scope}"}}"#
        ))
        .unwrap_err();
        assert_eq!(err.what, "token");
        assert_eq!(err.path, "scope", "{scope}");
        assert!(
            err.reason.starts_with(
                "invalid scope: may only hold printable ASCII other than space, double quote and backslash (RFC 6749 §3.3) at line 1 column "
            ),
            "{}",
            err.reason
        );
    }
    // Tabs and newlines separate scopes, as spaces do.
    let ok =
        token(r#"{"access_token": "a", "expires_in": 60, "scope": "identify\tguilds\n"}"#).unwrap();
    assert_eq!(ok.scopes, Scopes::from([Scope::Identify, Scope::Guilds]));
}

// --- scopes from the caller --------------------------------------------------

#[test]
fn a_scope_is_one_valid_name() {
    assert_eq!(
        invalid(Scope::parse("").unwrap_err().into()).reason,
        "is empty"
    );
    assert_eq!(
        Scope::parse("identify guilds").unwrap_err().to_string(),
        "invalid scope: holds a space, which separates two scopes; use `Scopes::parse` for a list"
    );
    assert!("identify\u{0}".parse::<Scope>().is_err());
    assert!(Scope::try_from("identify\u{202A}").is_err());
    assert!(Scope::try_from(String::from("\u{2069}")).is_err());
    assert_eq!(Scope::parse("guilds.join").unwrap(), Scope::GuildsJoin);
    assert_eq!(
        Scope::parse("future.scope").unwrap().to_string(),
        "future.scope"
    );
    assert_eq!(
        Scopes::parse("identify guilds").unwrap(),
        Scopes::from([Scope::Identify, Scope::Guilds])
    );
    assert!(Scopes::parse("identify gu\u{200E}ilds").is_err());
    assert!(serde_json::from_str::<Scope>(r#""""#).is_err());
    assert!(serde_json::from_str::<Scopes>(r#"["identify guilds"]"#).is_err());
}

// --- PKCE verifiers from the caller ----------------------------------------

#[test]
fn every_way_to_make_a_verifier_checks_it() {
    assert_eq!(
        PkceVerifier::new("short").unwrap_err().to_string(),
        "invalid code_verifier: must be 43 to 128 characters, not 5"
    );
    assert_eq!(
        PkceVerifier::new(format!("{}+", "a".repeat(43)))
            .unwrap_err()
            .to_string(),
        "invalid code_verifier: may only contain A-Z, a-z, 0-9, '-', '.', '_' and '~'"
    );
    assert!(PkceVerifier::new("a".repeat(129)).is_err());
    assert!(serde_json::from_str::<PkceVerifier>(r#""short""#).is_err());
    assert_eq!(PkceVerifier::new(VERIFIER).unwrap().secret(), VERIFIER);
    assert_eq!(
        serde_json::from_str::<PkceVerifier>(&format!("\"{VERIFIER}\"")).unwrap(),
        PkceVerifier::parse(VERIFIER).unwrap()
    );
}

// --- snowflake 0 on requests ------------------------------------------------

#[test]
fn snowflake_zero_is_refused_before_sending() {
    let client = confidential();
    let bot = BotToken::new("bot");
    let bearer = BearerToken::new("tok");
    let err = client
        .add_guild_member(&bot, GuildId::new(0), UserId::new(2), &bearer)
        .into_parts()
        .unwrap_err();
    assert_eq!(
        invalid(err),
        InvalidInput::new("guild_id", "is 0, which is not a snowflake of any object")
    );
    let err = client
        .add_guild_member(&bot, GuildId::new(1), UserId::new(0), &bearer)
        .into_parts()
        .unwrap_err();
    assert_eq!(invalid(err).field, "user_id");
    let err = client
        .add_guild_member(&bot, GuildId::new(1), UserId::new(2), &bearer)
        .roles([RoleId::new(3), RoleId::new(0)])
        .into_parts()
        .unwrap_err();
    assert_eq!(invalid(err).field, "roles");
    let err = client
        .current_user_guild_member(&bearer, GuildId::new(0))
        .into_parts()
        .unwrap_err();
    assert_eq!(invalid(err).field, "guild_id");
    // Real ids pass.
    assert!(
        client
            .add_guild_member(&bot, GuildId::new(1), UserId::new(2), &bearer)
            .into_parts()
            .is_ok()
    );
}

// --- client authentication at the token endpoint ----------------------------

#[test]
fn a_code_exchange_without_any_client_authentication_is_refused() {
    let err = public().exchange_code("code").into_parts().unwrap_err();
    assert_eq!(
        invalid(err),
        InvalidInput::new(
            "code_verifier",
            "is required when the client has no secret (a public client must use PKCE)"
        )
    );
    // With PKCE, a public client sends its id and the verifier, and no Basic header.
    let (body, has_authorization) = body_of(
        public()
            .exchange_code("code")
            .pkce_verifier(PkceVerifier::new(VERIFIER).unwrap()),
    );
    assert_eq!(
        body,
        format!(
            "grant_type=authorization_code&code=code&redirect_uri=https%3A%2F%2Fnicememe.website%2Fcallback&code_verifier={VERIFIER}&client_id=157730590492196864"
        )
    );
    assert!(!has_authorization);
    // A confidential client authenticates with its secret, with or without PKCE.
    let (_, has_authorization) = body_of(confidential().exchange_code("code"));
    assert!(has_authorization);
}

#[test]
fn a_public_client_refreshes_with_its_id_in_the_body() {
    let (body, has_authorization) = body_of(public().refresh_token(&RefreshToken::new("r1")));
    assert_eq!(
        body,
        "grant_type=refresh_token&refresh_token=r1&client_id=157730590492196864"
    );
    assert!(!has_authorization);
}

// --- bases with credentials --------------------------------------------------

#[test]
fn bases_with_credentials_are_refused_at_build() {
    for (field, base) in [
        ("api_base", "https://user:hunter2@discord.com/api/v10"),
        ("api_base", "http://hunter2@127.0.0.1:9/api/v10"),
        (
            "authorize_url",
            "https://user:hunter2@discord.com/oauth2/authorize",
        ),
    ] {
        let builder = Client::builder(1);
        let builder = if field == "api_base" {
            builder.api_base(base)
        } else {
            builder.authorize_url(base)
        };
        let err = invalid(builder.build().unwrap_err());
        assert_eq!(err.field, field);
        assert_eq!(err.reason, "must not carry credentials (user:password@)");
        assert!(!err.to_string().contains("hunter2"));
    }
}
