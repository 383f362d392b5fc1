//! The redirect callback: taken by a framework's query extractor, state
//! checked first, and RFC 9207's `iss` checked when present.
#![allow(clippy::unwrap_used)]

use disco_oauth2::authorize::{AuthorizationCallback, CallbackQuery, DISCORD_ISSUER};
use disco_oauth2::{CsrfState, Error, GuildId, InvalidInput, OAuth2ErrorCode};
use serde::Deserialize;

fn state() -> CsrfState {
    CsrfState::new("15773059ghq9183habn")
}

#[test]
fn the_raw_query_deserializes_as_an_extractor_would_and_stays_redacted() {
    let query: CallbackQuery = serde_urlencoded::from_str(
        "code=s3cr3t-code&state=15773059ghq9183habn&guild_id=290926798626357250",
    )
    .unwrap();
    let debug = format!("{query:?}");
    assert!(
        !debug.contains("s3cr3t-code") && !debug.contains("15773059ghq9183habn"),
        "{debug}"
    );
    let callback = query.verify(&state()).unwrap();
    assert_eq!(callback.code.secret(), "s3cr3t-code");
    assert_eq!(callback.guild_id, Some(GuildId::new(290926798626357250)));
    assert_eq!(callback.issuer, None);
    assert!(!format!("{callback:?}").contains("s3cr3t-code"));

    // Inside a bigger query struct, as an app's own extractor type may hold it.
    #[derive(Deserialize)]
    struct AppQuery {
        #[serde(flatten)]
        callback: CallbackQuery,
    }
    let app: AppQuery = serde_urlencoded::from_str("code=c&state=15773059ghq9183habn").unwrap();
    assert_eq!(app.callback.verify(&state()).unwrap().code.secret(), "c");
}

#[test]
fn the_state_is_checked_before_anything_the_redirect_claims() {
    let forged = CallbackQuery::parse("error=access_denied&state=forged").unwrap();
    assert_eq!(forged.verify(&state()).unwrap_err(), Error::StateMismatch);
    let forged =
        CallbackQuery::parse("error=access_denied&iss=https%3A%2F%2Fevil.example").unwrap();
    assert_eq!(
        forged
            .verify_with_issuer(&state(), DISCORD_ISSUER)
            .unwrap_err(),
        Error::StateMismatch
    );
    let denied = CallbackQuery::parse("error=access_denied&state=15773059ghq9183habn").unwrap();
    assert!(
        matches!(denied.verify(&state()), Err(Error::OAuth2(e)) if e.code == OAuth2ErrorCode::AccessDenied)
    );
}

#[test]
fn iss_is_read_and_checked_when_present() {
    let ok = AuthorizationCallback::parse_verified_with_issuer(
        "https://nicememe.website/?code=c&state=15773059ghq9183habn&iss=https%3A%2F%2Fdiscord.com",
        &state(),
        DISCORD_ISSUER,
    )
    .unwrap();
    assert_eq!(ok.issuer.as_deref(), Some("https://discord.com"));

    let mixed_up_issuers = [
        "https://evil.example",
        "https://discord.com/",
        "https://DISCORD.com",
        "http://discord.com",
        "",
    ];
    for iss in mixed_up_issuers {
        let query = format!("code=c&state=15773059ghq9183habn&iss={}", percent(iss));
        let err =
            AuthorizationCallback::parse_verified_with_issuer(&query, &state(), DISCORD_ISSUER)
                .unwrap_err();
        assert_eq!(
            err,
            Error::InvalidInput(InvalidInput::new(
                "iss",
                "is not the issuer the authorization request was sent to (RFC 9207 mix-up defence)"
            )),
            "{iss}"
        );
    }
    // An error redirect from another issuer is refused as a mix-up, not reported as that error.
    let err = AuthorizationCallback::parse_verified_with_issuer(
        "error=access_denied&state=15773059ghq9183habn&iss=https%3A%2F%2Fevil.example",
        &state(),
        DISCORD_ISSUER,
    )
    .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(e) if e.field == "iss"));

    // Absent: not an error, and reported as `None`.
    let absent = AuthorizationCallback::parse_verified_with_issuer(
        "code=c&state=15773059ghq9183habn",
        &state(),
        DISCORD_ISSUER,
    )
    .unwrap();
    assert_eq!(absent.issuer, None);
    // Without an expected issuer it is only reported.
    let reported =
        AuthorizationCallback::parse_verified("code=c&state=15773059ghq9183habn&iss=x", &state())
            .unwrap();
    assert_eq!(reported.issuer.as_deref(), Some("x"));
    // Twice is refused, like every other parameter.
    assert!(matches!(
        CallbackQuery::parse("code=c&iss=a&iss=b"),
        Err(Error::InvalidInput(e)) if e.field == "callback"
    ));
}

fn percent(value: &str) -> String {
    serde_urlencoded::to_string([("v", value)]).unwrap()[2..].to_owned()
}
