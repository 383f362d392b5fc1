//! ID token verification on arbitrary tokens: every input is verified
//! claims or a typed error, never a panic; nothing unsigned ever verifies.
#![no_main]

#[path = "common.rs"]
mod common;

use disco_oauth2::model::IdTokenClaims;
use disco_oauth2::oidc::{IdTokenVerifier, Jwk, Jwks};
use disco_oauth2::{IdToken, Nonce};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // A 2048-bit modulus nobody holds the key to: no input can verify.
    let keys = Jwks::new(vec![Jwk {
        kid: Some("k1".into()),
        n: vec![0xc5; 256],
        e: vec![1, 0, 1],
    }]);
    let verifier = IdTokenVerifier::new(157730590492196864u64).nonce(Nonce::new("n"));
    let now = chrono::DateTime::UNIX_EPOCH;
    assert!(
        verifier
            .verify(&IdToken::new(text.as_ref()), &keys, now)
            .is_err()
    );
    // The claims parser on its own, and its persisted form.
    let _ = serde_json::from_slice::<IdTokenClaims>(data);
    common::round_trip::<IdTokenClaims>(data);
});
