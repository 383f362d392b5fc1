//! The userinfo response on arbitrary bodies and statuses: the claims
//! parse to a user id and kept claims, or a typed error.
#![no_main]

#[path = "common.rs"]
mod common;
#[path = "responses.rs"]
mod responses;

use disco_oauth2::BearerToken;
use disco_oauth2::oidc::UserInfo;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::round_trip::<UserInfo>(data);
    responses::respond(responses::client().userinfo(&BearerToken::new("t")), data);
});
