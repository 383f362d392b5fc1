//! The authorization redirect's parsers: the code grant's query and the
//! implicit grant's fragment, on arbitrary text.
#![no_main]

use disco_oauth2::CsrfState;
use disco_oauth2::authorize::{AuthorizationCallback, ImplicitGrant};
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
    if let Ok(grant) = ImplicitGrant::parse(text, chrono::DateTime::UNIX_EPOCH) {
        assert!(!grant.token.access_token.secret().is_empty());
        let _ = grant.verify_state(&state);
    }
});
