//! The authorization redirect's parsers: the code grant's query (as a URL,
//! and as the raw query a web framework extracts) and the implicit grant's
//! fragment, on arbitrary text.
#![no_main]

use disco_oauth2::authorize::{
    AuthorizationCallback, CallbackQuery, DISCORD_ISSUER, ImplicitGrant,
};
use disco_oauth2::{CsrfState, Error};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let state = CsrfState::new("state");
    if let Ok(callback) = AuthorizationCallback::parse(text) {
        assert!(!callback.code.secret().is_empty());
        let _ = callback.verify_state(&state);
    }
    match AuthorizationCallback::parse_verified_with_issuer(text, &state, DISCORD_ISSUER) {
        Ok(callback) => {
            assert!(!callback.code.secret().is_empty());
            assert_eq!(
                callback.state.as_ref().map(CsrfState::secret),
                Some("state")
            );
            assert!(
                callback
                    .issuer
                    .as_deref()
                    .is_none_or(|iss| iss == DISCORD_ISSUER)
            );
        }
        // The state is checked before anything the redirect claims.
        Err(Error::OAuth2(_)) => {
            let query =
                CallbackQuery::parse(text).expect("an OAuth2 error comes from a parsed query");
            assert!(query.verify(&state).is_err());
        }
        Err(_) => {}
    }
    if let Ok(grant) = ImplicitGrant::parse(text, chrono::DateTime::UNIX_EPOCH) {
        assert!(!grant.token.access_token.secret().is_empty());
        let _ = grant.verify_state(&state);
    }
});
