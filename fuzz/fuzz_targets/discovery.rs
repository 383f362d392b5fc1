//! The OpenID Connect discovery document on arbitrary bodies and statuses.
#![no_main]

#[path = "common.rs"]
mod common;
#[path = "responses.rs"]
mod responses;

use disco_oauth2::oidc::DiscoveryDocument;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::round_trip::<DiscoveryDocument>(data);
    responses::respond(responses::client().discovery_document(), data);
});
