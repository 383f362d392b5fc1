#![no_main]

#[path = "common.rs"]
mod common;

use chrono::{DateTime, Utc};
use disco_oauth2::model::{AccessToken, MAX_TOKEN_LIFETIME};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The token endpoint's body, as the core parses it.
    if let Ok(token) = AccessToken::from_response_body(data, DateTime::<Utc>::UNIX_EPOCH) {
        assert!(token.expires_at >= DateTime::<Utc>::UNIX_EPOCH);
        // No token lives longer than the clamp, and every one can be sent.
        assert!(token.expires_in <= MAX_TOKEN_LIFETIME);
        assert!(token.expires_at <= DateTime::<Utc>::UNIX_EPOCH + MAX_TOKEN_LIFETIME);
        let access = token.access_token.secret();
        assert!(!access.is_empty() && access.bytes().all(|b| b.is_ascii_graphic()));
        assert!(
            token
                .scopes
                .iter()
                .all(|s| s.as_str().bytes().all(|b| b.is_ascii_graphic()))
        );
        let json = serde_json::to_string(&token).expect("a token serializes");
        let again: AccessToken = serde_json::from_str(&json).expect("a stored token parses");
        assert_eq!(again, token);
    }
    // The persisted form.
    common::round_trip::<AccessToken>(data);
});
