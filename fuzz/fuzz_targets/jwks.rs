//! The key-set parser and its operation on arbitrary bodies.
#![no_main]

#[path = "responses.rs"]
mod responses;

use disco_oauth2::oidc::Jwks;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(keys) = Jwks::from_slice(data) {
        assert!(keys.len() <= Jwks::MAX_KEYS);
        for key in keys.keys() {
            assert!(key.n.len() <= 8192 / 8 + 8 && !key.e.is_empty());
        }
    }
    responses::respond(responses::client().fetch_jwks(), data);
});
