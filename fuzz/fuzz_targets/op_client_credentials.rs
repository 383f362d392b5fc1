//! The `client_credentials` operation's response parser, on arbitrary statuses and bodies.
#![no_main]

#[path = "responses.rs"]
mod responses;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let client = responses::client();
    let token = disco_oauth2::BearerToken::new("token");
    let _ = &token;
    responses::respond(
        client
            .client_credentials()
            .scopes([disco_oauth2::Scope::Identify]),
        data,
    );
});
